// Package metadata define the structure of the metadata supported by gRPC library.
//
// This is a stub of google.golang.org/grpc@v1.85.0/metadata.
package metadata

// MD is a mapping from metadata keys to values.
type MD map[string][]string

// Pairs returns an MD formed by the mapping of key, value ...
func Pairs(kv ...string) MD {
	md := MD{}
	for i := 0; i+1 < len(kv); i += 2 {
		md[kv[i]] = append(md[kv[i]], kv[i+1])
	}
	return md
}
