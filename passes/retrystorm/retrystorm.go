package retrystorm

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/transportvet/transportvet/internal/analysisdoc"
	"github.com/transportvet/transportvet/internal/fixpoint"
	"github.com/transportvet/transportvet/internal/flow"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/imports"
	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/internal/report"
	"github.com/transportvet/transportvet/passes/retry"
)

//go:embed doc.go
var doc string

// Analyzer is the retrystorm check.
var Analyzer = &analysis.Analyzer{
	Name:      "retrystorm",
	Doc:       analysisdoc.MustExtract(doc, "retrystorm"),
	URL:       "https://github.com/transportvet/transportvet/blob/main/docs/retrystorm.md",
	Run:       run,
	Requires:  []*analysis.Analyzer{inspect.Analyzer, index.Analyzer, ctrlflow.Analyzer, retry.Analyzer},
	FactTypes: []analysis.Fact{new(funcFact)},
}

// funcFact summarizes a function for the callers in other packages.
type funcFact struct {
	// Network: the function may make a network call (an HTTP send, a gRPC
	// call, a dial), directly or through a function with this fact.
	Network bool
	// MayWait: some path through the function waits (a sleep, a timer, a
	// select on a timer or ctx.Done(), a rate limiter's Wait). A retry
	// loop that calls it is taken to have its delay: a helper that waits
	// only when its backoff is positive is still the loop's delay.
	MayWait bool
	// Sleeps: every path through the function that returns waits in a way
	// that no context can interrupt (time.Sleep, <-time.After(d)).
	Sleeps bool
	// Answers: a nil error from the function means that a server
	// answered: it is a gRPC unary call (gRPC reports overload,
	// unavailability and deadlines as errors), or it returns a nil error
	// only after such a call, or a function with this fact, returned one
	// (answersLocal in conflict.go). A loop that goes round after it
	// returned a nil error goes round on the content of an answer: a
	// conflict retry, not a storm.
	Answers bool
}

func (*funcFact) AFact() {}

func (f *funcFact) String() string {
	s := "retrystorm:"
	if f.Network {
		s += " network"
	}
	if f.MayWait {
		s += " maywait"
	}
	if f.Sleeps {
		s += " sleeps"
	}
	if f.Answers {
		s += " answers"
	}
	return s
}

// relevant are the packages whose import makes a package worth analyzing:
// it may wait, or make a network call.
var relevant = []string{
	"time", "net", "crypto/tls", "net/http",
	knowledge.GRPC, "golang.org/x/time/rate",
}

func run(pass *analysis.Pass) (any, error) {
	report.Directives(pass) // before any early return: see report.Directives
	if !imports.Any(pass.Pkg, relevant...) {
		return nil, nil
	}
	c := &checker{
		pass:      pass,
		cfgs:      pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs),
		regions:   pass.ResultOf[retry.Analyzer].(*retry.Result),
		r:         report.New(pass),
		in:        pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		funcs:     pass.ResultOf[index.Analyzer].(*index.Index),
		decls:     make(map[*types.Func]inspector.Cursor),
		summary:   make(map[*types.Func]*funcFact),
		ifaceNet:  make(map[*types.Func]*funcFact),
		sentinels: make(map[*types.Var]bool),
		kinds:     make(map[*types.Func]calleeKind),
		selectOf:  make(map[ast.Stmt]*ast.SelectStmt),
	}
	c.index()
	c.summarize()
	if len(c.regions.Regions) == 0 {
		return nil, nil
	}
	c.checkLoops()
	c.checkLibraries()
	c.checkSleeps()
	return nil, nil
}

