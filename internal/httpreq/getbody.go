package httpreq

import (
	"go/types"

	"github.com/transportvet/transportvet/internal/knowledge"
)

// SetsGetBody reports whether t, the static type of the body argument of
// a net/http request constructor, is a pointer to one of
// knowledge.GetBodyTypes, so that the request's GetBody is set.
func SetsGetBody(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	for _, b := range knowledge.GetBodyTypes {
		if IsNamed(p.Elem(), b.Pkg, b.Name) {
			return true
		}
	}
	return false
}
