#!/usr/bin/env bash
# Crash-freedom: every transportvet analyzer over the standard library
# (with its tests) and over every package of the corpus. Fails if the
# driver panics or an analyzer returns an error. Errors of the analyzed
# code itself (packages that do not load or type-check) are listed apart
# and do not fail the run, but std and the pinned corpus have none.
#
#	eval/crash.sh            # std + the whole corpus (slow: tens of minutes)
#	eval/crash.sh -smoke     # net/... + go-retryablehttp (what .ci/run runs)
#	eval/crash.sh -std       # std only (corpus.sh checks the corpus the same way)
#
# Raw driver output: eval/results/raw/crash/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

mode=${1:-all}

build_drivers
raw=$RESULTS/raw/crash
rm -rf "$raw"
mkdir -p "$raw"
# Report mode keeps results in a cache: start from an empty one, so that
# every package is analyzed by this run.
export TRANSPORTVET_CACHE=$raw/cache

case $mode in
-smoke)
	log "transportvet -json net/..."
	run_tv "$raw/std" "$CORPUS" net/...
	run_corpus "$raw" github.com/hashicorp/go-retryablehttp
	;;
-std | all)
	log "transportvet -json std"
	t0=$SECONDS
	run_tv "$raw/std" "$CORPUS" std
	log "  exit $(cat "$raw/std.rc") in $((SECONDS - t0))s"
	if [ "$mode" = all ]; then
		run_corpus "$raw"
	fi
	;;
*)
	echo "usage: eval/crash.sh [-smoke | -std]" >&2
	exit 2
	;;
esac

status=0
for f in "$raw"/*.rc; do
	rc=$(cat "$f")
	case $rc in
	0) ;;
	1)
		# The standard driver exits 1 with -json only when packages do not
		# load: an error of the analyzed code, printed as file:line: msg.
		log "$(basename "$f" .rc): exit 1: packages with load or type errors (not an analyzer failure):"
		head -20 "${f%.rc}.stderr" >&2
		;;
	*)
		log "$(basename "$f" .rc): exit $rc: the driver failed"
		status=1
		;;
	esac
done
stderrs=()
for f in "$raw"/*.stderr; do stderrs+=(-stderr "$f"); done
"$BIN/tvreport" errors "${stderrs[@]}" "$raw"/*.json || status=1
if [ $status = 0 ]; then
	echo "crash-freedom: ok ($(ls "$raw"/*.json | wc -l) runs, commit $(commit_info))"
else
	echo "crash-freedom: FAIL (commit $(commit_info))"
fi
exit $status
