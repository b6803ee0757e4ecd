package golangci

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNotLinked checks that the drivers other than golangci-lint link
// neither this package nor golangci-lint's plugin registry: importing
// package analyzer must not register the plugin.
func TestNotLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const (
		self     = "github.com/transportvet/transportvet/plugin/golangci"
		registry = "github.com/golangci/plugin-module-register/register"
	)
	for _, pkg := range []string{
		"github.com/transportvet/transportvet/cmd/transportvet",
		"github.com/transportvet/transportvet/analyzer",
	} {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 10 {
			t.Fatalf("go list -deps %s listed only %v", pkg, deps)
		}
		for _, dep := range deps {
			if dep == self || dep == registry {
				t.Errorf("%s links %s", pkg, dep)
			}
		}
	}
}