type checker struct {
	pass    *analysis.Pass
	cfgs    *ctrlflow.CFGs
	regions *retry.Result
	r       *report.Reporter
	in      *inspector.Inspector
	funcs   *index.Index

	// decls maps the functions declared in the package to their
	// declarations.
	decls     map[*types.Func]inspector.Cursor
	kinds     map[*types.Func]calleeKind // see kindOf
	summary   map[*types.Func]*funcFact  // this package's functions
	ifaceNet  map[*types.Func]*funcFact  // see summarizeInterfaces
	sentinels map[*types.Var]bool        // see conflictSentinel
	selectOf  map[ast.Stmt]*ast.SelectStmt
}

// index records the package's function declarations and the select
// statement of every communication clause.
func (c *checker) index() {
	c.in.Root().Inspect([]ast.Node{(*ast.FuncDecl)(nil), (*ast.SelectStmt)(nil)}, func(cur inspector.Cursor) bool {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn, ok := c.pass.TypesInfo.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				c.decls[fn] = cur
			}
		case *ast.SelectStmt:
			for _, cc := range n.Body.List {
				if comm := cc.(*ast.CommClause).Comm; comm != nil {
					c.selectOf[comm] = n
				}
			}
		}
		return true
	})
}

// summarize computes the funcFact of each function of the package, the
// least fixed point over the calls between them, and exports the facts that
// say something.
//
// Each body is scanned once (scanBody). Network needs nothing more: a
// function makes a network call when it calls a network API or a function
// of another package with the fact, or calls a function of the package that
// makes one. MayWait and Sleeps depend on where the calls are (not in a go
// statement, on every path): they are computed from the body, first for the
// functions with something that may wait, then again only for the callers
// of a function whose summary changed. Every fact is monotone in the facts
// of the callees, so the order of this worklist does not change the result.
func (c *checker) summarize() {
	callers := make(map[*types.Func][]*types.Func)
	var network, work []*types.Func
	for fn := range c.decls {
		c.summary[fn] = new(funcFact)
		net, wait := c.scanBody(c.funcs.Of(fn), callers)
		if net {
			network = append(network, fn)
		}
		if wait {
			work = append(work, fn)
		}
	}
	callersOf := func(fn *types.Func) []*types.Func { return callers[fn] }
	fixpoint.Worklist(network, callersOf, func(fn *types.Func) bool {
		s := c.summary[fn]
		if s.Network {
			return false
		}
		s.Network = true
		return true
	})
	// Answers grows with the Answers of the callees (answers).
	var nets []*types.Func
	for fn, s := range c.summary {
		if s.Network {
			nets = append(nets, fn)
		}
	}
	fixpoint.Worklist(nets, callersOf, func(fn *types.Func) bool {
		s := c.summary[fn]
		if s.Answers || !c.answersLocal(fn) {
			return false
		}
		s.Answers = true
		return true
	})
	fixpoint.Worklist(work, callersOf, func(fn *types.Func) bool {
		decl := c.decls[fn].Node().(*ast.FuncDecl)
		g := c.cfgs.FuncDecl(decl)
		s := c.summary[fn]
		mayWait, sleeps := c.hasWait(decl.Body), g != nil && c.alwaysWaits(g, true)
		if mayWait == s.MayWait && sleeps == s.Sleeps {
			return false
		}
		s.MayWait, s.Sleeps = mayWait, sleeps
		return true
	})
	// Only exported functions and methods can be called from another
	// package.
	for fn, s := range c.summary {
		if fn.Exported() && (s.Network || s.MayWait || s.Sleeps) {
			c.pass.ExportObjectFact(fn, s)
		}
	}
	c.summarizeInterfaces()
}

