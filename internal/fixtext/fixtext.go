// Package fixtext holds what the checks' suggested fixes share to write
// text that fits where it goes: the indentation of the line it joins, the
// scope in which the names it uses resolve, whether a new name is free
// there, and the imports its names need (Importer, in the spirit of
// x/tools' refactor.AddImport: reuse an import, else add one under a name
// that clashes with nothing).
//
// Only text and names belong here: what a fix says and where it goes are
// the pass's to decide.
package fixtext

import (
	"bytes"
	"go/token"
	"go/types"
	"os"

	"golang.org/x/tools/go/analysis"
)

// LinePrefix returns the source text on the line of pos before pos. It
// reports false when pos has no file, the pass cannot read the file, or
// pos lies outside what was read.
func LinePrefix(pass *analysis.Pass, pos token.Pos) ([]byte, bool) {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return nil, false
	}
	src, ok := Source(pass, tf)
	if !ok {
		return nil, false
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := tf.Offset(pos)
	if start > end || end > len(src) {
		return nil, false
	}
	return src[start:end], true
}

// Source returns the content of tf, the file the pass parsed: through
// Pass.ReadFile when the driver provides it (the -diff driver serves fixed
// code from memory through it), else from disk, since Pass.ReadFile is
// optional and some drivers (staticcheck's runner, nogo) leave it nil. It
// reports false when the file cannot be read or its size is not the size
// that was parsed (it changed since), so that no fix is computed from text
// other than the code analyzed.
func Source(pass *analysis.Pass, tf *token.File) ([]byte, bool) {
	var src []byte
	var err error
	if pass.ReadFile != nil {
		src, err = pass.ReadFile(tf.Name())
	} else {
		src, err = os.ReadFile(tf.Name())
	}
	if err != nil || len(src) != tf.Size() {
		return nil, false
	}
	return src, true
}

// Indent returns the spaces and tabs that start the line of pos, or a tab
// when the line cannot be read: the indentation for a statement added
// beside the one at pos.
func Indent(pass *analysis.Pass, pos token.Pos) string {
	line, ok := LinePrefix(pass, pos)
	if !ok {
		return "\t"
	}
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// Scope returns the innermost scope of pkg that contains pos, in which the
// names of text inserted at pos resolve, or nil when pkg has none (a
// package with type errors may lack it).
func Scope(pkg *types.Package, pos token.Pos) *types.Scope {
	if pkg == nil || pkg.Scope() == nil {
		return nil
	}
	return pkg.Scope().Innermost(pos)
}
