package main

// tvreport testdiff compares two runs of `go test -json` over the same
// packages, one before transportvet -fix and one after (eval/fix.sh), and
// says which tests passed before and no longer pass.
//
//	tvreport testdiff [-counts FILE] BEFORE.json AFTER.json
//
// It prints, as Markdown, one row per package (its outcome before and
// after, how it was compared, the tests compared) and then every test that
// passed before and failed, or did not finish, after.
//
// A package that passed before is comparable: each test that passed before
// must pass (or skip) after, and the package must pass after; a package
// that fails after with no failing test of its own (TestMain, a panic at
// exit, a timeout) counts as one broken test named "(package)". A test that
// passed before and is absent after is broken when the package did not pass
// after (the binary died first); in a package that passed, it is a subtest
// whose name changes from run to run (moby's random image names), and is
// not compared.
//
// A package that failed before (a test that needs the network, an example
// that panics) is not comparable as a package, but its tests that passed
// before are compared one by one ("tests only"): each one that has an
// outcome after must pass or skip; one that is absent after (the binary
// died at another point) is not compared. A package whose tests did not
// build before compares nothing; one with no tests (no test files, or
// none that ran either time) is not listed.
//
// -counts writes one line "packages comparable testsonly tests broken" for
// the caller's totals. The exit status is 1 when something broke.

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// A testEvent is one line of `go test -json` (cmd/test2json), including the
// build events go test adds for packages whose test binary did not build.
type testEvent struct {
	Action      string
	Package     string
	Test        string
	Output      string
	ImportPath  string
	FailedBuild string
}

// A testRun is what one `go test -json` run said about each package.
type testRun struct {
	pkgs  map[string]string            // package -> pass, fail, build failed, timeout, no test files
	tests map[string]map[string]string // package -> test -> pass, fail, skip, run (did not finish)
}

func readTestRun(r io.Reader) (*testRun, error) {
	run := &testRun{pkgs: make(map[string]string), tests: make(map[string]map[string]string)}
	timedOut := make(map[string]bool)
	setupFailed := make(map[string]bool)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue // go test's own messages on a shared stream
		}
		var e testEvent
		if err := json.Unmarshal(line, &e); err != nil {
			continue
		}
		if e.Package == "" {
			continue // build-output, build-fail: the package's fail event follows
		}
		if e.Test == "" {
			switch e.Action {
			case "output":
				if strings.Contains(e.Output, "panic: test timed out") {
					timedOut[e.Package] = true
				}
				if strings.Contains(e.Output, "[setup failed]") || strings.Contains(e.Output, "[build failed]") {
					setupFailed[e.Package] = true
				}
			case "pass":
				run.pkgs[e.Package] = "pass"
			case "skip":
				run.pkgs[e.Package] = "no test files"
			case "fail":
				switch {
				case e.FailedBuild != "" || setupFailed[e.Package]:
					run.pkgs[e.Package] = "build failed"
				case timedOut[e.Package]:
					run.pkgs[e.Package] = "timeout"
				default:
					run.pkgs[e.Package] = "fail"
				}
			}
			continue
		}
		if e.Action == "output" && strings.Contains(e.Output, "panic: test timed out") {
			timedOut[e.Package] = true
		}
		switch e.Action {
		case "run", "pass", "fail", "skip":
			if run.tests[e.Package] == nil {
				run.tests[e.Package] = make(map[string]string)
			}
			run.tests[e.Package][e.Test] = e.Action
		}
	}
	return run, sc.Err()
}

// A testDiff is the comparison of two runs.
type testDiff struct {
	rows []testDiffRow
	// packages with tests; comparable (passed before); compared test by
	// test (failed before); tests compared.
	packages, comparable, testsOnly, cmpd int
	broken                                []brokenTest
}

type testDiffRow struct {
	pkg, before, after string
	mode               string // "package", "tests only" or ""
	tests, broken      int    // tests compared; of those, not passing after
}

type brokenTest struct{ pkg, test, after string }

