package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// sameJSONCmd compares the -json outputs of two runs, A and B, file by
// file: the same package IDs, analyzers, errors and findings, fixes
// included. Findings are compared as a set per package and analyzer (their
// order within it is the order in which the analyzer reported them, which
// a driver may not keep). It prints the differences and exits 1 if there
// is any.
//
//	tvreport samejson A.json B.json [A2.json B2.json ...]
func sameJSONCmd(args []string) {
	if len(args) == 0 || len(args)%2 != 0 {
		usage()
	}
	differ := false
	var pkgs, findings int
	for i := 0; i < len(args); i += 2 {
		a, na, err := normalizedJSON(args[i])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		b, _, err := normalizedJSON(args[i+1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		pkgs += len(a)
		findings += na
		for _, k := range unionKeys(a, b) {
			if a[k] != b[k] {
				differ = true
				fmt.Printf("%s and %s differ at %s:\n< %s\n> %s\n", args[i], args[i+1], k, a[k], b[k])
			}
		}
	}
	if differ {
		os.Exit(1)
	}
	fmt.Printf("same: %d file pairs, %d package/analyzer entries, %d findings\n", len(args)/2, pkgs, findings)
}

// normalizedJSON reads a -json output and returns, for each "package
// analyzer" key, its findings (sorted) or its error as canonical JSON, and
// the number of findings.
func normalizedJSON(file string) (map[string]string, int, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, 0, err
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, 0, fmt.Errorf("%s: %v", file, err)
	}
	out := make(map[string]string)
	n := 0
	for pkg, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var list []any
			if err := json.Unmarshal(raw, &list); err != nil {
				var v any
				if err := json.Unmarshal(raw, &v); err != nil {
					return nil, 0, err
				}
				b, _ := json.Marshal(v) // maps marshal with sorted keys
				out[pkg+" "+name] = string(b)
				continue
			}
			var items []string
			for _, d := range list {
				b, _ := json.Marshal(d)
				items = append(items, string(b))
			}
			slices.Sort(items)
			n += len(items)
			out[pkg+" "+name] = "[" + strings.Join(items, ",") + "]"
		}
	}
	return out, n, nil
}

func unionKeys(a, b map[string]string) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
