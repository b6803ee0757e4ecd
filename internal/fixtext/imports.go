package fixtext

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// An Importer finds or adds the imports that one suggested fix needs in
// one file, in the spirit of x/tools' refactor.AddImport: it reuses an
// import of the package whose name still denotes it where the fix writes,
// and otherwise adds an import spec under a name that clashes with no
// name of the file or the package and that nothing shadows there. Edits
// holds the import edits it made, to append to the fix's own.
type Importer struct {
	pass      *analysis.Pass
	file      *ast.File
	positions []token.Pos
	taken     map[string]bool // names declared or used anywhere in the file or package
	Edits     []analysis.TextEdit
}

// NewImporter returns an Importer for the names a fix writes into file at
// positions (invalid ones are ignored).
func NewImporter(pass *analysis.Pass, file *ast.File, positions ...token.Pos) *Importer {
	taken := make(map[string]bool)
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			taken[id.Name] = true
		}
		return true
	})
	for _, name := range pass.Pkg.Scope().Names() {
		taken[name] = true
	}
	var valid []token.Pos
	for _, pos := range positions {
		if pos.IsValid() {
			valid = append(valid, pos)
		}
	}
	return &Importer{pass: pass, file: file, positions: valid, taken: taken}
}

// Qualifier returns the qualifier ("x.", or "" for a dot import, whose
// names the caller must check are not shadowed) under which the package
// path is usable at the importer's positions. When the file does not
// import path, it adds an import under the first of names that is free
// (see free), else under names[0] followed by a number, from
// len(names)+1 on; the spec is renamed unless that name is names[0] and
// the last element of path. It reports false when names is empty, or when
// the file imports path in a way the fix cannot use: its name is shadowed
// at a position, or the import declarations cannot be edited.
func (im *Importer) Qualifier(path string, names ...string) (string, bool) {
	if len(names) == 0 {
		return "", false
	}
	if pn := ImportedName(im.pass.TypesInfo, im.file, path); pn != nil {
		if pn.Name() == "." {
			return "", true
		}
		for _, pos := range im.positions {
			if !Denotes(im.pass.Pkg, pn, pos) {
				return "", false // shadowed here
			}
		}
		return pn.Name() + ".", true
	}
	want := names[0]
	name := ""
	for _, n := range names {
		if im.free(n) {
			name = n
			break
		}
	}
	for i := len(names) + 1; name == ""; i++ {
		if n := want + strconv.Itoa(i); im.free(n) {
			name = n
		}
	}
	im.taken[name] = true
	spec := strconv.Quote(path)
	if name != want || want != path[strings.LastIndex(path, "/")+1:] {
		spec = name + " " + spec
	}
	edit, ok := importEdit(im.pass.Fset, im.file, path, spec)
	if !ok {
		return "", false
	}
	im.Edits = append(im.Edits, edit)
	return name + ".", true
}

// free reports whether a new import may take name: no identifier of the
// file and no package-level name is name, and it is Free at the
// importer's positions.
func (im *Importer) free(name string) bool {
	return !im.taken[name] && Free(im.pass.Pkg, name, im.positions...)
}

// Free reports whether a fix may declare or import name for use at
// positions of pkg (invalid ones are ignored): it is not predeclared, and
// no scope enclosing a position declares it, at any point in that scope,
// nor a scope nested within, so that the new name neither clashes with
// another nor is shadowed by a later declaration.
func Free(pkg *types.Package, name string, positions ...token.Pos) bool {
	if types.Universe.Lookup(name) != nil {
		return false
	}
	for _, pos := range positions {
		if !pos.IsValid() {
			continue
		}
		scope := Scope(pkg, pos)
		if scope == nil {
			return false
		}
		if _, obj := scope.LookupParent(name, token.NoPos); obj != nil || declaredInside(scope, name) {
			return false
		}
	}
	return true
}

