#!/usr/bin/env bash
# Fix safety: copy each corpus module out of the module cache (and the
# repository's examples/) into a writable tree where it is its own main
# module, apply every suggested fix with transportvet -fix, then check that
# the result still builds and vets, is gofmt-clean, and that a second -fix
# run changes nothing.
#
#	eval/fix.sh                  # every corpus module and examples/
#	eval/fix.sh MODULE...        # only these (module paths, or "examples")
#
# Writes eval/results/fix.md; the copies stay in $TVFIX_DIR
# (default /tmp/transportvet-fix) for inspection. Exits 1 if a fix broke
# the build, left a file unformatted, or a second run changed something.
#
# Each copy is built as it would be by its own maintainers: with its own
# go.mod and go.sum, GOWORK=off, and -mod=mod so that go.sum entries the
# module zip lacks are fetched. replace directives that point at a
# directory (sibling modules of a monorepo, absent from the module zip)
# are dropped, so the required versions come from the proxy instead.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

build_drivers
work=${TVFIX_DIR:-/tmp/transportvet-fix}
rm -rf "$work"
mkdir -p "$work"
export GOWORK=off GOFLAGS=-mod=mod

targets=()
for m in $(corpus_modules); do
	if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qxF "${m%@*}"; then
		targets+=("$m")
	fi
done
if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qxF examples; then
	targets+=(examples)
fi

# failing PKGS...: the "# pkg" headers that go build and go vet print for
# packages with errors or vet findings, one a line.
failing() { grep '^# ' | sort -u || true; }

report=$RESULTS/fix.md
{
	echo "# transportvet -fix on the corpus"
	echo
	echo "commit $(commit_info), run $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "| module | fixes applied | files changed | newly failing build/vet | gofmt -l | second -fix changes | driver |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
} >"$report"

bad=0
total_fixes=0
for t in "${targets[@]}"; do
	if [ "$t" = examples ]; then
		src=$ROOT/examples
		n=examples
	else
		src=$(modcache_dir "${t%@*}" "${t#*@}")
		n=$(safe_name "${t%@*}")
	fi
	d=$work/$n
	mkdir -p "$d"
	cp -r "$src" "$d/orig"
	chmod -R u+w "$d/orig"
	touch "$d/orig/go.sum"
	(
		cd "$d/orig"
		for r in $(go mod edit -json | "$BIN/tvreport" localreplaces); do
			go mod edit -dropreplace="$r"
		done
		# Fill go.sum before copying, so that the copies differ only by
		# the fixes.
		go list -e -deps -test ./... >/dev/null 2>"$d/list.stderr" || true
	)
	cp -r "$d/orig" "$d/fixed"

	log "$t: transportvet -fix"
	rc=0
	(cd "$d/fixed" && "$TV" -fix -debug=v ./...) >"$d/fix1.log" 2>&1 || rc=$?
	applied=$(sed -n 's/.*applied \([0-9]*\) fix.*/\1/p; s/.*applied \([0-9]*\) of .*/\1/p' "$d/fix1.log" | tail -1)
	applied=${applied:-0}
	driver="exit $rc"
	if grep -q '^panic: \|internal error' "$d/fix1.log"; then
		driver="CRASH"
		bad=1
	elif grep -q 'applied [0-9]* of ' "$d/fix1.log"; then
		driver="exit $rc, conflicts: $(grep -o 'applied [0-9]* of [0-9]* fix[a-z]*' "$d/fix1.log" | tail -1)"
	fi
	changed=$(cd "$d" && diff -rq orig fixed | sed -n 's/^Files orig\/\(.*\.go\) and .*/\1/p' || true)
	nchanged=$(printf '%s' "$changed" | grep -c . || true)
	newfail=0 unformatted=0 second=0
	if [ "$nchanged" -gt 0 ]; then
		total_fixes=$((total_fixes + applied))
		(cd "$d/fixed" && gofmt -l $changed) >"$d/gofmt.txt" || true
		unformatted=$(grep -c . "$d/gofmt.txt" || true)
		pkgs=$(printf '%s\n' "$changed" | xargs -n1 dirname | sort -u | sed 's|^|./|')
		for v in orig fixed; do
			(cd "$d/$v" && { go build ./... 2>&1; go vet $pkgs 2>&1; }) >"$d/check.$v.txt" || true
		done
		newfail=$(comm -13 <(failing <"$d/check.orig.txt") <(failing <"$d/check.fixed.txt") | tee "$d/newfail.txt" | grep -c . || true)
		# A package that failed before may fail differently now.
		if [ "$newfail" = 0 ] && ! diff -q <(grep -v '^#' "$d/check.orig.txt" | sed 's/:[0-9]*:[0-9]*:/:/') \
			<(grep -v '^#' "$d/check.fixed.txt" | sed 's/:[0-9]*:[0-9]*:/:/') >/dev/null; then
			log "$t: go build/vet output differs after the fixes; see $d/check.{orig,fixed}.txt"
			diff <(grep -v '^#' "$d/check.orig.txt" | sed 's/:[0-9]*:[0-9]*:/:/') \
				<(grep -v '^#' "$d/check.fixed.txt" | sed 's/:[0-9]*:[0-9]*:/:/') >&2 || true
		fi
		cp -r "$d/fixed" "$d/fixed2"
		(cd "$d/fixed2" && "$TV" -fix ./...) >"$d/fix2.log" 2>&1 || true
		second=$(cd "$d" && diff -rq fixed fixed2 | grep -c '\.go' || true)
		if [ "$newfail" != 0 ] || [ "$unformatted" != 0 ] || [ "$second" != 0 ]; then
			bad=1
		fi
	fi
	log "$t: $applied fixes, $nchanged files changed, $newfail newly failing, $unformatted unformatted, $second changed by a second run ($driver)"
	echo "| $t | $applied | $nchanged | $newfail | $unformatted | $second | $driver |" >>"$report"
done
{
	echo
	echo "Total fixes applied: $total_fixes. Copies, logs and build/vet outputs: $work/<module>/."
	if [ $bad = 0 ]; then echo "Result: ok"; else echo "Result: FAIL"; fi
} >>"$report"
cat "$report"
exit $bad
