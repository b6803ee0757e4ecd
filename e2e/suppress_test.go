package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// finding is one line of text output: file base name, line, message.
type finding struct {
	file    string
	line    int
	message string
}

var findingLine = regexp.MustCompile(`(?m)^(\S+\.go):(\d+):\d+: (.*)$`)

// findings parses the findings that go vet or transportvet printed.
func findings(out string) []finding {
	var fs []finding
	for _, m := range findingLine.FindAllStringSubmatch(out, -1) {
		line, _ := strconv.Atoi(m[2])
		fs = append(fs, finding{filepath.Base(m[1]), line, m[3]})
	}
	slices.SortFunc(fs, func(a, b finding) int { return a.line - b.line })
	return fs
}

// sameFinding reports whether got is the finding w describes: same file and
// line, a message that starts with w's and ends with the check's name.
func sameFinding(got, w finding) bool {
	return got.file == w.file && got.line == w.line &&
		strings.HasPrefix(got.message, w.message) && strings.HasSuffix(got.message, " (dispatcher)")
}

// lineOf returns the number of the only line of file in dir that contains
// text, or the only line equal to text once trimmed if exact is set.
func lineOf(t *testing.T, dir, file, text string, exact bool) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for i, l := range strings.Split(string(data), "\n") {
		if exact && strings.TrimSpace(l) == text || !exact && strings.Contains(l, text) {
			if found != 0 {
				t.Fatalf("%s: %q is on lines %d and %d", file, text, found, i+1)
			}
			found = i + 1
		}
	}
	if found == 0 {
		t.Fatalf("%s: no line holds %q", file, text)
	}
	return found
}

// TestSuppress checks the //transportvet:ignore directive and generated
// files under both drivers that print text: go vet -vettool and the
// standalone command. Only dispatcher runs, so that other checks' findings
// on this module do not change the expectations.
func TestSuppress(t *testing.T) {
	dir := copyModule(t, "suppress")
	// The message's wording is dispatcher's to change; its start and the
	// check's name at its end are what this test relies on.
	const dial = "grpc.Dial is deprecated"
	want := []finding{
		{"suppress.go", lineOf(t, dir, "suppress.go", "reported:443", false), dial},
		{"suppress.go", lineOf(t, dir, "suppress.go", "othercheck:443", false), dial},
		{"suppress.go", lineOf(t, dir, "suppress.go", "//transportvet:ignore dispatcher", true),
			"//transportvet:ignore directive has no reason: it silences nothing until it says why the finding does not apply, e.g. //transportvet:ignore dispatcher REASON (dispatcher)"},
		{"suppress.go", lineOf(t, dir, "suppress.go", "noreason:443", false), dial},
	}
	slices.SortFunc(want, func(a, b finding) int { return a.line - b.line })

	for _, tc := range []struct {
		driver string
		run    func() result
		code   int
	}{
		{"go vet -vettool", func() result { return vet(t, dir, "-dispatcher", "./...") }, 1},
		{"standalone", func() result { return standalone(t, dir, "-dispatcher", "./...") }, 3},
	} {
		res := tc.run()
		if res.code != tc.code {
			t.Errorf("%s: exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.driver, res.code, tc.code, res.stdout, res.stderr)
		}
		if got := findings(res.stderr); !slices.EqualFunc(got, want, sameFinding) {
			t.Errorf("%s: findings\n%v\nwant\n%v\nstderr:\n%s", tc.driver, got, want, res.stderr)
		}
	}

	// -fix applies only the fixes of reported findings: the silenced calls
	// and the generated file keep grpc.Dial.
	res := standalone(t, dir, "-dispatcher", "-fix", "./...")
	if res.code != 0 && res.code != 3 {
		t.Fatalf("-fix: exit code %d\n%s", res.code, res.stderr)
	}
	for file, text := range map[string]string{
		"suppress.go": `grpc.NewClient("passthrough:///reported:443")`,
		"gen.go":      `grpc.Dial("passthrough:///generated:443")`,
	} {
		lineOf(t, dir, file, text, false)
	}
	for _, target := range []string{"trailing", "above"} {
		lineOf(t, dir, "suppress.go", `grpc.Dial("passthrough:///`+target+`:443")`, false)
	}
}
