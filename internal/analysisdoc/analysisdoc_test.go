package analysisdoc

import "testing"

func TestExtract(t *testing.T) {
	const src = `// Package p does things.
//
// # Analyzer first
//
// first: check the first thing
//
// More about the first.
//
// # Analyzer second
//
// second: check the second thing
package p
`
	for _, tc := range []struct {
		name, want string
		wantErr    bool
	}{
		{"first", "check the first thing\n\nMore about the first.", false},
		{"second", "check the second thing", false},
		{"third", "", true},
		{"firs", "", true},
	} {
		got, err := Extract(src, tc.name)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("Extract(%q) = %q, %v; want %q, error %v", tc.name, got, err, tc.want, tc.wantErr)
		}
	}
	if _, err := Extract(`// Package p.
//
// # Analyzer x
//
// no summary line
package p
`, "x"); err == nil {
		t.Error("Extract accepted a section without its 'x:' summary line")
	}
}
