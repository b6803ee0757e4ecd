#!/usr/bin/env bash
# Builds golangci-lint v2.15.0 with the transportvet module plugin, from the
# Go module proxy alone: no git clone, unlike "golangci-lint custom".
#
# Usage: golangci/build.sh [OUTPUT]    (default: golangci/bin/golangci-lint)
#
# It builds the small main module beside this script, which requires
# golangci-lint and takes transportvet from this checkout (replace => ../).
# Module downloads and compiled packages go to the usual GOMODCACHE and
# GOCACHE, so a second build only relinks.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-$here/bin/golangci-lint}
case $out in /*) ;; *) out=$PWD/$out ;; esac

# golangci-lint salts its result cache with its version, so the version
# names the plugin's sources: a hash of every file that goes into the binary.
sources_hash() {
	cd "$root"
	find . \( -name .git -o -name testdata -o -path ./examples -o -path ./e2e -o -path ./eval -o -path ./golangci/bin \) -prune -o \
		-type f \( -name '*.go' ! -name '*_test.go' -o -name go.mod -o -name go.sum \) -print |
		LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12
}
version="2.15.0-custom-gcl-transportvet.$(sources_hash)"

cd "$here"
start=$(date +%s)
# -mod=mod: go.sum gains the entries of any dependency that transportvet
# added since go.sum was last tidied, rather than failing the build.
go build -mod=mod \
	-ldflags "-s -w -X 'main.version=$version' -X 'main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)'" \
	-o "$out" .
echo "built $out ($version) in $(($(date +%s) - start))s" >&2
