// Package imports decides whether a package is worth analyzing from what
// it imports.
package imports

import "go/types"

// Any reports whether pkg is, or imports directly or transitively, a
// package whose path is one of paths. Analyzers leave at once when it is
// false.
func Any(pkg *types.Package, paths ...string) bool {
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package) bool
	visit = func(p *types.Package) bool {
		if p == nil || seen[p] {
			return false
		}
		seen[p] = true
		for _, path := range paths {
			if p.Path() == path {
				return true
			}
		}
		for _, imp := range p.Imports() {
			if visit(imp) {
				return true
			}
		}
		return false
	}
	return visit(pkg)
}
