// Package runner is staticcheck's runner, honnef.co/go/tools/lintcmd/runner
// at v0.8.2 (MIT license, in LICENSE), which report mode runs on
// (internal/driver, cached.go). It is a copy so that transportvet can
// change how the runner loads a package's dependencies; staticcheck's
// cache, its loader.Graph and the rest of honnef.co/go/tools are used as
// they are. The changes, each marked with a comment that starts with
// "transportvet:":
//
//   - semaphore.go stands for staticcheck's internal/sync, which cannot be
//     imported from here;
//   - load.go replaces loader.Load: the packages that the analyzed
//     packages import are decoded from export data once per run, into a
//     universe that all share, not once per importing package, and
//     dropped from it once no package left to analyze imports them;
//   - facts.go: the facts of a package are written in the same order, as
//     the same bytes, by every run that analyzes it;
//   - loadFacts maps the packages by path once per package analyzed, not
//     once per dependency, and a dependency's facts are decoded once for
//     all its importers (facts.go), not once for each.
package runner
