package transportclose

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/report"
)

// checkWrappers reports the RoundTrippers of the package that wrap a
// transport but have no CloseIdleConnections method, which makes
// (*http.Client).CloseIdleConnections a silent no-op for them.
// Types declared in files where skip holds are not reported.
func checkWrappers(pass *analysis.Pass, r *report.Reporter, in *inspector.Inspector, skip func(token.Pos) bool) {
	var used map[*types.TypeName]bool // computed on first need
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					decls[fn] = fd
				}
			}
		}
	}
	in.Preorder([]ast.Node{(*ast.TypeSpec)(nil)}, func(n ast.Node) {
		spec := n.(*ast.TypeSpec)
		if spec.Assign.IsValid() {
			return // an alias declares no methods
		}
		if skip(spec.Pos()) {
			return
		}
		tn, ok := pass.TypesInfo.Defs[spec.Name].(*types.TypeName)
		if !ok || tn.Parent() != pass.Pkg.Scope() {
			return // local types cannot have methods
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || types.IsInterface(named) {
			return
		}
		w := wrapperOf(pass.TypesInfo, named, decls)
		if w == nil {
			return
		}
		if pass.Pkg.Name() == "main" {
			// Exported or not, no other package can reach it to call
			// CloseIdleConnections (a main package cannot be
			// imported), and the process's exit closes its
			// connections.
			return
		}
		if !tn.Exported() {
			if used == nil {
				used = usedAsTransport(pass)
			}
			if !used[tn] {
				return // unexported and never used as a transport here
			}
		}
		names := make([]string, len(w.fields))
		for i, f := range w.fields {
			names[i] = f.Name()
		}
		field := "field " + names[0]
		if len(names) > 1 {
			field = "fields " + strings.Join(names, ", ")
		}
		d := analysis.Diagnostic{
			Pos: spec.Name.Pos(),
			End: spec.Name.End(),
			Message: fmt.Sprintf("%s wraps a transport in %s but has no CloseIdleConnections method: "+
				"(*http.Client).CloseIdleConnections cannot reach the wrapped transport, whose idle connections then leak; "+
				"add a CloseIdleConnections method that forwards to it", tn.Name(), field),
		}
		// A field named CloseIdleConnections would clash with the method.
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, pass.Pkg, "CloseIdleConnections")
		if len(w.fields) == 1 && obj == nil {
			if fix, ok := forwardFix(pass, w); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		r.Report(d)
	})
}

// A wrapper is a named type with its own RoundTrip method whose fields hold
// transports it does not expose.
type wrapper struct {
	named     *types.Named
	roundTrip *ast.FuncDecl
	recv      string       // the name of RoundTrip's receiver
	fields    []*types.Var // the fields that hold a transport (RoundTrip uses one at least)
}

// wrapperOf returns named as a wrapper that hides CloseIdleConnections, or
// nil. Such a type declares RoundTrip(*http.Request) (*http.Response, error);
// neither it nor its pointer has CloseIdleConnections (a method of its own,
// or promoted from an embedded *http.Transport); it does not expose what it
// wraps through WrappedRoundTripper (k8s.io/apimachinery's
// RoundTripperWrapper, which client-go's CloseIdleConnectionsFor unwraps);
// and it is a struct with a field of type http.RoundTripper or of a type
// that has CloseIdleConnections, one of which its RoundTrip method uses. (A
// field RoundTrip does not use is no wrapped transport: it may be a
// back-pointer, as http2.ClientConn's to the Transport that owns it.)
func wrapperOf(info *types.Info, named *types.Named, decls map[*types.Func]*ast.FuncDecl) *wrapper {
	var rt *ast.FuncDecl
	for m := range named.Methods() {
		if m.Name() == "RoundTrip" && isRoundTripSig(m.Type()) {
			rt = decls[m]
		}
	}
	if rt == nil || len(rt.Recv.List) != 1 || len(rt.Recv.List[0].Names) != 1 {
		return nil // without a receiver name, RoundTrip uses no field
	}
	recv, ok := info.Defs[rt.Recv.List[0].Names[0]].(*types.Var)
	if !ok {
		return nil
	}
	ms := types.NewMethodSet(types.NewPointer(named))
	for _, name := range []string{"CloseIdleConnections", "WrappedRoundTripper"} {
		if ms.Lookup(named.Obj().Pkg(), name) != nil {
			return nil
		}
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return nil // a func adapter or other non-struct holds no transport
	}
	used := fieldsUsed(info, rt.Body, recv, decls)
	w := &wrapper{named: named, roundTrip: rt, recv: recv.Name()}
	wraps := false
	for i := range st.NumFields() {
		if f := st.Field(i); holdsTransport(f.Type()) {
			w.fields = append(w.fields, f)
			wraps = wraps || used[i]
		}
	}
	if !wraps {
		return nil
	}
	return w
}

