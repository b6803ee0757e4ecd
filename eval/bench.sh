#!/usr/bin/env bash
# Speed and memory: on the same corpus packages, in the same run,
# alternating round after round:
#	a  transportvet (standalone driver, all analyzers)
#	b  floorvet: the same driver with one analyzer that only Requires
#	   inspect and declares a fact type (the cost of loading and
#	   type-checking every package from source)
#	c  go vet, its default analyzers, from an emptied build cache
#	d  staticcheck v0.8.2, default checks, from an emptied staticcheck cache
#	e  go vet -vettool=transportvet from an emptied build cache (cold)
#	f  the same again right after e (warm build cache)
#	g  transportvet in report mode on the cached runner (the default since
#	   #17), from an emptied TRANSPORTVET_CACHE (cold)
#	h  the same again right after g (warm: nothing changed)
#	o  transportvet as it was at the commit given by -base (the one-process
#	   driver), run in the same rounds as a: a before/after that the
#	   machine's load drifts over equally
# a and b run the one-process driver (-cache=false) when the binary has
# that flag, so that a stays the measure of the driver before #17.
# a, b and d use the usual build cache, warmed before the first round (they
# compile nothing but cgo, which go list needs); c and e get an emptied
# GOCACHE of their own each round, so they compile every dependency,
# the standard library included. Wall time, CPU time
# (user+sys, children included) and peak RSS (of the largest single process,
# as GNU time reports it) are the medians of N rounds.
#
#	eval/bench.sh [-n N] [-frac F] [-tools "a b c d e f g h o"] [-base REV] [-profile] [-o NAME]
#
# -n N       rounds (default 5)
# -frac F    measure the first F of the corpus packages in a fixed
#            pseudo-random order (default 1: every package)
# -pkgs FILE measure the packages listed in FILE instead (e.g.
#            eval/sample-149.txt, the sample of issue #17)
# -tools     which of a-h and o to run (default a-f)
# -base REV  the commit that o measures (e.g. -tools "o a b" -base 41997f8)
# -profile   also run transportvet and floorvet once each with -cpuprofile
#            and -memprofile and print the top of the profiles
# -o NAME    write eval/results/NAME.md (default bench), raw timings in
#            eval/results/raw/NAME/
# -report    measure nothing: rewrite the report from the rounds already in
#            eval/results/raw/NAME/times.tsv (e.g. of a run stopped early)
#
# Writes eval/results/bench.md; raw timings in eval/results/raw/bench/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

n=5 frac=1 tools="a b c d e f" profile=false name=bench report_only=false pkgfile= base_rev=
while [ $# -gt 0 ]; do
	case $1 in
	-n) n=$2; shift 2 ;;
	-frac) frac=$2; shift 2 ;;
	-pkgs) pkgfile=$2; shift 2 ;;
	-tools) tools=$2; shift 2 ;;
	-base) base_rev=$2; shift 2 ;;
	-profile) profile=true; shift ;;
	-o) name=$2; shift 2 ;;
	-report) report_only=true; shift ;;
	*) echo "usage: eval/bench.sh [-n N] [-frac F] [-tools \"a b c d e f g h o\"] [-base REV] [-profile] [-o NAME]" >&2; exit 2 ;;
	esac
done

need_gnu_time
raw=$RESULTS/raw/$name
if ! $report_only; then
	case " $tools " in
	*" o "*)
		if [ -z "$base_rev" ]; then
			echo "eval/bench.sh: tool o needs -base REV" >&2
			exit 2
		fi
		BASE=$(build_rev "$base_rev")
		BASE_COMMIT=$(git -C "$ROOT" rev-parse --short "$base_rev")
		baseflags=()
		if "$BASE" help 2>/dev/null | grep -q -- '-cache'; then
			baseflags=(-cache=false)
		fi
		;;
	esac
fi
build_drivers
warm=$(go env GOCACHE) cold=$raw/gocache-cold sccache=$raw/staticcheck-cache tvcache=$raw/transportvet-cache
# The one-process driver, where the binary has report mode on the runner.
onepass=()
if "$TV" help 2>/dev/null | grep -q -- '-cache'; then
	onepass=(-cache=false)
fi
unset GOFLAGS
export GOWORK=off

