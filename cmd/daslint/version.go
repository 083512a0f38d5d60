package main

import (
	"runtime/debug"
	"strings"
)

// fallbackVersion is reported when the binary carries no module version
// (go run, go test, a build from a work tree).
const fallbackVersion = "0.1.0"

// version is the module version the binary was built from (`go install
// github.com/daslint/daslint/cmd/daslint@v1.2.3` gives "1.2.3").
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return strings.TrimPrefix(v, "v")
		}
	}
	return fallbackVersion
}
