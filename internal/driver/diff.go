package driver

import (
	"fmt"
	"strings"
)

// contextLines is the number of unchanged lines shown around each change in
// a unified diff, as diff -u and git diff show.
const contextLines = 3

// maxEditCost bounds the work of lineDiff: beyond this many changed lines
// it gives up on finding the shortest edit script and replaces the whole
// changed middle, which is still a correct diff.
const maxEditCost = 2000

// unified returns the unified diff that turns old into new, with the file
// names oldName and newName in its header, or "" if they are equal. Each
// hunk header gives the start line of the hunk in the old and in the new
// text, as patch and git apply expect.
func unified(oldName, newName, old, new string) string {
	if old == new {
		return ""
	}
	a, b := splitLines(old), splitLines(new)
	ops := lineDiff(a, b)

	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	// Walk the script, cutting it into hunks: runs of changes less than
	// 2*contextLines equal lines apart share a hunk.
	for i := 0; i < len(ops); {
		if ops[i].kind == opEqual {
			i++
			continue
		}
		// ops[i] is the first change of a hunk; find its last.
		first, last := i, i
		for j := i + 1; j < len(ops); j++ {
			if ops[j].kind != opEqual {
				if j-last-1 > 2*contextLines {
					break
				}
				last = j
			}
		}
		start := max(first-contextLines, 0)
		end := min(last+contextLines+1, len(ops))
		// Line numbers (1-based) of the hunk in a and b, and its lengths.
		aStart, bStart := ops[start].a+1, ops[start].b+1
		var aLen, bLen int
		for _, op := range ops[start:end] {
			if op.kind != opInsert {
				aLen++
			}
			if op.kind != opDelete {
				bLen++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
		for _, op := range ops[start:end] {
			var prefix byte
			var text string
			switch op.kind {
			case opEqual:
				prefix, text = ' ', a[op.a]
			case opDelete:
				prefix, text = '-', a[op.a]
			case opInsert:
				prefix, text = '+', b[op.b]
			}
			out.WriteByte(prefix)
			out.WriteString(text)
			if !strings.HasSuffix(text, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return out.String()
}

// hunkRange formats one side of a hunk header as diff -u does: a range of
// one line is its number alone, and an empty range names the line before it.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// splitLines splits s into lines, each with its newline but perhaps the last.
func splitLines(s string) []string {
	var lines []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

type opKind int

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

// An op is one step of an edit script: line a of the old text kept or
// deleted, or line b of the new text inserted. a and b are also the
// positions in each text where the step happens.
type op struct {
	kind opKind
	a, b int
}

// lineDiff returns an edit script that turns lines a into lines b: the
// shortest one (Myers' O(ND) algorithm) unless more than maxEditCost lines
// differ.
func lineDiff(a, b []string) []op {
	// Common prefix and suffix are kept as they are.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for i := range pre {
		ops = append(ops, op{opEqual, i, i})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for i := range suf {
		ops = append(ops, op{opEqual, len(a) - suf + i, len(b) - suf + i})
	}
	return ops
}

// myers returns the shortest edit script from a to b, whose first lines are
// lines a0 and b0 of the whole texts.
func myers(a, b []string, a0, b0 int) []op {
	n, m := len(a), len(b)
	if n+m > maxEditCost {
		return replaceAll(n, m, a0, b0)
	}
	// v[k+off] is the furthest x reached on diagonal k = x-y; trace[d]
	// keeps v[-d..d] after step d, to walk the path back.
	off := n + m + 1
	v := make([]int, 2*off+1)
	var trace [][]int
	found := false
	for d := 0; d <= n+m && !found; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[k-1+off] < v[k+1+off] {
				x = v[k+1+off] // down: an insertion
			} else {
				x = v[k-1+off] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[k+off] = x
			if x >= n && y >= m {
				found = true
				break
			}
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
	}

	// Walk back from (n, m) to (0, 0), collecting the steps in reverse.
	var rev []op
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		prev := func(k int) int { return trace[d-1][k+d-1] }
		k := x - y
		var pk int
		if k == -d || k != d && prev(k-1) < prev(k+1) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := prev(pk)
		py := px - pk
		for x > px && y > py {
			x, y = x-1, y-1
			rev = append(rev, op{opEqual, a0 + x, b0 + y})
		}
		if x == px {
			y--
			rev = append(rev, op{opInsert, a0 + x, b0 + y})
		} else {
			x--
			rev = append(rev, op{opDelete, a0 + x, b0 + y})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, op{opEqual, a0 + x, b0 + y})
	}
	ops := make([]op, len(rev))
	for i, o := range rev {
		ops[len(rev)-1-i] = o
	}
	return ops
}

// replaceAll is the edit script that deletes all n lines and inserts all m.
func replaceAll(n, m, a0, b0 int) []op {
	var ops []op
	for i := range n {
		ops = append(ops, op{opDelete, a0 + i, b0})
	}
	for j := range m {
		ops = append(ops, op{opInsert, a0 + n, b0 + j})
	}
	return ops
}