# measure TOOL ROUND CMD...: one timed run in the corpus module.
measure() {
	local tool=$1 round=$2
	shift 2
	local t=$raw/$tool.$round
	local rc=0
	(cd "$CORPUS" && /usr/bin/time -o "$t.time" -f '%e %U %S %M' "$@") >"$t.out" 2>"$t.err" || rc=$?
	# GNU time writes "Command exited with non-zero status N" first.
	read -r wall user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$t.time")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$round" "$wall" "$user" "$sys" "$rss" "$rc" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$raw/times.tsv"
	log "  $tool round $round: ${wall}s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')s cpu, $((rss / 1024)) MiB, exit $rc"
	case $rc in
	0 | 1 | 3) ;; # clean, findings under go vet, findings standalone
	*) log "  $tool exited $rc; see $t.err"; head -20 "$t.err" >&2 ;;
	esac
}

run() {
	local tool=$1 round=$2
	case $tool in
	a) GOCACHE=$warm measure a "$round" "$TV" "${onepass[@]}" "${pkgs[@]}" ;;
	b) GOCACHE=$warm measure b "$round" "$BIN/floorvet" -cache=false "${pkgs[@]}" ;;
	c) rm -rf "$cold"; GOCACHE=$cold measure c "$round" go vet "${pkgs[@]}" ;;
	d) rm -rf "$sccache"; GOCACHE=$warm STATICCHECK_CACHE=$sccache measure d "$round" "$BIN/staticcheck" "${pkgs[@]}" ;;
	e) rm -rf "$cold"; GOCACHE=$cold measure e "$round" go vet -vettool="$TV" "${pkgs[@]}" ;;
	f) GOCACHE=$cold measure f "$round" go vet -vettool="$TV" "${pkgs[@]}" ;;
	g) rm -rf "$tvcache"; GOCACHE=$warm TRANSPORTVET_CACHE=$tvcache measure g "$round" "$TV" "${pkgs[@]}" ;;
	h) GOCACHE=$warm TRANSPORTVET_CACHE=$tvcache measure h "$round" "$TV" "${pkgs[@]}" ;;
	o) GOCACHE=$warm measure o "$round" "$BASE" "${baseflags[@]}" "${pkgs[@]}" ;;
	esac
}

if $report_only; then
	mapfile -t pkgs <"$raw/packages.txt"
	start_load=$(head -1 "$raw/machine.txt")
	n=$(awk -F'\t' 'NR > 1 { print $2 }' "$raw/times.tsv" | sort -u | wc -l)
	TV_COMMIT=$(cat "$raw/commit.txt")
	if [ -f "$raw/base.txt" ]; then
		BASE_COMMIT=$(cat "$raw/base.txt")
	fi
	tools=$(awk -F'\t' 'NR > 1 && !s[$1]++ { printf "%s ", $1 }' "$raw/times.tsv")
else
	build_staticcheck
	rm -rf "$raw"
	mkdir -p "$raw"
	if [ -n "$pkgfile" ]; then
		grep . "$pkgfile" >"$raw/packages.txt"
	else
		sampled_packages "$frac" >"$raw/packages.txt"
	fi
	mapfile -t pkgs <"$raw/packages.txt"
	echo "$TV_COMMIT" >"$raw/commit.txt"
	if [ -n "${BASE_COMMIT:-}" ]; then
		echo "$BASE_COMMIT" >"$raw/base.txt"
	fi
	log "${#pkgs[@]} packages (fraction $frac of the corpus), $n rounds, tools: $tools"
	log "warming the build cache for a, b and d"
	(cd "$CORPUS" && GOCACHE=$warm go list -e -deps -test -export -compiled "${pkgs[@]}" >/dev/null 2>&1) || true
	printf 'tool\tround\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\tloadavg\n' >"$raw/times.tsv"
	start_load=$(machine_info)
	echo "$start_load" >"$raw/machine.txt"
	for round in $(seq 1 "$n"); do
		log "round $round of $n"
		for tool in $tools; do
			run "$tool" "$round"
		done
	done
fi

names() {
	case $1 in
	a) echo "transportvet" ;;
	b) echo "floor (inspect + fact type)" ;;
	c) echo "go vet, cold build cache" ;;
	d) echo "staticcheck v0.8.2" ;;
	e) echo "go vet -vettool=transportvet, cold" ;;
	f) echo "go vet -vettool=transportvet, warm" ;;
	g) echo "transportvet report mode (cached runner), cold" ;;
	h) echo "transportvet report mode (cached runner), warm" ;;
	o) echo "transportvet at $BASE_COMMIT" ;;
	esac
}

# median TOOL COLUMN-EXPRESSION: the median over rounds.
median() {
	awk -F'\t' -v t="$1" "NR > 1 && \$1 == t { print $2 }" "$raw/times.tsv" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR == 0) print "NaN"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

