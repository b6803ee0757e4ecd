// Package fixpoint computes facts that only grow (function summaries, the
// helpers a package defines) to their least fixed point, in one of two
// ways: rounds over everything until a round changes nothing (Rounds), or
// a worklist that revisits only what depends on a change (Worklist).
//
// Only the iteration belongs here: what a fact is, how one is computed and
// who depends on whom are the caller's. It holds no state and knows
// nothing of go/ast or go/types.
package fixpoint

// Rounds calls round until it reports that it changed nothing, or, when
// max > 0, until it has been called max times (a bound for facts that
// might not settle; the last round's facts stand). It reports whether the
// facts settled.
func Rounds(max int, round func() (changed bool)) bool {
	for n := 0; max <= 0 || n < max; n++ {
		if !round() {
			return true
		}
	}
	return false
}

// Worklist calls visit on each item of work, and again on the dependents
// of every item whose visit reports a change, until no visit does. Items
// are taken last in, first out, and an item waits in the list at most
// once at a time. When each visit only makes facts grow, from facts of
// the items it depends on, the result does not depend on that order.
func Worklist[T comparable](work []T, dependents func(T) []T, visit func(T) (changed bool)) {
	work = append([]T(nil), work...)
	queued := make(map[T]bool, len(work))
	for _, t := range work {
		queued[t] = true
	}
	for len(work) > 0 {
		t := work[len(work)-1]
		work = work[:len(work)-1]
		queued[t] = false
		if !visit(t) {
			continue
		}
		for _, d := range dependents(t) {
			if !queued[d] {
				queued[d] = true
				work = append(work, d)
			}
		}
	}
}