// summarizeInterfaces marks Network the methods of the package's
// interfaces that a type of the package implements with a method that
// makes a network call: godo's DropletActionsService.GetByURI, which
// DropletActionsServiceOp implements with an HTTP GET. A call through the
// interface, here or in another package (a fact), goes to the network
// in production, whatever a test double does. Only methods the interface
// declares itself are marked, and callers in the package are not made
// Network through them. Such a method Answers when every implementation
// of the package that makes a network call does (etcd's Txn.Commit, a
// gRPC Txn call).
func (c *checker) summarizeInterfaces() {
	scope := c.pass.Pkg.Scope()
	var ifaces []*types.Named
	var impls []types.Type // T and *T of the types with a Network method
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		n, ok := tn.Type().(*types.Named)
		if !ok || n.TypeParams().Len() > 0 {
			continue
		}
		if it, ok := n.Underlying().(*types.Interface); ok {
			if it.IsMethodSet() && it.NumExplicitMethods() > 0 {
				ifaces = append(ifaces, n)
			}
			continue
		}
		for m := range n.Methods() {
			if s := c.summary[m]; s != nil && s.Network {
				impls = append(impls, n, types.NewPointer(n))
				break
			}
		}
	}
	if len(impls) == 0 {
		return
	}
	for _, n := range ifaces {
		it := n.Underlying().(*types.Interface)
		for _, t := range impls {
			if !types.Implements(t, it) {
				continue
			}
			for i := range it.NumExplicitMethods() {
				m := it.ExplicitMethod(i)
				obj, _, _ := types.LookupFieldOrMethod(t, false, c.pass.Pkg, m.Name())
				impl, ok := obj.(*types.Func)
				if !ok {
					continue
				}
				s := c.summary[impl.Origin()]
				if s == nil || !s.Network {
					continue
				}
				f := c.ifaceNet[m]
				if f == nil {
					f = &funcFact{Network: true, Answers: true}
					c.ifaceNet[m] = f
				}
				f.Answers = f.Answers && s.Answers
			}
		}
	}
	for m, f := range c.ifaceNet {
		if m.Exported() {
			c.pass.ExportObjectFact(m, f)
		}
	}
}

// scanBody records f as a caller of each function of the package that
// its body calls, in callers. It reports whether the body calls a network
// API or
// a function of another package whose fact says Network (net), and
// whether it holds something that may wait while the functions of the
// package have the zero summary (wait): a call of time.Sleep, of a wait
// method, of a function of another package whose fact says it may wait,
// or a dynamic call with a time.Duration; a receive, a select, or a range
// over a channel of time.Time. wait errs towards true: the summary then
// decides.
func (c *checker) scanBody(f *index.Func, callers map[*types.Func][]*types.Func) (net, wait bool) {
	info := c.pass.TypesInfo
	var callees []*types.Func
	for _, call := range f.Calls {
		callee := call.Callee
		if callee == nil {
			wait = wait || c.dynamicWithDuration(call.Expr)
			continue
		}
		k := c.kindOf(callee)
		if k&calleeLocal != 0 && !slices.Contains(callees, callee) {
			callees = append(callees, callee)
		}
		net = net || k&calleeNet != 0
		wait = wait || k&calleeWait != 0 || k&calleeDynamic != 0 && c.dynamicWithDuration(call.Expr)
	}
	for cur := range f.Cursor.ChildAt(edge.FuncDecl_Body, -1).Preorder(scanTypes...) {
		switch n := cur.Node().(type) {
		case *ast.SelectStmt:
			wait = true
		case *ast.RangeStmt:
			wait = wait || isTimeChan(info.TypeOf(n.X))
		case *ast.UnaryExpr:
			wait = wait || n.Op == token.ARROW
		}
	}
	for _, callee := range callees {
		callers[callee] = append(callers[callee], f.Obj)
	}
	return net, wait
}

// A calleeKind says, of a function called, what scanBody needs to know.
type calleeKind uint8

const (
	calleeKnown   calleeKind = 1 << iota // the entry is computed
	calleeLocal                          // declared in the package, with a body
	calleeNet                            // a network API, or its fact says Network
	calleeWait                           // time.Sleep, a wait method, or its fact says it may wait
	calleeDynamic                        // an interface method: dynamicWithDuration decides
)

