#!/usr/bin/env bash
# Fix safety: copy each corpus module out of the module cache (and the
# repository's examples/) into a writable tree where it is its own main
# module, apply every suggested fix with transportvet -fix, then check that
# the result still builds, is gofmt-clean, that a second -fix run changes
# nothing, and that the fixes changed no behaviour the module checks: go vet
# (lostcancel and the rest of its default suite) reports nothing new, and
# no test of the module that passed before fails after.
#
#	eval/fix.sh                  # every corpus module and examples/
#	eval/fix.sh MODULE...        # only these (module paths, or "examples")
#
# Writes eval/results/fix.md; the copies stay in $TVFIX_DIR
# (default /tmp/transportvet-fix) for inspection. Exits 1 if a fix broke
# the build, left a file unformatted, made a second run change something,
# added a vet finding, or broke a test.
#
# Each copy is built as it would be by its own maintainers: with its own
# go.mod and go.sum, GOWORK=off, and -mod=mod so that go.sum entries the
# module zip lacks are fetched. replace directives that point at a
# directory (sibling modules of a monorepo, absent from the module zip)
# are dropped, so the required versions come from the proxy instead.
#
# The behaviour check runs on the packages the fixes can affect: those with
# a changed file and the packages of the same module that import one of
# them (tests included). go vet runs on them before and after; a finding is
# new when the output after has a line the output before lacks, positions
# and line numbers ignored (the fixes move code). go test -count=1
# -timeout 5m -json runs on them before and after, offline (a network
# namespace with only the loopback interface, where unshare is allowed;
# GOPROXY=off in any case), and tvreport testdiff lists every test that
# passed before and fails or does not finish after; a package that failed
# before is not comparable as a whole, but its tests that passed before are
# compared one by one (eval/tvreport/tests.go). A package with a broken
# test is run again, before and after, and the break counts only if the
# second run agrees (otherwise it is reported as not reproduced).
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

# new_vet ORIG FIXED: the lines of go vet's output FIXED that ORIG lacks
# (counting repeats), ignoring "# pkg" headers, positions and "line N"
# references, which the fixes move.
new_vet() {
	awk 'function norm(s) { gsub(/:[0-9]+(:[0-9]+)?/, ":N", s); gsub(/line [0-9]+/, "line N", s); return s }
		/^#/ { next }
		FNR == NR { n[norm($0)]++; next }
		{ k = norm($0); if (n[k] > 0) n[k]--; else print }' "$1" "$2"
}

# importers PKGS...: PKGS and the packages of the main module that import
# one of them, directly or not, tests included; run in the module's root.
importers() {
	go list -e -test -f '{{.ImportPath}} {{join .Deps " "}}' ./... 2>/dev/null |
		awk -v ps="$*" 'BEGIN { n = split(ps, a, " "); for (i = 1; i <= n; i++) c[a[i]] = 1 }
			{ hit = $1 in c; for (i = 2; i <= NF && !hit; i++) hit = $i in c; if (hit) print $1 }' |
		sed 's/\.test$//; s/_test$//' | sort -u
}

# offline CMD...: runs CMD without network access but the loopback
# interface, if this machine lets us make a network namespace.
if unshare -n sh -c 'ip link set lo up' 2>/dev/null; then
	offline_mode="offline (unshare -n, loopback only)"
	offline() { unshare -n sh -c 'ip link set lo up && exec "$@"' sh "$@"; }
elif unshare -rn sh -c 'ip link set lo up' 2>/dev/null; then
	offline_mode="offline (unshare -rn, loopback only)"
	offline() { unshare -rn sh -c 'ip link set lo up && exec "$@"' sh "$@"; }
else
	offline_mode="WITH network access (no network namespace available; GOPROXY=off)"
	offline() { "$@"; }
fi

# run_tests DIR OUT COVERPKGS PKGS...: the tests of PKGS in DIR, as go test
# -json, offline and without the module proxy, with a coverage profile of
# the packages COVERPKGS (comma-separated) in OUT.cover.
run_tests() {
	local dir=$1 out=$2 cover=$3
	shift 3
	(cd "$dir" && export GOPROXY=off && offline timeout 60m go test -count=1 -timeout 5m -json \
		-coverpkg="$cover" -coverprofile="$out.cover" "$@") >"$out.json" 2>"$out.stderr" || true
}

