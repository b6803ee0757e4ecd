#!/usr/bin/env bash
# Report mode on the cached runner against today's one-process driver, on
# the whole corpus: for each corpus module (one process each, as corpus.sh
# runs them), the -json output of
#	base   the driver of BASE_REV (default: where this branch left main),
#	       which analyzes everything in one process (x/tools' checker)
#	cold   transportvet at TV_REV (default HEAD) in report mode, from an
#	       emptied cache (TRANSPORTVET_CACHE=eval/results/raw/cachecmp/cache)
#	warm   the same again, reading that cache
# and tvreport samejson compares base with cold and cold with warm: the
# same packages, errors and findings, fixes included.
#
#	eval/cachecmp.sh [MODULE...]
#	REUSE_BASE=1 eval/cachecmp.sh   # keep the base outputs of the last run
#
# Raw output: eval/results/raw/cachecmp/{base,cold,warm}/<module>.{json,stderr,rc}.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

base_rev=${BASE_REV:-$(git -C "$ROOT" merge-base HEAD main)}
raw=$RESULTS/raw/cachecmp
runs="base cold warm"
if [ "${REUSE_BASE:-}" = 1 ] && [ -d "$raw/base" ]; then
	runs="cold warm"
	rm -rf "$raw/cold" "$raw/warm" "$raw/cache"
else
	rm -rf "$raw"
fi
mkdir -p "$raw"

TV_REV=$base_rev build_drivers
base_tv=$TV
build_drivers
new_tv=$TV
export TRANSPORTVET_CACHE=$raw/cache
mkdir -p "$TRANSPORTVET_CACHE"
unset GOFLAGS
export GOWORK=off

for run in $runs; do
	TV=$new_tv
	[ $run != base ] || TV=$base_tv
	log "$run: $TV"
	t0=$SECONDS
	run_corpus "$raw/$run" "$@"
	log "$run: $((SECONDS - t0))s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done

status=0
pairs=()
for f in "$raw"/base/*.json; do
	m=$(basename "$f" .json)
	for run in cold warm; do
		if [ "$(cat "$raw/base/$m.rc")" != "$(cat "$raw/$run/$m.rc")" ]; then
			log "$m: exit $(cat "$raw/base/$m.rc") (base), $(cat "$raw/$run/$m.rc") ($run)"
			status=1
		fi
	done
	pairs+=("$f" "$raw/cold/$m.json")
done
log "base against cold:"
"$BIN/tvreport" samejson "${pairs[@]}" || status=1
pairs=()
for f in "$raw"/cold/*.json; do pairs+=("$f" "$raw/warm/$(basename "$f")"); done
log "cold against warm:"
"$BIN/tvreport" samejson "${pairs[@]}" || status=1
exit $status
