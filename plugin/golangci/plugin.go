// Package golangci is transportvet's golangci-lint v2 module plugin. Importing
// it registers the plugin, named transportvet, with golangci-lint's plugin
// registry (github.com/golangci/plugin-module-register): the custom
// golangci-lint build imports it (../../golangci/main.go), as a
// .custom-gcl.yml would with
//
//	plugins:
//	  - module: github.com/transportvet/transportvet
//	    import: github.com/transportvet/transportvet/plugin/golangci
//
// It lives apart from package analyzer, the suite, so that the command-line
// driver, gopls and go vet link neither the registry nor this init.
package golangci

import (
	"fmt"
	"sync"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/analyzer"
	"github.com/transportvet/transportvet/internal/report"
)

// PluginName is the name under which the suite registers as a golangci-lint
// module plugin: the key of linters.settings.custom in .golangci.yml, and the
// linter name that //nolint:transportvet names.
const PluginName = "transportvet"

func init() {
	register.Plugin(PluginName, New)
}

// New is the golangci-lint module plugin's constructor. It decodes conf (the
// settings of linters.settings.custom.transportvet) into Settings, checks them
// against the suite, and applies each option through its analyzer's own
// FlagSet, the path the command line's -NAME.FLAG=VALUE takes.
//
// The analyzers' flags live on the package-level Analyzer values, as go vet
// and nogo need them to. So one process runs the suite with one set of
// options: golangci-lint makes one transportvet plugin per run. A later New
// in the same process whose options differ from those already applied is an
// error, rather than a silent change to the analyzers the earlier plugin
// returned. Plugins that differ only in enable/disable share the process
// freely: the selection is each plugin's own.
//
// golangci-lint prefixes each message with its analyzer's name, so New
// tells package report that the driver names the checks: messages do not
// end with the check's name as well.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", PluginName, err)
	}
	selected, assigns, err := s.resolve(analyzer.Analyzers())
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", PluginName, err)
	}
	if err := applied.apply(assigns); err != nil {
		return nil, fmt.Errorf("%s settings: %w", PluginName, err)
	}
	// golangci-lint shows each finding as "CHECK: MESSAGE (transportvet)":
	// the message need not end with the check's name too.
	report.DriverNamesChecks()
	return &plugin{analyzers: selected}, nil
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

// BuildAnalyzers returns the analyzers that the settings select.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return append([]*analysis.Analyzer(nil), p.analyzers...), nil
}

// GetLoadMode asks golangci-lint for type information: every check needs it.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// applied records the options the first plugin of this process applied to
// the analyzers' flags.
var applied appliedOptions

type appliedOptions struct {
	mu      sync.Mutex
	done    bool
	assigns []assignment
	err     error
}

// apply sets the flags of assigns, once per process. A second call with the
// same assignments returns the first call's outcome; one with different
// assignments is refused.
func (o *appliedOptions) apply(assigns []assignment) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.done {
		if !sameAssignments(o.assigns, assigns) {
			return fmt.Errorf("options %s differ from %s, which an earlier %s plugin in this process applied: the analyzers' flags are process-wide, so one process runs one set of options", describe(assigns), describe(o.assigns), PluginName)
		}
		return o.err
	}
	o.done, o.assigns, o.err = true, assigns, set(assigns)
	return o.err
}

// describe renders assignments as the command-line flags they stand for.
func describe(assigns []assignment) string {
	if len(assigns) == 0 {
		return "(none)"
	}
	s := ""
	for i, as := range assigns {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("-%s.%s=%q", as.Analyzer.Name, as.Flag, as.Value)
	}
	return s
}
