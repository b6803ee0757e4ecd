package retry

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/transportvet/transportvet/internal/analysisdoc"
	"github.com/transportvet/transportvet/internal/fixpoint"
	"github.com/transportvet/transportvet/internal/index"
	"github.com/transportvet/transportvet/internal/knowledge"
	"github.com/transportvet/transportvet/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer finds the retry regions of a package: the code that runs again
// for the same logical operation. It reports nothing; retryidempotency,
// retrybody and retrystorm Require it, so that "retry loop" has one
// definition.
//
// Its flag -funcs (-retry.funcs under the multichecker) adds retry APIs to
// the table knowledge.RetryAPIs.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	cfg := new(config)
	a := &analysis.Analyzer{
		Name:       "retry",
		Doc:        analysisdoc.MustExtract(doc, "retry"),
		URL:        "https://github.com/transportvet/transportvet/blob/main/docs/retry.md",
		Run:        cfg.run,
		Requires:   []*analysis.Analyzer{inspect.Analyzer, index.Analyzer, ctrlflow.Analyzer},
		ResultType: reflect.TypeFor[*Result](),
		FactTypes:  []analysis.Fact{new(HelperFact), new(IteratorFact)},
	}
	a.Flags.BoolVar(&cfg.explain, "explain", false, "report every retry region found, with what is retried and why, as a diagnostic: how to ask why a loop is (or is not) checked")
	a.Flags.Var(&cfg.funcs, "funcs", "comma-separated retry APIs besides the built-in ones, each `entry` of the form pkg/path.Func:index or pkg/path.Type.Method:index, index being the 0-based position of the retried function argument")
	return a
}

// Kind says how a region is retried.
type Kind int

const (
	// Loop is a hand-written retry loop: Node is its *ast.ForStmt or
	// *ast.RangeStmt and Body its body. Attempt is the fallible call that
	// the loop repeats only after it failed; Counter is the variable that
	// counts attempts, if any; Signals names the deciding branches.
	//
	// A for loop (three-clause, condition-only, bare, or range over an
	// integer) is a Loop region when, on the function's control-flow
	// graph, every path from the attempt (a call whose last result is an
	// error, assigned or tested) back to the attempt takes, as its last
	// branch on the attempt's outcome, the side where it failed (err !=
	// nil; a 3xx-5xx status; errors.Is; a predicate over the failure
	// signals whose other side always leaves the loop; a condition on the
	// payload only, such as st.Done, never turns a success into a
	// failure), and such a path exists; success does not fail (a test
	// failure, a panic, an exit, only new errors); no value that an
	// iteration computes from what the loop did and carries into the next
	// (a cursor, opts.Page = resp.NextPage) feeds the attempt's arguments
	// or receiver, contexts, functions, durations and times excepted; the
	// loop's counters are only counted; and the body receives no work
	// from a channel. docs/retry.md has the rules in full.
	// Ranging over a slice, array, string, map, channel or function is
	// never a Loop region.
	Loop Kind = iota
	// Callback is the function argument of a retry API (knowledge.RetryAPIs,
	// -funcs, or a retry helper: a function of this or another package
	// that passes its function parameter to a retry API, or calls it as
	// the attempt of a Loop region, see HelperFact): Node is the
	// *ast.FuncLit, or the *ast.FuncDecl of a named function or method
	// value declared in this package, and Body its body. Call is the retry
	// API call and API the retry function. Target is the named function or
	// method passed, if any; when it is declared in another package, Node
	// and Body are nil and only Target tells what is retried.
	Callback
	// Client is a send by a client that retries by itself
	// (go-retryablehttp, including an *http.Client from its
	// StandardClient, unless every RetryMax assigned to the client's
	// variable or field is 0; the Azure SDK's runtime.Pipeline, unless it
	// was made with options whose Retry.MaxRetries is below 0; resty with
	// SetRetryCount(n > 0) on the request's client): Node and Call are the
	// send's *ast.CallExpr, API the send method, and Body is nil.
	Client
)

func (k Kind) String() string {
	switch k {
	case Loop:
		return "loop"
	case Callback:
		return "callback"
	case Client:
		return "client"
	}
	return "unknown"
}

// A Region is code that runs again for the same logical operation.
type Region struct {
	Kind Kind
	Node ast.Node
	Body *ast.BlockStmt
	// Func is the *ast.FuncDecl or *ast.FuncLit whose body holds Node
	// (Loop, Client) or, for a Callback, the retry API Call.
	Func ast.Node
	// Call is the retry API call (Callback) or the send (Client); nil
	// for Loop.
	Call *ast.CallExpr
	// API is the retry function (Callback) or send method (Client); nil
	// for Loop.
	API *types.Func

	// Attempt is the fallible call of a Loop whose failure goes round
	// again; nil for other kinds.
	Attempt *ast.CallExpr
	// Counter is the variable a Loop counts its attempts with (the for
	// clause's variable, the key of a range over an integer, or a variable
	// incremented in the body), or nil.
	Counter *types.Var
	// Target is the named function or method a Callback retries, or nil
	// for a function literal.
	Target *types.Func
	// Entry is the knowledge.RetryAPIs entry of a Callback's API; nil when the API
	// comes from -funcs or is a retry helper (a function that retries its
	// function parameter, see HelperFact).
	Entry *knowledge.RetryAPI

	// Signals names the branches on which a Loop goes round again, as
	// -explain shows them.
	Signals []string
	// Iterator is the retry iterator that a Loop ranges over, if any
	// (see IteratorFact): it waits between the attempts.
	Iterator *types.Func
	// Unsent says that a Loop goes round only after errors that prove
	// its request never left the client (a refused connection, a failed
	// name lookup: internal/knowledge.UnsentErrors): a retry repeats no
	// side effect.
	Unsent bool
	// Polls says that some ways round a Loop may follow a success: a
	// success whose result is not done yet (a job in progress: it
	// polls), or one that goes round with the failures the loop singles
	// out (if err != nil && !refused(err) { break }). Checks of what
	// happens between two attempts must then follow the ways round after
	// a failure.
	Polls bool

	// once are the spans of a Loop's body that run at most once: the
	// success path after its last conditional continue.
	once []span
}

