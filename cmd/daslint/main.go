// Command daslint proves, offline, that every DB instance of every Aurora
// cluster with a database activity stream can reach AWS KMS, from the
// Terraform and CloudFormation that declare it.
//
// Usage:
//
//	daslint [flags] [PATH ...]
//
// See `daslint --help` and README.md.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// daslint is a short-lived process that builds one large, mostly live
	// graph: collecting less often roughly halves the time spent in the
	// collector on big trees, and the soft memory limit makes the collector
	// work harder again before memory grows large.
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(2 << 30)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
