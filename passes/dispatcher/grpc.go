package dispatcher

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// checkGRPC reports a use of a deprecated grpc-go identifier: curated
// entries with their message and fix, any other with its own note.
func (c *checker) checkGRPC(cur inspector.Cursor, id *ast.Ident, obj types.Object) {
	e := c.grpc[obj]
	if e == nil {
		d := c.depr.Objects[obj]
		if d == nil {
			return
		}
		c.r.Report(analysis.Diagnostic{
			Pos:     id.Pos(),
			End:     id.End(),
			Message: c.qualified(obj) + " is deprecated: " + firstSentence(d.Msg),
		})
		return
	}
	diag := analysis.Diagnostic{
		Pos:     id.Pos(),
		End:     id.End(),
		Message: "grpc." + e.Name + " is deprecated: use " + e.Use,
	}
	call := calleeCall(cur, id)
	if call != nil {
		diag.Pos, diag.End = call.Pos(), call.End()
	}
	if e.Blocking {
		diag.Message = "grpc." + e.Name + " is deprecated: NewClient ignores it; use " + e.Use
	}
	var fix *analysis.SuggestedFix
	var why string
	if call != nil {
		switch e.Rewrite {
		case knowledge.RewriteNewClient:
			fix, why = c.newClientFix(cur, call, e)
		case knowledge.RewriteInsecure:
			fix = c.insecureFix(cur, call)
		case knowledge.RewriteContextDialer:
			fix = c.contextDialerFix(cur, call)
		case knowledge.RewriteConnectParams:
			fix = c.connectParamsFix(cur, call, e)
		}
	}
	if why != "" {
		diag.Message += " (not rewritten: " + why + ")"
	}
	if fix != nil {
		diag.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.r.Report(diag)
}

// firstSentence returns the first sentence of a Deprecated: note, lower
// case, without its period: "use WaitForReady".
func firstSentence(note string) string {
	s := strings.Join(strings.Fields(note), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return "see its documentation"
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// calleeCall returns the call whose function is id (f(...) or pkg.f(...)),
// or nil.
func calleeCall(cur inspector.Cursor, id *ast.Ident) *ast.CallExpr {
	fun := cur
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
		fun = cur.Parent()
	}
	call, ok := fun.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != fun.Node() {
		return nil
	}
	return call
}

// grpcFunc returns the grpc function a call calls, or nil.
func (c *checker) grpcFunc(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != knowledge.GRPC || fn.Signature().Recv() != nil {
		return nil
	}
	return fn
}

// options classifies the DialOption arguments of a Dial, DialContext or
// NewClient call. visible is false if the list cannot be seen statically:
// it is spread from a slice, or an option is not a direct call of a grpc
// function (a variable or helper could hide WithBlock). blocking names the
// first blocking option, and names holds every grpc option function seen.
func (c *checker) options(opts []*ast.CallExpr, call *ast.CallExpr) (visible bool, blocking string, names map[string]int) {
	if call.Ellipsis.IsValid() {
		return false, "", nil
	}
	names = make(map[string]int)
	for _, arg := range opts {
		fn := c.grpcFunc(arg)
		if fn == nil {
			return false, "", nil
		}
		names[fn.Name()]++
		if e := c.grpc[fn]; e != nil && e.Blocking && blocking == "" {
			blocking = fn.Name()
		}
	}
	return true, blocking, names
}

// optionCalls returns args as calls, or nil if one is not a call.
func optionCalls(args []ast.Expr) ([]*ast.CallExpr, bool) {
	var calls []*ast.CallExpr
	for _, a := range args {
		call, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			return nil, false
		}
		calls = append(calls, call)
	}
	return calls, true
}

// newClientFix rewrites grpc.Dial(target, opts...) and
// grpc.DialContext(ctx, target, opts...) to grpc.NewClient.
//
// From grpc-go v1.85.0's clientconn.go, DialContext is NewClient with two
// options prepended (the "passthrough" default scheme, and local DNS
// resolution when proxying), then exitIdleMode, then, only if WithBlock or
// WithReturnConnectionError was given, a wait for Ready bounded by ctx. So
// without a blocking option ctx is never read, and the rewrite is
// equivalent when NewClient gets the same resolver: the target must be a
// constant, and is given the passthrough:/// scheme unless it already names
// the passthrough, unix or unix-abstract resolver (a "dns:" target is not
// rewritten: local DNS resolution under a proxy would change). Dial's
// eager exit from idle mode is not kept: the channel connects on its first
// RPC instead (docs/dispatcher.md).
func (c *checker) newClientFix(cur inspector.Cursor, call *ast.CallExpr, e *knowledge.GRPCDeprecation) (*analysis.SuggestedFix, string) {
	args := call.Args
	var ctxArg ast.Expr
	if e.Name == "DialContext" {
		if len(args) < 2 {
			return nil, ""
		}
		ctxArg, args = args[0], args[1:]
	}
	if len(args) < 1 {
		return nil, ""
	}
	target, optArgs := args[0], args[1:]
	opts, ok := optionCalls(optArgs)
	if !ok {
		return nil, "the option list is not statically visible"
	}
	visible, blocking, _ := c.options(opts, call)
	if !visible {
		return nil, "the option list is not statically visible"
	}
	if blocking != "" {
		return nil, "grpc." + blocking + " makes it block until connected, which NewClient does not do"
	}
	newTarget, why := c.passthroughTarget(target)
	if why != "" {
		return nil, why
	}
	if ctxArg != nil && !c.droppable(ctxArg) {
		return nil, "dropping its context argument would leave a variable unused or skip a call"
	}
	fun, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	var nameID *ast.Ident
	if ok {
		nameID = fun.Sel
	} else if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		nameID = id
		if !c.resolves(call.Pos(), "NewClient", knowledge.GRPC) {
			return nil, ""
		}
	} else {
		return nil, ""
	}
	edits := []analysis.TextEdit{{Pos: nameID.Pos(), End: nameID.End(), NewText: []byte("NewClient")}}
	if ctxArg != nil {
		edits = append(edits, analysis.TextEdit{Pos: ctxArg.Pos(), End: target.Pos()})
	}
	if newTarget != "" {
		edits = append(edits, analysis.TextEdit{Pos: target.Pos(), End: target.End(), NewText: []byte(newTarget)})
	}
	return &analysis.SuggestedFix{
		Message:   "Replace grpc." + e.Name + " with grpc.NewClient",
		TextEdits: edits,
	}, ""
}

