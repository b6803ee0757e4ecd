package golangci

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Settings is the configuration of the golangci-lint plugin, read from
// linters.settings.custom.transportvet.settings in .golangci.yml:
//
//	settings:
//	  enable: [dispatcher, transportclose]   # run only these (like -dispatcher -transportclose)
//	  disable: [retrystorm]                  # or: run all but these (like -retrystorm=false)
//	  dispatcher:                            # an analyzer's options: its flags
//	    packages: example.com/legacy         # like -dispatcher.packages=example.com/legacy
//
// Every key other than enable and disable names an analyzer of the suite, and
// every key under it names one of that analyzer's flags (transportvet help
// NAME lists them). A value is the flag's text: a string as is, a bool or a
// number as written, and a list of scalars joined with commas, as the flag
// would be written on the command line (packages: [a, b] means
// -dispatcher.packages=a,b). Option names are matched exactly, or else
// without regard to case, because golangci-lint lowercases configuration
// keys. Anything else (an unknown analyzer, an unknown option, a value the
// flag rejects, both enable and disable) is an error.
type Settings struct {
	// Enable lists the analyzers to run; empty means all, less Disable.
	Enable []string
	// Disable lists the analyzers not to run.
	Disable []string
	// Options maps an analyzer name to its options: flag name to flag text.
	Options map[string]map[string]string
}

// UnmarshalJSON decodes settings from the JSON that register.DecodeSettings
// makes of the YAML configuration. It checks the shape only; which analyzers
// and options exist is checked by resolve.
func (s *Settings) UnmarshalJSON(data []byte) error {
	*s = Settings{}
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return fmt.Errorf("settings must be a mapping of analyzer names and enable/disable: %w", err)
	}
	for _, key := range sortedKeys(top) {
		raw := top[key]
		switch key {
		case "enable", "disable":
			var names []string
			if err := json.Unmarshal(raw, &names); err != nil {
				return fmt.Errorf("%s must be a list of analyzer names: %w", key, err)
			}
			if key == "enable" {
				s.Enable = names
			} else {
				s.Disable = names
			}
			continue
		}
		var opts map[string]json.RawMessage
		if err := json.Unmarshal(raw, &opts); err != nil || opts == nil {
			return fmt.Errorf("%s: want a mapping of option names to values (or enable/disable), got %s", key, raw)
		}
		texts := make(map[string]string, len(opts))
		for _, name := range sortedKeys(opts) {
			text, err := flagText(opts[name])
			if err != nil {
				return fmt.Errorf("%s.%s: %w", key, name, err)
			}
			texts[name] = text
		}
		if s.Options == nil {
			s.Options = make(map[string]map[string]string)
		}
		s.Options[key] = texts
	}
	return nil
}

// flagText returns the command-line text of a setting's value: a string as
// is, a bool or a number as written, a list of those joined with commas.
func flagText(raw json.RawMessage) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			s, err := scalarText(e)
			if err != nil {
				return "", fmt.Errorf("list element %d: %w", i, err)
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	}
	return scalarText(v)
}

func scalarText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		if v {
			return "true", nil
		}
		return "false", nil
	case json.Number:
		return v.String(), nil
	case nil:
		return "", errors.New("no value (write \"\" for an empty value)")
	default:
		return "", fmt.Errorf("want a string, bool, number or list of those, got %T", v)
	}
}

// An assignment sets one analyzer flag: a.Flags.Set(Flag, Value).
type assignment struct {
	Analyzer *analysis.Analyzer
	Flag     string
	Value    string
}

// resolve checks s against analyzers and returns the analyzers to run, in
// their order in analyzers, and the flag assignments that s asks for, sorted
// by analyzer and flag name. The selection follows the command line's
// -NAME and -NAME=false flags: enable runs only the named analyzers,
// disable all but the named ones.
func (s Settings) resolve(analyzers []*analysis.Analyzer) ([]*analysis.Analyzer, []assignment, error) {
	byName := make(map[string]*analysis.Analyzer, len(analyzers))
	var names []string
	for _, a := range analyzers {
		byName[a.Name] = a
		names = append(names, a.Name)
	}
	known := strings.Join(names, ", ")

	if len(s.Enable) > 0 && len(s.Disable) > 0 {
		return nil, nil, errors.New("enable and disable are both set: list the analyzers to run (enable) or those not to run (disable), not both")
	}
	chosen := make(map[string]bool)
	for _, list := range [][]string{s.Enable, s.Disable} {
		for _, name := range list {
			if byName[name] == nil {
				return nil, nil, fmt.Errorf("unknown analyzer %q (known: %s)", name, known)
			}
			chosen[name] = true
		}
	}
	var selected []*analysis.Analyzer
	for _, a := range analyzers {
		switch {
		case len(s.Enable) > 0 && !chosen[a.Name]:
		case len(s.Disable) > 0 && chosen[a.Name]:
		default:
			selected = append(selected, a)
		}
	}

	var assigns []assignment
	for _, name := range sortedKeys(s.Options) {
		a := byName[name]
		if a == nil {
			return nil, nil, fmt.Errorf("unknown setting %q: want enable, disable or an analyzer name (%s)", name, known)
		}
		for _, opt := range sortedKeys(s.Options[name]) {
			f, err := lookupFlag(a, opt)
			if err != nil {
				return nil, nil, err
			}
			assigns = append(assigns, assignment{a, f.Name, s.Options[name][opt]})
		}
	}
	seen := make(map[assignment]bool)
	for _, as := range assigns {
		key := assignment{Analyzer: as.Analyzer, Flag: as.Flag}
		if seen[key] {
			return nil, nil, fmt.Errorf("%s.%s is set twice (option names are matched without regard to case)", as.Analyzer.Name, as.Flag)
		}
		seen[key] = true
	}
	sort.SliceStable(assigns, func(i, j int) bool {
		if assigns[i].Analyzer.Name != assigns[j].Analyzer.Name {
			return assigns[i].Analyzer.Name < assigns[j].Analyzer.Name
		}
		return assigns[i].Flag < assigns[j].Flag
	})
	return selected, assigns, nil
}

// lookupFlag finds a's flag named opt: exactly, or else the only one whose
// name equals opt without regard to case.
func lookupFlag(a *analysis.Analyzer, opt string) (*flag.Flag, error) {
	if f := a.Flags.Lookup(opt); f != nil {
		return f, nil
	}
	var match *flag.Flag
	var all []string
	ambiguous := false
	a.Flags.VisitAll(func(f *flag.Flag) {
		all = append(all, f.Name)
		if strings.EqualFold(f.Name, opt) {
			ambiguous = match != nil
			match = f
		}
	})
	if match != nil && !ambiguous {
		return match, nil
	}
	if ambiguous {
		return nil, fmt.Errorf("%s: option %q matches more than one flag without regard to case", a.Name, opt)
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%s: unknown option %q: %s has no options", a.Name, opt, a.Name)
	}
	return nil, fmt.Errorf("%s: unknown option %q (known: %s)", a.Name, opt, strings.Join(all, ", "))
}

// set applies the assignments through each analyzer's own FlagSet, exactly
// as the command line's -NAME.FLAG=VALUE does.
func set(assigns []assignment) error {
	for _, as := range assigns {
		if err := as.Analyzer.Flags.Set(as.Flag, as.Value); err != nil {
			return fmt.Errorf("%s.%s: %w", as.Analyzer.Name, as.Flag, err)
		}
	}
	return nil
}

// sameAssignments reports whether x and y set the same flags to the same
// text.
func sameAssignments(x, y []assignment) bool {
	return slices.Equal(x, y)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