// kindOf returns what scanBody needs to know of fn (an origin, as
// httpreq.Callee returns), computed once per function and pass.
func (c *checker) kindOf(fn *types.Func) calleeKind {
	if k := c.kinds[fn]; k != 0 {
		return k
	}
	k := calleeKnown
	if _, local := c.decls[fn]; local {
		k |= calleeLocal
	} else if f := c.factOf(fn); f != nil {
		if f.Network {
			k |= calleeNet
		}
		if f.MayWait || f.Sleeps {
			k |= calleeWait
		}
	}
	if isNetworkAPI(fn) {
		k |= calleeNet
	}
	if httpreq.Is(fn, "time", "", "Sleep") || knowledge.WaitMethods.Has(fn) {
		k |= calleeWait
	}
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
		k |= calleeDynamic
	}
	c.kinds[fn] = k
	return k
}

// scanTypes are the nodes besides calls that scanBody looks at.
var scanTypes = []ast.Node{
	(*ast.SelectStmt)(nil),
	(*ast.RangeStmt)(nil),
	(*ast.UnaryExpr)(nil),
}

// factOf returns the summary of fn, from this package or a fact, or nil.
func (c *checker) factOf(fn *types.Func) *funcFact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if s, ok := c.summary[fn]; ok {
		return s
	}
	if f := c.ifaceNet[fn]; f != nil {
		return f
	}
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return nil
	}
	var f funcFact
	if c.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

func (c *checker) callee(call *ast.CallExpr) *types.Func {
	return httpreq.Callee(c.pass.TypesInfo, call)
}

// isNetworkCall reports whether call goes to the network: a network API, or
// a function whose summary says it may make a network call.
func (c *checker) isNetworkCall(call *ast.CallExpr) bool {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return c.hasNetworkCall(lit.Body) // func() { ... }()
	}
	fn := c.callee(call)
	if fn == nil {
		return false
	}
	if isNetworkAPI(fn) {
		return true
	}
	f := c.factOf(fn)
	return f != nil && f.Network
}

// hasNetworkCall reports whether n contains a network call, including in
// the function literals it holds.
func (c *checker) hasNetworkCall(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found && c.isNetworkCall(call) {
			found = true
		}
		return !found
	})
	return found
}

// hasWait reports whether some statement of body may wait.
func (c *checker) hasWait(body *ast.BlockStmt) bool {
	if body == nil {
		return false
	}
	for _, s := range body.List {
		if c.waits(s, false) {
			return true
		}
	}
	return false
}

// dynamicWithDuration reports whether call calls a function unknown
// statically (an interface method, a function value such as an injected
// var sleep = time.Sleep) with a time.Duration argument: it may wait.
func (c *checker) dynamicWithDuration(call *ast.CallExpr) bool {
	fn := c.callee(call)
	if fn != nil {
		if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
			return false
		}
	} else if tv, ok := c.pass.TypesInfo.Types[call.Fun]; !ok || tv.IsType() || tv.IsBuiltin() {
		return false
	}
	for _, a := range call.Args {
		if httpreq.IsNamed(c.pass.TypesInfo.TypeOf(a), "time", "Duration") {
			return true
		}
	}
	return false
}

