package dispatcher

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/transportvet/transportvet/internal/knowledge"
)

// checkStdlib reports a use of a standard-library catalog entry, if the
// file's Go version has the replacement. The fields marked setOnly
// (Transport.Dial, Transport.DialTLS, Request.Cancel) are reported only
// where they are set, and CloseNotifier not where it keeps compatibility
// (compat.go). The only fix is Transport.Dial set
// in a composite literal to a net.Dialer's Dial method value, which becomes
// DialContext set to the same dialer's DialContext.
func (c *checker) checkStdlib(cur inspector.Cursor, id *ast.Ident, obj types.Object, e *knowledge.StdlibDeprecation) {
	since := goVersion(e)
	if before(c.fileVersion(cur), since) {
		return // the replacement does not exist in this file's Go version
	}
	if e.SetOnly && !setsField(cur) {
		return // a read honours callers that set it, as net/http's transport does
	}
	switch e.Key {
	case "net/http.CloseNotifier":
		if tn, ok := obj.(*types.TypeName); !ok || c.closeNotifierCompat(cur, tn) {
			return // compatibility for wrapped handlers, or feature detection
		}
	}
	diag := analysis.Diagnostic{
		Pos:     id.Pos(),
		End:     id.End(),
		Message: fmt.Sprintf("%s is deprecated: use %s (since %s)", e.Name, e.Use, since),
	}
	if e.Key == "(net/http.Transport).Dial" {
		if fix, ok := c.dialContextFix(cur, id); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.r.Report(diag)
}

// dialContextFix rewrites the key-value pair Dial: d.Dial of an
// http.Transport literal, where d is a net.Dialer or *net.Dialer, to
// DialContext: d.DialContext. The transport calls Dial only when DialContext
// is unset, so the literal must not set DialContext already; net.Dialer.Dial
// is DialContext with context.Background, so the only change is that the
// transport's context now cancels the dial.
func (c *checker) dialContextFix(cur inspector.Cursor, id *ast.Ident) (analysis.SuggestedFix, bool) {
	kv, ok := cur.Parent().Node().(*ast.KeyValueExpr)
	if !ok || kv.Key != id {
		return analysis.SuggestedFix{}, false
	}
	lit, ok := cur.Parent().Parent().Node().(*ast.CompositeLit)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	for _, elt := range lit.Elts {
		if kv2, ok := elt.(*ast.KeyValueExpr); ok {
			if k, ok := kv2.Key.(*ast.Ident); ok && k.Name == "DialContext" {
				return analysis.SuggestedFix{}, false
			}
		}
	}
	sel, ok := ast.Unparen(kv.Value).(*ast.SelectorExpr)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	s := c.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return analysis.SuggestedFix{}, false
	}
	m, ok := s.Obj().(*types.Func)
	if !ok || m.Name() != "Dial" || m.Pkg() == nil || m.Pkg().Path() != "net" {
		return analysis.SuggestedFix{}, false
	}
	if tn := namedOf(s.Recv()); tn == nil || tn.Name() != "Dialer" {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message: "Replace Dial: d.Dial with DialContext: d.DialContext",
		TextEdits: []analysis.TextEdit{
			{Pos: id.Pos(), End: id.End(), NewText: []byte("DialContext")},
			{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte("DialContext")},
		},
	}, true
}
