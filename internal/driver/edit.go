package driver

import (
	"cmp"
	"fmt"
	"slices"
)

// An edit replaces the bytes [start, end) of a file with new.
type edit struct {
	start, end int
	new        string
}

// sortEdits orders edits by start, then end, keeping the order of
// insertions at the same point.
func sortEdits(edits []edit) {
	slices.SortStableFunc(edits, func(x, y edit) int {
		if c := cmp.Compare(x.start, y.start); c != 0 {
			return c
		}
		return cmp.Compare(x.end, y.end)
	})
}

// mergeEdits merges two sorted lists of edits to one file, as a three-way
// merge would: identical edits are made once, an edit that covers part of
// another is cut where they meet, and two different replacements of the
// same bytes conflict (ok=false). Different insertions at one point are
// both made, x's first.
//
// Adapted from golang.org/x/tools/internal/diff.Merge (BSD-style license,
// Copyright The Go Authors), which is internal to x/tools.
func mergeEdits(x, y []edit) (merged []edit, ok bool) {
	x, y = slices.Clone(x), slices.Clone(y)
	var xi, yi int
	for xi < len(x) && yi < len(y) {
		px, py := &x[xi], &y[yi]
		switch {
		case *px == *py:
			merged = append(merged, *px)
			xi++
			yi++
		case px.end <= py.start:
			merged = append(merged, *px)
			xi++
		case py.end <= px.start:
			merged = append(merged, *py)
			yi++
		case px.start < py.start:
			merged = append(merged, edit{px.start, py.start, ""})
			px.start = py.start
		case py.start < px.start:
			merged = append(merged, edit{py.start, px.start, ""})
			py.start = px.start
		default:
			return nil, false
		}
	}
	merged = append(merged, x[xi:]...)
	merged = append(merged, y[yi:]...)
	return merged, true
}

// applyEdits returns src with the sorted, non-overlapping edits made.
func applyEdits(src []byte, edits []edit) ([]byte, error) {
	var out []byte
	last := 0
	for _, e := range edits {
		if e.start < last || e.end < e.start || e.end > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) out of order or out of bounds in %d bytes", e.start, e.end, len(src))
		}
		out = append(out, src[last:e.start]...)
		out = append(out, e.new...)
		last = e.end
	}
	return append(out, src[last:]...), nil
}
