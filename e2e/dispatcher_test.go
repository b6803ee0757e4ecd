package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dispatcherFindings are the findings on e2e/testdata/dispatcher, as
// file:line:col and a message prefix.
var dispatcherFindings = []string{
	"client/client.go:16:9: grpc.DialContext is deprecated: use grpc.NewClient (dispatcher)",
	"client/client.go:17:3: grpc.WithInsecure is deprecated: use grpc.WithTransportCredentials(insecure.NewCredentials())",
	"client/client.go:18:3: grpc.WithBackoffMaxDelay is deprecated: use grpc.WithConnectParams",
	"client/client.go:25:9: grpc.DialContext is deprecated: use grpc.NewClient (not rewritten: grpc.WithBlock makes it block",
	"client/client.go:25:48: grpc.WithInsecure is deprecated",
	"client/client.go:25:69: grpc.WithBlock is deprecated: NewClient ignores it",
	"client/client.go:34:9: grpc.Dial is deprecated: use grpc.NewClient (dispatcher)",
	"client/client.go:34:36: grpc.WithInsecure is deprecated",
	"client/client.go:34:57: grpc.WithDialer is deprecated: use grpc.WithContextDialer",
	"client/client.go:40:25: http.Transport.Dial is deprecated: use DialContext",
}

// TestDispatcherVet runs transportvet as go vet -vettool on a module that
// requires the real google.golang.org/grpc and checks each finding.
func TestDispatcherVet(t *testing.T) {
	dir := copyModule(t, "dispatcher")
	res := vet(t, dir, "-dispatcher", "./...")
	if res.code != 1 {
		t.Fatalf("go vet exit code = %d, want 1 (findings)\nstderr:\n%s", res.code, res.stderr)
	}
	checkFindings(t, res.stderr, dispatcherFindings)
}

