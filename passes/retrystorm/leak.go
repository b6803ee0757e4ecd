package retrystorm

import (
	"go/ast"
	"go/types"

	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
)

// This file decides whether the select fix's early return may leak a
// response: the fix returns on cancellation, skipping whatever the loop
// would have done with a response it still holds (gojek/heimdall closes
// the previous attempt's body at the top of the next pass). The fix is
// offered only when every response variable in scope at the wait is
// provably nil there.

// isResponseLike reports whether t is a pointer to a struct with a field
// Body of type io.ReadCloser, as *http.Response is, other than
// *http.Request (whose body the transport closes).
func isResponseLike(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok || httpreq.IsRequest(p) {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); f.Name() == "Body" && httpreq.IsNamed(f.Type(), "io", "ReadCloser") {
			return true
		}
	}
	return false
}

// mayHoldResponse reports whether some response variable (isResponseLike)
// in scope at stmt, other than a package-level one, may be non-nil when
// stmt runs in fn: whether flow.NilAt cannot prove them all nil there (a
// nil response on error is the contract of (*http.Client).Do and the
// Doers that mirror it). Any doubt (no graph, the statement not in it)
// counts as "may".
func (c *checker) mayHoldResponse(fn ast.Node, stmt ast.Stmt) bool {
	scope := fixtext.Scope(c.pass.Pkg, stmt.Pos())
	if scope == nil {
		return true
	}
	var vars []*types.Var
	for s := scope; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			if v, ok := s.Lookup(name).(*types.Var); ok && v.Pos() < stmt.Pos() && isResponseLike(v.Type()) {
				vars = append(vars, v)
			}
		}
	}
	if len(vars) == 0 {
		return false
	}
	g := flow.Of(c.cfgs, fn)
	if g == nil {
		return true
	}
	return !flow.NilAt(c.pass.TypesInfo, g, stmt, vars)
}
