package parsers

import "path/filepath"

// A pre-commit hook passes the files that changed, but daslint's check
// crosses files: a route table in network.tf decides the verdict of a
// cluster in db.tf, a module decides for every root that calls it, a nested
// template for its parent stack. So with Options.Changed the whole tree is
// discovered as usual, the roots that may read a changed file are
// pre-selected without evaluating anything (preselect.go), those are loaded
// (each root once, modules and nested templates through their callers),
// and only the roots that read a changed file are kept. A changed file that no root reads (a Kubernetes manifest,
// a workflow, package.json) selects nothing and is no error: the hook is
// handed every file whose extension might be a template's.

// touches returns the filter of loaded roots for the changed files: all
// roots when changed is nil.
func touches(changed []string) func(loaded) bool {
	if changed == nil {
		return func(loaded) bool { return true }
	}
	files, dirs := map[string]bool{}, map[string]bool{}
	for _, f := range changed {
		f = absPath(f)
		files[f], dirs[filepath.Dir(f)] = true, true
	}
	// For a Terraform root, a changed file in the directory of any module it
	// reads counts, including a variables file it does not load by itself
	// (docs/cli.md: a .tfvars file stands for its directory) and a file that
	// does not parse; for a template, only the files it reads.
	return func(l loaded) bool {
		module := l.byDirectory
		if module && dirs[absPath(l.root.path)] {
			return true
		}
		for _, f := range l.files {
			f = absPath(f)
			if files[f] || (module && dirs[filepath.Dir(f)]) {
				return true
			}
		}
		// A facts, state or template file whose objects joined the root
		// (its literal IDs, its data sources) decides its verdicts too.
		for _, f := range l.joined {
			if files[absPath(f)] {
				return true
			}
		}
		return false
	}
}
