package retry

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/analysisdoc"
)

//go:embed doc.go
var doc string

// Analyzer finds the retry regions of a package: the code that runs again
// for the same logical operation. It reports nothing; retryidempotency,
// retrybody and retrystorm Require it, so that "retry loop" has one
// definition.
var Analyzer = &analysis.Analyzer{
	Name:       "retry",
	Doc:        analysisdoc.MustExtract(doc, "retry"),
	URL:        "https://github.com/transportvet/transportvet/blob/main/docs/retry.md",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// Kind says how a region is retried.
type Kind int

const (
	// Loop is a hand-written retry loop: Node is its *ast.ForStmt or
	// *ast.RangeStmt and Body its body.
	Loop Kind = iota
	// Callback is the function argument of a retry library API: Node is the
	// *ast.FuncLit, or the *ast.FuncDecl of a named function or method
	// value declared in this package, and Body its body. Call is the retry
	// API call and API the retry function.
	Callback
	// Client is a send by a client that retries by itself
	// (go-retryablehttp, resty with retries on): Node and Call are the
	// send's *ast.CallExpr, API the send method, and Body is nil.
	Client
)

// A Region is code that runs again for the same logical operation.
type Region struct {
	Kind Kind
	Node ast.Node
	Body *ast.BlockStmt
	// Func is the *ast.FuncDecl or *ast.FuncLit whose body holds Node.
	Func ast.Node
	// Call is the retry API call (Callback) or the send (Client); nil
	// for Loop.
	Call *ast.CallExpr
	// API is the retry function (Callback) or send method (Client); nil
	// for Loop.
	API *types.Func
}

// Result is the retry regions of one package.
type Result struct {
	Regions []*Region
}

// Enclosing returns the innermost region whose Body, or for a Client region
// whose Call, contains pos, or nil.
func (r *Result) Enclosing(pos token.Pos) *Region {
	var best *Region
	for _, reg := range r.Regions {
		var n ast.Node = reg.Body
		if reg.Body == nil {
			n = reg.Call
		}
		if n == nil || pos < n.Pos() || pos >= n.End() {
			continue
		}
		if best == nil || n.Pos() >= best.span().Pos() {
			best = reg
		}
	}
	return best
}

func (reg *Region) span() ast.Node {
	if reg.Body != nil {
		return reg.Body
	}
	return reg.Call
}

func run(pass *analysis.Pass) (any, error) {
	return &Result{}, nil // being written
}
