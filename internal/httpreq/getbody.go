package httpreq

import "go/types"

// GetBodyTypes are the body types for which net/http's NewRequest and
// NewRequestWithContext set Request.GetBody, so that req.GetBody() can
// rebuild a consumed body and never fails (net/http/request.go, Go 1.26:
// the type switch on body in NewRequestWithContext). A body of any other
// type leaves GetBody nil.
var GetBodyTypes = []struct{ Pkg, Name string }{
	{"bytes", "Buffer"},
	{"bytes", "Reader"},
	{"strings", "Reader"},
}

// SetsGetBody reports whether t, the static type of the body argument of
// a net/http request constructor, is a pointer to one of GetBodyTypes, so
// that the request's GetBody is set.
func SetsGetBody(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	for _, b := range GetBodyTypes {
		if IsNamed(p.Elem(), b.Pkg, b.Name) {
			return true
		}
	}
	return false
}
