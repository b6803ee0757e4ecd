package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTransportClose runs transportclose on a module that uses the real
// net/http, golang.org/x/net/http2 and google.golang.org/grpc: it must report
// exactly the lines marked "// finding:", under go vet and standalone; its
// fixes must leave a module that builds; a second -fix must change nothing;
// and the -transportclose.types flag must add a type, or fail on a malformed
// name.
func TestTransportClose(t *testing.T) {
	dir := copyModule(t, "transportclose")
	const file = "client.go"
	clientDir := filepath.Join(dir, "client")
	type want struct {
		marker  string
		message string
		fixed   bool // the finding has a suggested fix
	}
	wants := []want{
		{"// finding: Fetch", "this http.Transport is never closed and does not escape: each call leaks its idle connections; call CloseIdleConnections when done or reuse one Transport", true},
		{"// finding: Probe", "this http2.Transport is never closed and does not escape", true},
		{"// finding: Greet", "this grpc.ClientConn is never closed and does not escape: each call leaks its connections and goroutines; call Close when done or reuse one ClientConn", true},
		{"// finding: Ping", "this http.Transport is closed on some paths but not on the one to the return at line", false},
		{"// finding: Logging", "Logging wraps a transport in field Next but has no CloseIdleConnections method", true},
		{"// finding: Fallback", "Fallback wraps a transport in fields Primary, Secondary but has no CloseIdleConnections method", false},
	}
	poolWant := want{"// finding: Send", "this pool.Conn is never closed and does not escape: each call leaks what it holds; call Close when done", false}

	check := func(res result, wantCode int, ws []want) {
		t.Helper()
		if res.code != wantCode {
			t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", res.code, wantCode, res.stdout, res.stderr)
		}
		got := findings(res.stdout + res.stderr)
		var expected []finding
		for _, w := range ws {
			expected = append(expected, finding{file, lineOf(t, clientDir, file, w.marker, false), w.message})
		}
		slices.SortFunc(expected, func(a, b finding) int { return a.line - b.line })
		if len(got) != len(expected) {
			t.Fatalf("got %d findings, want %d:\n%s%s", len(got), len(expected), res.stdout, res.stderr)
		}
		for i := range got {
			g, w := got[i], expected[i]
			if g.file != w.file || g.line != w.line || !strings.HasPrefix(g.message, w.message) || !strings.HasSuffix(g.message, "(transportclose)") {
				t.Errorf("finding %d = %s:%d: %s\nwant %s:%d: %s...", i, g.file, g.line, g.message, w.file, w.line, w.message)
			}
		}
	}

	check(standalone(t, dir, "-transportclose", "./..."), 3, wants)
	check(vet(t, dir, "-transportclose", "./..."), 1, wants)
	check(standalone(t, dir, "-transportclose", "-transportclose.types=example.com/transportclose-e2e/pool.Conn", "./..."), 3, append(slices.Clone(wants), poolWant))

	res := standalone(t, dir, "-transportclose", "-transportclose.types=example.com/transportclose-e2e", "./...")
	if res.code != 2 || !strings.Contains(res.stderr, "is not a pkg/path.Type name") {
		t.Errorf("malformed -transportclose.types: exit code %d, want 2 and an error\n%s", res.code, res.stderr)
	}

	if res := standalone(t, dir, "-transportclose", "-fix", "./..."); res.code != 0 && res.code != 3 {
		t.Fatalf("-fix: exit code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	fixed, err := os.ReadFile(filepath.Join(clientDir, file))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"\tdefer tr.CloseIdleConnections()\n\tclient := &http.Client{Transport: tr, Timeout: 10 * time.Second}",
		"\tdefer conn.Close()\n\treply, err := pb.NewGreeterClient(conn)",
		"func (l *Logging) CloseIdleConnections() {\n\tif c, ok := l.Next.(interface{ CloseIdleConnections() }); ok {",
	} {
		if !strings.Contains(string(fixed), s) {
			t.Errorf("fixed %s lacks\n%s\n---\n%s", file, s, fixed)
		}
	}
	if res := command(t, dir, "go", "build", "./..."); res.code != 0 {
		t.Fatalf("the fixed module does not build:\n%s%s", res.stdout, res.stderr)
	}
	if res := command(t, dir, "gofmt", "-l", "."); res.stdout != "" {
		t.Errorf("the fixed module is not gofmt-clean: %s", res.stdout)
	}
	var unfixed []want
	for _, w := range wants {
		if !w.fixed {
			unfixed = append(unfixed, w)
		}
	}
	check(standalone(t, dir, "-transportclose", "./..."), 3, unfixed)

	if res := standalone(t, dir, "-transportclose", "-fix", "./..."); res.code != 0 && res.code != 3 {
		t.Fatalf("second -fix: exit code %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	again, err := os.ReadFile(filepath.Join(clientDir, file))
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(fixed) {
		t.Errorf("a second -fix changed %s:\n%s", file, again)
	}
}
