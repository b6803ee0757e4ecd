package driver

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestUnifiedHunkHeaders checks the case that x/tools' diff (v0.52.0) gets
// wrong: a hunk holding two changes, then another hunk, whose new start
// line it computed without the lines between the two changes.
func TestUnifiedHunkHeaders(t *testing.T) {
	old := "a\nb\nc\nD\ne\nf\nD\ng\nh\ni\nj\nk\nl\nm\nn\no\nD\np\n"
	new := strings.ReplaceAll(old, "D\n", "X\nY\n")
	got := unified("a/f", "b/f", old, new)
	want := `--- a/f
+++ b/f
@@ -1,10 +1,12 @@
 a
 b
 c
-D
+X
+Y
 e
 f
-D
+X
+Y
 g
 h
 i
@@ -14,5 +16,6 @@
 m
 n
 o
-D
+X
+Y
 p
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestUnifiedEdges checks insertions and deletions at the ends, files
// without a final newline, and equal texts.
func TestUnifiedEdges(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"a\n", "a\n", ""},
		{"", "a\n", "@@ -0,0 +1 @@\n+a\n"},
		{"a\n", "", "@@ -1 +0,0 @@\n-a\n"},
		{"a\nb\n", "x\na\nb\n", "@@ -1,2 +1,3 @@\n+x\n a\n b\n"},
		{"a\nb", "a\nb\n", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
	} {
		got := strings.TrimPrefix(unified("a/f", "b/f", tc.old, tc.new), "--- a/f\n+++ b/f\n")
		if got != tc.want {
			t.Errorf("unified(%q, %q) =\n%s\nwant\n%s", tc.old, tc.new, got, tc.want)
		}
	}
}

// TestUnifiedApplies checks, on random texts and changes, that each hunk
// header gives the lines where the hunk is in the old and in the new text,
// and that applying the diff to the old text gives the new one.
func TestUnifiedApplies(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		var a []string
		for range rng.IntN(60) {
			a = append(a, strconv.Itoa(rng.IntN(8))+"\n")
		}
		b := append([]string(nil), a...)
		for range rng.IntN(6) {
			at := rng.IntN(len(b) + 1)
			del := min(rng.IntN(3), len(b)-at)
			var ins []string
			for range rng.IntN(3) {
				ins = append(ins, "new"+strconv.Itoa(rng.IntN(4))+"\n")
			}
			b = append(b[:at], append(ins, b[at+del:]...)...)
		}
		old, new := strings.Join(a, ""), strings.Join(b, "")
		d := unified("a/f", "b/f", old, new)
		got, err := applyUnified(old, new, d)
		if err != nil {
			t.Fatalf("case %d: %v\nold:\n%s\nnew:\n%s\ndiff:\n%s", i, err, old, new, d)
		}
		if got != new {
			t.Fatalf("case %d: the diff gives\n%s\nwant\n%s\ndiff:\n%s", i, got, new, d)
		}
	}
}

// applyUnified applies diff d to old, checking that each hunk's lines are
// where its header says, in old and in new.
func applyUnified(old, new, d string) (string, error) {
	if d == "" {
		return old, nil
	}
	a, b := splitLines(old), splitLines(new)
	lines := strings.SplitAfter(d, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return "", fmt.Errorf("no header")
	}
	var out []string
	next := 0 // the next line of a to copy
	for i := 2; i < len(lines) && lines[i] != ""; {
		var as, al, bs, bl int
		if _, err := fmt.Sscanf(expandRanges(lines[i]), "@@ -%d,%d +%d,%d @@\n", &as, &al, &bs, &bl); err != nil {
			return "", fmt.Errorf("bad hunk header %q: %v", lines[i], err)
		}
		i++
		// An empty range names the line before it.
		if al > 0 {
			as--
		}
		if bl > 0 {
			bs--
		}
		out = append(out, a[next:as]...)
		ai, bi := as, bs
		for ; i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@"); i++ {
			line := lines[i]
			text := line[1:]
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], `\ No newline`) {
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			switch line[0] {
			case ' ', '-':
				if ai >= len(a) || a[ai] != text {
					return "", fmt.Errorf("old line %d is not %q", ai+1, text)
				}
				ai++
			}
			switch line[0] {
			case ' ', '+':
				if bi >= len(b) || b[bi] != text {
					return "", fmt.Errorf("new line %d is not %q", bi+1, text)
				}
				bi++
				out = append(out, text)
			}
		}
		if ai-as != al || bi-bs != bl {
			return "", fmt.Errorf("hunk %q has %d old and %d new lines", fmt.Sprint(as, al, bs, bl), ai-as, bi-bs)
		}
		next = ai
	}
	return strings.Join(append(out, a[next:]...), ""), nil
}

// expandRanges writes the ",1" that a hunk header leaves out.
func expandRanges(header string) string {
	fields := strings.Fields(header)
	for i, f := range fields[1:3] {
		if !strings.Contains(f, ",") {
			fields[i+1] = f + ",1"
		}
	}
	return strings.Join(fields, " ") + "\n"
}
