package main

import (
	"encoding/json"
	"slices"
	"testing"
)

const testTruth = "# Loops\n\n" +
	"- gitlab.com/gitlab-org/api/client-go@v1.46.0 (\"gitlab\")\n\n" +
	"## Retry regions (every one of these should be recognized)\n\n" +
	"| module | loop | what it does |\n|---|---|---|\n" +
	"| hashicorp/go-retryablehttp | client.go:689 `for i := 0; ; i++` | Do |\n" +
	"| grpc-ecosystem/go-grpc-middleware/v2 | interceptors/retry/retry.go:39 and :97 | interceptors |\n" +
	"| gojek/heimdall | httpclient/client.go:139 | a \\| b `x | y` |\n" +
	"| some/unknown | x.go:3 | not in the corpus |\n" +
	"| hashicorp/go-retryablehttp | no location here | skipped |\n\n" +
	"## Not retry regions (must stay regions-free)\n\n" +
	"| # | loop / call | module | why not |\n|---|---|---|---|\n" +
	"| X1 | examples/a/async/main.go:72, video/main.go:75 | gitlab | polling |\n" +
	"| X2 | request.go:47 `r.Do(a, b)` (built at tfe.go:433) (also :106). Client built at tfe.go:9 | gitlab | x |\n" +
	"| X3 | client.go:222–230 `Temporary`, event.go:5 (also :7) | gitlab | predicates |\n"

func TestParseTruth(t *testing.T) {
	entries, aliases := parseTruth("t.md", testTruth)
	if got := aliases["gitlab"]; got != "gitlab.com/gitlab-org/api/client-go" {
		t.Errorf("alias gitlab = %q", got)
	}
	type e struct {
		id, module string
		expected   bool
		locs       []loc
	}
	var got []e
	for _, x := range entries {
		got = append(got, e{x.ID, x.Module, x.Expected, x.Locs})
	}
	want := []e{
		{"R1", "hashicorp/go-retryablehttp", true, []loc{{"client.go", 689, 689}}},
		{"R2", "grpc-ecosystem/go-grpc-middleware/v2", true, []loc{{"interceptors/retry/retry.go", 39, 39}, {"interceptors/retry/retry.go", 97, 97}}},
		{"R3", "gojek/heimdall", true, []loc{{"httpclient/client.go", 139, 139}}},
		{"R4", "some/unknown", true, []loc{{"x.go", 3, 3}}},
		{"X1", "gitlab", false, []loc{{"examples/a/async/main.go", 72, 72}, {"video/main.go", 75, 75}}},
		{"X2", "gitlab", false, []loc{{"request.go", 47, 47}, {"request.go", 106, 106}}},
		{"X3", "gitlab", false, []loc{{"client.go", 222, 230}, {"event.go", 5, 5}, {"event.go", 7, 7}}},
	}
	if !slices.EqualFunc(got, want, func(a, b e) bool {
		return a.id == b.id && a.module == b.module && a.expected == b.expected && slices.Equal(a.locs, b.locs)
	}) {
		t.Errorf("parseTruth:\n got %+v\nwant %+v", got, want)
	}
}

func TestMatchModule(t *testing.T) {
	mods := []module{
		{"github.com/gojek/heimdall/v7", "v7.0.3"}, {"github.com/aws/aws-sdk-go-v2", "v1.48.0"},
		{"github.com/minio/minio-go/v7", "v7.4.1"}, {"google.golang.org/grpc", "v1.85.0"},
		{"github.com/PuerkitoBio/rehttp", "v1.4.0"}, {"gitlab.com/gitlab-org/api/client-go", "v1.46.0"},
	}
	aliases := map[string]string{"gitlab": "gitlab.com/gitlab-org/api/client-go"}
	for name, want := range map[string]string{
		"gojek/heimdall":         "github.com/gojek/heimdall/v7",
		"aws/aws-sdk-go-v2":      "github.com/aws/aws-sdk-go-v2",
		"minio/minio-go/v7":      "github.com/minio/minio-go/v7",
		"google.golang.org/grpc": "google.golang.org/grpc",
		"PuerkitoBio/rehttp":     "github.com/PuerkitoBio/rehttp",
		"gitlab":                 "gitlab.com/gitlab-org/api/client-go",
		"grpc":                   "google.golang.org/grpc",
		"sdk-go-v2":              "",
		"unknown/thing":          "",
	} {
		m, _ := matchModule(mods, aliases, name)
		if m.path != want {
			t.Errorf("matchModule(%q) = %q, want %q", name, m.path, want)
		}
	}
}

