package dispatcher

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"honnef.co/go/tools/analysis/facts/deprecated"
	sknowledge "honnef.co/go/tools/knowledge"

	"github.com/transportvet/transportvet/internal/analysisdoc"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer is the dispatcher check.
var Analyzer = newAnalyzer()

// newAnalyzer returns a dispatcher Analyzer with its own configuration,
// bound to its own FlagSet.
func newAnalyzer() *analysis.Analyzer {
	return newAnalyzerWith(deprecated.Analyzer)
}

// newAnalyzerWith is newAnalyzer reading deprecations from depr, which must
// be deprecated.Analyzer or a copy of it (tests use a copy that runs
// despite type errors).
func newAnalyzerWith(depr *analysis.Analyzer) *analysis.Analyzer {
	cfg := &config{deprecated: depr}
	a := &analysis.Analyzer{
		Name:      "dispatcher",
		Doc:       analysisdoc.MustExtract(doc, "dispatcher"),
		URL:       "https://github.com/transportvet/transportvet/blob/main/docs/dispatcher.md",
		Requires:  []*analysis.Analyzer{inspect.Analyzer, depr},
		FactTypes: []analysis.Fact{(*inlineFact)(nil)},
		Run:       cfg.run,
	}
	a.Flags.Var(&cfg.packages, "packages", "comma-separated import paths (path/... for a subtree) whose deprecated objects are renamed to the replacement their Deprecated: note names, whatever their name")
	return a
}

// config is the configuration of one Analyzer, set by its flags.
type config struct {
	packages   patterns
	deprecated *analysis.Analyzer
}

// patterns is the value of -dispatcher.packages. Set validates each
// pattern, so that a malformed one is a flag error (exit code 2).
type patterns []string

func (p *patterns) String() string { return strings.Join(*p, ",") }

func (p *patterns) Set(s string) error {
	var out []string
	for _, pat := range strings.Split(s, ",") {
		pat = strings.TrimSpace(pat)
		path := strings.TrimSuffix(pat, "/...")
		if pat == "" {
			return fmt.Errorf("empty package pattern in %q: want comma-separated import paths such as example.com/lib or example.com/lib/...", s)
		}
		if strings.Contains(path, "...") {
			return fmt.Errorf("package pattern %q: \"...\" is allowed only as a final /... element", pat)
		}
		if err := module.CheckImportPath(path); err != nil {
			return fmt.Errorf("package pattern %q is not an import path: %v", pat, err)
		}
		out = append(out, pat)
	}
	*p = out
	return nil
}

// match reports whether the import path matches one of the patterns.
func (p patterns) match(path string) bool {
	for _, pat := range p {
		if prefix, ok := strings.CutSuffix(pat, "/..."); ok {
			if path == prefix || strings.HasPrefix(path, prefix+"/") {
				return true
			}
		} else if path == pat {
			return true
		}
	}
	return false
}

// inlineFact marks an object whose declaration carries //go:fix inline: the
// inline analyzer of golang.org/x/tools rewrites its uses, so this check
// leaves them alone. It is exported so that packages using the object see it.
type inlineFact struct{}

func (*inlineFact) AFact()         {}
func (*inlineFact) String() string { return "go:fix inline" }

// checker holds what one run needs.
type checker struct {
	pass    *analysis.Pass
	cfg     *config
	r       *report.Reporter
	depr    deprecated.Result
	stdlib  map[types.Object]*knowledge.StdlibDeprecation
	grpc    map[types.Object]*knowledge.GRPCDeprecation
	owners  map[*types.Var]*types.TypeName // struct fields to their named struct, per package, filled lazily
	scanned map[*types.Package]bool
}

func (cfg *config) run(pass *analysis.Pass) (any, error) {
	report.Directives(pass) // before any early return: see report.Directives
	exportInlineFacts(pass)

	depr := pass.ResultOf[cfg.deprecated].(deprecated.Result)
	c := &checker{
		pass:    pass,
		cfg:     cfg,
		depr:    depr,
		stdlib:  make(map[types.Object]*knowledge.StdlibDeprecation),
		grpc:    make(map[types.Object]*knowledge.GRPCDeprecation),
		owners:  make(map[*types.Var]*types.TypeName),
		scanned: make(map[*types.Package]bool),
	}
	if !c.relevant() {
		return nil, nil // nothing this package imports is in scope
	}
	if !c.usesAny() {
		return nil, nil
	}
	c.r = report.New(pass)
	inspect := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range inspect.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		obj := c.used(id)
		if obj == nil {
			continue
		}
		switch {
		case c.stdlib[obj] != nil:
			c.checkStdlib(cur, id, obj, c.stdlib[obj])
		case obj.Pkg().Path() == knowledge.GRPC:
			c.checkGRPC(cur, id, obj)
		default:
			c.checkRename(cur, id, obj)
		}
	}
	return nil, nil
}

// used returns the object that id uses, through instantiation, when it is
// declared in another package (not unresolved, not a builtin), or nil.
func (c *checker) used(id *ast.Ident) types.Object {
	return c.foreign(c.pass.TypesInfo.Uses[id])
}

// foreign returns obj's origin when it is declared in another package, or
// nil.
func (c *checker) foreign(obj types.Object) types.Object {
	obj = origin(obj)
	if obj == nil || obj.Pkg() == nil || obj.Pkg() == c.pass.Pkg {
		return nil
	}
	return obj
}

