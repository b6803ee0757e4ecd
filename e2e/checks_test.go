package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// The findings of each check on the shared module, under go vet -vettool
// (exit 1) and standalone (exit 3), before and after transportvet -fix.

const (
	dispatcherFile = "dispatcher/client/client.go"
	nestedFile     = "dispatcher/nested/nested.go"
	jobsFile       = "retryidempotency/jobs/jobs.go"
	stormFile      = "retrystorm/client/client.go"
	closeFile      = "transportclose/client/client.go"
	suppressFile   = "suppress/suppress.go"
)

var dispatcherWants = []want{
	{file: dispatcherFile, line: 16, col: 9, message: "grpc.DialContext is deprecated: use grpc.NewClient (dispatcher)", fixed: true},
	{file: dispatcherFile, line: 17, col: 3, message: "grpc.WithInsecure is deprecated: use grpc.WithTransportCredentials(insecure.NewCredentials())", fixed: true},
	{file: dispatcherFile, line: 18, col: 3, message: "grpc.WithBackoffMaxDelay is deprecated: use grpc.WithConnectParams", fixed: true},
	{file: dispatcherFile, line: 25, col: 9, message: "grpc.DialContext is deprecated: use grpc.NewClient (not rewritten: grpc.WithBlock makes it block"},
	{file: dispatcherFile, line: 25, col: 48, message: "grpc.WithInsecure is deprecated", fixed: true},
	{file: dispatcherFile, line: 25, col: 69, message: "grpc.WithBlock is deprecated: NewClient ignores it"},
	{file: dispatcherFile, line: 34, col: 9, message: "grpc.Dial is deprecated: use grpc.NewClient (dispatcher)", fixed: true},
	{file: dispatcherFile, line: 34, col: 36, message: "grpc.WithInsecure is deprecated", fixed: true},
	{file: dispatcherFile, line: 34, col: 57, message: "grpc.WithDialer is deprecated: use grpc.WithContextDialer", fixed: true},
	{file: dispatcherFile, line: 40, col: 25, message: "http.Transport.Dial is deprecated: use DialContext", fixed: true},
	{file: nestedFile, marker: "// finding: outer, inner", col: 56, message: "grpc.WithBackoffMaxDelay is deprecated", fixed: true},
	{file: nestedFile, marker: "// finding: outer, inner", col: 87, message: "grpc.WithInsecure is deprecated", fixed: true},
}

// TestDispatcher checks dispatcher's findings on the real grpc-go, and its
// fixes, two of which overlap (nested.go): -fix applies them in two rounds.
func TestDispatcher(t *testing.T) {
	check := func(label, dir, out string, fixedToo bool) {
		t.Helper()
		wants := dispatcherWants
		if !fixedToo {
			// What remains has no fix: the blocking dial and its WithBlock,
			// on lines that the fixes above them moved.
			wants = []want{
				{file: dispatcherFile, marker: "grpc.WithBlock())", message: "grpc.DialContext is deprecated: use grpc.NewClient (not rewritten: grpc.WithBlock"},
				{file: dispatcherFile, marker: "grpc.WithBlock())", message: "grpc.WithBlock is deprecated: NewClient ignores it"},
				// and nothing in nested.go, whose file this names.
				{file: nestedFile, marker: "// finding: outer, inner", fixed: true},
			}
		}
		checkFindings(t, label, dir, out, []string{"dispatcher"}, wants, fixedToo)
	}
	res := sharedVet(t)
	checkExit(t, "go vet", res, 1)
	check("go vet", shared, res.stderr, true)
	res = sharedReport(t)
	checkExit(t, "transportvet", res, 3)
	check("transportvet", shared, res.stderr, true)

	dir, res := fixed(t)
	check("transportvet -fix", dir, res.stderr, false)
	checkContains(t, filepath.Join(dir, dispatcherFile),
		`grpc.NewClient("passthrough:///backend:50051",`,
		`grpc.WithTransportCredentials(insecure.NewCredentials())`,
		`"google.golang.org/grpc/credentials/insecure"`,
		`grpc.WithConnectParams(grpc.ConnectParams{Backoff: backoff.Config{BaseDelay: backoff.DefaultConfig.BaseDelay, Multiplier: backoff.DefaultConfig.Multiplier, Jitter: backoff.DefaultConfig.Jitter, MaxDelay: 10 * time.Second}, MinConnectTimeout: 20 * time.Second})`,
		`grpc.WithContextDialer(func(ctx context.Context, addr string) (net.Conn, error) {`,
		`&http.Transport{DialContext: d.DialContext, MaxIdleConns: 10}`,
		// The blocking dial is kept, only its WithInsecure is rewritten.
		`grpc.DialContext(ctx, "backend:50051", grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithBlock())`,
	)
	// Both overlapping fixes, the inner one in the second round.
	checkContains(t, filepath.Join(dir, nestedFile),
		`grpc.WithConnectParams(grpc.ConnectParams{Backoff: backoff.Config{BaseDelay: backoff.DefaultConfig.BaseDelay, Multiplier: backoff.DefaultConfig.Multiplier, Jitter: backoff.DefaultConfig.Jitter, MaxDelay: delay(grpc.WithTransportCredentials(insecure.NewCredentials()))}, MinConnectTimeout: 20 * time.Second})`)
}

