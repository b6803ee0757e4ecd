package runner

// transportvet: this file replaces loader.Load of honnef.co/go/tools/go/loader
// (v0.8.2), which the runner called for every package it analyzes: that
// Load decoded the export data of each of the package's imports anew, into
// a FileSet and a map of packages of its own, so that a package imported by
// N others (runtime, reflect, net/http, fmt, ...) was decoded N times. On
// the 149-package sample of #17 that was a quarter of the CPU of a cold
// run (gcimporter and the garbage it makes), the largest part of report
// mode's extra cost against the one-process driver, which type-checks each
// package once and shares the result.
//
// Here the packages decoded from export data are kept in a universe shared
// by every package of the run, as go/packages does when it loads
// dependencies from export data: each is decoded once, after its own
// dependencies, so that decoding it finds every object of theirs in place
// and creates packages and objects of its own only. A package analyzed
// from source is type-checked against the packages of the universe, in the
// universe's FileSet, and its files are removed from the FileSet once the
// runner is done with it. A package decoded is kept until no package left
// to analyze imports it, directly or not (universe.plan): dropping it
// earlier would decode it again, as a second package of the same path,
// which the types of the packages decoded before it do not know.

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"math/bits"
	"os"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/config"
	"honnef.co/go/tools/go/loader"
)

// A universe holds the packages of one run loaded from export data.
type universe struct {
	fset *token.FileSet

	mu    sync.Mutex // guards the fields below, and decoding into types
	types map[*loader.PackageSpec]*types.Package

	// A package is dropped from types once no package left to analyze
	// imports it, directly or not: index numbers the packages of the
	// run, deps holds for each the set of the packages it imports
	// directly or not, as a bit set by index, and users the number of
	// packages left whose sets hold each.
	index map[*loader.PackageSpec]int
	specs []*loader.PackageSpec
	deps  map[*loader.PackageSpec][]uint64
	users []int
}

// plan prepares the universe for the analysis of the packages of roots
// and their dependencies (see universe.deps).
func (u *universe) plan(roots []*loader.PackageSpec) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.index = make(map[*loader.PackageSpec]int)
	var number func(s *loader.PackageSpec)
	number = func(s *loader.PackageSpec) {
		if _, ok := u.index[s]; ok {
			return
		}
		u.index[s] = len(u.specs)
		u.specs = append(u.specs, s)
		for _, imp := range s.Imports {
			number(imp)
		}
	}
	for _, s := range roots {
		number(s)
	}
	words := (len(u.specs) + 63) / 64
	u.deps = make(map[*loader.PackageSpec][]uint64, len(u.specs))
	var setOf func(s *loader.PackageSpec) []uint64
	setOf = func(s *loader.PackageSpec) []uint64 {
		if set, ok := u.deps[s]; ok {
			return set
		}
		set := make([]uint64, words)
		for _, imp := range s.Imports {
			i := u.index[imp]
			set[i/64] |= 1 << (i % 64)
			for w, bits := range setOf(imp) {
				set[w] |= bits
			}
		}
		u.deps[s] = set
		return set
	}
	u.users = make([]int, len(u.specs))
	for _, s := range u.specs {
		forEach(setOf(s), func(i int) { u.users[i]++ })
	}
}

// release records that the runner is done with the package of spec, and
// drops the packages that no package left to analyze imports.
func (u *universe) release(spec *loader.PackageSpec) {
	u.mu.Lock()
	defer u.mu.Unlock()
	forEach(u.deps[spec], func(i int) {
		if u.users[i]--; u.users[i] == 0 {
			delete(u.types, u.specs[i])
		}
	})
}

// forEach calls f with the number of each bit set in set.
func forEach(set []uint64, f func(int)) {
	for w, b := range set {
		for ; b != 0; b &= b - 1 {
			f(w*64 + bits.TrailingZeros64(b))
		}
	}
}

