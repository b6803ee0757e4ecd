package reqbuild

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/transportvet/transportvet/internal/analysisdoc"
	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
)

//go:embed doc.go
var doc string

// Analyzer finds the request builders of a package; see the package doc.
var Analyzer = &analysis.Analyzer{
	Name:       "reqbuild",
	Doc:        analysisdoc.MustExtract(doc, "reqbuild"),
	URL:        "https://github.com/transportvet/transportvet/blob/main/docs/retry.md",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(BuilderFact)},
}

// BuilderFact marks a function that builds and returns a request (see the
// package doc).
type BuilderFact struct {
	Pkg       string // package of the constructor it calls (internal/httpreq)
	Method    string // the constant method it passes, or ""
	MethodArg int    // index of the method parameter, or knowledge.None when Method is set
	Body      int    // index of the parameter that becomes the body, or knowledge.None
	Keyed     bool   // it sets an idempotency key header
}

func (*BuilderFact) AFact() {}

func (f *BuilderFact) String() string {
	if f.Method != "" {
		return fmt.Sprintf("builds a request: method %s, body parameter %d, keyed %v", f.Method, f.Body, f.Keyed)
	}
	return fmt.Sprintf("builds a request: method parameter %d, body parameter %d, keyed %v", f.MethodArg, f.Body, f.Keyed)
}

// Result is the request builders that the package declares or calls.
type Result struct {
	builders map[*types.Func]*BuilderFact
}

// Constructor returns the constructor that call calls: an entry of the
// table knowledge.Constructors, or a request builder, described as one (its
// name, method and body parameters), or nil. keyed says that a builder
// sets an idempotency key on the request it returns.
func (r *Result) Constructor(info *types.Info, call *ast.CallExpr) (ctor *knowledge.Constructor, keyed bool) {
	if ctor := httpreq.ConstructorCall(info, call); ctor != nil {
		return ctor, false
	}
	fn := httpreq.Callee(info, call)
	if fn == nil || r == nil {
		return nil, false
	}
	f := r.builders[fn.Origin()]
	if f == nil {
		return nil, false
	}
	return &knowledge.Constructor{
		Func:   knowledge.Func{Pkg: f.Pkg, Type: httpreq.RecvName(fn), Name: fn.Name()},
		Method: f.Method, MethodArg: f.MethodArg, Body: f.Body, From: knowledge.None,
		Source: "request builder " + fn.FullName(),
	}, f.Keyed
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{builders: make(map[*types.Func]*BuilderFact)}
	if !httpreq.Relevant(pass.Pkg) {
		return res, nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	info := pass.TypesInfo
	for n := range in.PreorderSeq((*ast.FuncDecl)(nil), (*ast.CallExpr)(nil)) {
		switch n := n.(type) {
		case *ast.FuncDecl:
			fn, _ := info.Defs[n.Name].(*types.Func)
			if fn == nil || n.Body == nil {
				continue
			}
			if f := builder(info, n, fn); f != nil {
				res.builders[fn] = f
				pass.ExportObjectFact(fn, f)
			}
		case *ast.CallExpr:
			if !returnsRequest(info.TypeOf(n)) {
				continue // cheap: only a call that returns a request may build one
			}
			fn := httpreq.Callee(info, n)
			if fn == nil || fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
				continue
			}
			fn = fn.Origin()
			if _, seen := res.builders[fn]; seen {
				continue
			}
			f := new(BuilderFact)
			if pass.ImportObjectFact(fn, f) {
				res.builders[fn] = f
			}
		}
	}
	return res, nil
}

