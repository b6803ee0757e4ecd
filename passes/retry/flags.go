package retry

import (
	"fmt"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/transportvet/transportvet/internal/httpreq"
	"github.com/transportvet/transportvet/internal/knowledge"
)

// config is the Analyzer's configuration, bound to its own FlagSet.
type config struct {
	funcs   funcList
	explain bool
}

// funcList is the value of the -funcs flag: extra retry APIs.
type funcList struct {
	specs []funcSpec
}

// A funcSpec is one -funcs entry: the qualified name of a function
// ("pkg/path.Func") or method ("pkg/path.Type.Method") and the index of its
// retried function argument. keys are the functions name may denote: a
// package path may hold dots after its last slash (gopkg.in/yaml.v3), so
// "a/b.T.M" is the method T.M of package a/b or the function M of package
// a/b.T.
type funcSpec struct {
	name string
	keys []knowledge.Func
	arg  int
}

// is reports whether s names fn.
func (s funcSpec) is(fn *types.Func) bool {
	k, ok := knowledge.FuncOf(fn)
	return ok && slices.Contains(s.keys, k)
}

func (l *funcList) String() string {
	if l == nil {
		return ""
	}
	var parts []string
	for _, s := range l.specs {
		parts = append(parts, fmt.Sprintf("%s:%d", s.name, s.arg))
	}
	return strings.Join(parts, ",")
}

// Set adds the comma-separated entries of v. The flag may be repeated.
func (l *funcList) Set(v string) error {
	var specs []funcSpec
	for _, item := range strings.Split(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		s, err := parseFuncSpec(item)
		if err != nil {
			return err
		}
		specs = append(specs, s)
	}
	l.specs = append(l.specs, specs...)
	return nil
}

func parseFuncSpec(item string) (funcSpec, error) {
	colon := strings.LastIndex(item, ":")
	if colon < 0 {
		return funcSpec{}, fmt.Errorf("retry API %q: want pkg/path.Func:index or pkg/path.Type.Method:index", item)
	}
	name, idx := item[:colon], item[colon+1:]
	n, err := strconv.Atoi(idx)
	if err != nil || n < 0 {
		return funcSpec{}, fmt.Errorf("retry API %q: index %q is not a non-negative integer", item, idx)
	}
	last := name[strings.LastIndex(name, "/")+1:]
	dot := strings.Index(last, ".")
	if dot <= 0 || dot == len(last)-1 || strings.ContainsAny(name, " \t") || strings.HasSuffix(name, ".") {
		return funcSpec{}, fmt.Errorf("retry API %q: want pkg/path.Func:index or pkg/path.Type.Method:index", item)
	}
	s := funcSpec{name: name, arg: n}
	rest, fn := name[:strings.LastIndex(name, ".")], name[strings.LastIndex(name, ".")+1:]
	s.keys = append(s.keys, knowledge.Func{Pkg: rest, Name: fn})
	if dot := strings.LastIndex(rest, "."); dot > strings.LastIndex(rest, "/") {
		s.keys = append(s.keys, knowledge.Func{Pkg: rest[:dot], Type: rest[dot+1:], Name: fn})
	}
	return s, nil
}

// qualifiedName returns "pkg/path.Func" or "pkg/path.Type.Method" for fn.
func qualifiedName(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	if typ := httpreq.RecvName(fn); typ != "" {
		return fn.Pkg().Path() + "." + typ + "." + fn.Name()
	}
	return fn.Pkg().Path() + "." + fn.Name()
}