var retryIdempotencyWants = []want{
	{file: jobsFile, marker: "// finding: CreateRecord", message: "client.Client.CreateRecord sends a POST request (client.go:23) without an Idempotency-Key header and is retried by backoff.Retry"},
	{file: jobsFile, marker: "// finding: charge", message: "POST request is retried by backoff.Retry without an Idempotency-Key header", fixed: true},
	{file: jobsFile, marker: "// finding: notify", message: "POST request is retried by retry.Do without an Idempotency-Key header"},
	{file: jobsFile, marker: "// finding: allocate", message: "POST request is retried by go-retryablehttp (it retries every method by default) without an Idempotency-Key header"},
	{file: jobsFile, marker: "// finding: restart", message: "POST request is retried by this loop without an Idempotency-Key header", fixed: true},
}

// TestRetryIdempotency checks retryidempotency on the real retry libraries
// (go-retryablehttp, backoff v4 and v5, retry-go, go-retry), through a
// function of another package (client.go) whose facts cross the package
// boundary under both drivers.
func TestRetryIdempotency(t *testing.T) {
	checkCheck(t, []string{"retryidempotency"}, retryIdempotencyWants)
}

var retryStormWants = []want{
	{file: stormFile, marker: "// finding: no delay", message: "retry loop has no delay between attempts: a failing dependency turns it into a retry storm; wait with exponential backoff and jitter (retrystorm)"},
	{file: stormFile, marker: "// finding: sleep", message: "retry wait ignores ctx: a cancelled caller keeps this loop sleeping and retrying; select on ctx.Done() and a timer (retrystorm)", fixed: true},
	{file: stormFile, marker: "// finding: nap", message: "retry wait ignores ctx: a cancelled caller keeps this loop sleeping and retrying; select on ctx.Done() and a timer (retrystorm)"},
	{file: stormFile, marker: "// finding: put", message: "request req is re-sent with the body the first attempt consumed", fixed: true},
	{file: stormFile, marker: "// finding: put", message: "response resp is not closed before the next attempt: each retry leaks a connection; close resp.Body before retrying (retrybody)", fixed: true},
	{file: stormFile, marker: "// finding: zero", message: "backoff.ZeroBackOff retries with no delay and no bound"},
	{file: stormFile, marker: "// finding: failsafe", message: "retry policy has no delay between attempts"},
	{file: jobsFile, marker: "// finding: wait (retrystorm)", message: "retry wait ignores ctx", fixed: true},
}

// TestRetryStormAndBody checks retrystorm and retrybody on the real retry
// libraries (backoff v4, failsafe-go) and a helper package (netutil) whose
// facts must cross the package boundary under both drivers.
func TestRetryStormAndBody(t *testing.T) {
	checkCheck(t, []string{"retrystorm", "retrybody"}, retryStormWants)
}