func newUniverse() *universe {
	return &universe{fset: token.NewFileSet(), types: make(map[*loader.PackageSpec]*types.Package)}
}

// fromExport returns the package of spec, from its export data, decoded
// after its dependencies if it is not in the universe yet. u.mu must be
// held.
func (u *universe) fromExport(spec *loader.PackageSpec) (*types.Package, error) {
	if tp, ok := u.types[spec]; ok {
		return tp, nil
	}
	if spec.PkgPath == "unsafe" {
		return types.Unsafe, nil
	}
	for _, imp := range spec.Imports {
		if _, err := u.fromExport(imp); err != nil {
			return nil, err
		}
	}
	if spec.ExportFile == "" {
		return nil, fmt.Errorf("no export data for %q", spec.ID)
	}
	// gcexportdata.Read wants the packages that the export data may
	// refer to, by path: the dependencies, all decoded already. (A
	// package and its test variant have the same path, but never both
	// among the dependencies of one package.)
	view := make(map[string]*types.Package)
	seen := make(map[*loader.PackageSpec]bool)
	var visit func(s *loader.PackageSpec)
	visit = func(s *loader.PackageSpec) {
		for _, imp := range s.Imports {
			if !seen[imp] {
				seen[imp] = true
				if imp.PkgPath != "unsafe" {
					view[imp.PkgPath] = u.types[imp]
				}
				visit(imp)
			}
		}
	}
	visit(spec)
	f, err := os.Open(spec.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	//lint:ignore SA1019 NewReader does what we need, as in staticcheck's loader.
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, err
	}
	tp, err := gcexportdata.Read(r, u.fset, view, spec.PkgPath)
	if err != nil {
		return nil, err
	}
	u.types[spec] = tp
	return tp, nil
}

// load loads the package described in spec, as loader.Load does: its
// imports from the universe, the package itself from source. As there, an
// error is returned only for a system failure, such as failing to read
// export data; syntax and type errors are in the package's Errors.
func (u *universe) load(spec *loader.PackageSpec, goVersion string) (*loader.Package, error) {
	imports := make(map[string]*types.Package, len(spec.Imports))
	u.mu.Lock()
	for _, imp := range spec.Imports {
		tp, err := u.fromExport(imp)
		if err != nil {
			u.mu.Unlock()
			return nil, err
		}
		imports[imp.PkgPath] = tp
	}
	u.mu.Unlock()
	pkg, err := u.fromSource(spec, imports, goVersion)
	if err == errMaxFileSize {
		u.mu.Lock()
		var tp *types.Package
		tp, err = u.fromExport(spec)
		u.mu.Unlock()
		pkg = &loader.Package{PackageSpec: spec, Types: tp, Fset: u.fset}
	}
	return pkg, err
}

// done removes the files of pkg, loaded from source by load, from the
// universe's FileSet, once nothing needs their positions any longer.
func (u *universe) done(pkg *loader.Package) {
	if pkg == nil {
		return
	}
	for _, f := range pkg.Syntax {
		if f == nil {
			continue
		}
		if tf := u.fset.File(f.FileStart); tf != nil {
			u.fset.RemoveFile(tf)
		}
	}
}

var errMaxFileSize = errors.New("file exceeds max file size")