func diffTestRuns(before, after *testRun) testDiff {
	var d testDiff
	var pkgs []string
	for p := range before.pkgs {
		pkgs = append(pkgs, p)
	}
	for p := range after.pkgs {
		if _, ok := before.pkgs[p]; !ok {
			pkgs = append(pkgs, p)
		}
	}
	slices.Sort(pkgs)
	for _, p := range pkgs {
		b, a := before.pkgs[p], after.pkgs[p]
		if b == "" {
			b = "not run"
		}
		if a == "" {
			a = "not run"
		}
		if noTests(b, before.tests[p]) && noTests(a, after.tests[p]) {
			// No test files, or none that ran (with -coverpkg, go test
			// "passes" a package without tests): nothing to compare.
			continue
		}
		row := testDiffRow{pkg: p, before: b, after: a}
		d.packages++
		switch b {
		case "pass":
			row.mode = "package"
			d.comparable++
		case "fail", "timeout":
			row.mode = "tests only"
			d.testsOnly++
		}
		if row.mode != "" {
			var names []string
			for t, s := range before.tests[p] {
				if s == "pass" {
					names = append(names, t)
				}
			}
			slices.Sort(names)
			for _, t := range names {
				s := after.tests[p][t]
				if s == "" && (a == "pass" || row.mode == "tests only") {
					continue
				}
				row.tests++
				switch s {
				case "pass", "skip":
					// A test skipped after the fix was skipped for a
					// reason of its own (an environment variable, -short).
				case "":
					row.broken++
					d.broken = append(d.broken, brokenTest{p, t, "not run"})
				case "run":
					row.broken++
					d.broken = append(d.broken, brokenTest{p, t, "did not finish"})
				default:
					row.broken++
					d.broken = append(d.broken, brokenTest{p, t, s})
				}
			}
			if row.mode == "package" && a != "pass" && row.broken == 0 {
				row.broken++
				d.broken = append(d.broken, brokenTest{p, "(package)", a})
			}
			d.cmpd += row.tests
		}
		d.rows = append(d.rows, row)
	}
	return d
}

// noTests says whether a package's outcome in a run shows that it has no
// tests.
func noTests(outcome string, tests map[string]string) bool {
	return outcome == "no test files" || outcome == "pass" && len(tests) == 0
}

func (d testDiff) write(w io.Writer) {
	if len(d.rows) == 0 {
		fmt.Fprintln(w, "No package with tests.")
		return
	}
	fmt.Fprintln(w, "| package | before | after | compared | tests compared | passed before, not after |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | ---: | ---: |")
	for _, r := range d.rows {
		mode, cmp, broken := r.mode, fmt.Sprint(r.tests), fmt.Sprint(r.broken)
		if r.mode == "" {
			mode, cmp, broken = "not comparable", "", ""
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.pkg, r.before, r.after, mode, cmp, broken)
	}
	if len(d.broken) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Passed before the fixes, not after:")
		fmt.Fprintln(w)
		for _, b := range d.broken {
			fmt.Fprintf(w, "- %s %s: %s\n", b.pkg, b.test, b.after)
		}
	}
}

func testDiffCmd(args []string) {
	fs := flag.NewFlagSet("testdiff", flag.ExitOnError)
	counts := fs.String("counts", "", "write \"packages comparable testsonly tests broken\" to this file")
	fs.Parse(args)
	if fs.NArg() != 2 {
		usage()
	}
	var runs [2]*testRun
	for i, file := range fs.Args() {
		f, err := os.Open(file)
		check(err)
		runs[i], err = readTestRun(f)
		f.Close()
		check(err)
	}
	d := diffTestRuns(runs[0], runs[1])
	d.write(os.Stdout)
	if *counts != "" {
		check(os.WriteFile(*counts, fmt.Appendf(nil, "%d %d %d %d %d\n", d.packages, d.comparable, d.testsOnly, d.cmpd, len(d.broken)), 0o644))
	}
	if len(d.broken) > 0 {
		os.Exit(1)
	}
}