// builder returns the fact of decl, the declaration of fn, when it is a
// request builder, or nil.
func builder(info *types.Info, decl *ast.FuncDecl, fn *types.Func) *BuilderFact {
	sig := fn.Type().(*types.Signature)
	res := -1
	for i := 0; i < sig.Results().Len(); i++ {
		if isRequest(sig.Results().At(i).Type()) {
			if res >= 0 {
				return nil
			}
			res = i
		}
	}
	if res < 0 {
		return nil
	}
	param := func(e ast.Expr) int {
		v := code.IdentVar(info, e)
		for i := 0; v != nil && i < sig.Params().Len(); i++ {
			if sig.Params().At(i) == v {
				return i
			}
		}
		return knowledge.None
	}
	// The returned variable, its construction, and every other use.
	var (
		v    *types.Var
		ctor *ast.CallExpr
		bad  bool
		f    = &BuilderFact{Body: knowledge.None}
	)
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if bad {
			return false
		}
		ret, ok := n.(*ast.ReturnStmt)
		if !ok {
			_, lit := n.(*ast.FuncLit)
			return !lit
		}
		if len(ret.Results) != sig.Results().Len() {
			bad = true
			return false
		}
		e := ret.Results[res]
		if code.IsNil(info, e) {
			return true
		}
		w := code.IdentVar(info, e)
		if w == nil || (v != nil && w != v) {
			bad = true
		}
		v = w
		return true
	})
	if bad || v == nil || v.Parent() == nil || v.Parent() == fn.Pkg().Scope() {
		return nil
	}
	// isV reports whether e is v, or v.Raw() for an azcore request: the
	// *http.Request it wraps, whose headers are v's.
	isV := func(e ast.Expr) bool {
		if x := httpreq.RawOf(info, e); x != nil {
			e = x
		}
		return code.IdentVar(info, e) == v
	}
	// Every use of v.
	uses := 0
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if bad {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if code.Mentions(info, n, v) {
				bad = true
			}
			return false
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if code.IdentVar(info, lhs) != v {
					if name, ok := headerKey(info, lhs, isV); ok {
						// req.Header["Accept"] = ..., as Azure's
						// generated builders set every header.
						if httpreq.IsCanonicalIdempotencyKey(name) {
							f.Keyed = true
						}
					} else if headerOf(lhs, isV) {
						bad = true // req.Header = h.Clone(), req.Header[k] = ...
					}
					continue
				}
				call, ok := ast.Unparen(n.Rhs[min(i, len(n.Rhs)-1)]).(*ast.CallExpr)
				c := httpreq.ConstructorCall(info, call)
				if !ok || ctor != nil || c == nil || c.MethodArg == knowledge.None || c.From != knowledge.None {
					bad = true
					return false
				}
				ctor = call
				f.Pkg = c.Pkg
				arg := httpreq.Arg(call, c.MethodArg)
				if f.MethodArg = param(arg); f.MethodArg == knowledge.None {
					// A constant method (Azure's createXRequest
					// builders), or one computed inside.
					m, ok := httpreq.ConstMethod(info, arg)
					if !ok {
						bad = true
					}
					f.Method = m
				}
				if c.Body != knowledge.None {
					f.Body = param(httpreq.Arg(call, c.Body))
				}
			}
		case *ast.CallExpr:
			for _, a := range n.Args {
				if isV(a) && !knowledge.BodySetters.Has(httpreq.Callee(info, n)) {
					bad = true // handed on
				}
			}
			// req.Header.Set(name, value), req.SetBasicAuth(...).
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok {
				break
			}
			if hdr, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok && hdr.Sel.Name == "Header" && isV(hdr.X) {
				switch sel.Sel.Name {
				case "Set", "Add":
					tv, ok := info.Types[httpreq.Arg(n, 0)]
					if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
						bad = true // a header whose name is not known
					} else if httpreq.IsIdempotencyKey(constant.StringVal(tv.Value)) {
						f.Keyed = true
					}
				case "Get", "Values":
				default:
					bad = true
				}
			}
		case *ast.Ident:
			if info.Uses[n] == v {
				uses++
			}
		}
		return true
	})
	if bad || ctor == nil || uses == 0 {
		return nil
	}
	return f
}

// headerOf reports whether e is the Header of a request isV accepts, or a
// part of it.
func headerOf(e ast.Expr, isV func(ast.Expr) bool) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.IndexExpr:
			e = x.X
		case *ast.SelectorExpr:
			if x.Sel.Name == "Header" && isV(x.X) {
				return true
			}
			e = x.X
		default:
			return false
		}
	}
}

// headerKey returns name when e is req.Header[name] with a constant name,
// for a request isV accepts: a write of one header whose name is known.
func headerKey(info *types.Info, e ast.Expr, isV func(ast.Expr) bool) (string, bool) {
	ix, ok := ast.Unparen(e).(*ast.IndexExpr)
	if !ok {
		return "", false
	}
	hdr, ok := ast.Unparen(ix.X).(*ast.SelectorExpr)
	if !ok || hdr.Sel.Name != "Header" || !isV(hdr.X) {
		return "", false
	}
	tv, ok := info.Types[ix.Index]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// isRequest reports whether t is a request a builder may return: an
// *http.Request, or an azcore *policy.Request.
func isRequest(t types.Type) bool {
	return httpreq.IsRequest(t) || httpreq.IsAzcoreRequest(t)
}

// returnsRequest reports whether t, a call's type, is or holds a request
// (isRequest).
func returnsRequest(t types.Type) bool {
	if tup, ok := t.(*types.Tuple); ok {
		for v := range tup.Variables() {
			if isRequest(v.Type()) {
				return true
			}
		}
		return false
	}
	return t != nil && isRequest(t)
}
