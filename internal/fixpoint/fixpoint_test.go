package fixpoint

import (
	"slices"
	"testing"
)

func TestRounds(t *testing.T) {
	// Each round moves one step along a chain of 5: the facts settle in
	// 6 rounds (the last one changes nothing).
	n, calls := 0, 0
	step := func() bool {
		calls++
		if n < 5 {
			n++
			return true
		}
		return false
	}
	if !Rounds(0, step) || n != 5 || calls != 6 {
		t.Errorf("Rounds(0) = n %d in %d calls, want 5 in 6, settled", n, calls)
	}
	n, calls = 0, 0
	if Rounds(3, step) || n != 3 || calls != 3 {
		t.Errorf("Rounds(3) = n %d in %d calls, want 3 in 3, not settled", n, calls)
	}
	n, calls = 0, 0
	if !Rounds(6, step) || calls != 6 {
		t.Errorf("Rounds(6) = %d calls, want 6, settled", calls)
	}
}

func TestWorklist(t *testing.T) {
	// A call graph: callers of each function; reach says which functions
	// reach "net", the fact that flows from callee to caller.
	callers := map[string][]string{
		"net": {"a", "b"},
		"a":   {"c"},
		"b":   {"c", "b"}, // b recurses
		"c":   {"a"},      // a cycle a -> c -> a
		"x":   {"y"},
	}
	reach := map[string]bool{}
	var visits []string
	Worklist([]string{"net"}, func(f string) []string { return callers[f] }, func(f string) bool {
		visits = append(visits, f)
		if reach[f] {
			return false
		}
		reach[f] = true
		return true
	})
	var got []string
	for f := range reach {
		got = append(got, f)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"a", "b", "c", "net"}) {
		t.Errorf("reached %v, want [a b c net]", got)
	}
	// Last in, first out: net queues a and b, b changes and queues c and
	// itself (a recursion: it was taken off the list before its visit),
	// b changes nothing, c queues nothing new (a waits), a queues c again.
	if want := []string{"net", "b", "b", "c", "a", "c"}; !slices.Equal(visits, want) {
		t.Errorf("visits %v, want %v", visits, want)
	}
	// A visit that changes nothing queues nothing.
	n := 0
	Worklist([]string{"x"}, func(f string) []string { return callers[f] }, func(string) bool { n++; return false })
	if n != 1 {
		t.Errorf("%d visits, want 1", n)
	}
	// The caller's slice is left as it was.
	work := []string{"x", "net"}
	Worklist(work, func(string) []string { return nil }, func(string) bool { return true })
	if !slices.Equal(work, []string{"x", "net"}) {
		t.Errorf("work = %v, changed", work)
	}
}

func TestSweeps(t *testing.T) {
	// c calls b (earlier) and d (later); a learns something on its
	// first visit only, b and d once they see a's and c's facts.
	items := []string{"a", "b", "c", "d"}
	dependents := map[string][]string{"a": {"c"}, "c": {"b", "d"}}
	facts := map[string]bool{}
	var visits []string
	Sweeps(items, func(s string) []string { return dependents[s] }, func(s string) bool {
		visits = append(visits, s)
		switch s {
		case "a":
			if facts["a"] {
				return false
			}
			facts["a"] = true
			return true
		case "c":
			if !facts["a"] || facts["c"] {
				return false
			}
			facts["c"] = true
			return true
		}
		return false
	})
	// First sweep: a, b, c (a changed: c is due and still ahead), d is
	// visited once although c also made it due; b is due again: second
	// sweep.
	if want := []string{"a", "b", "c", "d", "b"}; !slices.Equal(visits, want) {
		t.Errorf("visits = %v, want %v", visits, want)
	}
	if !facts["a"] || !facts["c"] {
		t.Errorf("facts = %v, want a and c", facts)
	}
}
