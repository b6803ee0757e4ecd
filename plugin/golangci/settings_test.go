package golangci

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/analyzer"
	"github.com/transportvet/transportvet/internal/driver"
)

// listValue is a flag whose Set appends, like the "repeatable" flags some
// analyzers define: setting it twice is not setting it once.
type listValue []string

func (l *listValue) String() string { return strings.Join(*l, ",") }
func (l *listValue) Set(s string) error {
	if s == "bad" {
		return fmt.Errorf("bad is not allowed")
	}
	*l = append(*l, strings.Split(s, ",")...)
	return nil
}

// stdoutMu keeps the lines that fake analyzers print whole.
var stdoutMu sync.Mutex

// fakeSuite returns a new suite of analyzers with their own flags of every
// kind, each of which prints, when it runs, its name and its flags' values.
func fakeSuite() []*analysis.Analyzer {
	mk := func(name string, define func(fs *flag.FlagSet)) *analysis.Analyzer {
		a := &analysis.Analyzer{Name: name, Doc: "fake " + name}
		define(&a.Flags)
		a.Run = func(pass *analysis.Pass) (any, error) {
			line, _ := json.Marshal(childOutput{Ran: []string{a.Name}, Flags: flagValues([]*analysis.Analyzer{a})})
			stdoutMu.Lock()
			defer stdoutMu.Unlock()
			fmt.Printf("%s\n", line)
			return nil, nil
		}
		return a
	}
	return []*analysis.Analyzer{
		mk("alpha", func(fs *flag.FlagSet) {
			fs.String("packages", "example.com/default", "import paths")
			fs.Bool("strict", false, "be strict")
			fs.Int("limit", 3, "a limit")
			fs.Duration("wait", time.Second, "a duration")
			fs.Var(new(listValue), "names", "names, repeatable")
		}),
		mk("beta", func(fs *flag.FlagSet) {}),
		mk("gamma", func(fs *flag.FlagSet) {
			fs.String("funcMode", "", "a camel-case flag")
		}),
	}
}

// flagValues returns the text of every flag of analyzers, keyed NAME.FLAG.
func flagValues(analyzers []*analysis.Analyzer) map[string]string {
	values := make(map[string]string)
	for _, a := range analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			values[a.Name+"."+f.Name] = f.Value.String()
		})
	}
	return values
}

func TestSettingsDecode(t *testing.T) {
	for _, tc := range []struct {
		name string
		conf any // as golangci-lint's YAML loader produces it
		want Settings
		err  string
	}{
		{name: "absent", conf: nil, want: Settings{}},
		{name: "empty", conf: map[string]any{}, want: Settings{}},
		{
			name: "enable",
			conf: map[string]any{"enable": []any{"alpha", "gamma"}},
			want: Settings{Enable: []string{"alpha", "gamma"}},
		},
		{
			name: "disable",
			conf: map[string]any{"disable": []any{"beta"}},
			want: Settings{Disable: []string{"beta"}},
		},
		{
			name: "scalars and lists",
			conf: map[string]any{"alpha": map[string]any{
				"packages": "example.com/a",
				"strict":   true,
				"limit":    7,
				"wait":     "2s",
				"names":    []any{"x", "y", 3, false},
			}},
			want: Settings{Options: map[string]map[string]string{"alpha": {
				"packages": "example.com/a", "strict": "true", "limit": "7", "wait": "2s", "names": "x,y,3,false",
			}}},
		},
		{
			name: "number keeps its text",
			conf: map[string]any{"alpha": map[string]any{"limit": 1.5, "packages": 12345678901234}},
			want: Settings{Options: map[string]map[string]string{"alpha": {"limit": "1.5", "packages": "12345678901234"}}},
		},
		{name: "empty string", conf: map[string]any{"alpha": map[string]any{"packages": ""}}, want: Settings{Options: map[string]map[string]string{"alpha": {"packages": ""}}}},
		{name: "null value", conf: map[string]any{"alpha": map[string]any{"packages": nil}}, err: "alpha.packages: no value"},
		{name: "map value", conf: map[string]any{"alpha": map[string]any{"packages": map[string]any{"a": 1}}}, err: "alpha.packages: want a string, bool, number or list"},
		{name: "nested list", conf: map[string]any{"alpha": map[string]any{"names": []any{[]any{"a"}}}}, err: "alpha.names: list element 0"},
		{name: "analyzer not a map", conf: map[string]any{"alpha": "packages=x"}, err: "alpha: want a mapping of option names"},
		{name: "analyzer null", conf: map[string]any{"alpha": nil}, err: "alpha: want a mapping of option names"},
		{name: "enable not a list", conf: map[string]any{"enable": "alpha"}, err: "enable must be a list of analyzer names"},
		{name: "settings not a map", conf: []any{"alpha"}, err: "settings must be a mapping"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := register.DecodeSettings[Settings](tc.conf)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("DecodeSettings(%#v) = %+v, %v; want error containing %q", tc.conf, got, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("DecodeSettings(%#v): %v", tc.conf, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("DecodeSettings(%#v) = %+v, want %+v", tc.conf, got, tc.want)
			}
		})
	}
}