// usesAny reports whether the package uses an object that the check may
// report: an entry of a catalog, or a deprecated object. Most packages use
// none, and are left without walking their syntax.
func (c *checker) usesAny() bool {
	for _, obj := range c.pass.TypesInfo.Uses {
		if obj = c.foreign(obj); obj != nil && (c.stdlib[obj] != nil || c.grpc[obj] != nil || c.depr.Objects[obj] != nil) {
			return true
		}
	}
	return false
}

// relevant reports whether anything this package imports, directly or not,
// is in the check's scope, and indexes the catalog objects it finds.
func (c *checker) relevant() bool {
	found := false
	seen := make(map[*types.Package]bool)
	var visit func(pkgs []*types.Package)
	visit = func(pkgs []*types.Package) {
		for _, p := range pkgs {
			if seen[p] {
				continue
			}
			seen[p] = true
			switch {
			case p.Path() == "net/http" || p.Path() == "net/http/httputil":
				c.indexStdlib(p)
				found = true
			case p.Path() == knowledge.GRPC:
				c.indexGRPC(p)
				found = true
			case c.cfg.packages.match(p.Path()):
				found = true
			}
			visit(p.Imports())
		}
	}
	visit(c.pass.Pkg.Imports())
	if found {
		return true
	}
	for obj := range c.depr.Objects {
		if obj.Pkg() != c.pass.Pkg && strings.Contains(obj.Name(), "Dispatch") {
			return true
		}
	}
	return false
}

// indexStdlib maps the objects of knowledge.StdlibDeprecations declared
// in pkg to their entries.
func (c *checker) indexStdlib(pkg *types.Package) {
	for i := range knowledge.StdlibDeprecations {
		e := &knowledge.StdlibDeprecations[i]
		if obj := knowledge.LookupKey(pkg, e.Key); obj != nil {
			c.stdlib[obj] = e
		}
	}
}

// indexGRPC maps the curated grpc functions (knowledge.GRPCDeprecations)
// to their entries.
func (c *checker) indexGRPC(pkg *types.Package) {
	for i := range knowledge.GRPCDeprecations {
		e := &knowledge.GRPCDeprecations[i]
		if obj, ok := pkg.Scope().Lookup(e.Name).(*types.Func); ok {
			c.grpc[obj] = e
		}
	}
}

// goVersion returns the Go version that introduced e's replacement:
// staticcheck's, where its knowledge has the key, else e.Since.
func goVersion(e *knowledge.StdlibDeprecation) string {
	if d, ok := sknowledge.StdlibDeprecations[e.Key]; ok && strings.HasPrefix(d.AlternativeAvailableSince, "go") {
		return d.AlternativeAvailableSince
	}
	return e.Since
}

// fileVersion returns the Go version of the file containing id, or "" if
// unknown.
func (c *checker) fileVersion(cur inspector.Cursor) string {
	for f := range cur.Enclosing((*ast.File)(nil)) {
		return c.pass.TypesInfo.FileVersions[f.Node().(*ast.File)]
	}
	return ""
}

// before reports whether file version v is known and older than want.
func before(v, want string) bool {
	return v != "" && version.IsValid(v) && version.Compare(v, want) < 0
}

// origin returns the generic origin of a field or method, and obj otherwise.
func origin(obj types.Object) types.Object {
	switch o := obj.(type) {
	case *types.Func:
		return o.Origin()
	case *types.Var:
		return o.Origin()
	}
	return obj
}

// exportInlineFacts marks the package's objects declared with a //go:fix
// inline directive.
func exportInlineFacts(pass *analysis.Pass) {
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if hasInline(decl.Doc) {
					exportInline(pass, decl.Name)
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						if hasInline(decl.Doc) || hasInline(spec.Doc) {
							exportInline(pass, spec.Name)
						}
					case *ast.ValueSpec:
						if hasInline(decl.Doc) || hasInline(spec.Doc) {
							for _, n := range spec.Names {
								exportInline(pass, n)
							}
						}
					}
				}
			}
		}
	}
}

func exportInline(pass *analysis.Pass, id *ast.Ident) {
	if obj := pass.TypesInfo.Defs[id]; obj != nil {
		pass.ExportObjectFact(obj, new(inlineFact))
	}
}

func hasInline(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if strings.TrimSpace(c.Text) == "//go:fix inline" {
			return true
		}
	}
	return false
}

// qualified names obj for messages: pkg.Name, or pkg.Type.Member.
func (c *checker) qualified(obj types.Object) string {
	pkg := obj.Pkg().Name()
	switch o := obj.(type) {
	case *types.Func:
		if recv := o.Signature().Recv(); recv != nil {
			if tn := namedOf(recv.Type()); tn != nil {
				return pkg + "." + tn.Name() + "." + o.Name()
			}
		}
	case *types.Var:
		if o.IsField() {
			if tn := c.owner(o); tn != nil {
				return pkg + "." + tn.Name() + "." + o.Name()
			}
		}
	}
	return pkg + "." + obj.Name()
}

// namedOf returns the type name of t or *t, or nil.
func namedOf(t types.Type) *types.TypeName {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

// owner returns the package-level named struct type that declares field f
// directly, or nil.
func (c *checker) owner(f *types.Var) *types.TypeName {
	pkg := f.Pkg()
	if pkg == nil {
		return nil
	}
	if !c.scanned[pkg] {
		c.scanned[pkg] = true
		for _, name := range pkg.Scope().Names() {
			tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			st, ok := tn.Type().Underlying().(*types.Struct)
			if !ok {
				continue
			}
			for i := range st.NumFields() {
				c.owners[st.Field(i)] = tn
			}
		}
	}
	return c.owners[f]
}
