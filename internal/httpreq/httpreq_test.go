package httpreq_test

import (
	"fmt"
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/tvtest"
)

// describe reports every call the tables know: a send or a constructor,
// with its method when the call shows a constant one.
var describe = &analysis.Analyzer{
	Name: "httpreq",
	Doc:  "test-only: describe sends and constructors",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				kind := ""
				if s := httpreq.SendCall(pass.TypesInfo, call); s != nil {
					kind = "send"
					if s.Retries {
						kind = "retrying send"
					}
				} else if httpreq.ConstructorCall(pass.TypesInfo, call) != nil {
					kind = "new"
				} else {
					return true
				}
				m, ok := httpreq.Method(pass.TypesInfo, call)
				if !ok {
					m = "?"
				}
				pass.Reportf(call.Pos(), "%s", fmt.Sprintf("%s %s", kind, m))
				return true
			})
		}
		return nil, nil
	},
}

func TestTables(t *testing.T) {
	analysistest.Run(t, tvtest.TestData(), describe, "retry/httpreq")
}

func TestMethods(t *testing.T) {
	for m, want := range map[string][2]bool{
		"GET": {true, false}, "PUT": {true, false}, "DELETE": {true, false},
		"POST": {false, true}, "PATCH": {false, true}, "CONNECT": {false, true},
		"PROPFIND": {false, false},
	} {
		if got := [2]bool{httpreq.Idempotent(m), httpreq.NonIdempotent(m)}; got != want {
			t.Errorf("%s: idempotent, non-idempotent = %v, want %v", m, got, want)
		}
	}
	for _, k := range []string{"Idempotency-Key", "idempotency-key", "X-IDEMPOTENCY-KEY", "Idempotency-Token", "X-Idempotency-Id", "Repeatability-Request-ID", "repeatability-request-id"} {
		if !httpreq.IsIdempotencyKey(k) {
			t.Errorf("IsIdempotencyKey(%q) = false", k)
		}
	}
	for _, k := range []string{"X-Request-Id", "Idempotent", "Key", "Repeatability-First-Sent", "X-Repeatability-Request-ID"} {
		if httpreq.IsIdempotencyKey(k) {
			t.Errorf("IsIdempotencyKey(%q) = true", k)
		}
	}
	for k, want := range map[string]bool{"Idempotency-Key": true, "Idempotency-Token": true, "X-Idempotency-Key": true, "idempotency-key": false, "IDEMPOTENCY-TOKEN": false, "X-Request-Id": false,
		"Repeatability-Request-ID": true, "Repeatability-Request-Id": true, "repeatability-request-id": false} {
		if got := httpreq.IsCanonicalIdempotencyKey(k); got != want {
			t.Errorf("IsCanonicalIdempotencyKey(%q) = %v, want %v", k, got, want)
		}
	}
	for name, want := range map[string]bool{"idempotencyKey": true, "IdempotentToken": true, "idempotency_key": true, "idemKey": true, "idempKey": true, "key": false, "requestID": false, "idem": false} {
		if got := httpreq.IsKeyName(name); got != want {
			t.Errorf("IsKeyName(%q) = %v, want %v", name, got, want)
		}
	}
}