func TestJudge(t *testing.T) {
	mods := []module{{"github.com/PuerkitoBio/rehttp", "v1.4.0"}, {"google.golang.org/grpc", "v1.85.0"}}
	truth := "## Retry regions\n\n| module | loop |\n|---|---|\n" +
		"| PuerkitoBio/rehttp | rehttp.go:356 `for {` |\n" + // reported at the label, a line above
		"| PuerkitoBio/rehttp | rehttp.go:400 |\n" + // rejected: MISS
		"| google.golang.org/grpc | health/client.go:63 |\n" + // package not in the run
		"| nobody/else | a.go:1 |\n" +
		"\n## Not retry regions\n\n| module | loop | why |\n|---|---|---|\n" +
		"| PuerkitoBio/rehttp | rehttp_test.go:20 | a region: FALSE REGION |\n" +
		"| PuerkitoBio/rehttp | rehttp.go:500 | silent |\n"
	entries, aliases := parseTruth("t.md", truth)
	var ts []target
	exists := func(m module, file string) bool { return true }
	for _, e := range entries {
		m, ok := matchModule(mods, aliases, e.Module)
		for _, l := range e.Locs {
			var x target
			x.entry, x.mod, x.loc, x.inMod = e, m, l, ok
			if ok {
				x.loc.File, x.exists = resolve(exists, m, l.File, "")
				x.pkg = m.path
			}
			if l.File == "health/client.go" {
				x.pkg += "/health"
			}
			ts = append(ts, x)
		}
	}
	const dir = "/root/go/pkg/mod/github.com/!puerkito!bio/rehttp@v1.4.0/"
	data := `{
		"github.com/PuerkitoBio/rehttp": {"retry": [
			{"posn": "` + dir + `rehttp.go:355:1", "message": "retry region: loop retries RoundTrip on error"},
			{"posn": "` + dir + `rehttp.go:403:2", "message": "not a retry region: nothing is retried"},
			{"posn": "` + dir + `rehttp.go:499:2", "message": "not a retry region: counter used at ` + dir + `rehttp.go:501:3"},
			{"posn": "` + dir + `rehttp.go:510:2", "message": "retry region: far away"}
		]},
		"github.com/PuerkitoBio/rehttp [github.com/PuerkitoBio/rehttp.test]": {"retry": [
			{"posn": "` + dir + `rehttp.go:355:1", "message": "retry region: loop retries RoundTrip on error"},
			{"posn": "` + dir + `rehttp_test.go:20:2", "message": "retry region: loop retries Get on error"}
		]}
	}`
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(data), &tree); err != nil {
		t.Fatal(err)
	}
	ex := explained{diags: make(map[string][]retryDiag), analyzed: make(map[string]bool), errs: make(map[string]string)}
	ex.add(mods, tree, make(map[string]bool))
	ex.ran = map[string]bool{"github.com/PuerkitoBio/rehttp": true}
	var rows []regionRow
	for _, x := range ts {
		rows = append(rows, judge(x, ex))
	}
	want := []struct{ posn, verdict, said string }{
		{"rehttp.go:356", verdictOK, "retry region: loop retries RoundTrip on error"}, // once, not once per variant
		{"rehttp.go:400", verdictMiss, "(nothing)"},                                   // :403 is 3 lines away
		{"health/client.go:63", verdictNA, "package not in the run"},
		{"a.go:1", verdictNA, "module not in corpus"},
		{"rehttp_test.go:20", verdictFalseRegion, "retry region: loop retries Get on error"},
		{"rehttp.go:500", verdictOK, "not a retry region: counter used at rehttp.go:501:3"},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, w := range want {
		if r := rows[i]; r.Posn != w.posn || r.Verdict != w.verdict || r.Said != w.said {
			t.Errorf("row %d = %s %s %q, want %s %s %q", i, r.Posn, r.Verdict, r.Said, w.posn, w.verdict, w.said)
		}
	}
	if got, want := regionTotals(rows), "recognized 1 of 2 regions; non-regions kept silent 1 of 2; 2 locations not evaluated (n/a)"; got != want {
		t.Errorf("totals = %q, want %q", got, want)
	}
}

func TestResolve(t *testing.T) {
	m := module{"github.com/digitalocean/godo", "v1.237.0"}
	files := []string{"examples/si/async/main.go", "examples/si/video/main.go"}
	exists := func(_ module, f string) bool { return slices.Contains(files, f) }
	if f, ok := resolve(exists, m, "video/main.go", "examples/si/async/main.go"); !ok || f != "examples/si/video/main.go" {
		t.Errorf("resolve = %q, %v", f, ok)
	}
	if _, ok := resolve(exists, m, "nope.go", "examples/si/async/main.go"); ok {
		t.Error("resolve found a missing file")
	}
}
