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

// Sweeps calls visit on each of items in their order, then sweeps the
// items again, in the same order, visiting only those with a dependency
// that reported a change since their last visit (dependents(t) are the
// items that depend on t), until a sweep visits none. A dependent later in
// the order is visited in the same sweep, an earlier one in the next.
//
// It reaches what Rounds reaches when each round visits every item in
// order, without visiting items whose dependencies did not change, also
// when a visit's result depends on the order in which facts appear (the
// first fact found stands); Worklist is the cheaper choice when it does
// not.
func Sweeps[T comparable](items []T, dependents func(T) []T, visit func(T) (changed bool)) {
	dirty := make(map[T]bool, len(items))
	for _, t := range items {
		dirty[t] = true
	}
	for len(dirty) > 0 {
		for _, t := range items {
			if !dirty[t] {
				continue
			}
			delete(dirty, t)
			if visit(t) {
				for _, d := range dependents(t) {
					dirty[d] = true
				}
			}
		}
	}
}
