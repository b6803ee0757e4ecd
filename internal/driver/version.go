package driver

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// printVersion prints the version line of -V, or of -V=full with the build
// ID that go vet and go fix use to know when the tool changed.
func (c *command) printVersion() {
	line := versionLine(c.suite.Name, readBuildInfo())
	if c.opts.version == "full" {
		id, err := executableHash()
		if err != nil {
			c.log.Printf("-V=full: %v", err)
			id = "unknown"
		}
		// go vet reads "NAME version VERSION ... buildID=ID" and, for a
		// version containing "devel", keys its cache on the build ID.
		line += " buildID=" + id
	}
	fmt.Fprintln(c.stdout, line)
}

// readBuildInfo is debug.ReadBuildInfo, replaced by tests.
var readBuildInfo = func() *debug.BuildInfo {
	bi, _ := debug.ReadBuildInfo()
	return bi
}

// versionLine returns "NAME version VERSION GOVERSION": the version of the
// main module, as go install MODULE@VERSION records it (a local build says
// "(devel)", or a pseudo-version when the go command stamps it from git).
func versionLine(name string, bi *debug.BuildInfo) string {
	version, goVersion := "(devel)", "unknown"
	if bi != nil {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		goVersion = bi.GoVersion
	}
	return fmt.Sprintf("%s version %s %s", name, version, goVersion)
}

// executableHash returns the SHA-256 of the running executable, in hex.
func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}
