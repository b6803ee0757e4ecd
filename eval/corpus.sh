#!/usr/bin/env bash
# Corpus run: transportvet -json over every package of every corpus module
# (eval/modules.txt, pinned in eval/corpus/go.mod), then per-analyzer and
# per-module counts and every finding in eval/results/findings.{md,json}.
#
#	eval/corpus.sh               # all modules
#	eval/corpus.sh MODULE...     # only these module paths
#
# Raw driver output: eval/results/raw/corpus/<module>.{json,stderr,rc}.
# Exits 1 if an analyzer crashed or returned an error (the findings are
# written all the same).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build_drivers
raw=$RESULTS/raw/corpus
rm -rf "$raw"
run_corpus "$raw" "$@"

"$BIN/tvreport" findings -modules "$EVAL/modules.txt" -o "$RESULTS/findings" \
	-title "transportvet corpus findings (commit $(commit_info), run $(date -u +%Y-%m-%dT%H:%MZ))" "$raw"/*.json
for f in "$raw"/*.rc; do
	if [ "$(cat "$f")" != 0 ]; then
		log "$(basename "$f" .rc): exit $(cat "$f"); first lines of its stderr:"
		head -5 "${f%.rc}.stderr" >&2
	fi
done
stderrs=()
for f in "$raw"/*.stderr; do stderrs+=(-stderr "$f"); done
"$BIN/tvreport" errors "${stderrs[@]}" "$raw"/*.json