# fix_coverage DIR COVER FILE: "RAN STMTS" for a changed non-test file: of
# the lines the fixes added or changed (as diff says) that lie in a
# statement block of the coverage profile COVER, how many a test ran.
fix_coverage() {
	local dir=$1 cover=$2 f=$3 mod
	mod=$(cd "$dir/fixed" && go list -m)
	diff --old-line-format= --unchanged-line-format= --new-line-format='%dn
' "$dir/orig/$f" "$dir/fixed/$f" |
		awk -v file="$mod/$f" 'FNR == NR { want[$1] = 1; next }
			/^mode:/ { next }
			{ i = index($1, ":"); if (substr($1, 1, i - 1) != file) next
			  split(substr($1, i + 1), r, ","); split(r[1], s, "."); split(r[2], e, ".")
			  for (l = s[1] + 0; l <= e[1] + 0; l++) if (l in want) { stmt[l] = 1; if ($3 > 0) ran[l] = 1 } }
			END { for (l in stmt) ns++; for (l in ran) nr++; print nr + 0, ns + 0 }' - "$cover"
}

report=$RESULTS/fix.md
details=$work/details.md
: >"$details"
{
	echo "# transportvet -fix on the corpus"
	echo
	echo "commit $(commit_info), run $(date -u +%Y-%m-%dT%H:%MZ); $(machine_info)"
	echo
	echo "Tests ran $offline_mode, \`go test -count=1 -timeout 5m\`, on the packages with a changed file and their importers in the same module (\"checked\"). A package that passed before is compared as a whole; in one that failed before (a test or example that needs the network), the tests that passed before are compared one by one (\"tests only\"); one whose tests did not build before is not comparable."
	echo
	echo "| module | fixes applied | files changed | changed packages | checked packages | newly failing build/vet | new vet findings | test packages (comparable + tests only) | tests compared | broken tests | changed statement lines run by tests | gofmt -l | second -fix changes | driver |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | --- |"
} >"$report"

