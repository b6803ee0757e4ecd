#!/usr/bin/env bash
# Scaling: transportvet (a) and the floor driver (b) on growing samples of
# the corpus packages (by default 10%, 25%, 50% and 100%; each sample is
# part of the next, see sampled_packages in lib.sh). If an analyzer's cost
# per package grew with the size of the program, (a - b) CPU per package
# would grow with the sample.
#
#	eval/scale.sh [-n N] [FRACTION...]
#
# -n N rounds per sample and driver (default 1), alternating a and b.
# Writes eval/results/scale.md; raw timings in eval/results/raw/scale/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

n=1
if [ "${1:-}" = -n ]; then
	n=$2
	shift 2
fi
fracs=("$@")
[ ${#fracs[@]} -gt 0 ] || fracs=(0.1 0.25 0.5 1)

need_gnu_time
build_drivers
raw=$RESULTS/raw/scale
rm -rf "$raw"
mkdir -p "$raw"
unset GOFLAGS
export GOWORK=off
start=$(machine_info)
# Both run the one-process driver (-cache=false) where the binary has
# report mode on the cached runner.
onepass=()
if "$TV" help 2>/dev/null | grep -q -- '-cache'; then
	onepass=(-cache=false)
fi

printf 'fraction\tpackages\tlines\tdriver\tround\twall_s\tcpu_s\tmaxrss_kb\texit\n' >"$raw/times.tsv"
for f in "${fracs[@]}"; do
	mapfile -t pkgs < <(sampled_packages "$f")
	# Lines of Go in the sampled packages, tests included.
	lines=$(cd "$CORPUS" && go list -e -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}' "${pkgs[@]}" | grep . | xargs cat | wc -l)
	(cd "$CORPUS" && go list -e -deps -test -export -compiled "${pkgs[@]}" >/dev/null 2>&1) || true # warm cgo
	for round in $(seq 1 "$n"); do
		for d in transportvet floorvet; do
			t=$raw/$d.$f.$round
			exe=$BIN/floorvet
			[ $d = floorvet ] || exe=$TV
			rc=0
			(cd "$CORPUS" && /usr/bin/time -o "$t.time" -f '%e %U %S %M' "$exe" "${onepass[@]}" "${pkgs[@]}") >/dev/null 2>"$t.err" || rc=$?
			read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$t.time")
			cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "${#pkgs[@]}" "$lines" "$d" "$round" "$wall" "$cpu" "$rss" "$rc" >>"$raw/times.tsv"
			log "$f (${#pkgs[@]} packages, $lines lines) $d: ${wall}s wall, ${cpu}s cpu, $((rss / 1024)) MiB, exit $rc"
		done
	done
done

report=$RESULTS/scale.md
{
	echo "# transportvet scaling"
	echo
	echo "- commit: $(commit_info)"
	echo "- run: $(date -u +%Y-%m-%dT%H:%MZ); machine: $start; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- medians of $n round(s); a = transportvet, b = floor driver; CPU = user+sys"
	echo
	echo "| fraction | packages | lines | a wall s | a CPU s | b CPU s | a/b CPU | (a-b) CPU ms per package | (a-b) CPU ms per 1k lines | a MiB | b MiB |"
	echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	for f in "${fracs[@]}"; do
		awk -F'\t' -v f="$f" '
			function med(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
			NR > 1 && $1 == f { p = $2; l = $3
				if ($4 == "transportvet") { aw[++na] = $6; ac[na] = $7; am[na] = $8 } else { bc[++nb] = $7; bm[nb] = $8 } }
			END { A = med(ac, na); B = med(bc, nb)
				printf "| %s | %d | %d | %.1f | %.1f | %.1f | %.2f | %.0f | %.1f | %.0f | %.0f |\n", f, p, l, med(aw, na), A, B, A / B, (A - B) * 1000 / p, (A - B) * 1000 / (l / 1000), med(am, na) / 1024, med(bm, nb) / 1024 }' "$raw/times.tsv"
	done
	echo
	echo '```'
	cat "$raw/times.tsv"
	echo '```'
} >"$report"
cat "$report"
