package driver

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifValidator returns the official SARIF 2.1.0 schema (OASIS, errata01),
// compiled. testdata/sarif-schema-2.1.0.json is a copy of it, taken from the
// Go module github.com/owenrumney/go-sarif/v3@v3.3.1
// (pkg/report/v210/sarif/schema.go), so that the test needs no network.
func sarifValidator(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchema, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchema)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, out string) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	return sch.Validate(inst)
}

// TestSARIF checks -format=sarif against the official schema, and what code
// scanning shows of it: a rule per check with its docs URL as helpUri, a
// result per finding whose message does not repeat the check, columns in
// UTF-16 code units, the suggested fix, and errors as notifications.
func TestSARIF(t *testing.T) {
	sch := sarifValidator(t)
	// The validator is not lenient: a log without its version fails.
	if err := validateSARIF(t, sch, `{"runs": []}`); err == nil {
		t.Fatal("a SARIF log without a version validates")
	}

	dir := module(t, map[string]string{
		"p/funcs.go": funcs,
		"p/p.go":     "package p\n\nfunc f() { _ = \"é😀\"; legacy() }\n\nfunc g() { _ = before(1) }\n",
		"bad/bad.go": "package bad\n\nfunc f() int { return \"x\" }\n",
	})
	for _, cache := range []string{"-cache=true", "-cache=false"} {
		code, stdout, stderr := run(t, cache, "-format=sarif", "./p")
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s", cache, code, stderr)
		}
		if err := validateSARIF(t, sch, stdout); err != nil {
			t.Fatalf("%s: the SARIF does not validate: %v\n%s", cache, err, stdout)
		}
		var log sarifLog
		if err := json.Unmarshal([]byte(stdout), &log); err != nil {
			t.Fatal(err)
		}
		lr := log.Runs[0]
		var ids []string
		for _, r := range lr.Tool.Driver.Rules {
			ids = append(ids, r.ID+" "+r.HelpURI)
		}
		if want := []string{"rename " + rename.URL, "legacy " + legacy.URL}; !slices.Equal(ids, want) {
			t.Errorf("%s: rules %q, want %q", cache, ids, want)
		}
		if got := lr.OriginalURIBaseIDs[srcRoot].URI; got != fileURI(dir)+"/" {
			t.Errorf("%s: %%SRCROOT%% is %s, want the directory it ran in, %s", cache, got, fileURI(dir)+"/")
		}
		if len(lr.Results) != 2 {
			t.Fatalf("%s: %d results, want 2:\n%s", cache, len(lr.Results), stdout)
		}
		legacyRes, renameRes := lr.Results[0], lr.Results[1]
		loc := legacyRes.Locations[0].PhysicalLocation
		if legacyRes.RuleID != "legacy" || legacyRes.RuleIndex != 1 || legacyRes.Message.Text != "legacy is deprecated" ||
			loc.ArtifactLocation.URI != "p/p.go" || loc.ArtifactLocation.URIBaseID != srcRoot ||
			loc.Region.StartLine != 3 || loc.Region.StartColumn != 23 || loc.Region.EndColumn != 31 {
			// "é" is one UTF-16 code unit and "😀" two; in bytes, the
			// call starts at column 26.
			t.Errorf("%s: legacy's result: %+v at %+v", cache, legacyRes, loc)
		}
		if renameRes.RuleID != "rename" || renameRes.Message.Text != "before is deprecated: call after" || len(renameRes.Fixes) != 1 {
			t.Fatalf("%s: rename's result: %+v", cache, renameRes)
		}
		rp := renameRes.Fixes[0].ArtifactChanges[0].Replacements[0]
		src := readString(t, filepath.Join(dir, "p", "p.go"))
		if got := src[*rp.DeletedRegion.ByteOffset : *rp.DeletedRegion.ByteOffset+*rp.DeletedRegion.ByteLength]; got != "before(1)" || rp.InsertedContent.Text != "after(1)" {
			t.Errorf("%s: the fix replaces %q with %q, want before(1) with after(1)", cache, got, rp.InsertedContent.Text)
		}

		// A package that does not type-check: a notification, and the
		// invocation did not succeed; the exit status is 1.
		code, stdout, _ = run(t, cache, "-format=sarif", "./...")
		if err := validateSARIF(t, sch, stdout); err != nil {
			t.Fatalf("%s: the SARIF with errors does not validate: %v\n%s", cache, err, stdout)
		}
		if err := json.Unmarshal([]byte(stdout), &log); err != nil {
			t.Fatal(err)
		}
		inv := log.Runs[0].Invocations[0]
		if code != exitError || inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 ||
			!strings.Contains(inv.ToolExecutionNotifications[0].Message.Text, "cannot use \"x\"") {
			t.Errorf("%s: with a package that does not type-check: exit %d, invocation %+v", cache, code, inv)
		}
	}
}
