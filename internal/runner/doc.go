// This directory is honnef.co/go/tools/lintcmd/runner at v0.8.2 (MIT
// license, in LICENSE), which report mode runs on (internal/driver,
// cached.go), copied so that transportvet can change how it loads a
// package's dependencies; staticcheck's cache, loader.Graph and the
// rest of honnef.co/go/tools are used as they are. The only change in
// this commit is semaphore.go, for staticcheck's internal/sync, which
// cannot be imported from here; each later change is marked with a
// comment starting "transportvet:".
package runner
