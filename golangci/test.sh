#!/usr/bin/env bash
# Integration test of the custom golangci-lint build, run by .ci/run: builds
# golangci-lint v2.15.0 with the transportvet plugin (build.sh), then runs
# integration/ against it on copies of examples/ and of the suppress package
# of e2e/testdata/mod/.
#
# The first build on a machine compiles all of golangci-lint (minutes on two
# cores); later ones reuse GOCACHE and GOMODCACHE and only relink.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

echo "--- golangci/build.sh"
bash "$here/build.sh" "$here/bin/golangci-lint"

echo "--- go test ./integration/ (in golangci/)"
cd "$here"
GOLANGCI_LINT="$here/bin/golangci-lint" go test -mod=mod -count=1 -timeout 30m ./integration/
