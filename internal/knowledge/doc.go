// Package knowledge holds what transportvet knows about the libraries it
// checks, as tables: which calls send an HTTP request or build one, which
// retry libraries retry what and how they wait, which transport types hold
// connections until closed, which APIs are deprecated and what replaces
// them. It is modelled on staticcheck's knowledge package
// (honnef.co/go/tools/knowledge): data here, logic in the passes.
//
// What belongs here: a table, its entry type, and the lookup that finds
// the entry of a *types.Func or a named object; each entry, or the comment
// above its group, names its source (the doc comment, the file of the
// module at its version, the release notes). What does not: predicates
// over syntax or types (internal/code, internal/httpreq), control-flow
// questions (internal/flow), and the rules that read the tables (the
// passes).
//
// A function or method is named by one key, Func: the path of the package
// that declares it, its receiver's named type and its name. Every table of
// functions uses it: a Set when its entries say only which functions they
// are (Dials.Has(fn)), a Table with a lookup when they say more
// (SendOf(fn)). Both find a *types.Func by that key, never by the text of
// the call.
//
// The tables are package-level variables that nothing writes after
// initialization.
package knowledge
