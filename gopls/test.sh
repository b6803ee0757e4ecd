#!/usr/bin/env bash
# Tests of gopls with transportvet's analyzers, run by .ci/run: builds it
# (build.sh), then runs the unit tests of suite/ and integration/ against
# it: gopls check and gopls codeaction on test modules, compared with the
# standalone transportvet, and a headless Neovim attached to it over LSP.
#
# The Neovim test needs the Debian package neovim (0.7.2 or later); .ci/run
# installs it. Under CI (CI set) a missing nvim fails the test; elsewhere
# the test is skipped. The Emacs test runs only where Emacs and eglot are
# installed (Debian: emacs-nox and elpa-eglot), which .ci/run does not do.
#
# The first build on a machine compiles all of gopls (about three minutes
# on two cores); later ones reuse GOCACHE and GOMODCACHE and only relink.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

echo "--- gopls/build.sh"
bash "$here/build.sh" "$here/bin/gopls"

echo "--- go test ./suite/ ./integration/ (in gopls/)"
cd "$here"
need_nvim=
if [ -n "${CI:-}" ]; then need_nvim=1; fi
GOPLS="$here/bin/gopls" TRANSPORTVET_NEED_NVIM=$need_nvim go test -count=1 -timeout 20m ./suite/ ./integration/