// fromSource is loadFromSource of staticcheck's loader, with the imports
// from the universe.
func (u *universe) fromSource(spec *loader.PackageSpec, imports map[string]*types.Package, goVersion string) (*loader.Package, error) {
	if len(spec.Errors) > 0 {
		panic("LoadFromSource called on package with errors")
	}

	pkg := &loader.Package{
		PackageSpec: spec,
		Types:       types.NewPackage(spec.PkgPath, spec.Name),
		Syntax:      make([]*ast.File, len(spec.CompiledGoFiles)),
		Fset:        u.fset,
		TypesInfo: &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Scopes:       make(map[ast.Node]*types.Scope),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			Instances:    make(map[*ast.Ident]types.Instance),
			FileVersions: make(map[*ast.File]string),
		},
	}
	for i, file := range spec.CompiledGoFiles {
		f, err := os.Open(file)
		if err != nil {
			u.done(pkg)
			return nil, err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			u.done(pkg)
			return nil, err
		}
		if fi.Size() >= loader.MaxFileSize {
			f.Close()
			u.done(pkg)
			return nil, errMaxFileSize
		}
		af, err := parser.ParseFile(u.fset, file, f, parser.ParseComments|parser.SkipObjectResolution)
		f.Close()
		if err != nil {
			if af != nil {
				if tf := u.fset.File(af.FileStart); tf != nil {
					u.fset.RemoveFile(tf)
				}
			}
			pkg.Errors = append(pkg.Errors, convertError(err)...)
			return pkg, nil
		}
		pkg.Syntax[i] = af
	}
	importer := func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		if path == "C" {
			// go/packages doesn't tell us that cgo preprocessing
			// failed. When we subsequently try to parse the package,
			// we'll encounter the raw C import.
			return nil, errors.New("cgo preprocessing failed")
		}
		ispecpkg := spec.Imports[path]
		if ispecpkg == nil {
			return nil, fmt.Errorf("trying to import %q in the context of %q returned nil PackageSpec", path, spec)
		}
		ipkg := imports[ispecpkg.PkgPath]
		if ipkg == nil {
			return nil, fmt.Errorf("trying to import %q (%q) in the context of %q returned nil PackageSpec", ispecpkg.PkgPath, path, spec)
		}
		return ipkg, nil
	}
	tc := &types.Config{
		Importer: importerFunc(importer),
		Error: func(err error) {
			pkg.Errors = append(pkg.Errors, convertError(err)...)
		},
	}
	if goVersion == "module" || goVersion == "" {
		if spec.Module != nil && spec.Module.GoVersion != "" {
			tc.GoVersion = "go" + spec.Module.GoVersion
		} else {
			tags := build.Default.ReleaseTags
			tc.GoVersion = tags[len(tags)-1]
		}
	} else {
		tc.GoVersion = goVersion
	}
	// Note that the type-checker can return a non-nil error even though the Go
	// compiler has already successfully built this package (which is an
	// invariant of getting to this point), for example because of the Go
	// version passed to the type checker.
	err := types.NewChecker(tc, pkg.Fset, pkg.Types, pkg.TypesInfo).Files(pkg.Syntax)
	return pkg, err
}

// convertError is that of staticcheck's loader.
func convertError(err error) []packages.Error {
	var errs []packages.Error
	// taken from go/packages
	switch err := err.(type) {
	case packages.Error:
		// from driver
		errs = append(errs, err)

	case *os.PathError:
		// from parser
		errs = append(errs, packages.Error{
			Pos:  err.Path + ":1",
			Msg:  err.Err.Error(),
			Kind: packages.ParseError,
		})

	case scanner.ErrorList:
		// from parser
		for _, err := range err {
			errs = append(errs, packages.Error{
				Pos:  err.Pos.String(),
				Msg:  err.Msg,
				Kind: packages.ParseError,
			})
		}

	case types.Error:
		// from type checker
		errs = append(errs, packages.Error{
			Pos:  err.Fset.Position(err.Pos).String(),
			Msg:  err.Msg,
			Kind: packages.TypeError,
		})

	case config.ParseError:
		errs = append(errs, packages.Error{
			Pos:  fmt.Sprintf("%s:%d:%d", err.Filename, err.Position.Line, err.Position.Col),
			Msg:  fmt.Sprintf("%s (last key parsed: %q)", err.Message, err.LastKey),
			Kind: packages.ParseError,
		})
	default:
		errs = append(errs, packages.Error{
			Pos:  "-",
			Msg:  err.Error(),
			Kind: packages.UnknownError,
		})
	}
	return errs
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