bad=0
total_fixes=0
t_modules=0 t_changed=0 t_checked=0 t_newfail=0 t_newvet=0 t_tpkgs=0 t_cmp=0 t_only=0 t_tests=0 t_broken=0 t_flaky=0
t_ran=0 t_stmts=0 t_tfiles=0
start=$SECONDS
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
	newfail=0 unformatted=0 second=0 newvet=0
	nchpkgs=0 nchecked=0 tcounts="0 0 0 0 0" flaky=0 ran=0 stmts=0 tfiles=0
	if [ "$nchanged" -gt 0 ]; then
		total_fixes=$((total_fixes + applied))
		(cd "$d/fixed" && gofmt -l $changed) >"$d/gofmt.txt" || true
		unformatted=$(grep -c . "$d/gofmt.txt" || true)
		pkgs=$(printf '%s\n' "$changed" | xargs -n1 dirname | sort -u | sed 's|^|./|')
		chpkgs=$(cd "$d/orig" && go list -e $pkgs 2>/dev/null | sort -u)
		checked=$(cd "$d/orig" && importers $chpkgs)
		nchpkgs=$(printf '%s\n' "$chpkgs" | grep -c . || true)
		nchecked=$(printf '%s\n' "$checked" | grep -c . || true)
		for v in orig fixed; do
			(cd "$d/$v" && go build ./...) >"$d/build.$v.txt" 2>&1 || true
			(cd "$d/$v" && go vet $checked) >"$d/vet.$v.txt" 2>&1 || true
			cat "$d/build.$v.txt" "$d/vet.$v.txt" >"$d/check.$v.txt"
		done
		newfail=$(comm -13 <(failing <"$d/check.orig.txt") <(failing <"$d/check.fixed.txt") | tee "$d/newfail.txt" | grep -c . || true)
		newvet=$(new_vet "$d/vet.orig.txt" "$d/vet.fixed.txt" | tee "$d/newvet.txt" | grep -c . || true)
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

		log "$t: go test on $nchecked packages, before and after the fixes"
		t0=$SECONDS
		coverpkgs=$(printf '%s\n' "$chpkgs" | paste -sd,)
		run_tests "$d/orig" "$d/tests.orig" "$coverpkgs" $checked
		run_tests "$d/fixed" "$d/tests.fixed" "$coverpkgs" $checked
		# Did the tests run the fixed code at all?
		ran=0 stmts=0 tfiles=0
		: >"$d/coverage.txt"
		for f in $changed; do
			case $f in
			*_test.go)
				tfiles=$((tfiles + 1))
				echo "$f: a test file" >>"$d/coverage.txt"
				;;
			*)
				read -r r n <<<"$(fix_coverage "$d" "$d/tests.fixed.cover" "$f")"
				ran=$((ran + r)) stmts=$((stmts + n))
				echo "$f: tests ran $r of the $n changed lines that are statements" >>"$d/coverage.txt"
				;;
			esac
		done
		"$BIN/tvreport" testdiff -counts "$d/tests.counts" "$d/tests.orig.json" "$d/tests.fixed.json" >"$d/tests.md" || true
		tcounts=$(cat "$d/tests.counts")
		if [ "${tcounts##* }" != 0 ]; then
			# Run the packages with a broken test again, both ways: a
			# test that breaks only once is flaky, not broken by a fix.
			again=$(sed -n 's/^- \([^ ]*\) .*/\1/p' "$d/tests.md" | sort -u)
			log "$t: tests broke in $(echo $again); running them again"
			run_tests "$d/orig" "$d/tests2.orig" "$coverpkgs" $again
			run_tests "$d/fixed" "$d/tests2.fixed" "$coverpkgs" $again
			"$BIN/tvreport" testdiff -counts "$d/tests2.counts" "$d/tests2.orig.json" "$d/tests2.fixed.json" >"$d/tests2.md" || true
			if [ "$(cut -d' ' -f5 "$d/tests2.counts")" = 0 ]; then
				flaky=${tcounts##* }
				tcounts="${tcounts% *} 0"
			fi
		fi
		ttime=$((SECONDS - t0))
		read -r tpkgs tcmp tonly ttests tbroken <<<"$tcounts"
		t_modules=$((t_modules + 1)) t_changed=$((t_changed + nchpkgs)) t_checked=$((t_checked + nchecked))
		t_newfail=$((t_newfail + newfail)) t_newvet=$((t_newvet + newvet))
		t_tpkgs=$((t_tpkgs + tpkgs)) t_cmp=$((t_cmp + tcmp)) t_only=$((t_only + tonly)) t_tests=$((t_tests + ttests))
		t_broken=$((t_broken + tbroken)) t_flaky=$((t_flaky + flaky))
		t_ran=$((t_ran + ran)) t_stmts=$((t_stmts + stmts)) t_tfiles=$((t_tfiles + tfiles))
		{
			echo "### $t"
			echo
			echo "Changed files: $(printf '%s\n' "$changed" | sed 's/.*/`&`/' | paste -sd' ')"
			echo
			echo "Changed packages: $(printf '%s\n' "$chpkgs" | sed 's/.*/`&`/' | paste -sd' ')"
			echo
			echo "Checked packages: $(printf '%s\n' "$checked" | sed 's/.*/`&`/' | paste -sd' ')"
			echo
			if [ "$newvet" = 0 ]; then
				echo "New vet findings: none."
			else
				echo "New vet findings:"
				echo
				sed 's/.*/- `&`/' "$d/newvet.txt"
			fi
			echo
			echo "Tests ($ttime s, before and after):"
			echo
			cat "$d/tests.md"
			echo
			echo "Fixed code run by the tests (coverage after the fixes):"
			echo
			sed 's/^\([^:]*\):/- `\1`:/' "$d/coverage.txt"
			if [ "$flaky" != 0 ]; then
				echo
				echo "Run again, the $flaky broken tests above passed after the fixes as before (not reproduced: flaky):"
				echo
				cat "$d/tests2.md"
			elif [ -f "$d/tests2.md" ]; then
				echo
				echo "Run again, the break reproduced:"
				echo
				cat "$d/tests2.md"
			fi
			echo
		} >>"$details"
		if [ "$newfail" != 0 ] || [ "$unformatted" != 0 ] || [ "$second" != 0 ] || [ "$newvet" != 0 ] || [ "$tbroken" != 0 ]; then
			bad=1
		fi
	fi
	log "$t: $applied fixes, $nchanged files changed, $newfail newly failing, $newvet new vet findings, tests (packages, comparable, tests only, compared, broken) $tcounts, flaky $flaky, $unformatted unformatted, $second changed by a second run ($driver)"
	read -r tpkgs tcmp tonly ttests tbroken <<<"$tcounts"
	tcol="$tpkgs ($tcmp + $tonly)" bcol=$tbroken ccol="$ran of $stmts"
	[ "$flaky" = 0 ] || bcol="$tbroken ($flaky flaky)"
	[ "$tfiles" = 0 ] || ccol="$ccol, + $tfiles test files"
	[ "$nchanged" -gt 0 ] || tcol="" ttests="" bcol="" ccol=""
	echo "| $t | $applied | $nchanged | $nchpkgs | $nchecked | $newfail | $newvet | $tcol | $ttests | $bcol | $ccol | $unformatted | $second | $driver |" >>"$report"
done
{
	echo
	echo "Total: $total_fixes fixes applied (driver count) in $t_modules modules; $t_changed changed packages, $t_checked checked; $t_newfail packages newly failing build/vet; $t_newvet new vet findings; $t_tpkgs packages with tests, $t_cmp comparable (passing before), $t_only compared test by test (failing before), $t_tests tests compared, $t_broken broken by the fixes ($t_flaky more failed once and passed when run again); the tests ran $t_ran of the $t_stmts changed lines that are statements (coverage after the fixes), and $t_tfiles changed files are test files. Wall time $((SECONDS - start)) s."
	echo
	if [ $bad = 0 ]; then echo "Result: ok"; else echo "Result: FAIL"; fi
	echo
	echo "Copies, logs, build/vet/test outputs: $work/<module>/."
	echo
	echo "## Per module"
	echo
	cat "$details"
} >>"$report"
cat "$report"
exit $bad