func TestSettingsResolve(t *testing.T) {
	names := func(as []*analysis.Analyzer) []string {
		var s []string
		for _, a := range as {
			s = append(s, a.Name)
		}
		return s
	}
	for _, tc := range []struct {
		name     string
		settings Settings
		selected []string
		assigns  []string // NAME.FLAG=VALUE
		err      string
	}{
		{name: "default runs all", selected: []string{"alpha", "beta", "gamma"}},
		{name: "enable keeps suite order", settings: Settings{Enable: []string{"gamma", "alpha"}}, selected: []string{"alpha", "gamma"}},
		{name: "disable", settings: Settings{Disable: []string{"beta"}}, selected: []string{"alpha", "gamma"}},
		{name: "both", settings: Settings{Enable: []string{"alpha"}, Disable: []string{"beta"}}, err: "enable and disable are both set"},
		{name: "unknown enabled", settings: Settings{Enable: []string{"alfa"}}, err: `unknown analyzer "alfa" (known: alpha, beta, gamma)`},
		{name: "unknown disabled", settings: Settings{Disable: []string{"delta"}}, err: `unknown analyzer "delta"`},
		{name: "unknown analyzer key", settings: Settings{Options: map[string]map[string]string{"delta": {"x": "1"}}}, err: `unknown setting "delta": want enable, disable or an analyzer name (alpha, beta, gamma)`},
		{name: "unknown option", settings: Settings{Options: map[string]map[string]string{"alpha": {"package": "x"}}}, err: `alpha: unknown option "package" (known: limit, names, packages, strict, wait)`},
		{name: "option of analyzer without flags", settings: Settings{Options: map[string]map[string]string{"beta": {"x": "1"}}}, err: `beta: unknown option "x": beta has no options`},
		{
			name:     "options sorted",
			settings: Settings{Options: map[string]map[string]string{"gamma": {"funcMode": "m"}, "alpha": {"wait": "2s", "limit": "4"}}},
			selected: []string{"alpha", "beta", "gamma"},
			assigns:  []string{"alpha.limit=4", "alpha.wait=2s", "gamma.funcMode=m"},
		},
		{
			name:     "lowercased key finds camel-case flag",
			settings: Settings{Options: map[string]map[string]string{"gamma": {"funcmode": "m"}}},
			selected: []string{"alpha", "beta", "gamma"},
			assigns:  []string{"gamma.funcMode=m"},
		},
		{
			name:     "same flag twice",
			settings: Settings{Options: map[string]map[string]string{"gamma": {"funcmode": "m", "funcMode": "n"}}},
			err:      "gamma.funcMode is set twice",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			selected, assigns, err := tc.settings.resolve(fakeSuite())
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("resolve = %v; want error containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := names(selected); !slices.Equal(got, tc.selected) {
				t.Errorf("selected %v, want %v", got, tc.selected)
			}
			var got []string
			for _, as := range assigns {
				got = append(got, as.Analyzer.Name+"."+as.Flag+"="+as.Value)
			}
			if !slices.Equal(got, tc.assigns) {
				t.Errorf("assignments %v, want %v", got, tc.assigns)
			}
		})
	}
}