func declaredInside(s *types.Scope, name string) bool {
	for i := 0; i < s.NumChildren(); i++ {
		ch := s.Child(i)
		if ch.Lookup(name) != nil || declaredInside(ch, name) {
			return true
		}
	}
	return false
}

// ImportedName returns the package name that the first import in file of
// the package whose path is path declares (a blank import is skipped; a
// dot import gives the name "."), or nil when file does not import it.
func ImportedName(info *types.Info, file *ast.File, path string) *types.PkgName {
	for _, spec := range file.Imports {
		var pn *types.PkgName
		if spec.Name != nil {
			pn, _ = info.Defs[spec.Name].(*types.PkgName)
		} else {
			pn, _ = info.Implicits[spec].(*types.PkgName)
		}
		if pn == nil || pn.Imported().Path() != path || pn.Name() == "_" {
			continue
		}
		return pn
	}
	return nil
}

// Denotes reports whether the name of pn, written at pos in pkg, denotes
// pn: no declaration between pos and the file's imports shadows it.
func Denotes(pkg *types.Package, pn *types.PkgName, pos token.Pos) bool {
	scope := Scope(pkg, pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(pn.Name(), pos)
	return obj == pn
}

// importEdit returns the edit adding the import spec (of path) to file:
// into the group of import lines whose paths share the longest prefix with
// path, at its sorted place, so that gofmt leaves it as it is.
func importEdit(fset *token.FileSet, file *ast.File, path, spec string) (analysis.TextEdit, bool) {
	tf := fset.File(file.Pos())
	if tf == nil {
		return analysis.TextEdit{}, false
	}
	line := func(p token.Pos) int { return tf.Line(p) }
	type group struct {
		specs  []*ast.ImportSpec
		parens bool
		decl   *ast.GenDecl
	}
	var groups []group
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if !gd.Lparen.IsValid() {
			groups = append(groups, group{specs: []*ast.ImportSpec{gd.Specs[0].(*ast.ImportSpec)}, decl: gd})
			continue
		}
		var cur []*ast.ImportSpec
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			if len(cur) > 0 && line(is.Pos()) > line(cur[len(cur)-1].End())+1 {
				groups = append(groups, group{specs: cur, parens: true, decl: gd})
				cur = nil
			}
			cur = append(cur, is)
		}
		if len(cur) > 0 {
			groups = append(groups, group{specs: cur, parens: true, decl: gd})
		}
	}
	if len(groups) == 0 {
		// No import declaration: add one after the package clause.
		return analysis.TextEdit{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + spec)}, true
	}
	best, bestScore := 0, -1
	for i, g := range groups {
		for _, s := range g.specs {
			p, _ := strconv.Unquote(s.Path.Value)
			if score := sharedPrefix(p, path); score > bestScore {
				best, bestScore = i, score
			}
		}
	}
	g := groups[best]
	if !g.parens {
		end := g.decl.End()
		return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\nimport " + spec)}, true
	}
	for _, s := range g.specs {
		p, _ := strconv.Unquote(s.Path.Value)
		if p > path {
			start := tf.LineStart(line(s.Pos()))
			if s.Doc != nil {
				start = tf.LineStart(line(s.Doc.Pos()))
			}
			return analysis.TextEdit{Pos: start, End: start, NewText: []byte("\t" + spec + "\n")}, true
		}
	}
	last := g.specs[len(g.specs)-1]
	end := last.End()
	if last.Comment != nil {
		end = last.Comment.End()
	}
	return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n\t" + spec)}, true
}

// sharedPrefix scores how close two import paths are: the number of
// leading path elements they share, plus one if both are standard-library
// paths (no dot in the first element).
func sharedPrefix(a, b string) int {
	ae, be := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(ae) && n < len(be) && ae[n] == be[n] {
		n++
	}
	if !strings.Contains(ae[0], ".") && !strings.Contains(be[0], ".") {
		n++
	}
	return n
}
