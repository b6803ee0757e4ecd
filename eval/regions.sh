#!/usr/bin/env bash
# Retry-region recognition against hand-read ground truth: runs
# `transportvet -retry -retry.explain` on the corpus packages that hold a
# loop of the ground truth, then `tvreport regions` writes, for each
# location the ground truth names, what -explain said there and a verdict
# (ok, MISS, FALSE REGION), and the totals, to eval/results/regions.{md,json}.
#
#	eval/regions.sh
#
# Ground truth: $TRUTH (default shared/corpus/retry-loops.md, next to this
# repository) and eval/new-retry-loops.md. Raw driver output:
# eval/results/raw/regions/regions.{json,stderr,rc}; the packages run:
# packages.txt there. Exits 1 if an analyzer crashed or returned an error
# (the report is written all the same).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

TRUTH=${TRUTH:-$ROOT/../shared/corpus/retry-loops.md}
for f in "$TRUTH" "$EVAL/new-retry-loops.md"; do
	[ -r "$f" ] || { echo "regions.sh: ground truth $f not found (set TRUTH)" >&2; exit 2; }
done
truth=(-modules "$EVAL/modules.txt" -truth "$TRUTH" -truth "$EVAL/new-retry-loops.md")

build_drivers
raw=$RESULTS/raw/regions
rm -rf "$raw"
mkdir -p "$raw"

# The packages of the ground-truth locations that are corpus packages
# (the others are reported as "package not in the run").
want=$("$BIN/tvreport" regions "${truth[@]}" -modcache "$GOMODCACHE" -packages)
corpus_packages >"$raw/corpus-packages.txt"
printf '%s\n' "$want" | grep -xF -f "$raw/corpus-packages.txt" >"$raw/packages.txt" || true
pkgs=$(cat "$raw/packages.txt")
for p in $(printf '%s\n' "$want" | grep -vxF -f "$raw/corpus-packages.txt" || true); do
	log "not a corpus package, not run: $p"
done
log "transportvet -retry -retry.explain -json on $(grep -c . "$raw/packages.txt") packages"
t0=$SECONDS
run_tv "$raw/regions" "$CORPUS" -retry -retry.explain $pkgs
log "  exit $(cat "$raw/regions.rc") in $((SECONDS - t0))s"

"$BIN/tvreport" regions "${truth[@]}" -modcache "$GOMODCACHE" -ran "$raw/packages.txt" -o "$RESULTS/regions" \
	-title "transportvet retry-region recognition (commit $(commit_info), run $(date -u +%Y-%m-%dT%H:%MZ))" "$raw/regions.json"
if [ "$(cat "$raw/regions.rc")" != 0 ]; then
	log "exit $(cat "$raw/regions.rc"); first lines of its stderr:"
	head -5 "$raw/regions.stderr" >&2
fi
"$BIN/tvreport" errors -stderr "$raw/regions.stderr" "$raw/regions.json"
