package retryidempotency

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/transportvet/transportvet/internal/code"
	"github.com/transportvet/transportvet/internal/fixtext"
	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/passes/retry"
)

// fix returns the suggested fix for risky site s in region reg: set the
// key the function already has (see keyFor), or generate one key with
// crypto/rand.Text before the region, on the request before each send. It
// is offered only when the request is a variable built in this function,
// the region starts in this function, the file may use Go 1.24
// (crypto/rand.Text), the names it needs are free, and the key to use is
// not in doubt. It is not offered for an azcore request: it has no Header
// field, and which key the Azure service honours (Repeatability-Request-ID
// with Repeatability-First-Sent, or none) is its API's business.
func (c *checker) fix(fi *funcInfo, s *site, reg *retry.Region) *analysis.SuggestedFix {
	if s.req == nil || !s.built || s.resty || s.via != nil || httpreq.IsAzcoreRequest(s.req.Type()) {
		return nil
	}
	file := c.fileOf(s.call.Pos())
	if file == nil || !c.mayUseRandText(file) {
		return nil
	}
	inDecl := func(n ast.Node) bool { return n != nil && n.Pos() >= fi.decl.Pos() && n.End() <= fi.decl.End() }
	sendStmt := stmtOf(file, s.call)
	if sendStmt == nil {
		return nil
	}
	var anchor ast.Stmt
	switch reg.Kind {
	case retry.Loop:
		if _, isLoop := reg.Node.(ast.Stmt); !isLoop {
			return nil // a recursion: the key would have to be passed in
		}
		if _, isGoto := reg.Node.(*ast.LabeledStmt); isGoto {
			return nil // a key declared before the label could be jumped over
		}
		anchor = stmtOf(file, reg.Node)
	case retry.Callback:
		if _, ok := reg.Node.(*ast.FuncLit); !ok {
			return nil // a named function: the key would have to be passed in
		}
		anchor = stmtOf(file, reg.Call)
	case retry.Client:
		// The client reuses the request for every attempt: one key set
		// before the send is enough.
	default:
		return nil
	}
	if reg.Kind != retry.Client && (anchor == nil || !inDecl(anchor) || anchor == sendStmt) {
		return nil
	}
	// The request variable must be the one in scope at the send.
	if c.lookup(sendStmt.Pos(), s.req.Name()) != s.req {
		return nil
	}
	key := c.keyFor(fi, s, reg, anchor, sendStmt)
	if !key.ok {
		return nil
	}
	var randName string
	var importEdit *analysis.TextEdit
	if key.existing == nil {
		var ok bool
		randName, importEdit, ok = c.randImport(file, sendStmt.Pos(), anchorPos(anchor))
		if !ok {
			return nil
		}
	}
	sendIndent, ok := c.indent(sendStmt.Pos())
	if !ok {
		return nil
	}
	var edits []analysis.TextEdit
	switch {
	case key.existing != nil:
		// The function has the key: set it, and make none.
		edits = append(edits, analysis.TextEdit{
			Pos:     sendStmt.Pos(),
			End:     sendStmt.Pos(),
			NewText: fmt.Appendf(nil, "%s.Header.Set(\"Idempotency-Key\", %s)\n%s", s.req.Name(), key.existing.Name(), sendIndent),
		})
	case reg.Kind == retry.Client:
		edits = append(edits, analysis.TextEdit{
			Pos:     sendStmt.Pos(),
			End:     sendStmt.Pos(),
			NewText: fmt.Appendf(nil, "%s.Header.Set(\"Idempotency-Key\", %s.Text())\n%s", s.req.Name(), randName, sendIndent),
		})
	default:
		anchorIndent, ok := c.indent(anchor.Pos())
		if !ok {
			return nil
		}
		edits = append(edits,
			analysis.TextEdit{
				Pos:     anchor.Pos(),
				End:     anchor.Pos(),
				NewText: fmt.Appendf(nil, "%s := %s.Text()\n%s", key.name, randName, anchorIndent),
			},
			analysis.TextEdit{
				Pos:     sendStmt.Pos(),
				End:     sendStmt.Pos(),
				NewText: fmt.Appendf(nil, "%s.Header.Set(\"Idempotency-Key\", %s)\n%s", s.req.Name(), key.name, sendIndent),
			})
	}
	if importEdit != nil {
		edits = append(edits, *importEdit)
	}
	return &analysis.SuggestedFix{
		Message:   "Set an Idempotency-Key header generated once before the retries",
		TextEdits: edits,
	}
}