// TestDispatcherFix applies the fixes with transportvet -fix, checks that
// the module still builds and is gofmt-clean, that the findings without a
// fix remain, and that a second -fix changes nothing.
func TestDispatcherFix(t *testing.T) {
	dir := copyModule(t, "dispatcher")
	res := standalone(t, dir, "-dispatcher", "-fix", "./...")
	if res.code != 0 && res.code != 3 {
		t.Fatalf("transportvet -fix exit code = %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	file := filepath.Join(dir, "client", "client.go")
	fixed, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`grpc.NewClient("passthrough:///backend:50051",`,
		`grpc.WithTransportCredentials(insecure.NewCredentials())`,
		`"google.golang.org/grpc/credentials/insecure"`,
		`grpc.WithConnectParams(grpc.ConnectParams{Backoff: backoff.Config{BaseDelay: backoff.DefaultConfig.BaseDelay, Multiplier: backoff.DefaultConfig.Multiplier, Jitter: backoff.DefaultConfig.Jitter, MaxDelay: 10 * time.Second}, MinConnectTimeout: 20 * time.Second})`,
		`grpc.WithContextDialer(func(ctx context.Context, addr string) (net.Conn, error) {`,
		`&http.Transport{DialContext: d.DialContext, MaxIdleConns: 10}`,
		// The blocking dial is kept, only its WithInsecure is rewritten.
		`grpc.DialContext(ctx, "backend:50051", grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithBlock())`,
	} {
		if !strings.Contains(string(fixed), want) {
			t.Errorf("fixed client.go lacks %s\n%s", want, fixed)
		}
	}

	if res := command(t, dir, "go", "build", "./..."); res.code != 0 {
		t.Fatalf("the fixed module does not build:\n%s%s", res.stderr, fixed)
	}
	if res := command(t, dir, "gofmt", "-l", "."); res.code != 0 || strings.TrimSpace(res.stdout) != "" {
		t.Errorf("the fixed module is not gofmt-clean: %q %s", res.stdout, res.stderr)
	}

	// What is left has no fix: the blocking dial and its WithBlock.
	res = vet(t, dir, "-dispatcher", "./...")
	checkFindings(t, res.stderr, []string{
		"client/client.go:27:9: grpc.DialContext is deprecated: use grpc.NewClient (not rewritten: grpc.WithBlock",
		"grpc.WithBlock is deprecated: NewClient ignores it",
	})
	if n := strings.Count(res.stderr, "(dispatcher)"); n != 2 {
		t.Errorf("after -fix, %d findings, want 2 (the blocking dial and WithBlock):\n%s", n, res.stderr)
	}

	// A second -fix changes nothing.
	res = standalone(t, dir, "-dispatcher", "-fix", "./...")
	if res.code != 0 && res.code != 3 {
		t.Fatalf("second transportvet -fix exit code = %d\n%s", res.code, res.stderr)
	}
	again, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(fixed) {
		t.Errorf("a second -fix changed client.go:\n%s", again)
	}
}

// TestDispatcherGoFix applies the fixes through go fix -fixtool and checks
// that they are the ones transportvet -fix applies.
func TestDispatcherGoFix(t *testing.T) {
	viaGoFix, viaFix := copyModule(t, "dispatcher"), copyModule(t, "dispatcher")
	if res := command(t, viaGoFix, "go", "fix", "-fixtool="+binary, "-dispatcher", "./..."); res.code != 0 {
		t.Fatalf("go fix -fixtool exit code = %d\n%s", res.code, res.stderr)
	}
	if res := standalone(t, viaFix, "-dispatcher", "-fix", "./..."); res.code != 0 && res.code != 3 {
		t.Fatalf("transportvet -fix exit code = %d\n%s", res.code, res.stderr)
	}
	a, err := os.ReadFile(filepath.Join(viaGoFix, "client", "client.go"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(viaFix, "client", "client.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Errorf("go fix -fixtool and transportvet -fix differ:\n--- go fix\n%s\n--- -fix\n%s", a, b)
	}
	if !strings.Contains(string(a), "grpc.NewClient(") {
		t.Errorf("go fix did not rewrite Dial:\n%s", a)
	}
}

// TestDispatcherBadFlags checks that an unknown flag and a malformed
// -dispatcher.packages pattern are errors with exit code 2 and a message
// that says what is wrong.
func TestDispatcherBadFlags(t *testing.T) {
	dir := copyModule(t, "dispatcher")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-dispatcher.nosuch", "./..."}, "flag provided but not defined: -dispatcher.nosuch"},
		{[]string{"-dispatcher.packages=example.com/a b", "./..."}, `invalid value "example.com/a b" for flag -dispatcher.packages: package pattern "example.com/a b" is not an import path`},
		{[]string{"-dispatcher.packages=example.com/.../x", "./..."}, `"..." is allowed only as a final /... element`},
		{[]string{"-dispatcher.packages=a,,b", "./..."}, "empty package pattern"},
	} {
		res := standalone(t, dir, tc.args...)
		if res.code != 2 {
			t.Errorf("transportvet %v: exit code %d, want 2", tc.args, res.code)
		}
		if !strings.Contains(res.stderr, tc.want) {
			t.Errorf("transportvet %v: stderr lacks %q:\n%.500s", tc.args, tc.want, res.stderr)
		}
	}
	// go vet passes the malformed value to the tool, which refuses it.
	res := vet(t, dir, "-dispatcher.packages=example.com/a b", "./...")
	if res.code == 0 || !strings.Contains(res.stderr, `invalid value "example.com/a b" for flag -dispatcher.packages`) {
		t.Errorf("go vet with a malformed pattern: exit code %d, stderr:\n%.500s", res.code, res.stderr)
	}
}

// checkFindings checks that output has a line containing each finding.
func checkFindings(t *testing.T, output string, findings []string) {
	t.Helper()
	for _, f := range findings {
		if !strings.Contains(output, f) {
			t.Errorf("missing finding %q in:\n%s", f, output)
		}
	}
}
