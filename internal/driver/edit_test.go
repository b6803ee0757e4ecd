package driver

import (
	"slices"
	"testing"
)

func TestMergeEdits(t *testing.T) {
	for _, tc := range []struct {
		name string
		x, y []edit
		want []edit // nil: conflict
	}{
		{"disjoint", []edit{{0, 1, "a"}}, []edit{{5, 6, "b"}}, []edit{{0, 1, "a"}, {5, 6, "b"}}},
		{"identical edits are made once", []edit{{3, 3, "import"}}, []edit{{3, 3, "import"}}, []edit{{3, 3, "import"}}},
		{"insertions at one point: x first", []edit{{3, 3, "x"}}, []edit{{3, 3, "y"}}, []edit{{3, 3, "x"}, {3, 3, "y"}}},
		{"insertion at the start of a replacement", []edit{{3, 3, "x"}}, []edit{{3, 5, "y"}}, []edit{{3, 3, "x"}, {3, 5, "y"}}},
		{"different replacements of the same bytes", []edit{{3, 5, "x"}}, []edit{{3, 5, "y"}}, nil},
		{"a replacement inside another", []edit{{0, 10, "x"}}, []edit{{4, 6, "y"}}, nil},
	} {
		got, ok := mergeEdits(tc.x, tc.y)
		if ok != (tc.want != nil) || !slices.Equal(got, tc.want) {
			t.Errorf("%s: mergeEdits = %v, %v; want %v", tc.name, got, ok, tc.want)
		}
	}
}

func TestApplyEdits(t *testing.T) {
	got, err := applyEdits([]byte("hello world"), []edit{{0, 0, ">"}, {0, 5, "HELLO"}, {11, 11, "!"}})
	if err != nil || string(got) != ">HELLO world!" {
		t.Errorf("applyEdits = %q, %v", got, err)
	}
	if _, err := applyEdits([]byte("abc"), []edit{{1, 3, "x"}, {2, 3, "y"}}); err == nil {
		t.Error("overlapping edits applied without error")
	}
}