func TestSettingsBadValue(t *testing.T) {
	suite := fakeSuite()
	_, assigns, err := Settings{Options: map[string]map[string]string{"alpha": {"limit": "many"}}}.resolve(suite)
	if err != nil {
		t.Fatal(err)
	}
	err = set(assigns)
	if err == nil || !strings.Contains(err.Error(), `alpha.limit: parse error`) {
		t.Fatalf("set(limit=many) = %v, want the flag's parse error", err)
	}
}

// TestAppliedOnce checks that a second plugin in one process cannot change
// the options that a first one applied to the shared analyzers.
func TestAppliedOnce(t *testing.T) {
	suite := fakeSuite()
	resolve := func(s Settings) []assignment {
		t.Helper()
		_, assigns, err := s.resolve(suite)
		if err != nil {
			t.Fatal(err)
		}
		return assigns
	}
	first := resolve(Settings{Options: map[string]map[string]string{"alpha": {"names": "a,b"}}})
	var o appliedOptions
	if err := o.apply(first); err != nil {
		t.Fatal(err)
	}
	// The same options again (another plugin with the same settings, which
	// may select other analyzers) must not append to the list a second time.
	if err := o.apply(resolve(Settings{Enable: []string{"beta"}, Options: map[string]map[string]string{"alpha": {"names": "a,b"}}})); err != nil {
		t.Fatalf("same options again: %v", err)
	}
	if got := flagValues(suite)["alpha.names"]; got != "a,b" {
		t.Errorf("alpha.names = %q after applying the same options twice, want %q", got, "a,b")
	}
	err := o.apply(resolve(Settings{Options: map[string]map[string]string{"alpha": {"names": "c"}}}))
	if err == nil || !strings.Contains(err.Error(), "one process runs one set of options") {
		t.Fatalf("different options: %v, want refusal", err)
	}
	if err := o.apply(nil); err == nil {
		t.Fatal("no options after some: accepted, want refusal")
	}
	if got := flagValues(suite)["alpha.names"]; got != "a,b" {
		t.Errorf("alpha.names = %q after a refused apply, want %q", got, "a,b")
	}

	var bad appliedOptions
	badAssigns := resolve(Settings{Options: map[string]map[string]string{"alpha": {"names": "bad"}}})
	if err := bad.apply(badAssigns); err == nil {
		t.Fatal("bad value applied without error")
	}
	if err := bad.apply(badAssigns); err == nil {
		t.Fatal("bad value applied without error the second time")
	}
}

// TestPluginRegistered checks the plugin as golangci-lint finds and builds
// it, with no settings.
func TestPluginRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("transportvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	got, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if want := analyzer.Analyzers(); !slices.Equal(got, want) {
		t.Errorf("BuildAnalyzers() = %v, want the whole suite %v", got, want)
	}
	got[0] = nil
	if again, _ := p.BuildAnalyzers(); again[0] == nil {
		t.Error("BuildAnalyzers returns a shared slice")
	}
}

// TestPluginRejects checks that New reports what is wrong with the settings
// and applies nothing.
func TestPluginRejects(t *testing.T) {
	suite := analyzer.Analyzers()
	for _, tc := range []struct {
		conf any
		err  string
	}{
		{map[string]any{"enable": []any{"dispatchr"}}, `unknown analyzer "dispatchr"`},
		{map[string]any{"nosuch": map[string]any{"x": 1}}, `unknown setting "nosuch"`},
		{map[string]any{suite[0].Name: map[string]any{"no-such-option": "x"}}, `unknown option "no-such-option"`},
		{map[string]any{"enable": []any{suite[0].Name}, "disable": []any{suite[1].Name}}, "enable and disable are both set"},
		{map[string]any{suite[0].Name: "x"}, "want a mapping of option names"},
	} {
		_, err := New(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "transportvet settings: ") {
			t.Errorf("New(%v) = %v, want error containing %q", tc.conf, err, tc.err)
		}
	}
}