// passthroughTarget returns the target expression NewClient needs to
// resolve target as Dial did ("" to keep it), or why it cannot tell.
func (c *checker) passthroughTarget(target ast.Expr) (string, string) {
	tv, ok := c.pass.TypesInfo.Types[target]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", "its target is not a constant, so it may name a resolver scheme that NewClient would treat differently"
	}
	s := constant.StringVal(tv.Value)
	switch {
	case s == "":
		return "", "its target is empty"
	case strings.HasPrefix(s, "passthrough:"), strings.HasPrefix(s, "unix:"), strings.HasPrefix(s, "unix-abstract:"):
		return "", "" // the same registered resolver either way
	case strings.HasPrefix(s, "dns:"):
		return "", "a dns: target resolves differently under NewClient when a proxy is configured"
	case strings.Contains(s, "://"):
		return "", "its target names a resolver scheme that may not be registered"
	}
	if _, ok := ast.Unparen(target).(*ast.BasicLit); ok {
		return strconv.Quote("passthrough:///" + s), ""
	}
	return `"passthrough:///" + ` + c.src(target), ""
}

// droppable reports whether deleting the context argument ctx changes
// nothing: it is context.Background() or context.TODO(), a parameter, or a
// variable used elsewhere too (so that deleting it leaves no unused
// variable).
func (c *checker) droppable(ctx ast.Expr) bool {
	ctx = ast.Unparen(ctx)
	if call, ok := ctx.(*ast.CallExpr); ok {
		fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
		return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context" &&
			(fn.Name() == "Background" || fn.Name() == "TODO") && len(call.Args) == 0
	}
	id, ok := ctx.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	if v.Parent() == c.pass.Pkg.Scope() || v.Kind() == types.ParamVar || v.Kind() == types.RecvVar {
		return true
	}
	n := 0
	for id2, obj := range c.pass.TypesInfo.Uses {
		if obj == v && id2 != id {
			n++
		}
	}
	return n > 0
}