// waits reports whether evaluating CFG node n waits. With sleepOnly, only
// waits that no context can interrupt count: time.Sleep, a bare receive
// from time.After or a select whose cases all receive from timers, a call
// to a function that always does one of those.
func (c *checker) waits(n ast.Node, sleepOnly bool) bool {
	info := c.pass.TypesInfo
	if comm, ok := n.(ast.Stmt); ok {
		if sel := c.selectOf[comm]; sel != nil {
			return c.selectWaits(sel, sleepOnly)
		}
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false // runs later, or elsewhere
		case *ast.SelectStmt:
			// A whole select statement (not a CFG node): it waits, or
			// its case bodies may.
			if c.selectWaits(n, sleepOnly) {
				found = true
				return false
			}
			if !sleepOnly {
				for _, cc := range n.Body.List {
					for _, st := range cc.(*ast.CommClause).Body {
						if c.waits(st, false) {
							found = true
							return false
						}
					}
				}
			}
			return false
		case *ast.RangeStmt:
			// for range ticker.C { ... }: each iteration waits.
			if !sleepOnly && isTimeChan(info.TypeOf(n.X)) {
				found = true
				return false
			}
		case *ast.CallExpr:
			if isFunc(info, n, "time", "Sleep") {
				found = true
				return false
			}
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				// func() { ... }() runs now.
				if sleepOnly {
					if g := c.cfgs.FuncLit(lit); g != nil && c.alwaysWaits(g, true) {
						found = true
						return false
					}
				} else if c.hasWait(lit.Body) {
					found = true
					return false
				}
			}
			fn := c.callee(n)
			if !sleepOnly && knowledge.WaitMethods.Has(fn) {
				found = true
				return false
			}
			if f := c.factOf(fn); f != nil && (f.Sleeps || (!sleepOnly && f.MayWait)) {
				found = true
				return false
			}
			if !sleepOnly && c.dynamicWithDuration(n) {
				found = true
				return false
			}
		case *ast.UnaryExpr:
			x := recvOf(n)
			if x == nil {
				break
			}
			if sleepOnly {
				if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && isFunc(info, call, "time", "After") {
					found = true
				}
				break
			}
			if isTimeChan(info.TypeOf(x)) || isCtxDone(info, x) {
				found = true
			}
		}
		return !found
	})
	return found
}

// selectWaits reports whether sel waits: it has no default and a case
// receives from a timer or ctx.Done(). With sleepOnly, every case must
// receive from a timer.
func (c *checker) selectWaits(sel *ast.SelectStmt, sleepOnly bool) bool {
	info := c.pass.TypesInfo
	timer, other := false, false
	for _, cc := range sel.Body.List {
		comm := cc.(*ast.CommClause).Comm
		if comm == nil {
			return false // default: never blocks
		}
		x := commRecv(comm)
		switch {
		case x != nil && isTimeChan(info.TypeOf(x)):
			timer = true
		case x != nil && isCtxDone(info, x) && !sleepOnly:
			timer = true
		default:
			other = true
		}
	}
	if sleepOnly {
		return timer && !other
	}
	return timer
}

// blockWaits reports whether some node of b from index from on waits.
func (c *checker) blockWaits(b *cfg.Block, from, to int, sleepOnly bool) bool {
	for _, n := range b.Nodes[from:to] {
		if c.waits(n, sleepOnly) {
			return true
		}
	}
	return false
}

// alwaysWaits reports whether every path of g from its entry to a return
// waits, and some path returns. A function that never returns normally
// (it loops forever, or ends in panic or log.Fatal) does not wait: it is
// not the delay of a loop that calls it.
func (c *checker) alwaysWaits(g *cfg.CFG, sleepOnly bool) bool {
	if len(g.Blocks) == 0 || g.NoReturn() {
		return false
	}
	// With a defer, a path that ends in a panic may recover and return.
	deferred := false
	for _, b := range g.Blocks {
		for _, n := range b.Nodes {
			if _, ok := n.(*ast.DeferStmt); ok {
				deferred = true
			}
		}
	}
	returns := func(b *cfg.Block) bool {
		return b.Return() != nil || deferred && len(b.Succs) == 0
	}
	if !slices.ContainsFunc(g.Blocks, func(b *cfg.Block) bool { return b.Live && returns(b) }) {
		return false
	}
	// Search for a wait-free path from the entry to a return.
	free := flow.FindPath(g.Blocks[:1], struct{}{}, func(b *cfg.Block, s struct{}) (after struct{}, end, found bool) {
		if c.blockWaits(b, 0, len(b.Nodes), sleepOnly) {
			return s, true, false
		}
		return s, returns(b), returns(b)
	}, nil)
	return free == nil
}
