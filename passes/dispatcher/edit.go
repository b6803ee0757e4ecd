package dispatcher

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/transportvet/transportvet/internal/fixtext"
)

type tokenPos = token.Pos

// src returns the source text of n.
func (c *checker) src(n ast.Node) string {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return ""
	}
	content, ok := fixtext.Source(c.pass, tf)
	if !ok {
		return ""
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if start < 0 || end > len(content) || start > end {
		return ""
	}
	return string(content[start:end])
}

// indentAt returns the leading white space of the line holding pos.
func (c *checker) indentAt(file *ast.File, pos token.Pos) string {
	tf := c.pass.Fset.File(pos)
	if tf == nil {
		return ""
	}
	content, ok := fixtext.Source(c.pass, tf)
	if !ok {
		return ""
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := start
	for end < len(content) && (content[end] == '\t' || content[end] == ' ') {
		end++
	}
	return string(content[start:end])
}

func enclosingFile(cur inspector.Cursor) *ast.File {
	for f := range cur.Enclosing((*ast.File)(nil)) {
		return f.Node().(*ast.File)
	}
	return nil
}

// An importer finds or adds the imports a fix needs in one file, choosing
// names that clash with nothing.
type importer struct {
	c     *checker
	file  *ast.File
	pos   token.Pos
	edits []analysis.TextEdit
	taken map[string]bool // names declared or used anywhere in the file or package
}

func (c *checker) newImporter(file *ast.File, pos token.Pos) *importer {
	taken := make(map[string]bool)
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			taken[id.Name] = true
		}
		return true
	})
	for _, name := range c.pass.Pkg.Scope().Names() {
		taken[name] = true
	}
	return &importer{c: c, file: file, pos: pos, taken: taken}
}

// name returns the qualifier ("x." or "" for a dot import) under which path
// is usable at the importer's position, adding an import of path named
// after want (or a variant) if the file has none. It returns false if the
// file imports path in a way it cannot use (a blank import, or a name
// shadowed at the position).
func (im *importer) name(path, want string) (string, bool) {
	info := im.c.pass.TypesInfo
	for _, spec := range im.file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p != path {
			continue
		}
		var pn *types.PkgName
		if spec.Name != nil {
			pn, _ = info.Defs[spec.Name].(*types.PkgName)
		} else {
			pn, _ = info.Implicits[spec].(*types.PkgName)
		}
		if pn == nil || pn.Name() == "_" {
			continue
		}
		if pn.Name() == "." {
			return "", true // names from it resolve unqualified; callers check shadowing
		}
		scope := im.c.pass.Pkg.Scope().Innermost(im.pos)
		if scope == nil {
			return "", false
		}
		if _, obj := scope.LookupParent(pn.Name(), im.pos); obj != pn {
			return "", false // shadowed here
		}
		return pn.Name() + ".", true
	}
	name := want
	for i := 2; im.taken[name] || types.Universe.Lookup(name) != nil; i++ {
		name = want + strconv.Itoa(i)
		if i == 2 && strings.HasPrefix(path, grpcPath+"/") {
			name = "grpc" + want
			if !im.taken[name] {
				break
			}
		}
	}
	im.taken[name] = true
	spec := strconv.Quote(path)
	if name != want || want != path[strings.LastIndex(path, "/")+1:] {
		spec = name + " " + spec
	}
	edit, ok := im.insert(path, spec)
	if !ok {
		return "", false
	}
	im.edits = append(im.edits, edit)
	return name + ".", true
}

// insert returns the edit adding the import spec (of path) to the file: into
// the group of import lines whose paths share the longest prefix with path,
// at its sorted place, so that gofmt leaves it as it is.
func (im *importer) insert(path, spec string) (analysis.TextEdit, bool) {
	fset := im.c.pass.Fset
	tf := fset.File(im.file.Pos())
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
	for _, d := range im.file.Decls {
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
		return analysis.TextEdit{Pos: im.file.Name.End(), End: im.file.Name.End(), NewText: []byte("\n\nimport " + spec)}, true
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