// The tests below check that a setting means exactly what the flag means,
// by running the real command-line driver (internal/driver) in a child
// process of this test binary, since the analyzers' flags are global. The parent compares
// what each path leaves in the analyzers' flags and which analyzers run.

const childEnv = "TRANSPORTVET_SETTINGS_CHILD"

// childRequest is what the parent asks a child to do.
type childRequest struct {
	Suite string   // "fake" or "real"
	Mode  string   // "cmdline" or "plugin"
	Args  []string // cmdline: the flags
	Conf  any      // plugin: the settings
}

// childOutput is what a child prints: the analyzers that ran and the flags.
type childOutput struct {
	Ran   []string          `json:",omitempty"`
	Flags map[string]string `json:",omitempty"`
}

// TestSettingsChild is the child process; it does nothing when run as a test.
func TestSettingsChild(t *testing.T) {
	data := os.Getenv(childEnv)
	if data == "" {
		return
	}
	var req childRequest
	if err := json.Unmarshal([]byte(data), &req); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(70)
	}
	suite := fakeSuite()
	if req.Suite == "real" {
		suite = analyzer.Analyzers()
	}
	switch req.Mode {
	case "cmdline":
		// A probe prints the flags of the whole suite when it runs: the
		// real suite's analyzers print nothing themselves.
		probe := &analysis.Analyzer{Name: "tvprobe", Doc: "probe", Run: func(*analysis.Pass) (any, error) {
			line, _ := json.Marshal(childOutput{Flags: flagValues(suite)})
			stdoutMu.Lock()
			defer stdoutMu.Unlock()
			fmt.Printf("%s\n", line)
			return nil, nil
		}}
		// -cache=false: the probe must run on every run, and report
		// mode's cache would replay an earlier run's results instead.
		args := append(append([]string{"-cache=false"}, req.Args...), ".")
		os.Exit(driver.Run(driver.Suite{Name: "transportvet", Analyzers: append(suite, probe)}, args, os.Stdout, os.Stderr))
	case "plugin":
		if req.Suite == "real" {
			p, err := New(req.Conf)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			suite, _ = p.BuildAnalyzers()
		} else {
			s, err := register.DecodeSettings[Settings](req.Conf)
			if err == nil {
				var assigns []assignment
				suite, assigns, err = s.resolve(suite)
				if err == nil {
					err = set(assigns)
				}
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
		}
		var out childOutput
		for _, a := range suite {
			out.Ran = append(out.Ran, a.Name)
		}
		out.Flags = flagValues(analyzer.Analyzers())
		if req.Suite == "fake" {
			out.Flags = flagValues(suite)
		}
		line, _ := json.Marshal(out)
		fmt.Printf("%s\n", line)
	}
	os.Exit(0)
}

// child runs req in a child process, in a directory holding a one-file
// package for the driver to load, and returns the merged output, or ok=false
// if the child failed (e.g. a flag rejected its value).
func child(t *testing.T, dir string, req childRequest) (out childOutput, ok bool) {
	t.Helper()
	data, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestSettingsChild$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childEnv+"="+string(data), "GOFLAGS=-mod=mod")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		// Exit status 2 is how both paths reject a flag or setting.
		if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 2 {
			t.Fatalf("child %+v: %v\n%s", req, err, stderr.String())
		}
		return out, false
	}
	out.Flags = make(map[string]string)
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var o childOutput
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatalf("child %+v printed %q: %v\nstderr: %s", req, stdout.String(), err, stderr.String())
		}
		out.Ran = append(out.Ran, o.Ran...)
		maps.Copy(out.Flags, o.Flags)
	}
	sort.Strings(out.Ran)
	return out, true
}