// An operation is what one key is for: a request sent in a retry region
// (the same request sent on two paths of one loop is one operation).
type operation struct {
	region ast.Node
	req    *types.Var
}

// A keyChoice is the key the fix sets for an operation: a variable of the
// function (existing), or a new one declared before the region under name
// (for a retrying client, which sends one request, none: the key is made
// where it is set). ok is false when the fix is not offered.
type keyChoice struct {
	existing *types.Var
	name     string
	ok       bool
}

// keyFor returns the key the fix sets for site s, sent in region reg.
//
// The key the function already has comes first: a variable in scope at
// the send, declared before the region (a parameter, a local), whose name
// says it is an idempotency key (httpreq.IsKeyName). It is used when it is
// the only one, a string, not assigned or addressed in the region (a key
// made per attempt is no key), not already set as the key of a request of
// the function, and visible at the send of no other operation of the
// function (two operations with one key would make the second a replay of
// the first). Otherwise, with such a variable, no fix.
//
// Without one, the fix makes a key, under a name free at the anchor and the
// send and given to no other operation of the function: each operation its
// own key, and two keys never declared under one name in one scope.
func (c *checker) keyFor(fi *funcInfo, s *site, reg *retry.Region, anchor, sendStmt ast.Stmt) keyChoice {
	op := operation{region: reg.Node, req: s.req}
	if k, ok := fi.keys[op]; ok {
		return k
	}
	k := c.chooseKey(fi, op, reg, anchor, sendStmt)
	if fi.keys == nil {
		fi.keys = make(map[operation]keyChoice)
	}
	fi.keys[op] = k
	return k
}

func (c *checker) chooseKey(fi *funcInfo, op operation, reg *retry.Region, anchor, sendStmt ast.Stmt) keyChoice {
	start := sendStmt.Pos()
	if anchor != nil {
		start = anchor.Pos()
	}
	vars := c.keyVars(sendStmt.Pos(), start)
	switch {
	case len(vars) > 1:
		return keyChoice{}
	case len(vars) == 1:
		v := vars[0]
		if !types.Identical(v.Type(), types.Typ[types.String]) ||
			c.changedIn(v, reg, fi.decl) || c.setAsKey(fi, v) || c.sharedKey(fi, op, v) {
			return keyChoice{}
		}
		return keyChoice{existing: v, ok: true}
	}
	if reg.Kind == retry.Client {
		return keyChoice{ok: true}
	}
	taken := make(map[string]bool)
	for _, k := range fi.keys {
		taken[k.name] = true
	}
	for i := 1; i < 10; i++ {
		name := "idempotencyKey"
		if i > 1 {
			name += strconv.Itoa(i)
		}
		if !taken[name] && fixtext.Free(c.pass.Pkg, name, anchor.Pos(), sendStmt.Pos()) {
			return keyChoice{name: name, ok: true}
		}
	}
	return keyChoice{}
}

// keyVars returns the variables named as idempotency keys
// (httpreq.IsKeyName) that are in scope at pos, declared in a function
// (not at package level) before start.
func (c *checker) keyVars(pos, start token.Pos) []*types.Var {
	inner := c.pass.Pkg.Scope().Innermost(pos)
	var vars []*types.Var
	for s := inner; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || !httpreq.IsKeyName(name) || v.Pos() >= start {
				continue
			}
			if _, obj := inner.LookupParent(name, pos); obj == v {
				vars = append(vars, v)
			}
		}
	}
	return vars
}

