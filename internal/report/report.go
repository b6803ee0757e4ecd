// Package report is how every transportvet analyzer reports a diagnostic.
//
// It applies the suite's conventions in one place, so that they hold under
// every driver (transportvet standalone, go vet -vettool, golangci-lint,
// nogo):
//
//   - Generated files (ast.IsGenerated) are never reported.
//   - A comment //transportvet:ignore CHECK[,CHECK...] REASON on the line of a
//     diagnostic, or alone on the line above it, silences the named checks
//     there. A directive without a reason silences nothing and is itself
//     reported by the check it names, as staticcheck does for //lint:ignore.
//     A name that is not a check ("unknown check NAME") is reported by the
//     check whose name is nearest to it. Every check reports them through
//     Directives, the first thing its Run does, so a bad directive is
//     reported in every package that its check runs on, whatever the
//     package imports and whichever other checks run: once for each check
//     it names (or, for an unknown name, once) when all checks run, and not
//     at all when those checks do not run. New reports nothing.
//   - Every message ends with the check's name in parentheses, e.g.
//     "grpc.Dial is deprecated: use grpc.NewClient (dispatcher)", so the check
//     survives output formats that drop the analyzer name; but not under a
//     driver that names the analyzer of each finding itself (golangci-lint),
//     whose plugin calls DriverNamesChecks, so that the name shows once.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"iter"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"

	"golang.org/x/tools/go/analysis"
)

// Directive is the comment prefix that silences a check.
const Directive = "//transportvet:ignore"

// Checks are the names of the suite's checks, which a directive may name.
// analyzer's tests keep it equal to analyzer.Checks, which this package
// cannot import.
var Checks = []string{"dispatcher", "retryidempotency", "retrybody", "retrystorm", "transportclose"}

// A Reporter reports the diagnostics of one pass. Make one per pass with New;
// it holds no state shared between passes.
type Reporter struct {
	pass  *analysis.Pass
	check string
	// generated holds the files that ast.IsGenerated says are generated.
	generated map[*token.File]bool
	// cgo holds cmd/cgo's rewrites of hand-written files.
	cgo map[*token.File]bool
	// ignored maps a file and line to the ignore directives that apply there.
	ignored map[lineKey]bool
}

type lineKey struct {
	file *token.File
	line int
}

// New returns a Reporter for pass. It indexes the pass's generated files and
// the ignore directives that name this pass's analyzer and give a reason.
// It reports nothing: the directives that silence nothing are Directives'
// to report.
func New(pass *analysis.Pass) *Reporter {
	r := &Reporter{pass: pass, check: pass.Analyzer.Name}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		if cgoProcessed(pass.Fset, f) {
			if r.cgo == nil {
				r.cgo = make(map[*token.File]bool)
			}
			r.cgo[tf] = true
		} else if ast.IsGenerated(f) {
			if r.generated == nil {
				r.generated = make(map[*token.File]bool)
			}
			r.generated[tf] = true
		}
	}
	for d := range directives(pass) {
		if !slices.Contains(d.names, r.check) || d.reason == "" {
			continue
		}
		line := d.tf.Line(d.c.Pos())
		if r.ignored == nil {
			r.ignored = make(map[lineKey]bool)
		}
		r.ignored[lineKey{d.tf, line}] = true
		// A directive alone on its line also covers the next line. A
		// directive that trails code covers only its own line.
		if r.alone(d.tf, d.f, d.c) {
			r.ignored[lineKey{d.tf, line + 1}] = true
		}
	}
	return r
}

// Directives reports the ignore directives in pass's files that silence
// nothing and that are pass's check to report: those that name it but give
// no reason, and the names in them that are no check and whose nearest
// check (by edit distance, without regard to case; the first of Checks on
// a tie) is this one. It reports them in the order of pass.Files and of the
// comments in each, for each directive its unknown names first.
//
// Every check calls it first thing in its Run, before it looks at what the
// package imports, so that whether a directive is reported depends only on
// which checks run on the package; TestDirectives in package analyzer holds
// every check of the suite to that. The message ends with the check's name
// as Message makes it.
func Directives(pass *analysis.Pass) {
	check := pass.Analyzer.Name
	r := &Reporter{pass: pass, check: check}
	for d := range directives(pass) {
		for _, name := range d.names {
			if name != check && !slices.Contains(Checks, name) && nearest(name, check) == check {
				pass.Report(analysis.Diagnostic{
					Pos:     d.c.Pos(),
					End:     d.c.End(),
					Message: r.Message(unknownCheck(name, check)),
				})
			}
		}
		if d.reason == "" && slices.Contains(d.names, check) {
			pass.Report(analysis.Diagnostic{
				Pos:     d.c.Pos(),
				End:     d.c.End(),
				Message: r.Message(fmt.Sprintf("%s directive has no reason: it silences nothing until it says why the finding does not apply, e.g. %s %s REASON", Directive, Directive, check)),
			})
		}
	}
}

// A directive is an ignore directive: comment c of file f.
type directive struct {
	tf *token.File
	f  *ast.File
	c  *ast.Comment
	// names are the words of its list of checks that could name a check
	// (isName), known or not.
	names []string
	// reason is the rest of the directive after the list, or "".
	reason string
}

// directives yields the ignore directives of pass's files, but not of
// generated files (cgo's rewrites of hand-written files are not generated).
// A comment that starts with Directive but not as a word of its own
// (//transportvet:ignorefoo), or names nothing, is not a directive.
func directives(pass *analysis.Pass) iter.Seq[directive] {
	return func(yield func(directive) bool) {
		for _, f := range pass.Files {
			tf := pass.Fset.File(f.FileStart)
			if tf == nil || !cgoProcessed(pass.Fset, f) && ast.IsGenerated(f) {
				continue
			}
			for _, cg := range f.Comments {
				for _, c := range cg.List {
					d, ok := parseDirective(c.Text)
					if !ok {
						continue
					}
					d.tf, d.f, d.c = tf, f, c
					if !yield(d) {
						return
					}
				}
			}
		}
	}
}