var transportCloseWants = []want{
	{file: closeFile, marker: "// finding: Fetch", message: "this http.Transport is never closed and does not escape: each call leaks its idle connections; call CloseIdleConnections when done or reuse one Transport", fixed: true},
	{file: closeFile, marker: "// finding: Probe", message: "this http2.Transport is never closed and does not escape", fixed: true},
	{file: closeFile, marker: "// finding: Greet", message: "this grpc.ClientConn is never closed and does not escape: each call leaks its connections and goroutines; call Close when done or reuse one ClientConn", fixed: true},
	{file: closeFile, marker: "// finding: Ping", message: "this http.Transport is closed on some paths but not on the one to the return at line"},
	{file: closeFile, marker: "// finding: Logging", message: "Logging wraps a transport in field Next but has no CloseIdleConnections method", fixed: true},
	{file: closeFile, marker: "// finding: Fallback", message: "Fallback wraps a transport in fields Primary, Secondary but has no CloseIdleConnections method"},
}

// TestTransportClose checks transportclose on the real net/http,
// golang.org/x/net/http2 and google.golang.org/grpc, its fixes, and its
// -transportclose.types flag, which adds a closable type or fails on a
// malformed name.
func TestTransportClose(t *testing.T) {
	checkCheck(t, []string{"transportclose"}, transportCloseWants)

	dir, _ := fixed(t)
	checkContains(t, filepath.Join(dir, closeFile),
		"\tdefer tr.CloseIdleConnections()\n\tclient := &http.Client{Transport: tr, Timeout: 10 * time.Second}",
		"\tdefer conn.Close()\n\treply, err := pb.NewGreeterClient(conn)",
		"func (l *Logging) CloseIdleConnections() {\n\tif c, ok := l.Next.(interface{ CloseIdleConnections() }); ok {",
	)

	withPool := append(transportCloseWants, want{file: closeFile, marker: "// finding: Send", message: "this pool.Conn is never closed and does not escape: each call leaks what it holds; call Close when done"})
	res := standalone(t, shared, "-transportclose", "-transportclose.types=example.com/e2e/transportclose/pool.Conn", "./transportclose/...")
	checkExit(t, "-transportclose.types", res, 3)
	checkFindings(t, "-transportclose.types", shared, res.stderr, []string{"transportclose"}, withPool, true)

	res = standalone(t, shared, "-transportclose", "-transportclose.types=example.com/e2e/transportclose", "./transportclose/...")
	if res.code != 2 || !strings.Contains(res.stderr, "is not a pkg/path.Type name") {
		t.Errorf("malformed -transportclose.types: exit code %d, want 2 and an error\n%s", res.code, res.stderr)
	}
}

// checkCheck checks the findings of checks, wants, under go vet and
// standalone, and that only those without a fix remain after -fix.
func checkCheck(t *testing.T, checks []string, wants []want) {
	t.Helper()
	res := sharedVet(t)
	checkExit(t, "go vet", res, 1)
	checkFindings(t, "go vet", shared, res.stderr, checks, wants, true)
	res = sharedReport(t)
	checkExit(t, "transportvet", res, 3)
	checkFindings(t, "transportvet", shared, res.stderr, checks, wants, true)
	dir, res := fixed(t)
	checkFindings(t, "transportvet -fix", dir, res.stderr, checks, wants, false)
}

// TestEveryFindingExpected checks that the tests of the checks expect every
// finding on the shared module, and each docs link is printed once.
func TestEveryFindingExpected(t *testing.T) {
	res := sharedReport(t)
	all := [][]want{dispatcherWants, retryIdempotencyWants, retryStormWants, transportCloseWants, suppressWants}
	n := 0
	for _, ws := range all {
		n += len(ws)
	}
	if got := findings(shared, res.stderr); len(got) != n {
		t.Errorf("transportvet ./... printed %d findings, the tests expect %d:\n%s", len(got), n, res.stderr)
	}
	for _, check := range []string{"dispatcher", "retryidempotency", "retrybody", "retrystorm", "transportclose"} {
		line := "docs: https://github.com/transportvet/transportvet/blob/main/docs/" + check + ".md (" + check + ")\n"
		if strings.Count(res.stderr, line) != 1 {
			t.Errorf("the output does not end with one %q:\n%s", line, res.stderr)
		}
	}
	if got := findings(shared, sharedVet(t).stderr); len(got) != n {
		t.Errorf("go vet printed %d findings, the tests expect %d", len(got), n)
	}
}
