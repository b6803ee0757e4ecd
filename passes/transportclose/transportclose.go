package transportclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/transportvet/transportvet/internal/analysisdoc"
	"github.com/transportvet/transportvet/internal/imports"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer is the transportclose check.
var Analyzer = newAnalyzer()

// newAnalyzer returns a transportclose Analyzer whose configuration lives in
// a struct bound to the Analyzer's own FlagSet. Tests make their own with it,
// so that setting a flag in one test cannot leak into another.
func newAnalyzer() *analysis.Analyzer {
	c := new(config)
	a := &analysis.Analyzer{
		Name:      "transportclose",
		Doc:       analysisdoc.MustExtract(doc, "transportclose"),
		URL:       "https://github.com/transportvet/transportvet/blob/main/docs/transportclose.md",
		Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
		FactTypes: []analysis.Fact{new(freshFact)},
		Run:       c.run,
	}
	a.Flags.Var(&c.types, "types", "comma-separated list of further closable types, each `pkg/path.Type`, "+
		"whose values must be released by their Close or CloseIdleConnections method")
	a.Flags.BoolVar(&c.tests, "tests", false, "also report wrappers and leaks in _test.go files")
	return a
}

// config is one Analyzer's configuration, set from its flags.
type config struct {
	types typeList
	tests bool // report in _test.go files too
}

// typeList is the value of the -types flag: types named by package path and
// name.
type typeList []typeName

type typeName struct{ pkg, name string }

func (l *typeList) String() string {
	if l == nil {
		return ""
	}
	s := make([]string, len(*l))
	for i, t := range *l {
		s[i] = t.pkg + "." + t.name
	}
	return strings.Join(s, ",")
}

// Set parses a comma-separated list of pkg/path.Type names, rejecting any
// that is malformed.
func (l *typeList) Set(v string) error {
	var list typeList
	if v == "" {
		*l = nil
		return nil
	}
	for elem := range strings.SplitSeq(v, ",") {
		elem = strings.TrimSpace(elem)
		dot := strings.LastIndexByte(elem, '.')
		if dot <= 0 || dot == len(elem)-1 {
			return fmt.Errorf("%q is not a pkg/path.Type name", elem)
		}
		pkg, name := elem[:dot], elem[dot+1:]
		if !token.IsIdentifier(name) {
			return fmt.Errorf("%q is not a pkg/path.Type name: %q is not a Go identifier", elem, name)
		}
		if strings.ContainsAny(pkg, " \t\\") || strings.HasPrefix(pkg, "/") || strings.HasSuffix(pkg, "/") || strings.Contains(pkg, "//") {
			return fmt.Errorf("%q is not a pkg/path.Type name: %q is not an import path", elem, pkg)
		}
		list = append(list, typeName{pkg, name})
	}
	*l = list
	return nil
}

func (c *config) run(pass *analysis.Pass) (any, error) {
	report.Directives(pass) // before any early return: see report.Directives
	r := report.New(pass)
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	// Fakes, recorders and transports in tests live as long as a test:
	// reported only with -tests.
	skip := func(pos token.Pos) bool {
		return !c.tests && strings.HasSuffix(pass.Fset.File(pos).Name(), "_test.go")
	}
	if imports.Direct(pass.Pkg, "net/http") {
		checkWrappers(pass, r, in, skip)
	}
	known := c.closables(pass.Pkg)
	if len(known) == 0 {
		return nil, nil
	}
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	l := &leaks{pass: pass, r: r, cfgs: cfgs, known: known, skip: skip, fresh: make(map[*types.Func]bool)}
	l.freshFuncs(pass.Files)
	in.Preorder([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)}, l.function)
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		l.unbound(cur)
	}
	return nil, nil
}

// closables returns the closable types this package can create: those,
// known or named in the -types flag, whose package it imports. It returns nil when there is none, and the check stops there.
func (c *config) closables(pkg *types.Package) []closable {
	var out []closable
	for _, k := range knowledge.Closables {
		if imports.Direct(pkg, k.Pkg) {
			out = append(out, closable{Closable: k})
		}
	}
	for _, t := range c.types {
		if !imports.Direct(pkg, t.pkg) {
			continue
		}
		short := t.name
		if i := strings.LastIndexByte(t.pkg, '/'); i >= 0 {
			short = t.pkg[i+1:] + "." + t.name
		} else {
			short = t.pkg + "." + t.name
		}
		out = append(out, closable{Closable: knowledge.Closable{Object: knowledge.Object{Pkg: t.pkg, Name: t.name}, Short: short, Holds: "what it holds"}, flag: true})
	}
	return out
}
