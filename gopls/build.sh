#!/usr/bin/env bash
# Builds gopls v0.23.0 with transportvet's analyzers among its own, from the
# Go module proxy alone.
#
# Usage: gopls/build.sh [OUTPUT]    (default: gopls/bin/gopls)
#
# gopls cannot load analyzers at run time (golang/go#59869), so this builds
# it with them: the small main module beside this script requires gopls (as
# a tool) and takes transportvet from this checkout (replace => ../). "go mod
# vendor" copies gopls's packages into vendor/, and overlay.json adds one
# file, _overlay/transportvet.go, to vendor/.../gopls/internal/settings/ for
# the build only: the go command accepts an overlay inside vendor/, not
# inside the module cache. Nothing of gopls is edited or forked.
#
# x/tools stays at the version gopls v0.23.0 pins (a replace in go.mod): at
# transportvet's own x/tools, gopls does not compile. So this build is also
# the check that transportvet builds against that version.
#
# gopls v0.23.0 is the newest that builds with Go 1.26 (v0.24.0 needs Go
# 1.27). To move to another gopls: set its version in go.mod, set the
# x/tools replace to the version its go.mod requires, re-read what
# _overlay/transportvet.go says it relies on, and run test.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/bin/gopls}
case $out in /*) ;; *) out=$PWD/$out ;; esac

cd "$here"
start=$(date +%s)
# tidy: go.mod and go.sum gain what transportvet added since they were last
# tidied, rather than failing the build. vendor/ is made anew every time,
# from the module cache, so it never holds a stale copy of transportvet.
go mod tidy
go mod vendor
go build -mod=vendor -overlay overlay.json -o "$out" golang.org/x/tools/gopls
echo "built $out in $(($(date +%s) - start))s" >&2
