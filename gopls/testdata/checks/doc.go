// Package checks is the test module of gopls/integration. Each package but
// editor is named after the transportvet check whose one fixable finding it
// holds; editor holds findings of two checks, for the Neovim test. All use
// the standard library only, so that gopls type-checks little.
package checks