// insecureFix rewrites grpc.WithInsecure() to
// grpc.WithTransportCredentials(insecure.NewCredentials()). grpc-go's
// WithInsecure sets exactly that: copts.TransportCredentials =
// insecure.NewCredentials().
func (c *checker) insecureFix(cur inspector.Cursor, call *ast.CallExpr) *analysis.SuggestedFix {
	grpcQ, ok := c.qualifier(call)
	if !ok || !c.resolves(call.Pos(), "WithTransportCredentials", knowledge.GRPC) && grpcQ == "" {
		return nil
	}
	file := enclosingFile(cur)
	if file == nil {
		return nil
	}
	im := fixtext.NewImporter(c.pass, file, call.Pos())
	insecureQ, ok := im.Qualifier(knowledge.GRPC+"/credentials/insecure", "insecure", "grpcinsecure")
	if !ok {
		return nil
	}
	text := grpcQ + "WithTransportCredentials(" + insecureQ + "NewCredentials())"
	return &analysis.SuggestedFix{
		Message:   "Replace grpc.WithInsecure() with grpc.WithTransportCredentials(insecure.NewCredentials())",
		TextEdits: append([]analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}}, im.Edits...),
	}
}

// qualifier returns "X." if call's function is X.f with X a package name,
// "" if it is a dot-imported f, and false otherwise.
func (c *checker) qualifier(call *ast.CallExpr) (string, bool) {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok {
			if _, ok := c.pass.TypesInfo.Uses[x].(*types.PkgName); ok {
				return x.Name + ".", true
			}
		}
	case *ast.Ident:
		return "", true
	}
	return "", false
}

// resolves reports whether name, unqualified at pos, denotes the
// package-level object of that name in package path.
func (c *checker) resolves(pos tokenPos, name, path string) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == path && obj.Parent() == obj.Pkg().Scope()
}

// contextDialerFix rewrites grpc.WithDialer(f) to grpc.WithContextDialer
// with the wrapper grpc-go's WithDialer itself builds (dialoptions.go):
// the dial timeout f receives is the time left until ctx's deadline, or 0.
// f must be a function name, so that evaluating it at each dial rather
// than once changes nothing.
func (c *checker) contextDialerFix(cur inspector.Cursor, call *ast.CallExpr) *analysis.SuggestedFix {
	if len(call.Args) != 1 {
		return nil
	}
	f := ast.Unparen(call.Args[0])
	var fname *ast.Ident
	switch f := f.(type) {
	case *ast.Ident:
		fname = f
	case *ast.SelectorExpr:
		fname = f.Sel
		if x, ok := f.X.(*ast.Ident); !ok || !isPkgName(c.pass.TypesInfo.Uses[x]) {
			return nil
		}
	default:
		return nil
	}
	if _, ok := c.pass.TypesInfo.Uses[fname].(*types.Func); !ok {
		return nil
	}
	// f's name (or its package's) must not be one the wrapper declares.
	first := fname
	if sel, ok := f.(*ast.SelectorExpr); ok {
		first = sel.X.(*ast.Ident)
	}
	switch first.Name {
	case "ctx", "addr", "deadline", "ok":
		return nil
	}
	grpcQ, ok := c.qualifier(call)
	if !ok || grpcQ == "" && !c.resolves(call.Pos(), "WithContextDialer", knowledge.GRPC) {
		return nil
	}
	file := enclosingFile(cur)
	if file == nil {
		return nil
	}
	im := fixtext.NewImporter(c.pass, file, call.Pos())
	ctxQ, ok1 := im.Qualifier("context", "context")
	netQ, ok2 := im.Qualifier("net", "net")
	timeQ, ok3 := im.Qualifier("time", "time")
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	for _, q := range []string{ctxQ, netQ, timeQ} {
		switch strings.TrimSuffix(q, ".") {
		case "ctx", "addr", "deadline", "ok":
			return nil // the wrapper's own names would shadow it
		}
	}
	indent := c.indentAt(file, call.Pos())
	fn := c.src(f)
	text := fmt.Sprintf("%sWithContextDialer(func(ctx %sContext, addr string) (%sConn, error) {\n"+
		"%s\tif deadline, ok := ctx.Deadline(); ok {\n"+
		"%s\t\treturn %s(addr, %sUntil(deadline))\n"+
		"%s\t}\n"+
		"%s\treturn %s(addr, 0)\n"+
		"%s})",
		grpcQ, ctxQ, netQ, indent, indent, fn, timeQ, indent, indent, fn, indent)
	return &analysis.SuggestedFix{
		Message:   "Replace grpc.WithDialer with grpc.WithContextDialer",
		TextEdits: append([]analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}}, im.Edits...),
	}
}

