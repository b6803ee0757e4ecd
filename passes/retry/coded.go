package retry

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/httpreq"
)

// A codedResult is a result of a function that swallows the error of an
// operation it makes and codes the failure as a value: grpc's interop
// doRPCAndGetPath returns GRPCLB_ROUTE_TYPE_UNKNOWN when its RPC fails,
// a ping helper returns false.
type codedResult struct {
	index int            // which result
	value constant.Value // the value it holds after the failure
}

// coded returns the coded result of the function that call calls, if
// it is declared in the package, has no error result, and returns the
// same constant in the same result on every return of an if err != nil
// block (and not on every return). A loop that repeats such a call
// after it returned that value retries it; see codedCompare.
func (c *collector) coded(call *ast.CallExpr) *codedResult {
	fn := httpreq.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return nil
	}
	fn = fn.Origin()
	if r, ok := c.codes[fn]; ok {
		return r
	}
	if c.codes == nil {
		c.codes = make(map[*types.Func]*codedResult)
	}
	var r *codedResult
	if decl := c.decl(fn); decl != nil {
		r = c.codedOf(fn.Signature(), decl.Body)
	}
	c.codes[fn] = r
	return r
}

func (c *collector) codedOf(sig *types.Signature, body *ast.BlockStmt) *codedResult {
	info := c.pass.TypesInfo
	res := sig.Results()
	if res.Len() == 0 || code.IsError(res.At(res.Len()-1).Type()) {
		return nil
	}
	var found *codedResult
	bad := false
	// constAt returns the constant that ret returns as result i, or nil.
	constAt := func(ret *ast.ReturnStmt, i int) constant.Value {
		if len(ret.Results) != res.Len() {
			return nil
		}
		tv, ok := info.Types[ret.Results[i]]
		if !ok {
			return nil
		}
		return tv.Value
	}
	var returns []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns = append(returns, n)
		case *ast.IfStmt:
			if _, nonNil, ok := code.ErrCheck(info, n.Cond); !ok || !nonNil || len(n.Body.List) == 0 {
				return true
			}
			ret, ok := n.Body.List[len(n.Body.List)-1].(*ast.ReturnStmt)
			if !ok {
				return true
			}
			if found == nil {
				for i := range res.Len() {
					if v := constAt(ret, i); v != nil {
						found = &codedResult{index: i, value: v}
						break
					}
				}
				bad = bad || found == nil
			} else if v := constAt(ret, found.index); v == nil || v.Kind() != found.value.Kind() || !constant.Compare(v, token.EQL, found.value) {
				bad = true
			}
		}
		return !bad
	})
	if bad || found == nil {
		return nil
	}
	for _, ret := range returns {
		if v := constAt(ret, found.index); v == nil || v.Kind() != found.value.Kind() || !constant.Compare(v, token.EQL, found.value) {
			return found // some return holds another value
		}
	}
	return nil // every return holds it: it tells nothing
}
