package main

import (
	"runtime/debug"
	"strings"
)

// fallbackVersion is reported when the binary carries no module version
// (go run, go test, a build from a work tree).
const fallbackVersion = "0.1.0"

// stampedVersion is set at link time by release builds (scripts/release.sh,
// the Dockerfile: -ldflags "-X main.stampedVersion=v1.2.3"), which build
// from a work tree with -buildvcs=false and so carry no module version. It
// is never assigned at run time.
var stampedVersion string

// version is the version the binary was built as: the stamped release
// version, else the module version (`go install
// github.com/daslint/daslint/cmd/daslint@v1.2.3` gives "1.2.3").
func version() string {
	if stampedVersion != "" {
		return strings.TrimPrefix(stampedVersion, "v")
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return strings.TrimPrefix(v, "v")
		}
	}
	return fallbackVersion
}