func isPkgName(obj types.Object) bool {
	_, ok := obj.(*types.PkgName)
	return ok
}

// connectParamsFix rewrites grpc.WithBackoffMaxDelay(d) and
// grpc.WithBackoffConfig(b) to grpc.WithConnectParams. grpc-go's
// WithBackoffConfig uses backoff.DefaultConfig with MaxDelay replaced, and
// leaves the minimum connect timeout at its default of 20s, which
// WithConnectParams would set: the fix spells out both. Because
// WithConnectParams also sets the connect timeout, the option must be a
// direct argument of a Dial, DialContext or NewClient call whose other
// options are visible and include no WithConnectParams.
func (c *checker) connectParamsFix(cur inspector.Cursor, call *ast.CallExpr, e *knowledge.GRPCDeprecation) *analysis.SuggestedFix {
	if len(call.Args) != 1 {
		return nil
	}
	callCur := cur.Parent()
	if _, isSel := callCur.Node().(*ast.SelectorExpr); isSel {
		callCur = callCur.Parent()
	}
	outer, ok := callCur.Parent().Node().(*ast.CallExpr)
	if !ok || outer.Fun == call {
		return nil
	}
	dial := c.grpcFunc(outer)
	if dial == nil || dial.Name() != "Dial" && dial.Name() != "DialContext" && dial.Name() != "NewClient" {
		return nil
	}
	skip := 1
	if dial.Name() == "DialContext" {
		skip = 2
	}
	if len(outer.Args) < skip {
		return nil
	}
	opts, ok := optionCalls(outer.Args[skip:])
	if !ok {
		return nil
	}
	visible, _, names := c.options(opts, outer)
	if !visible || names["WithConnectParams"] > 0 || names["WithBackoffMaxDelay"]+names["WithBackoffConfig"] > 1 {
		return nil
	}
	var maxDelay string
	arg := ast.Unparen(call.Args[0])
	if e.Name == "WithBackoffMaxDelay" {
		maxDelay = c.src(arg)
	} else {
		switch a := arg.(type) {
		case *ast.CompositeLit:
			maxDelay = "0"
			for _, elt := range a.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok {
					if len(a.Elts) == 1 {
						maxDelay = c.src(elt)
						continue
					}
					return nil
				}
				maxDelay = c.src(kv.Value)
			}
		case *ast.Ident:
			if _, ok := c.pass.TypesInfo.Uses[a].(*types.Var); !ok {
				return nil
			}
			maxDelay = a.Name + ".MaxDelay"
		default:
			return nil
		}
	}
	grpcQ, ok := c.qualifier(call)
	if !ok || grpcQ == "" && !(c.resolves(call.Pos(), "WithConnectParams", knowledge.GRPC) && c.resolves(call.Pos(), "ConnectParams", knowledge.GRPC)) {
		return nil
	}
	file := enclosingFile(cur)
	if file == nil {
		return nil
	}
	im := fixtext.NewImporter(c.pass, file, call.Pos())
	backoffQ, ok1 := im.Qualifier(knowledge.GRPC+"/backoff", "backoff", "grpcbackoff")
	timeQ, ok2 := im.Qualifier("time", "time")
	if !ok1 || !ok2 {
		return nil
	}
	d := backoffQ + "DefaultConfig."
	text := fmt.Sprintf("%sWithConnectParams(%sConnectParams{Backoff: %sConfig{BaseDelay: %sBaseDelay, Multiplier: %sMultiplier, Jitter: %sJitter, MaxDelay: %s}, MinConnectTimeout: "+minConnectTimeout+"})",
		grpcQ, grpcQ, backoffQ, d, d, d, maxDelay, timeQ)
	return &analysis.SuggestedFix{
		Message:   "Replace grpc." + e.Name + " with grpc.WithConnectParams",
		TextEdits: append([]analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}}, im.Edits...),
	}
}