// fieldsUsed returns the indices of the fields of recv's struct that body
// selects through recv, directly (recv.next) or through promotion, or gets
// from an accessor method of recv's type declared in decls (go-github's
// transport(), which returns t.Transport or http.DefaultTransport).
func fieldsUsed(info *types.Info, body *ast.BlockStmt, recv *types.Var, decls map[*types.Func]*ast.FuncDecl) map[int]bool {
	used := make(map[int]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok || info.Uses[id] != recv {
			return true
		}
		s := info.Selections[sel]
		if s == nil || len(s.Index()) == 0 {
			return true
		}
		switch {
		case s.Kind() == types.FieldVal || len(s.Index()) > 1:
			used[s.Index()[0]] = true
		case s.Kind() == types.MethodVal:
			if m, ok := s.Obj().(*types.Func); ok {
				for i := range accessed(info, decls[m.Origin()]) {
					used[i] = true
				}
			}
		}
		return true
	})
	return used
}

// accessed returns the indices of the fields of its receiver's struct that
// the method decl returns, when decl is an accessor of a transport: its one
// result holds a transport, and a return statement returns recv.field.
func accessed(info *types.Info, decl *ast.FuncDecl) map[int]bool {
	if decl == nil || decl.Body == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return nil
	}
	fn, ok := info.Defs[decl.Name].(*types.Func)
	if !ok {
		return nil
	}
	sig := fn.Signature()
	if sig.Results().Len() != 1 || !holdsTransport(sig.Results().At(0).Type()) {
		return nil
	}
	recv, ok := info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	if !ok {
		return nil
	}
	fields := make(map[int]bool)
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are not the method's
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				return true
			}
			sel, ok := ast.Unparen(n.Results[0]).(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && info.Uses[id] == recv {
				if s := info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
					fields[s.Index()[0]] = true
				}
			}
		}
		return true
	})
	return fields
}

// holdsTransport reports whether a field of type t holds a transport whose
// idle connections can be closed: an http.RoundTripper, or a value with a
// CloseIdleConnections method (an *http.Transport, an *http.Client, another
// wrapper).
func holdsTransport(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false // what it holds is up to the instantiation
	}
	if httpreq.IsNamed(t, "net/http", "RoundTripper") {
		return true
	}
	return hasCloseIdle(t)
}

func hasCloseIdle(t types.Type) bool {
	sel := types.NewMethodSet(t).Lookup(nil, "CloseIdleConnections")
	if sel == nil {
		return false
	}
	sig, ok := sel.Type().(*types.Signature)
	return ok && sig.Params().Len() == 0 && sig.Results().Len() == 0
}

// isRoundTripSig reports whether t is func(*http.Request) (*http.Response, error).
func isRoundTripSig(t types.Type) bool {
	sig, ok := t.(*types.Signature)
	if !ok || sig.Params().Len() != 1 || sig.Results().Len() != 2 || sig.Variadic() {
		return false
	}
	req, ok := types.Unalias(sig.Params().At(0).Type()).(*types.Pointer)
	if !ok || !httpreq.IsNamed(req.Elem(), "net/http", "Request") {
		return false
	}
	resp, ok := types.Unalias(sig.Results().At(0).Type()).(*types.Pointer)
	return ok && httpreq.IsNamed(resp.Elem(), "net/http", "Response") && httpreq.IsError(sig.Results().At(1).Type())
}

