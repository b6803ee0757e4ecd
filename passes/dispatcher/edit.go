package dispatcher

import (
	"go/ast"
	"go/token"

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
