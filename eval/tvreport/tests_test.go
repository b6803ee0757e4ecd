package main

import (
	"strings"
	"testing"
)

// Events as go test -json prints them (Go 1.26), trimmed to what is read.
const testsBefore = `{"ImportPath":"x/b [x/b.test]","Action":"build-output","Output":"# x/b [x/b.test]\n"}
{"ImportPath":"x/b [x/b.test]","Action":"build-fail"}
{"Action":"start","Package":"x/a"}
{"Action":"run","Package":"x/a","Test":"TestOK"}
{"Action":"run","Package":"x/a","Test":"TestOK/sub"}
{"Action":"pass","Package":"x/a","Test":"TestOK/sub"}
{"Action":"pass","Package":"x/a","Test":"TestOK"}
{"Action":"run","Package":"x/a","Test":"TestSkip"}
{"Action":"skip","Package":"x/a","Test":"TestSkip"}
{"Action":"run","Package":"x/a","Test":"TestGone"}
{"Action":"pass","Package":"x/a","Test":"TestGone"}
{"Action":"pass","Package":"x/a"}
{"Action":"fail","Package":"x/b","FailedBuild":"x/b [x/b.test]"}
{"Action":"skip","Package":"x/c"}
{"Action":"output","Package":"x/h","Output":"ok  \tx/h\t0.01s\tcoverage: 0.0% of statements in x/a\n"}
{"Action":"pass","Package":"x/h"}
{"Action":"run","Package":"x/d","Test":"TestHang"}
{"Action":"output","Package":"x/d","Test":"TestHang","Output":"panic: test timed out after 3s\n"}
{"Action":"fail","Package":"x/d"}
{"Action":"run","Package":"x/e","Test":"TestE"}
{"Action":"pass","Package":"x/e","Test":"TestE"}
{"Action":"pass","Package":"x/e"}
{"Action":"run","Package":"x/f","Test":"TestF"}
{"Action":"pass","Package":"x/f","Test":"TestF"}
{"Action":"run","Package":"x/f","Test":"TestF/random-abcd"}
{"Action":"pass","Package":"x/f","Test":"TestF/random-abcd"}
{"Action":"pass","Package":"x/f"}
{"Action":"run","Package":"x/g","Test":"TestG1"}
{"Action":"pass","Package":"x/g","Test":"TestG1"}
{"Action":"run","Package":"x/g","Test":"TestG2"}
{"Action":"pass","Package":"x/g","Test":"TestG2"}
{"Action":"run","Package":"x/g","Test":"ExampleNet"}
{"Action":"fail","Package":"x/g","Test":"ExampleNet"}
{"Action":"fail","Package":"x/g"}
`

const testsAfter = `{"Action":"run","Package":"x/a","Test":"TestOK"}
{"Action":"run","Package":"x/a","Test":"TestOK/sub"}
{"Action":"fail","Package":"x/a","Test":"TestOK/sub"}
{"Action":"fail","Package":"x/a","Test":"TestOK"}
{"Action":"run","Package":"x/a","Test":"TestSkip"}
{"Action":"pass","Package":"x/a","Test":"TestSkip"}
{"Action":"fail","Package":"x/a"}
{"Action":"fail","Package":"x/b","FailedBuild":"x/b [x/b.test]"}
{"Action":"skip","Package":"x/c"}
{"Action":"pass","Package":"x/h"}
{"Action":"run","Package":"x/d","Test":"TestHang"}
{"Action":"pass","Package":"x/d","Test":"TestHang"}
{"Action":"pass","Package":"x/d"}
{"Action":"run","Package":"x/e","Test":"TestE"}
{"Action":"pass","Package":"x/e","Test":"TestE"}
{"Action":"output","Package":"x/e","Output":"panic: test timed out after 5m0s\n"}
{"Action":"fail","Package":"x/e"}
{"Action":"run","Package":"x/f","Test":"TestF"}
{"Action":"pass","Package":"x/f","Test":"TestF"}
{"Action":"run","Package":"x/f","Test":"TestF/random-ZXjq"}
{"Action":"pass","Package":"x/f","Test":"TestF/random-ZXjq"}
{"Action":"pass","Package":"x/f"}
{"Action":"run","Package":"x/g","Test":"TestG1"}
{"Action":"fail","Package":"x/g","Test":"TestG1"}
{"Action":"fail","Package":"x/g"}
`

func TestDiffTestRuns(t *testing.T) {
	before, err := readTestRun(strings.NewReader(testsBefore))
	if err != nil {
		t.Fatal(err)
	}
	after, err := readTestRun(strings.NewReader(testsAfter))
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{"x/a": "pass", "x/b": "build failed", "x/c": "no test files", "x/d": "timeout", "x/e": "pass"} {
		if got := before.pkgs[p]; got != want {
			t.Errorf("before: %s = %q, want %q", p, got, want)
		}
	}
	if got := after.pkgs["x/e"]; got != "timeout" {
		t.Errorf("after: x/e = %q, want timeout", got)
	}
	d := diffTestRuns(before, after)
	// x/c has no test files, x/h no tests (it "passes" under -coverpkg):
	// not listed. x/b did not build before:
	// not comparable. x/d and x/g failed before: their tests that passed
	// are compared one by one.
	if d.packages != 6 || d.comparable != 3 || d.testsOnly != 2 {
		t.Errorf("packages, comparable, tests only = %d, %d, %d; want 6, 3, 2", d.packages, d.comparable, d.testsOnly)
	}
	// x/a: TestOK, TestOK/sub, TestGone (absent after, x/a failed); x/e:
	// TestE; x/f: TestF, not its random subtest, absent from a run that
	// passed; x/g: TestG1, not TestG2, absent after.
	if d.cmpd != 6 {
		t.Errorf("tests compared = %d, want 6", d.cmpd)
	}
	var got []string
	for _, b := range d.broken {
		got = append(got, b.pkg+" "+b.test+" "+b.after)
	}
	want := []string{"x/a TestGone not run", "x/a TestOK fail", "x/a TestOK/sub fail", "x/e (package) timeout", "x/g TestG1 fail"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("broken:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var b strings.Builder
	d.write(&b)
	if !strings.Contains(b.String(), "| x/b | build failed | build failed | not comparable |  |  |") ||
		!strings.Contains(b.String(), "| x/d | timeout | pass | tests only | 0 | 0 |") {
		t.Errorf("report lacks x/b's or x/d's row:\n%s", b.String())
	}
}
