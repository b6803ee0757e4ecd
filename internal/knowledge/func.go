package knowledge

import (
	"go/types"
	"slices"
)

// A Func names a function or method by the package that declares it, the
// named type of its receiver and its name.
type Func struct {
	Pkg  string // path of the declaring package
	Type string // receiver's named type, through a pointer; "" for a package function; Any for any
	Name string // the function's name; Any for any
}

// Any, as a Func's Type, matches a package function and a method of any
// receiver; as its Name, every name. A table whose facts hold for all the
// functions of a package of a name, or for all of a package, says so with
// it.
const Any = "*"

// FuncOf returns the key of fn: its package's path, the name of its
// receiver's named type through a pointer ("" for a package function or a
// method of an unnamed type, such as an interface literal's), and its
// name. ok is false for nil and for a function of no package (error's
// Error method).
func FuncOf(fn *types.Func) (f Func, ok bool) {
	if fn == nil || fn.Pkg() == nil {
		return Func{}, false
	}
	return Func{fn.Pkg().Path(), RecvName(fn), fn.Name()}, true
}

// RecvName returns the name of fn's receiver's named type (through a
// pointer), "" for a package function or an unnamed receiver. An
// instantiated method has its generic type's name.
func RecvName(fn *types.Func) string {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// Is reports whether fn is the function f names: same package path,
// receiver type name and name, Any matching every receiver or name.
func (f Func) Is(fn *types.Func) bool {
	k, ok := FuncOf(fn)
	if !ok || k.Pkg != f.Pkg {
		return false
	}
	return (f.Name == Any || f.Name == k.Name) && (f.Type == Any || f.Type == k.Type)
}

// A Table finds the entry of a table of functions that names a given
// *types.Func. Build it once, next to its table, with NewTable; it is
// never written afterwards.
type Table[E any] struct {
	m map[Func]*E
}

// NewTable indexes entries by key(entry). Where two entries have the same
// key, the first wins, as a scan in order would find it (TestTables
// checks that no table has two).
func NewTable[E any](entries []E, key func(*E) Func) Table[E] {
	m := make(map[Func]*E, len(entries))
	for i := range entries {
		e := &entries[i]
		if _, dup := m[key(e)]; !dup {
			m[key(e)] = e
		}
	}
	return Table[E]{m}
}

// Lookup returns the entry that names fn (see Func.Is), or nil. No table
// has two entries that name one function (TestTables).
func (t Table[E]) Lookup(fn *types.Func) *E {
	k, ok := FuncOf(fn)
	if !ok || len(t.m) == 0 {
		return nil
	}
	for _, key := range [...]Func{k, {k.Pkg, Any, k.Name}, {k.Pkg, k.Type, Any}, {k.Pkg, Any, Any}} {
		if e := t.m[key]; e != nil {
			return e
		}
	}
	return nil
}

// Has reports whether some entry names fn.
func (t Table[E]) Has(fn *types.Func) bool { return t.Lookup(fn) != nil }

// A Set is a table of functions whose entries say no more than which
// functions they are. Build it once, with NewSet, as the table's own
// variable; it is never written afterwards.
type Set struct {
	funcs []Func
	t     Table[Func]
}

// NewSet makes the Set of fs.
func NewSet(fs []Func) Set {
	return Set{fs, NewTable(fs, func(f *Func) Func { return *f })}
}

// Has reports whether some entry of s names fn (see Func.Is).
func (s Set) Has(fn *types.Func) bool { return s.t.Has(fn) }

// Funcs returns the entries of s, in the order of the table.
func (s Set) Funcs() []Func { return slices.Clone(s.funcs) }