type span struct{ pos, end token.Pos }

// Repeats reports whether the code at pos runs again when the region
// retries: pos lies in Body (for a Client region, in Call) and, for a Loop,
// not on the success path after the loop's last conditional continue
// (that code runs once, just before leaving the loop).
func (reg *Region) Repeats(pos token.Pos) bool {
	n := reg.span()
	if n == nil || pos < n.Pos() || pos >= n.End() {
		return false
	}
	for _, s := range reg.once {
		if pos >= s.pos && pos < s.end {
			return false
		}
	}
	return true
}

// Result is the retry regions of one package.
type Result struct {
	Regions []*Region
}

// Enclosing returns the innermost region whose Body, or for a Client region
// whose Call, contains pos and repeats it (see Region.Repeats), or nil.
// A Callback region whose Target is declared in another package has no
// Body and never encloses anything.
func (r *Result) Enclosing(pos token.Pos) *Region {
	var best *Region
	for _, reg := range r.Regions {
		n := reg.span()
		if n == nil || !reg.Repeats(pos) {
			continue
		}
		if best == nil || n.Pos() >= best.span().Pos() {
			best = reg
		}
	}
	return best
}

// span returns the node whose extent the region covers: Body, or Call for
// a Client region, or nil.
func (reg *Region) span() ast.Node {
	if reg.Body != nil {
		return reg.Body
	}
	if reg.Kind == Client && reg.Call != nil {
		return reg.Call
	}
	return nil
}

// HelperFact marks a function that retries its function parameter Arg
// (0-based, receiver excluded): it calls it as the attempt of a retry loop,
// or passes it to a retry API. A call to it makes its argument a Callback
// region, in any package.
type HelperFact struct {
	Arg int
}

func (*HelperFact) AFact() {}

func (f *HelperFact) String() string { return fmt.Sprintf("retries parameter %d", f.Arg) }

func (cfg *config) run(pass *analysis.Pass) (any, error) {
	c := newCollector(pass, cfg, pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
	c.funcs = pass.ResultOf[index.Analyzer].(*index.Index)
	c.cfgs = pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	// Find the regions, learn which functions are retry helpers, and
	// again until no new helper appears (helpers calling helpers).
	fixpoint.Rounds(8, func() bool {
		c.regions = nil
		c.findRegions()
		return c.learnHelpers()
	})
	for fn, arg := range c.helpers {
		if fn.Exported() {
			pass.ExportObjectFact(fn, &HelperFact{Arg: arg})
		}
	}
	c.exportIterators()
	if cfg.explain {
		r := report.New(pass)
		for _, reg := range c.regions {
			var pos, end token.Pos
			switch {
			case reg.Kind == Callback:
				pos, end = reg.Call.Pos(), reg.Call.End()
			case reg.Body != nil:
				pos, end = reg.Node.Pos(), reg.Body.Lbrace
			default:
				pos, end = reg.Node.Pos(), reg.Node.End()
			}
			r.Report(analysis.Diagnostic{Pos: pos, End: end, Message: "retry region: " + reg.Describe(pass.Fset)})
		}
		// In source order, as the regions are: a map's order would change
		// the output from run to run.
		for _, loop := range slices.SortedFunc(maps.Keys(c.rejected), func(x, y ast.Node) int { return cmp.Compare(x.Pos(), y.Pos()) }) {
			r.Report(analysis.Diagnostic{Pos: loop.Pos(), End: loop.Pos() + token.Pos(len("for")), Message: "not a retry region: " + c.rejected[loop]})
		}
	}
	return &Result{Regions: c.regions}, nil
}

// Describe says in a sentence what the region retries and how: the text of
// -explain's diagnostics.
func (reg *Region) Describe(fset *token.FileSet) string {
	expr := func(e ast.Expr) string { return types.ExprString(e) }
	switch reg.Kind {
	case Loop:
		s := "loop retries " + expr(reg.Attempt.Fun)
		if len(reg.Signals) > 0 {
			s += " on " + strings.Join(reg.Signals, ", ")
		}
		if reg.Counter != nil {
			s += ", counting attempts in " + reg.Counter.Name()
		}
		return s
	case Callback:
		s := "function retried by " + qualifiedName(reg.API)
		if reg.Target != nil {
			s += ": " + reg.Target.Name()
			if reg.Body == nil {
				s += " (declared in " + reg.Target.Pkg().Path() + ")"
			}
		}
		return s
	case Client:
		return "send by a client that retries by itself: " + qualifiedName(reg.API)
	}
	return reg.Kind.String()
}
