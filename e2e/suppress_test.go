package e2e

import (
	"path/filepath"
	"testing"
)

// The findings in suppress.go: the //transportvet:ignore directive, under
// every driver. The wording of a finding is its check's to change; its
// start and the check's name at its end are what this test relies on.
var suppressWants = []want{
	{file: suppressFile, marker: "reported:443", message: "grpc.Dial is deprecated", fixed: true},
	{file: suppressFile, marker: "othercheck:443", message: "grpc.Dial is deprecated", fixed: true},
	{file: suppressFile, marker: "//transportvet:ignore dispatcher\n", message: "//transportvet:ignore directive has no reason: it silences nothing until it says why the finding does not apply, e.g. //transportvet:ignore dispatcher REASON (dispatcher)"},
	{file: suppressFile, marker: "noreason:443", message: "grpc.Dial is deprecated", fixed: true},
	{file: suppressFile, marker: "//transportvet:ignore dispatchr", message: "unknown check dispatchr in //transportvet:ignore: it silences nothing; did you mean dispatcher? (dispatcher)"},
	{file: suppressFile, marker: "unknown:443", message: "grpc.Dial is deprecated", fixed: true},
	{file: suppressFile, marker: "//transportvet:ignore retrybody\n", message: "//transportvet:ignore directive has no reason: it silences nothing until it says why the finding does not apply, e.g. //transportvet:ignore retrybody REASON (retrybody)"},
	{file: suppressFile, marker: "//transportvet:ignore retrybdy", message: "unknown check retrybdy in //transportvet:ignore: it silences nothing; did you mean retrybody? (retrybody)"},
}

// TestSuppress checks the //transportvet:ignore directive and generated
// files under go vet -vettool and standalone: a directive silences its
// check on its line or the next; one without a reason, or naming no check,
// silences nothing and is reported, once, also by a check that finds nothing
// else to look at in the package; -fix applies only the fixes of
// reported findings, so silenced calls and the generated file keep
// grpc.Dial.
func TestSuppress(t *testing.T) {
	checkCheck(t, []string{"dispatcher", "retrybody"}, suppressWants)

	dir, _ := fixed(t)
	checkContains(t, filepath.Join(dir, suppressFile),
		`grpc.NewClient("passthrough:///reported:443")`,
		`grpc.Dial("passthrough:///trailing:443")`,
		`grpc.Dial("passthrough:///above:443")`,
	)
	checkContains(t, filepath.Join(dir, "suppress", "gen.go"), `grpc.Dial("passthrough:///generated:443")`)
}
