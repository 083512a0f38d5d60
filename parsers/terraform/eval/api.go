// Package eval evaluates a Terraform configuration the way `terraform plan`
// would before it talks to any provider: variables with their full
// precedence chain, locals, modules, count, for_each, dynamic blocks and the
// functions real network code uses. What cannot be known offline becomes an
// unknown value marked with the reason, never a guess. The result is a flat
// list of resource and data source instances (see Instance).
package eval

import "github.com/daslint/daslint/diag"

// Options control evaluation.
type Options struct {
	// Vars are --var NAME=VALUE overrides, highest precedence, in order given.
	Vars []string
	// VarFiles are --var-file paths, in order given, after the automatic ones.
	VarFiles []string
	// Region is --region: the region when the provider configuration sets none.
	Region string
	// Root confines file access: functions such as file() and module sources
	// may read only below it. Empty means the root module directory.
	Root string
}

// Result is an evaluated root module.
type Result struct {
	// Dir is the root module directory as given.
	Dir string
	// Instances are all resource and data source instances of the root module
	// and its modules, in a deterministic order.
	Instances []*Instance
	// Files are the configuration files read, root and modules.
	Files []string
	// ModuleDirs are the local module directories the root module called, so
	// that discovery does not lint them again as roots.
	ModuleDirs []string
}

// Evaluate evaluates the root module in dir.
func Evaluate(dir string, opts Options) (*Result, diag.Diagnostics) {
	var ds diag.Diagnostics
	ds.Errorf(rangeOf(dir), "terraform evaluation is not implemented yet")
	return &Result{Dir: dir}, ds
}