// childDir makes a module with one small package for the driver to load.
func childDir(t *testing.T) string {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"go.mod": "module example.com/p\n\ngo 1.26\n",
		"p.go":   "package p\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A candidate is one value given both ways: on the command line as flag
// text, and in the settings as the YAML loader would produce it.
type candidate struct {
	text    string
	setting any
}

// candidates returns values to try for flag f: valid and invalid ones, as
// strings, numbers, bools and lists.
func candidates(f *flag.Flag) []candidate {
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return []candidate{{"true", true}, {"false", false}, {"maybe", "maybe"}}
	}
	return []candidate{
		{"example.com/a", "example.com/a"},
		{"example.com/a,example.com/b", []any{"example.com/a", "example.com/b"}},
		{"7", 7},
		{"2s", "2s"},
		{"", ""},
		{"bad", "bad"},
	}
}

// checkSameMeaning checks, for every flag of suite and every candidate
// value, that the command line -NAME.FLAG=TEXT and the setting NAME: {FLAG:
// VALUE} both fail or both leave the same text in every flag.
func checkSameMeaning(t *testing.T, suiteName string, suite []*analysis.Analyzer) int {
	dir := childDir(t)
	compared := 0
	compare := func(args []string, conf map[string]any, probe bool) {
		t.Helper()
		if probe {
			args = append(args, "-tvprobe")
		}
		cl, clOK := child(t, dir, childRequest{Suite: suiteName, Mode: "cmdline", Args: args})
		pl, plOK := child(t, dir, childRequest{Suite: suiteName, Mode: "plugin", Conf: conf})
		if clOK != plOK {
			t.Errorf("command line %v succeeded=%v, settings %v succeeded=%v", args, clOK, conf, plOK)
			return
		}
		if clOK && !maps.Equal(cl.Flags, pl.Flags) {
			t.Errorf("command line %v leaves flags %v, settings %v leave %v", args, cl.Flags, conf, pl.Flags)
		}
		compared++
	}
	for _, a := range suite {
		a.Flags.VisitAll(func(f *flag.Flag) {
			for _, c := range candidates(f) {
				compare([]string{"-" + a.Name + "." + f.Name + "=" + c.text},
					map[string]any{a.Name: map[string]any{f.Name: c.setting}},
					suiteName == "real")
			}
		})
	}
	return compared
}

// TestSettingsMeanFlagsFake checks the equivalence on analyzers with flags
// of every kind, including one whose Set appends.
func TestSettingsMeanFlagsFake(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the driver in child processes")
	}
	if n := checkSameMeaning(t, "fake", fakeSuite()); n == 0 {
		t.Fatal("compared nothing")
	}
}

// TestSettingsSelectLikeFlags checks that enable and disable select the
// analyzers that -NAME and -NAME=false do.
func TestSettingsSelectLikeFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the driver in child processes")
	}
	dir := childDir(t)
	for _, tc := range []struct {
		args []string
		conf map[string]any
	}{
		{nil, nil},
		{[]string{"-alpha", "-gamma"}, map[string]any{"enable": []any{"alpha", "gamma"}}},
		{[]string{"-beta=false"}, map[string]any{"disable": []any{"beta"}}},
	} {
		cl, ok := child(t, dir, childRequest{Suite: "fake", Mode: "cmdline", Args: tc.args})
		if !ok {
			t.Fatalf("command line %v failed", tc.args)
		}
		pl, ok := child(t, dir, childRequest{Suite: "fake", Mode: "plugin", Conf: tc.conf})
		if !ok {
			t.Fatalf("settings %v failed", tc.conf)
		}
		if !slices.Equal(cl.Ran, pl.Ran) {
			t.Errorf("command line %v runs %v, settings %v run %v", tc.args, cl.Ran, tc.conf, pl.Ran)
		}
	}
}

// TestSettingsMeanFlags checks the equivalence on the real suite: every flag
// of every analyzer, through New as golangci-lint calls it.
func TestSettingsMeanFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the driver in child processes")
	}
	suite := analyzer.Analyzers()
	n := checkSameMeaning(t, "real", suite)
	t.Logf("compared %d flag values", n)
	if n == 0 {
		t.Skip("no analyzer of the suite has flags yet")
	}
}