// changedIn reports whether v is assigned in the span of region reg, or
// its address is taken anywhere in decl.
func (c *checker) changedIn(v *types.Var, reg *retry.Region, decl *ast.FuncDecl) bool {
	info := c.pass.TypesInfo
	var span ast.Node = reg.Body
	if reg.Kind == retry.Client || span == nil {
		span = reg.Call
	}
	changed := false
	ast.Inspect(decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if span == nil || n.Pos() < span.Pos() || n.End() > span.End() {
				return true
			}
			for _, lhs := range n.Lhs {
				if code.IdentVar(info, lhs) == v {
					changed = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && code.IdentVar(info, n.X) == v {
				changed = true
			}
		}
		return !changed
	})
	return changed
}

// setAsKey reports whether v is the value of an idempotency key header
// set in the function: the key of another request.
func (c *checker) setAsKey(fi *funcInfo, v *types.Var) bool {
	for _, set := range fi.keySets {
		found := false
		ast.Inspect(set.Args[1], func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// sharedKey reports whether key variable v is in scope at the send of
// another operation of the function, one of its sites that a retry region
// repeats: v could be either's key.
func (c *checker) sharedKey(fi *funcInfo, op operation, v *types.Var) bool {
	for _, s := range fi.sites {
		if !s.risky() {
			continue
		}
		reg := c.regions.Enclosing(s.call.Pos())
		if reg == nil {
			continue
		}
		if other := (operation{region: reg.Node, req: s.req}); other == op {
			continue
		}
		if c.lookup(s.call.Pos(), v.Name()) == v {
			return true
		}
	}
	return false
}

func anchorPos(s ast.Stmt) token.Pos {
	if s == nil {
		return token.NoPos
	}
	return s.Pos()
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// mayUseRandText reports whether file's Go version has crypto/rand.Text
// (Go 1.24).
func (c *checker) mayUseRandText(file *ast.File) bool {
	v := c.pass.TypesInfo.FileVersions[file]
	if v == "" {
		v = c.pass.Pkg.GoVersion()
	}
	return v == "" || version.Compare(v, "go1.24") >= 0
}

// stmtOf returns the statement of a statement list (a block or a case)
// that holds n.
func stmtOf(file *ast.File, n ast.Node) ast.Stmt {
	path, _ := astutil.PathEnclosingInterval(file, n.Pos(), n.End())
	for i := 0; i+1 < len(path); i++ {
		s, ok := path[i].(ast.Stmt)
		if !ok {
			continue
		}
		switch path[i+1].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return s
		}
	}
	return nil
}

// lookup returns the object name denotes at pos.
func (c *checker) lookup(pos token.Pos, name string) types.Object {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return nil
	}
	_, obj := scope.LookupParent(name, pos)
	return obj
}

// randImport returns the name crypto/rand has in file where the fix uses
// it (at positions), and the edit that imports it when it is not imported
// yet, under "rand" or, if that name is taken (math/rand, a variable),
// "crand" or "cryptorand" (fixtext.Importer). A dot import of crypto/rand
// gets no fix: Text would need its own check for shadowing.
func (c *checker) randImport(file *ast.File, positions ...token.Pos) (string, *analysis.TextEdit, bool) {
	im := fixtext.NewImporter(c.pass, file, positions...)
	q, ok := im.Qualifier("crypto/rand", "rand", "crand", "cryptorand")
	if !ok || q == "" {
		return "", nil, false
	}
	var edit *analysis.TextEdit
	if len(im.Edits) > 0 {
		edit = &im.Edits[0]
	}
	return strings.TrimSuffix(q, "."), edit, true
}

// indent returns the white space that starts the line of pos, when only
// white space precedes pos on its line.
func (c *checker) indent(pos token.Pos) (string, bool) {
	prefix, ok := fixtext.LinePrefix(c.pass, pos)
	if !ok || strings.TrimSpace(string(prefix)) != "" {
		return "", false
	}
	return string(prefix), true
}