// parseDirective parses the text of a comment that may be an ignore
// directive.
func parseDirective(text string) (directive, bool) {
	rest, ok := strings.CutPrefix(text, Directive)
	if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return directive{}, false // e.g. //transportvet:ignorefoo
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return directive{}, false
	}
	var d directive
	for _, name := range strings.Split(fields[0], ",") {
		// Not a name at all, e.g. "//transportvet:ignore // TODO", is
		// left out.
		if isName(name) {
			d.names = append(d.names, name)
		}
	}
	if len(fields) > 1 {
		d.reason = strings.Join(fields[1:], " ")
	}
	return d, true
}

// nearest returns the check whose name is nearest to name, by edit
// distance without regard to case: the first at the least distance of
// Checks and check (which a test analyzer, not one of Checks, may be).
func nearest(name, check string) string {
	best, bestDist := "", -1
	for _, check := range slices.Concat(Checks, []string{check}) {
		if d := editDistance(strings.ToLower(name), strings.ToLower(check)); bestDist < 0 || d < bestDist {
			best, bestDist = check, d
		}
	}
	return best
}

// isName reports whether s could name a check: letters, digits and _.
func isName(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	}) < 0
}

// unknownCheck is the message for a directive naming unknown check name,
// nearest to check.
func unknownCheck(name, check string) string {
	msg := fmt.Sprintf("unknown check %s in %s: it silences nothing", name, Directive)
	if d := editDistance(strings.ToLower(name), strings.ToLower(check)); d <= max(2, len(check)/3) {
		return msg + "; did you mean " + check + "?"
	}
	return msg + "; the checks are " + strings.Join(Checks, ", ")
}

// editDistance returns the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// alone reports whether comment c is the first thing on its line. It reads
// the file through Pass.ReadFile, which happens only for files that hold a
// directive. A driver may leave ReadFile nil (its documentation says "if
// provided"), or fail to read the file; then the parsed file decides.
func (r *Reporter) alone(tf *token.File, f *ast.File, c *ast.Comment) bool {
	if r.pass.ReadFile != nil {
		if src, err := r.pass.ReadFile(tf.Name()); err == nil {
			off := tf.Offset(c.Pos())
			lineStart := tf.Offset(tf.LineStart(tf.Line(c.Pos())))
			if off <= len(src) && lineStart <= off {
				return strings.TrimSpace(string(src[lineStart:off])) == ""
			}
		}
	}
	return !codeBefore(tf, f, c)
}

// codeBefore reports whether syntax other than comments ends on c's line
// before c, as the last identifier, literal, bracket or type of code that c
// trails does. It misses a line whose only code is a keyword or an opening
// brace (default:, var ( ), which it takes for a line of its own.
func codeBefore(tf *token.File, f *ast.File, c *ast.Comment) bool {
	line := tf.Line(c.Pos())
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		switch n.(type) {
		case *ast.Comment, *ast.CommentGroup:
			return false
		}
		if n.Pos() >= c.Pos() {
			return false // n and its children start after c
		}
		if n.End() <= c.Pos() {
			if tf.Line(n.End()) == line {
				found = true
			}
			return false // n's children end no later than n
		}
		return true // n encloses c: look inside
	})
	return found
}

// Report reports d, unless it lies in a generated file or under an ignore
// directive for this check. It appends the check's name to the message.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if tf := r.pass.Fset.File(d.Pos); tf != nil {
		if r.generated[tf] {
			return
		}
		if r.ignored[lineKey{tf, tf.Line(d.Pos)}] {
			return
		}
		if r.cgo[tf] {
			// Its edits would apply to cgo's output, not to the user's file.
			d.SuggestedFixes = nil
		}
	}
	d.Message = r.Message(d.Message)
	r.pass.Report(d)
}

// Reportf reports a diagnostic spanning rng with a formatted message.
func (r *Reporter) Reportf(rng analysis.Range, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: rng.Pos(), End: rng.End(), Message: fmt.Sprintf(format, args...)})
}

// driverNamesChecks is set by DriverNamesChecks.
var driverNamesChecks atomic.Bool

// DriverNamesChecks says that the driver of this process shows the analyzer
// of each finding itself, as golangci-lint does ("dispatcher: MESSAGE
// (transportvet)"): from then on, Message leaves the check's name out.
func DriverNamesChecks() {
	driverNamesChecks.Store(true)
}

// Message returns msg ending with the check's name in parentheses, or,
// after DriverNamesChecks, without it.
func (r *Reporter) Message(msg string) string {
	suffix := " (" + r.check + ")"
	if driverNamesChecks.Load() {
		return strings.TrimSuffix(msg, suffix)
	}
	if strings.HasSuffix(msg, suffix) {
		return msg
	}
	return msg + suffix
}

// cgoProcessed reports whether f is cmd/cgo's rewrite of a hand-written file
// with import "C", which drivers analyze in place of the original: its
// header is cgo's "Code generated" line, and a //line directive maps its
// package clause back to the original .go file.
func cgoProcessed(fset *token.FileSet, f *ast.File) bool {
	tf := fset.File(f.FileStart)
	if tf == nil {
		return false
	}
	orig := fset.PositionFor(f.Package, true).Filename
	if orig == tf.Name() || !strings.HasSuffix(orig, ".go") {
		return false
	}
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if c.Text == "// Code generated by cmd/cgo; DO NOT EDIT." {
				return true
			}
		}
	}
	return false
}
