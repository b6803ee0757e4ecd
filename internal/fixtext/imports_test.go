package fixtext

import (
	"go/ast"
	"go/format"
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/transportvet/transportvet/internal/tvtest"
)

// load type-checks src as package p and returns a pass over it, its file,
// and the position of the first occurrence of mark in src.
func load(t *testing.T, src, mark string) (*analysis.Pass, *ast.File, token.Pos) {
	t.Helper()
	fset, file, pkg, info := tvtest.Check(t, src)
	off := strings.Index(src, mark)
	if off < 0 {
		t.Fatalf("no %q in the source", mark)
	}
	pos := fset.File(file.Pos()).Pos(off)
	return &analysis.Pass{Fset: fset, Pkg: pkg, TypesInfo: info}, file, pos
}

// apply returns src with the edits, sorted by position, applied.
func apply(t *testing.T, pass *analysis.Pass, src string, edits []analysis.TextEdit) string {
	t.Helper()
	out := src
	for i := len(edits) - 1; i >= 0; i-- { // from the end, so that offsets hold
		e := edits[i]
		tf := pass.Fset.File(e.Pos)
		start, end := tf.Offset(e.Pos), tf.Offset(e.End)
		out = out[:start] + string(e.NewText) + out[end:]
	}
	return out
}

const importSrc = `package p

import (
	"fmt"
	_ "os"
	. "strings"
	t "time"

	"go/ast"
)

var rand = 1

func f(x ast.Node) {
	fmt.Println(t.Now(), ToUpper(""), rand, x)
}

func g() {
	if true {
		t, u := 2, 3
		_, _ = t, u
	}
}
`

func TestImporterReuse(t *testing.T) {
	src := importSrc
	pass, file, use := load(t, src, "fmt.Println")
	_, _, shadowed := load(t, src, "_, _ = t")
	for _, c := range []struct {
		path  string
		pos   token.Pos
		want  string
		ok    bool
		edits int
	}{
		{"fmt", use, "fmt.", true, 0},
		{"time", use, "t.", true, 0},      // renamed
		{"strings", use, "", true, 0},     // a dot import
		{"time", shadowed, "", false, 0},  // t is a variable there
		{"os", use, "os.", true, 1},       // only a blank import: add one
		{"crypto/rand", use, "", true, 1}, // rand is taken: see below
	} {
		im := NewImporter(pass, file, c.pos)
		names := []string{c.path[strings.LastIndex(c.path, "/")+1:]}
		q, ok := im.Qualifier(c.path, names...)
		if c.path == "crypto/rand" {
			continue // TestImporterAdd
		}
		if q != c.want || ok != c.ok || len(im.Edits) != c.edits {
			t.Errorf("Qualifier(%s) = %q, %v, %d edits; want %q, %v, %d", c.path, q, ok, len(im.Edits), c.want, c.ok, c.edits)
		}
	}
}

func TestImporterAdd(t *testing.T) {
	src := importSrc
	pass, file, use := load(t, src, "fmt.Println")
	im := NewImporter(pass, file, use)
	// rand is a package variable: the second name is taken.
	q1, ok1 := im.Qualifier("crypto/rand", "rand", "crand")
	q2, ok2 := im.Qualifier("crypto/tls", "ctx")
	q3, ok3 := im.Qualifier("io", "ast")         // ast is taken: ast2
	q4, ok4 := im.Qualifier("go/token", "token") // nearest group: go/ast's
	if q1 != "crand." || q2 != "ctx." || q3 != "ast2." || q4 != "token." || !ok1 || !ok2 || !ok3 || !ok4 {
		t.Fatalf("Qualifier = %q %v, %q %v, %q %v, %q %v; want crand., ctx., ast2., token.", q1, ok1, q2, ok2, q3, ok3, q4, ok4)
	}
	got := apply(t, pass, src, sortEdits(im.Edits))
	formatted, err := format.Source([]byte(got))
	if err != nil {
		t.Fatalf("the edited file does not parse: %v\n%s", err, got)
	}
	if string(formatted) != got {
		t.Errorf("gofmt moves the added imports:\n%s", got)
	}
	for _, spec := range []string{"\tctx \"crypto/tls\"\n", "\tcrand \"crypto/rand\"\n", "\tast2 \"io\"\n", "\t\"go/ast\"\n\t\"go/token\"\n"} {
		if !strings.Contains(got, spec) {
			t.Errorf("no %q in\n%s", spec, got)
		}
	}
	// Two imports in one fix get distinct names: ctx was taken above.
	// (Two specs added at one place keep the order of the calls, which
	// gofmt may change: the caller adds them in sorted order.)
	if q, ok := im.Qualifier("context", "ctx"); q != "ctx2." || !ok {
		t.Errorf("Qualifier(context, ctx) after ctx = %q, %v, want ctx2.", q, ok)
	}
	// The numbered variants start after the names given.
	im = NewImporter(pass, file, use)
	if q, _ := im.Qualifier("crypto/rand", "rand", "fmt"); q != "rand3." {
		t.Errorf("Qualifier(crypto/rand, rand, fmt) = %q, want rand3.", q)
	}
	if _, ok := im.Qualifier("context"); ok {
		t.Errorf("Qualifier without a name: ok")
	}
}

func TestImporterNoImports(t *testing.T) {
	src := "package p\n\nfunc f() {\n}\n"
	pass, file, pos := load(t, src, "}")
	im := NewImporter(pass, file, pos)
	if q, ok := im.Qualifier("time", "time"); q != "time." || !ok {
		t.Fatalf("Qualifier(time) = %q, %v", q, ok)
	}
	if got, want := apply(t, pass, src, im.Edits), "package p\n\nimport \"time\"\n\nfunc f() {\n}\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFree(t *testing.T) {
	src := importSrc
	pass, _, use := load(t, src, "fmt.Println")
	_, _, inG := load(t, src, "_, _ = t")
	for _, c := range []struct {
		name string
		pos  token.Pos
		want bool
	}{
		{"key", use, true},
		{"rand", use, false},     // a package variable
		{"len", use, false},      // predeclared
		{"x", use, false},        // a parameter of f
		{"t", use, false},        // the import's name, in the file scope
		{"t", token.NoPos, true}, // no position: only the universe counts
		{"x", inG, true},         // not in g's scopes
	} {
		if got := Free(pass.Pkg, c.name, c.pos); got != c.want {
			t.Errorf("Free(%s at %v) = %v, want %v", c.name, c.pos, got, c.want)
		}
	}
	// Declared in a block nested in g's scope: a name added at the start
	// of g would be shadowed there.
	_, _, gPos := load(t, src, "if true")
	if Free(pass.Pkg, "u", gPos) {
		t.Errorf("Free(u at the start of g) = true, want false: a block of g declares u")
	}
}

// sortEdits returns edits in order of position.
func sortEdits(edits []analysis.TextEdit) []analysis.TextEdit {
	out := append([]analysis.TextEdit(nil), edits...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Pos < out[i].Pos {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