report=$RESULTS/$name.md
{
	echo "# transportvet speed and memory"
	echo
	echo "- commit: $(commit_info)"
	echo "- run: $(date -u +%Y-%m-%dT%H:%MZ); machine: $start_load; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- packages: ${#pkgs[@]} (list in raw/$name/packages.txt), tests included; medians of $n rounds"
	echo
	echo "| tool | wall s | CPU s (user+sys) | peak RSS MiB |"
	echo "| --- | ---: | ---: | ---: |"
	for t in $tools; do
		printf '| %s %s | %s | %s | %s |\n' "$t" "$(names "$t")" "$(median "$t" '$3')" "$(median "$t" '$4 + $5')" \
			"$(awk -v k="$(median "$t" '$6')" 'BEGIN { printf "%.0f", k / 1024 }')"
	done
	echo
	echo "| ratio | wall | CPU | peak RSS |"
	echo "| --- | ---: | ---: | ---: |"
	for pair in a/b o/b a/o a/c a/d g/a g/d; do
		x=${pair%/*} o=${pair#*/}
		case " $tools " in *" $x "*) ;; *) continue ;; esac
		case " $tools " in *" $o "*) ;; *) continue ;; esac
		printf '| %s/%s | %s | %s | %s |\n' "$x" "$o" \
			"$(awk -v x="$(median "$x" '$3')" -v y="$(median "$o" '$3')" 'BEGIN { printf "%.2f", x / y }')" \
			"$(awk -v x="$(median "$x" '$4 + $5')" -v y="$(median "$o" '$4 + $5')" 'BEGIN { printf "%.2f", x / y }')" \
			"$(awk -v x="$(median "$x" '$6')" -v y="$(median "$o" '$6')" 'BEGIN { printf "%.2f", x / y }')"
	done
	echo
	echo "Every run (wall, user, sys in seconds; max RSS in KB; load average when it ended):"
	echo
	echo '```'
	cat "$raw/times.tsv"
	echo '```'
} >"$report"

if $profile; then
	for d in transportvet floorvet; do
		log "profiling $d"
		exe=$BIN/floorvet flags=(-cache=false)
		[ $d = floorvet ] || exe=$TV flags=("${onepass[@]}")
		(cd "$CORPUS" && GOCACHE=$warm "$exe" "${flags[@]}" -cpuprofile="$raw/$d.cpu.pprof" -memprofile="$raw/$d.mem.pprof" "${pkgs[@]}") >/dev/null 2>&1 || true
	done
	# The per-analyzer split: the same analyzers with pprof labels.
	label=$BIN/tvlabel-${TV##*/transportvet-}
	if [ -x "$label" ]; then
		log "profiling $(basename "$label")"
		(cd "$CORPUS" && GOCACHE=$warm "$label" -cache=false -cpuprofile="$raw/tvlabel.cpu.pprof" "${pkgs[@]}") >/dev/null 2>&1 || true
	fi
	{
		echo
		echo "## Profiles"
		echo
		if [ -f "$raw/tvlabel.cpu.pprof" ]; then
			echo "CPU of each analyzer's Run, by analyzer and by kind of package (eval/tvlabel; go tool pprof -tags $raw/tvlabel.cpu.pprof):"
			echo
			echo '```'
			go tool pprof -tags "$raw/tvlabel.cpu.pprof" 2>/dev/null
			echo '```'
			echo
		fi
		echo "transportvet CPU, top 25 (go tool pprof -top $TV $raw/transportvet.cpu.pprof):"
		echo
		echo '```'
		go tool pprof -top -nodecount=25 "$TV" "$raw/transportvet.cpu.pprof" 2>/dev/null
		echo '```'
		echo
		echo "transportvet CPU spent in transportvet's own code, cumulative:"
		echo
		echo '```'
		go tool pprof -top -cum -nodecount=30 -show='transportvet/(passes|internal)' "$TV" "$raw/transportvet.cpu.pprof" 2>/dev/null
		echo '```'
		echo
		echo "transportvet heap in use at exit, top 15 (-memprofile; alloc_space below):"
		echo
		echo '```'
		go tool pprof -top -nodecount=15 -sample_index=inuse_space "$TV" "$raw/transportvet.mem.pprof" 2>/dev/null
		echo '```'
		echo
		echo '```'
		go tool pprof -top -nodecount=15 -sample_index=alloc_space "$TV" "$raw/transportvet.mem.pprof" 2>/dev/null
		echo '```'
		echo
		echo "floorvet CPU, top 15:"
		echo
		echo '```'
		go tool pprof -top -nodecount=15 "$BIN/floorvet" "$raw/floorvet.cpu.pprof" 2>/dev/null
		echo '```'
	} >>"$report"
fi
cat "$report"
