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
	b := FindPath(fx.g.Blocks[:1], 0, count)
	if b == nil {
		t.Fatal("FindPath found no block two steps from the entry")
	}
	want := fx.g.Blocks[0].Succs[0].Succs[0]
	if b != want {
		t.Errorf("FindPath = block %d, want %d (depth first, first successor first)", b.Index, want.Index)
	}
	// A path that ends at every block finds only the start.
	if got := FindPath(fx.g.Blocks[:1], 0, func(*cfg.Block, int) (int, bool, bool) { return 0, true, false }); got != nil {
		t.Errorf("FindPath with every path ended = block %d, want nil", got.Index)
	}
	// Visiting each block once: the search ends on a graph with loops and
	// visits each live block reachable from the entry once in one state.
	seen := make(map[*cfg.Block]int)
	FindPath(fx.g.Blocks[:1], struct{}{}, func(b *cfg.Block, s struct{}) (struct{}, bool, bool) {
		seen[b]++
		return s, false, false
	})
	for b, k := range seen {
		if k != 1 {
			t.Errorf("block %d visited %d times", b.Index, k)
		}
	}
	if len(seen) < 5 {
		t.Errorf("visited %d blocks, want the loops' blocks too", len(seen))
	}
}
