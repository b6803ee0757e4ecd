# Shared by the eval/ scripts: paths, building the drivers, the corpus
# package lists. Source it; do not run it.

EVAL=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$EVAL")
BIN=$EVAL/bin
RESULTS=$EVAL/results
CORPUS=$EVAL/corpus
GOMODCACHE=$(go env GOMODCACHE)
mkdir -p "$BIN" "$RESULTS"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# build_drivers builds transportvet, the floor driver and tvreport into
# eval/bin. transportvet is built from the commit TV_REV (default HEAD),
# exported with git archive, so that what is measured is a commit and not
# whatever is uncommitted in a shared work tree; TV_REV=worktree builds the
# work tree as it is. Its binary is $TV (eval/bin/transportvet-COMMIT), so
# that scripts running at the same time on different commits do not
# overwrite each other's. floorvet and tvreport are built from the work
# tree.
build_drivers() {
	local rev=${TV_REV:-HEAD}
	if [ "$rev" = worktree ]; then
		TV_COMMIT="work tree at $(git -C "$ROOT" rev-parse --short HEAD)"
		TV=$BIN/transportvet-worktree
		log "building transportvet from $TV_COMMIT"
		(cd "$ROOT" && go build -o "$TV.tmp.$$" ./cmd/transportvet && mv "$TV.tmp.$$" "$TV" &&
			go build -o "$BIN/tvlabel-worktree" ./eval/tvlabel)
	else
		TV_COMMIT=$(git -C "$ROOT" rev-parse --short "$rev")
		TV=$(build_rev "$rev")
	fi
	export TV_COMMIT TV
	(cd "$ROOT" &&
		go build -o "$BIN/floorvet" ./eval/floorvet &&
		go build -o "$BIN/tvreport" ./eval/tvreport)
}

# build_rev REV builds transportvet as it was at commit REV, exported with
# git archive, into $BIN/transportvet-COMMIT, and prints that path.
build_rev() {
	local commit src exe
	commit=$(git -C "$ROOT" rev-parse --short "$1")
	exe=$BIN/transportvet-$commit
	src=$BIN/src-$commit
	if [ ! -d "$src" ]; then
		mkdir -p "$src.tmp.$$"
		git -C "$ROOT" archive "$commit" | tar -x -C "$src.tmp.$$"
		mv "$src.tmp.$$" "$src" 2>/dev/null || rm -rf "$src.tmp.$$"
	fi
	log "building transportvet from $commit"
	(cd "$src" && go build -o "$exe.tmp.$$" ./cmd/transportvet && mv "$exe.tmp.$$" "$exe") >&2
	# The same analyzers with pprof labels (bench.sh -profile), where the
	# commit has eval/tvlabel.
	if [ -d "$src/eval/tvlabel" ]; then
		(cd "$src" && go build -o "$BIN/tvlabel-$commit.tmp.$$" ./eval/tvlabel && mv "$BIN/tvlabel-$commit.tmp.$$" "$BIN/tvlabel-$commit") >&2
	fi
	echo "$exe"
}

# corpus_modules prints the corpus's module@version lines.
corpus_modules() { grep -v '^#' "$EVAL/modules.txt" | grep .; }

# module_packages MODULE prints the import paths of the packages of MODULE
# (not of nested modules that share its path prefix), as seen from the
# corpus module.
module_packages() {
	(cd "$CORPUS" && go list -e -f "{{if and .Module (eq .Module.Path \"$1\")}}{{.ImportPath}}{{end}}" "$1/..." | grep .)
}

# corpus_packages prints every package of every corpus module, in the
# order of modules.txt, and caches it in results/packages.txt.
corpus_packages() {
	if [ ! -s "$RESULTS/packages.txt" ] || [ "$EVAL/modules.txt" -nt "$RESULTS/packages.txt" ] || [ "$CORPUS/go.mod" -nt "$RESULTS/packages.txt" ]; then
		local m
		for m in $(corpus_modules); do module_packages "${m%@*}"; done >"$RESULTS/packages.txt.tmp"
		mv "$RESULTS/packages.txt.tmp" "$RESULTS/packages.txt"
	fi
	cat "$RESULTS/packages.txt"
}

# modcache_dir MODULE VERSION prints the module's directory in the module
# cache (upper-case letters are escaped as !lower).
modcache_dir() {
	printf '%s/%s@%s\n' "$GOMODCACHE" "$(printf '%s' "$1" | sed 's/[A-Z]/!\L&/g')" "$2"
}

# safe_name turns a module path into a file name.
safe_name() { printf '%s' "$1" | tr '/@' '__'; }

# commit_info prints the commit of the transportvet that build_drivers
# built, and its date.
commit_info() {
	case ${TV_COMMIT:-} in
	"work tree"*) echo "$TV_COMMIT" ;;
	*) git -C "$ROOT" log -1 --format='%h %cd' --date=iso-strict "${TV_COMMIT:-HEAD}" ;;
	esac
}

# run_tv OUT DIR ARGS...: runs $TV -json ARGS in DIR,
# writing OUT.json (standard output), OUT.stderr and OUT.rc (exit code).
run_tv() {
	local out=$1 dir=$2
	shift 2
	local rc=0
	(cd "$dir" && "$TV" -json "$@") >"$out.json" 2>"$out.stderr" || rc=$?
	echo "$rc" >"$out.rc"
	return 0
}

# run_corpus RAWDIR [MODULE...]: run_tv on the packages of each corpus
# module (all of them by default), one driver process per module so that a
# crash in one does not hide the findings of the others.
run_corpus() {
	local raw=$1 m p n pkgs
	shift
	mkdir -p "$raw"
	for m in $(corpus_modules); do
		p=${m%@*}
		if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qxF "$p"; then
			continue
		fi
		n=$(safe_name "$p")
		pkgs=$(module_packages "$p")
		log "transportvet -json on $(echo "$pkgs" | wc -l) packages of $m"
		local t0=$SECONDS
		run_tv "$raw/$n" "$CORPUS" $pkgs
		log "  exit $(cat "$raw/$n.rc") in $((SECONDS - t0))s"
	done
}

# sampled_packages FRACTION: the first FRACTION (0 < F <= 1) of the corpus
# packages in a fixed pseudo-random order (sorted by the MD5 of the import
# path), so that a smaller sample is always part of a larger one and every
# run measures the same packages.
sampled_packages() {
	local all n k
	all=$(corpus_packages | while read -r p; do printf '%s %s\n' "$(printf '%s' "$p" | md5sum | cut -c1-12)" "$p"; done | sort | cut -d' ' -f2)
	n=$(printf '%s\n' "$all" | grep -c .)
	k=$(awk -v n="$n" -v f="$1" 'BEGIN { k = int(n * f + 0.999999); if (k < 1) k = 1; if (k > n) k = n; print k }')
	printf '%s\n' "$all" | head -n "$k"
}

# need_gnu_time checks for GNU time, which measures peak RSS and CPU time.
need_gnu_time() {
	if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
		echo "GNU time (/usr/bin/time) is missing: install it with 'apt-get update && apt-get install -y time'" >&2
		exit 2
	fi
}

# build_staticcheck installs staticcheck v0.8.2 into eval/bin.
build_staticcheck() {
	if [ ! -x "$BIN/staticcheck" ] || ! "$BIN/staticcheck" -version 2>/dev/null | grep -q 0.8.2; then
		log "installing staticcheck v0.8.2 into $BIN"
		GOBIN=$BIN GOFLAGS= go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	fi
}

# machine_info prints what the numbers were measured on.
machine_info() {
	echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(go version | cut -d' ' -f3-), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}
