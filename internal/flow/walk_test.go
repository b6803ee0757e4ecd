package flow

import (
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/cfg"
)

func TestFindPredsCond(t *testing.T) {
	fx := load(t)
	for _, b := range fx.g.Blocks {
		for i, n := range b.Nodes {
			if fb, fi := Find(fx.g, n); fb != b || fi != i {
				t.Errorf("Find(node %d of block %d) = %v, %d", i, b.Index, fb, fi)
			}
		}
	}
	if b, i := Find(fx.g, fx.fn); b != nil || i != -1 {
		t.Errorf("Find(the function) = %v, %d, want nil, -1", b, i)
	}
	preds := Preds(fx.g, nil)
	edges := 0
	for _, b := range fx.g.Blocks {
		edges += len(b.Succs)
		for _, s := range b.Succs {
			found := false
			for _, p := range preds[s] {
				found = found || p == b
			}
			if !found {
				t.Errorf("Preds: block %d is not a predecessor of its successor %d", b.Index, s.Index)
			}
		}
	}
	n := 0
	for _, ps := range preds {
		n += len(ps)
	}
	if n != edges {
		t.Errorf("Preds has %d edges, the graph %d", n, edges)
	}
	entryOnly := Preds(fx.g, func(b *cfg.Block) bool { return b == fx.g.Blocks[0] })
	for s, ps := range entryOnly {
		if len(ps) != 1 || ps[0] != fx.g.Blocks[0] {
			t.Errorf("Preds(from the entry only)[%d] = %v", s.Index, ps)
		}
	}
	// Conditions: i < x and i > 1 end two-way blocks; nothing else does.
	conds := Conditions(fx.fn.Body)
	var got []string
	for _, b := range fx.g.Blocks {
		if c := Cond(b); c != nil {
			if !conds[c] {
				t.Errorf("Cond(block %d) = %s, not a condition", b.Index, types.ExprString(c))
			}
			got = append(got, types.ExprString(c))
		}
	}
	slices.Sort(got)
	if strings.Join(got, ", ") != "i < x, i > 1" {
		t.Errorf("Cond = %v, want [i < x, i > 1]", got)
	}
}

func TestFindPath(t *testing.T) {
	fx := load(t)
	// Count the blocks a path from the entry passes, up to 3: the first
	// block found is one reached with a count of 3, along the first path.
	count := func(b *cfg.Block, s int) (int, bool, bool) {
		return s + 1, false, s+1 == 3
	}
	b := FindPath(fx.g.Blocks[:1], 0, count, nil)
	if b == nil {
		t.Fatal("FindPath found no block two steps from the entry")
	}
	want := fx.g.Blocks[0].Succs[0].Succs[0]
	if b != want {
		t.Errorf("FindPath = block %d, want %d (depth first, first successor first)", b.Index, want.Index)
	}
	// A path that ends at every block finds only the start.
	if got := FindPath(fx.g.Blocks[:1], 0, func(*cfg.Block, int) (int, bool, bool) { return 0, true, false }, nil); got != nil {
		t.Errorf("FindPath with every path ended = block %d, want nil", got.Index)
	}
	// Visiting each block once: the search ends on a graph with loops and
	// visits each live block reachable from the entry once in one state.
	seen := make(map[*cfg.Block]int)
	FindPath(fx.g.Blocks[:1], struct{}{}, func(b *cfg.Block, s struct{}) (struct{}, bool, bool) {
		seen[b]++
		return s, false, false
	}, nil)
	for b, k := range seen {
		if k != 1 {
			t.Errorf("block %d visited %d times", b.Index, k)
		}
	}
	if len(seen) < 5 {
		t.Errorf("visited %d blocks, want the loops' blocks too", len(seen))
	}
}

func TestFindPathEdge(t *testing.T) {
	fx := load(t)
	entry := fx.g.Blocks[:1]
	visit := func(seen map[*cfg.Block]bool) func(*cfg.Block, int) (int, bool, bool) {
		return func(b *cfg.Block, s int) (int, bool, bool) {
			seen[b] = true
			return s, false, false
		}
	}
	// Cutting every edge visits the start alone.
	seen := make(map[*cfg.Block]bool)
	FindPath(entry, 0, visit(seen), func(*cfg.Block, int, int) (int, bool, bool) { return 0, true, false })
	if len(seen) != 1 || !seen[entry[0]] {
		t.Errorf("FindPath with every edge cut visited %d blocks, want the entry alone", len(seen))
	}
	// The state the edge gives is the one the successor is entered in:
	// counting edges finds what counting blocks does.
	count := func(b *cfg.Block, s int) (int, bool, bool) { return s, false, s == 2 }
	edges := func(b *cfg.Block, k int, s int) (int, bool, bool) { return s + 1, false, false }
	want := fx.g.Blocks[0].Succs[0].Succs[0]
	if b := FindPath(entry, 0, count, edges); b != want {
		t.Errorf("FindPath counting edges = %v, want block %d", b, want.Index)
	}
	// An edge that finds returns the block it enters.
	first := func(b *cfg.Block, k int, s int) (int, bool, bool) { return s, false, true }
	if b := FindPath(entry, 0, visit(make(map[*cfg.Block]bool)), first); b != fx.g.Blocks[0].Succs[0] {
		t.Errorf("FindPath with a finding edge = %v, want the entry's first successor", b)
	}
	// Cutting the false edges of two-way blocks visits what the true
	// edges reach, and those blocks only.
	trueOnly := func(b *cfg.Block, k int, s int) (int, bool, bool) { return s, len(b.Succs) == 2 && k == 1, false }
	seen = make(map[*cfg.Block]bool)
	FindPath(entry, 0, visit(seen), trueOnly)
	want2 := map[*cfg.Block]bool{entry[0]: true}
	for work := entry; len(work) > 0; {
		b := work[0]
		work = work[1:]
		for k, s := range b.Succs {
			if !want2[s] && !(len(b.Succs) == 2 && k == 1) {
				want2[s] = true
				work = append(work, s)
			}
		}
	}
	if len(seen) != len(want2) || len(seen) == len(fx.g.Blocks) {
		t.Errorf("FindPath along true edges visited %d blocks, want %d of %d", len(seen), len(want2), len(fx.g.Blocks))
	}
	for b := range want2 {
		if !seen[b] {
			t.Errorf("FindPath along true edges missed block %d", b.Index)
		}
	}
}

func TestReaching(t *testing.T) {
	fx := load(t)
	preds := Preds(fx.g, nil)
	for _, to := range fx.g.Blocks {
		got := Reaching(to, preds)
		for _, b := range fx.g.Blocks {
			at := func(x *cfg.Block, s struct{}) (struct{}, bool, bool) { return s, false, x == to }
			if want := FindPath([]*cfg.Block{b}, struct{}{}, at, nil) != nil; got[b] != want {
				t.Errorf("Reaching(block %d)[block %d] = %v, want %v", to.Index, b.Index, got[b], want)
			}
		}
	}
}
