#!/usr/bin/env bash
# What transportvet's analyzers add to gopls: times "gopls check" with the
# gopls that build.sh makes (b) and with stock gopls (a), built from the same
# vendored sources without the overlay, on the root package of real modules.
#
# Usage: gopls/bench.sh [-n ROUNDS] [MODULE@VERSION...]
#   default: -n 3, and three modules of the evaluation corpus
#   (eval/modules.txt): go-retryablehttp, resty and grpc-go.
#
# Each module is copied out of the module cache to a temporary directory (so
# that it is a workspace of its own). Each round runs, for a then b, gopls
# check on the non-test .go files of the module's root package twice: cold,
# with an empty GOPLSCACHE (what opening a package first costs: gopls
# analyzes every dependency for facts), then warm, with that cache again.
# GNU time (/usr/bin/time) measures wall and CPU seconds and peak RSS; the
# medians of the rounds are printed as a Markdown table, with the b/a
# ratios. Build and module caches are warm: the loading (go list) is the
# same for a and b.
set -euo pipefail

rounds=3
if [ "${1:-}" = -n ]; then
	rounds=$2
	shift 2
fi
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
	modules=(github.com/hashicorp/go-retryablehttp@v0.7.8 github.com/go-resty/resty/v2@v2.17.2 google.golang.org/grpc@v1.85.0)
fi
[ -x /usr/bin/time ] || {
	echo "bench.sh needs GNU time: apt-get install -y time" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd)
bash "$here/build.sh" "$here/bin/gopls" >&2
(cd "$here" && go build -mod=vendor -o "$here/bin/gopls-stock" golang.org/x/tools/gopls)
declare -A bin=([a]="$here/bin/gopls-stock" [b]="$here/bin/gopls")

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "gopls check, medians of $rounds rounds; $(go version | cut -d' ' -f3), $(nproc) CPUs, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| module | files | cache | a wall s | b wall s | a CPU s | b CPU s | a RSS MiB | b RSS MiB | b/a wall | b/a CPU | b/a RSS |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for m in "${modules[@]}"; do
	src=$(go mod download -json "$m" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
	dir=$tmp/${m//[\/@]/_}
	cp -r "$src" "$dir"
	chmod -R u+w "$dir"
	(cd "$dir" && GOFLAGS=-mod=mod go list -deps . >/dev/null) # fetch its dependencies once
	mapfile -t files < <(cd "$dir" && GOFLAGS=-mod=mod go list -f '{{range .GoFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}' .)
	for r in $(seq "$rounds"); do
		for t in a b; do
			cache=$tmp/cache-$t-$r-${m//[\/@]/_}
			for phase in cold warm; do
				(cd "$dir" && GOFLAGS=-mod=mod GOPLSCACHE=$cache /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "${bin[$t]}" check "${files[@]}" >/dev/null)
				read -r wall user sys rss <"$tmp/time"
				echo "$wall $(echo "$user + $sys" | bc) $((rss / 1024))" >>"$tmp/$t-$phase-${m//[\/@]/_}"
			done
		done
	done
	for phase in cold warm; do
		row="| ${m%@*} | ${#files[@]} | $phase"
		declare -A med=()
		for t in a b; do
			for k in 1 2 3; do
				med[$t$k]=$(cut -d' ' -f$k "$tmp/$t-$phase-${m//[\/@]/_}" | median)
			done
		done
		row+=" | ${med[a1]} | ${med[b1]} | ${med[a2]} | ${med[b2]} | ${med[a3]} | ${med[b3]}"
		for k in 1 2 3; do
			row+=" | $(printf "%.2f" "$(echo "scale=4; ${med[b$k]} / ${med[a$k]}" | bc)")"
		done
		echo "$row |"
	done
done
