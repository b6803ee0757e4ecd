package retrystorm

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// This file decides which calls reach the network and which calls and
// statements wait, from the tables of internal/knowledge (net.go, http.go)
// and the shapes below.

// isNetworkAPI reports whether fn is, by its identity or its shape, a call
// that goes to the network:
//
//   - an HTTP send of knowledge.Sends (net/http, go-retryablehttp,
//     resty);
//   - a dial of knowledge.Dials;
//   - a gRPC call: Invoke or NewStream of grpc.ClientConnInterface or
//     *grpc.ClientConn (knowledge.GRPCCalls), or a method whose first
//     parameter is a context.Context and whose last is ...grpc.CallOption,
//     which is the shape protoc-gen-go-grpc gives every method of a
//     generated client (the FooClient interface and its fooClient
//     implementation);
//   - a function or method of the shape of (*http.Client).Do:
//     func(*http.Request) (*http.Response, error), the "Doer" interfaces
//     and wrappers that clients inject (httpreq.IsDoer).
func isNetworkAPI(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if httpreq.SendsRequest(fn) {
		return true
	}
	if knowledge.Dials.Has(fn) || knowledge.GRPCCalls.Has(fn) {
		return true
	}
	return isGRPCClientMethod(fn)
}

// isGRPCClientMethod reports whether fn is a method shaped like a generated
// gRPC client method: (ctx context.Context, ..., opts ...grpc.CallOption).
func isGRPCClientMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil || !sig.Variadic() || sig.Params().Len() < 2 {
		return false
	}
	if !isContext(sig.Params().At(0).Type()) {
		return false
	}
	last, ok := sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice)
	return ok && httpreq.IsNamed(last.Elem(), knowledge.GRPC, "CallOption")
}

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool { return t != nil && httpreq.IsNamed(t, "context", "Context") }

// isTimeChan reports whether t is a channel of time.Time, the channel of
// time.After, time.Tick, *time.Timer, *time.Ticker and the backoff
// libraries' tickers and timers.
func isTimeChan(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	return ok && ch.Dir() != types.SendOnly && httpreq.IsNamed(ch.Elem(), "time", "Time")
}

// isCtxDone reports whether e is a call of the Done method of a
// context.Context.
func isCtxDone(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := httpreq.Callee(info, call)
	return httpreq.Is(fn, "context", "Context", "Done")
}

// isFunc reports whether call calls the package function pkg.name.
func isFunc(info *types.Info, call *ast.CallExpr, pkg, name string) bool {
	return httpreq.Is(httpreq.Callee(info, call), pkg, "", name)
}

// recvOf returns the operand of e when e is a receive <-X, or nil.
func recvOf(e ast.Expr) ast.Expr {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	return u.X
}

// commRecv returns the channel operand of a select case's communication,
// or nil for a send.
func commRecv(comm ast.Stmt) ast.Expr {
	switch c := comm.(type) {
	case *ast.ExprStmt:
		return recvOf(c.X)
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			return recvOf(c.Rhs[0])
		}
	}
	return nil
}

// isCancelFunc reports whether t is context.CancelFunc or
// context.CancelCauseFunc, the functions that release a derived context.
func isCancelFunc(t types.Type) bool {
	return t != nil && (httpreq.IsNamed(t, "context", "CancelFunc") || httpreq.IsNamed(t, "context", "CancelCauseFunc"))
}