// usedAsTransport returns the types of the package whose values (or pointers)
// are assigned to an http.RoundTripper somewhere in it: a Transport field of
// an http.Client, a variable, a parameter, a result, an element.
func usedAsTransport(pass *analysis.Pass) map[*types.TypeName]bool {
	info := pass.TypesInfo
	used := make(map[*types.TypeName]bool)
	mark := func(want types.Type, e ast.Expr) {
		if want == nil || !httpreq.IsNamed(want, "net/http", "RoundTripper") {
			return
		}
		n, ok := types.Unalias(deref(info.TypeOf(e))).(*types.Named)
		if ok && n.Origin().Obj().Pkg() == pass.Pkg {
			used[n.Origin().Obj()] = true
		}
	}
	for _, f := range pass.Files {
		ast.PreorderStack(f, nil, func(n ast.Node, stack []ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i := range n.Lhs {
						mark(info.TypeOf(n.Lhs[i]), n.Rhs[i])
					}
				}
			case *ast.ValueSpec:
				if n.Type != nil {
					for _, v := range n.Values {
						mark(info.TypeOf(n.Type), v)
					}
				}
			case *ast.CallExpr:
				tv, ok := info.Types[n.Fun]
				if !ok {
					return true
				}
				if tv.IsType() {
					if len(n.Args) == 1 {
						mark(tv.Type, n.Args[0])
					}
					return true
				}
				sig, ok := tv.Type.Underlying().(*types.Signature)
				if !ok {
					return true
				}
				for i, arg := range n.Args {
					if p := paramType(sig, i); p != nil {
						mark(p, arg)
					}
				}
			case *ast.ReturnStmt:
				sig := enclosingSig(info, stack)
				if sig != nil && sig.Results().Len() == len(n.Results) {
					for i, res := range n.Results {
						mark(sig.Results().At(i).Type(), res)
					}
				}
			case *ast.CompositeLit:
				t := info.TypeOf(n)
				if t == nil {
					return true
				}
				switch u := t.Underlying().(type) {
				case *types.Struct:
					for i, elt := range n.Elts {
						if kv, ok := elt.(*ast.KeyValueExpr); ok {
							if key, ok := kv.Key.(*ast.Ident); ok {
								if fv, ok := info.Uses[key].(*types.Var); ok {
									mark(fv.Type(), kv.Value)
								}
							}
						} else if i < u.NumFields() {
							mark(u.Field(i).Type(), elt)
						}
					}
				case *types.Slice, *types.Array, *types.Map:
					elem := u.(interface{ Elem() types.Type }).Elem()
					for _, elt := range n.Elts {
						if kv, ok := elt.(*ast.KeyValueExpr); ok {
							elt = kv.Value
						}
						mark(elem, elt)
					}
				}
			}
			return true
		})
	}
	return used
}

// paramType returns the type of the parameter that receives argument i.
func paramType(sig *types.Signature, i int) types.Type {
	n := sig.Params().Len()
	switch {
	case sig.Variadic() && i >= n-1:
		if s, ok := sig.Params().At(n - 1).Type().(*types.Slice); ok {
			return s.Elem()
		}
		return nil
	case i < n:
		return sig.Params().At(i).Type()
	}
	return nil
}

// enclosingSig returns the signature of the innermost function in stack.
func enclosingSig(info *types.Info, stack []ast.Node) *types.Signature {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncLit:
			sig, _ := info.TypeOf(f).(*types.Signature)
			return sig
		case *ast.FuncDecl:
			if fn, ok := info.Defs[f.Name].(*types.Func); ok {
				sig, _ := fn.Type().(*types.Signature)
				return sig
			}
			return nil
		}
	}
	return nil
}

// forwardFix returns the fix that adds to w a CloseIdleConnections method
// forwarding to its one transport field, right after its RoundTrip method,
// with RoundTrip's receiver (kind and name).
func forwardFix(pass *analysis.Pass, w *wrapper) (analysis.SuggestedFix, bool) {
	decl, name := w.roundTrip, w.recv
	recv := decl.Recv.List[0]
	var typ bytes.Buffer
	if err := format.Node(&typ, pass.Fset, recv.Type); err != nil {
		return analysis.SuggestedFix{}, false
	}
	f := w.fields[0]
	field := name + "." + f.Name()
	var body string
	switch {
	case hasCloseIdle(f.Type()):
		switch f.Type().Underlying().(type) {
		case *types.Pointer, *types.Interface:
			body = fmt.Sprintf("\tif %s != nil {\n\t\t%s.CloseIdleConnections()\n\t}\n", field, field)
		default:
			body = fmt.Sprintf("\t%s.CloseIdleConnections()\n", field)
		}
	default: // an http.RoundTripper
		c := "c"
		if name == c {
			c = "cc"
		}
		body = fmt.Sprintf("\tif %s, ok := %s.(interface{ CloseIdleConnections() }); ok {\n\t\t%s.CloseIdleConnections()\n\t}\n", c, field, c)
	}
	method := fmt.Sprintf("\n\n// CloseIdleConnections closes the idle connections of the transport that\n"+
		"// %s wraps, so that (*http.Client).CloseIdleConnections reaches them.\n"+
		"func (%s %s) CloseIdleConnections() {\n%s}", w.named.Obj().Name(), name, typ.String(), body)
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("Add a CloseIdleConnections method that forwards to %s", field),
		TextEdits: []analysis.TextEdit{{
			Pos:     decl.End(),
			End:     decl.End(),
			NewText: []byte(method),
		}},
	}, true
}
