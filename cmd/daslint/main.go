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
)

func main() {
	stop, sized := setGC(os.Getenv)
	code := runWith(os.Args[1:], os.Stdout, os.Stderr, runHooks{sized: sized})
	stop()
	os.Exit(code)
}
