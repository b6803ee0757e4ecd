;;; eglot.el --- docs/editors.md's Emacs recipe, run: Emacs (28 or later)
;;; with eglot (Debian: emacs-nox and elpa-eglot), in batch mode, starts the
;;; gopls of build.sh through the recipe's eglot-server-programs entry (with
;;; TRANSPORTVET_FLAGS set by env) and eglot-workspace-configuration (which
;;; turns gopls's rangeint analyzer off), opens a Go file, waits for
;;; transportvet's diagnostics and applies a quick fix through
;;; eglot-code-actions, choosing it by title, then saves the file.
;;;
;;;   emacs --batch -Q -l eglot.el
;;;
;;; Inputs (environment): TV_GOPLS, the gopls binary; TV_FILE, the file to
;;; open (in a git repository: eglot's project is the repository);
;;; TV_FLAGS, TRANSPORTVET_FLAGS for gopls; TV_WANT, checks, comma-separated,
;;; that must report in the file; TV_FIX, the title of the fix to apply.
;;; Exits 0 when all held, 1 otherwise.

(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'cl-lib)
(define-derived-mode go-mode prog-mode "Go") ; stands in for the go-mode package

(defvar tv-file (getenv "TV_FILE"))
(defvar tv-diags nil "The last diagnostics gopls published for TV_FILE.")
(defun tv-log (fmt &rest args) (princ (concat "emacs: " (apply #'format fmt args) "\n")))
(defun tv-fail (fmt &rest args) (apply #'tv-log (concat "FAIL: " fmt) args) (kill-emacs 1))
(defun tv-diag (source) (cl-find source tv-diags :key (lambda (d) (plist-get d :source)) :test #'equal))
(defun tv-wait (seconds pred)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (< (float-time) deadline) (not (funcall pred)))
      (accept-process-output nil 0.2))
    (funcall pred)))

;; The recipe of docs/editors.md.
(add-to-list 'eglot-server-programs
             `((go-mode go-ts-mode)
               . ("env" ,(concat "TRANSPORTVET_FLAGS=" (getenv "TV_FLAGS")) ,(getenv "TV_GOPLS"))))
(setq-default eglot-workspace-configuration
              '(:gopls (:analyses (:rangeint :json-false))))

(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (when (string-suffix-p (file-name-nondirectory tv-file) uri)
    (setq tv-diags (append diagnostics nil))))

(condition-case err
    (progn
      (find-file tv-file)
      (go-mode)
      (apply #'eglot (eglot--guess-contact))
      (flymake-mode 1)
      (let ((want (split-string (getenv "TV_WANT") ",")))
        (tv-wait 90 (lambda () (cl-every #'tv-diag want)))
        (dolist (d tv-diags)
          (tv-log "diagnostic %d:%d [%s] %s"
                  (1+ (plist-get (plist-get (plist-get d :range) :start) :line))
                  (1+ (plist-get (plist-get (plist-get d :range) :start) :character))
                  (plist-get d :source) (plist-get d :message)))
        (dolist (c want)
          (unless (tv-diag c) (tv-fail "no diagnostic of %s within 90 s" c))))
      (when (tv-diag "rangeint")
        (tv-fail "rangeint reported although eglot-workspace-configuration turned it off"))

      ;; eglot-code-actions sends the diagnostics that flymake holds.
      (unless (tv-wait 30 (lambda () (flymake-start) (flymake-diagnostics)))
        (tv-fail "flymake took no diagnostics"))
      (let ((tick (buffer-modified-tick))
            (chosen nil))
        (dolist (d tv-diags)
          (unless chosen
            (let ((start (plist-get (plist-get d :range) :start)))
              (goto-char (point-min))
              (forward-line (plist-get start :line))
              (forward-char (plist-get start :character))
              (let* ((actions (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix"))
                     (titles (mapcar (lambda (a) (plist-get a :title)) actions)))
                (tv-log "quick fixes at %d: %s" (line-number-at-pos) (string-join titles " | "))
                (when (member (getenv "TV_FIX") titles)
                  (setq chosen t)
                  ;; As M-x eglot-code-actions, the menu answered with TV_FIX.
                  (cl-letf (((symbol-function 'completing-read)
                             (lambda (&rest _) (getenv "TV_FIX"))))
                    (let ((last-nonmenu-event 13))
                      (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix" t))))))))
        (unless chosen (tv-fail "no quick fix titled %s" (getenv "TV_FIX")))
        (unless (tv-wait 30 (lambda () (/= tick (buffer-modified-tick))))
          (tv-fail "the quick fix did not change the buffer"))
        (save-buffer)
        (tv-log "applied: %s" (getenv "TV_FIX")))
      (kill-emacs 0))
  (error (tv-fail "%S" err)))
