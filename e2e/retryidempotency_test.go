package e2e

import (
	"path/filepath"
	"testing"
)

// TestRetryIdempotency runs retryidempotency on a module that uses the real
// retry libraries (go-retryablehttp, backoff v4 and v5, retry-go, go-retry):
// it must report exactly the lines marked "// finding:", apply its fixes
// so that the module still builds, and then report only the findings it
// has no fix for.
func TestRetryIdempotency(t *testing.T) {
	dir := copyModule(t, "retryidempotency")
	const file = "jobs.go"
	jobs := filepath.Join(dir, "jobs")
	wants := []marked{
		{"// finding: CreateRecord", "client.Client.CreateRecord sends a POST request (client.go:23) without an Idempotency-Key header and is retried by backoff.Retry", false},
		{"// finding: charge", "POST request is retried by backoff.Retry without an Idempotency-Key header", true},
		{"// finding: notify", "POST request is retried by retry.Do without an Idempotency-Key header", false},
		{"// finding: allocate", "POST request is retried by go-retryablehttp (it retries every method by default) without an Idempotency-Key header", false},
		{"// finding: restart", "POST request is retried by this loop without an Idempotency-Key header", true},
	}
	check := func(res result, wantCode int, fixedToo bool) {
		t.Helper()
		checkMarked(t, res, wantCode, jobs, file, wants, fixedToo, "(retryidempotency)")
	}

	check(standalone(t, dir, "-retryidempotency", "./..."), 3, true)
	check(vet(t, dir, "-retryidempotency", "./..."), 1, true)

	if res := standalone(t, dir, "-retryidempotency", "-fix", "./..."); res.code != 0 && res.code != 3 {
		t.Fatalf("-fix: exit code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if res := command(t, dir, "go", "build", "./..."); res.code != 0 {
		t.Fatalf("the fixed module does not build:\n%s%s", res.stdout, res.stderr)
	}
	check(standalone(t, dir, "-retryidempotency", "./..."), 3, false)
}
