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

// Direct reports whether pkg is the package path or imports it directly: the
// cheap test lostcancel makes before looking for uses of a package's API.
func Direct(pkg *types.Package, path string) bool {
	return Package(pkg, path) != nil || (pkg != nil && pkg.Path() == path)
}

// Package returns the package path that pkg imports directly, or nil.
func Package(pkg *types.Package, path string) *types.Package {
	if pkg == nil {
		return nil
	}
	for _, p := range pkg.Imports() {
		if p.Path() == path {
			return p
		}
	}
	return nil
}

// TypeName returns the type name declared at package level as name in the
// package path that pkg imports directly, or nil.
func TypeName(pkg *types.Package, path, name string) *types.TypeName {
	p := Package(pkg, path)
	if p == nil {
		return nil
	}
	tn, _ := p.Scope().Lookup(name).(*types.TypeName)
	return tn
}
