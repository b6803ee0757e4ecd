package e2e

import (
	"path/filepath"
	"testing"
)

// TestRetryStormAndBody runs retrystorm and retrybody on a module that uses
// the real retry libraries (backoff v4, failsafe-go) and a helper package
// whose facts must cross the package boundary under both drivers: they must
// report exactly the lines marked "// finding:", apply their fixes so that
// the module still builds, and then report only the findings without a fix.
func TestRetryStormAndBody(t *testing.T) {
	dir := copyModule(t, "retrystorm")
	const file = "client.go"
	pkg := filepath.Join(dir, "client")
	wants := []marked{
		{"// finding: no delay", "retry loop has no delay between attempts: a failing dependency turns it into a retry storm; wait with exponential backoff and jitter (retrystorm)", false},
		{"// finding: sleep", "retry wait ignores ctx: a cancelled caller keeps this loop sleeping and retrying; select on ctx.Done() and a timer (retrystorm)", true},
		{"// finding: nap", "retry wait ignores ctx: a cancelled caller keeps this loop sleeping and retrying; select on ctx.Done() and a timer (retrystorm)", false},
		{"// finding: put", "request req is re-sent with the body the first attempt consumed", true},
		{"// finding: put", "response resp is not closed before the next attempt: each retry leaks a connection; close resp.Body before retrying (retrybody)", true},
		{"// finding: zero", "backoff.ZeroBackOff retries with no delay and no bound", false},
		{"// finding: failsafe", "retry policy has no delay between attempts", false},
	}
	check := func(res result, wantCode int, fixedToo bool) {
		t.Helper()
		checkMarked(t, res, wantCode, pkg, file, wants, fixedToo, "")
	}

	check(standalone(t, dir, "-retrystorm", "-retrybody", "./..."), 3, true)
	check(vet(t, dir, "-retrystorm", "-retrybody", "./..."), 1, true)

	if res := standalone(t, dir, "-retrystorm", "-retrybody", "-fix", "./..."); res.code != 0 && res.code != 3 {
		t.Fatalf("-fix: exit code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if res := command(t, dir, "go", "build", "./..."); res.code != 0 {
		t.Fatalf("the fixed module does not build:\n%s%s", res.stdout, res.stderr)
	}
	check(standalone(t, dir, "-retrystorm", "-retrybody", "./..."), 3, false)
}
