package parsers

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terragrunt"
)

// root is one thing to lint, of the kind of the front end that claimed it:
// a Terraform root module directory, a Terragrunt unit, an AWS facts
// folder, a plan or state JSON, or a CloudFormation template candidate
// (a Terragrunt stack only until expandStacks replaces it by its units).
type root struct {
	kind kind
	path string
	// explicit is set when the user named the file itself, so that a file
	// that is not a template is reported rather than skipped.
	explicit bool
	// boundary is the directory below which files are read for the root
	// (absolute, symlink-free; see inputfile.Boundary): the boundary of the
	// scanned path it was found below, the widest when there are several.
	boundary string
	// asGiven is set when the root's path relative to its boundary is
	// another root's too (distinctKeys): it is then named by its path.
	asGiven bool
	// context is set for a root found only under --context paths: read when
	// a linted root needs it, never reported (docs/semantics.md#sources-of-one-run).
	context bool
	// stack, for a unit that a terragrunt.stack.hcl generates, is how;
	// the unit's path is then its generated terragrunt.hcl, which need not
	// exist.
	stack *stackUnit
}

// maxTemplateSize bounds the files that are read as template candidates
// during a directory walk: CloudFormation itself accepts at most 1 MB of
// template body (CloudFormation User Guide, "CloudFormation quotas"), so a
// larger JSON or YAML file is data, not a template.
const maxTemplateSize = 1 << 20

// skipDir reports whether a walk skips the directory: provider caches,
// version control, dependencies and other hidden directories. A remote
// module under .terraform/modules is read by the evaluator through its
// caller, never as a root.
func skipDir(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

// isTerraformFile reports whether name is a Terraform configuration file.
func isTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// isVarsFile reports whether name is a Terraform variables file.
func isVarsFile(name string) bool {
	return strings.HasSuffix(name, ".tfvars") || strings.HasSuffix(name, ".tfvars.json")
}

// isTemplateCandidate reports whether name may hold a CloudFormation
// template, going by its extension; the content decides.
func isTemplateCandidate(name string) bool {
	if isTerraformFile(name) || isVarsFile(name) || name == configFile {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json", ".template", ".tfstate":
		return true // .tfstate: a Terraform state, recognised by content too
	}
	return false
}

// configFile is daslint's own configuration file (package config), which is
// YAML but never a template, even when a hook names it.
const configFile = ".daslint.yaml"

// discover turns the user's paths into roots, deduplicated and sorted:
// every file it finds below a directory, and every file named, is offered
// to the front ends fes in turn, and the first to claim it says which root
// it stands for; a named file that none claims is an error.
// Paths for which exclude returns true are skipped, with what lies below
// them; exclude may be nil. Each root gets the read boundary of the path it
// was found below: rootDir (--root) when set, else inputfile.Boundary of
// the path; a path outside rootDir is an error and is not searched. Once
// ctx is done it stops: unwalked are the paths it did not search in full.
func discover(ctx context.Context, fes []frontEnd, paths []string, exclude func(string) bool, rootDir string) (roots []root, unwalked []string, ds diag.Diagnostics) {
	if exclude == nil {
		exclude = func(string) bool { return false }
	}
	type key struct {
		kind kind
		path string
	}
	seen := map[key]*root{} // a directory may hold Terraform files and facts
	add := func(r root) {
		key := key{r.kind, r.path}
		if old := seen[key]; old != nil {
			old.explicit = old.explicit || r.explicit
			old.boundary = inputfile.Outer(old.boundary, r.boundary)
			return
		}
		seen[key] = &r
	}
	for _, p := range paths {
		p = clean(p)
		if exclude(p) {
			continue
		}
		if ctx.Err() != nil {
			unwalked = append(unwalked, p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			ds.Errorf(model.Range{File: filepath.ToSlash(p)}, "cannot read %s: %v; check that it exists and that daslint may read it", p, unwrapPathError(err))
			continue
		}
		boundary, err := Boundary(p, rootDir)
		if err != nil {
			ds.Errorf(model.Range{File: filepath.ToSlash(p)}, "%v", err)
			continue
		}
		if info.IsDir() {
			complete, wds := walk(ctx, fes, p, boundary, add, exclude)
			ds = append(ds, wds...)
			if !complete {
				unwalked = append(unwalked, p)
			}
			continue
		}
		if r, ok := claim(fes, inputFile{path: p, named: true, boundary: boundary}); ok {
			add(r)
		} else if !info.Mode().IsRegular() {
			// A process substitution (`daslint <(terraform show -json
			// tfplan)`) names a pipe without an extension to claim it by.
			ds.Errorf(model.Range{File: filepath.ToSlash(p)}, "%s is %s, not a file: give its content on standard input instead (`terraform show -json tfplan | daslint -`), or write it to a file and name that", p, inputfile.KindOf(info.Mode()))
		} else if info.Name() != configFile { // a hook passes every changed YAML file
			ds.Errorf(model.Range{File: filepath.ToSlash(p)}, "%s is neither a Terraform file (.tf, .tf.json, .tfvars) nor a CloudFormation template (.yaml, .yml, .json, .template): name such files, or a directory", p)
		}
	}
	roots = make([]root, 0, len(seen))
	for _, r := range seen {
		roots = append(roots, *r)
	}
	slices.SortFunc(roots, compareRoots)
	return roots, unwalked, ds
}

// compareRoots orders roots by path, then by kind: one directory may be
// two roots (a Terraform root that is also an AWS facts folder), and the
// order of the run's roots decides the order of its output.
func compareRoots(a, b root) int {
	if c := strings.Compare(a.path, b.path); c != 0 {
		return c
	}
	return cmp.Compare(a.kind, b.kind)
}

// discoverContext finds the roots under the --context paths. A context path
// outside --root is read below its own boundary: --root bounds what the
// linted roots read, and a context source (a facts folder, another
// repository's network root) is named by the user on purpose.
func discoverContext(ctx context.Context, fes []frontEnd, paths []string, exclude func(string) bool, rootDir string) (roots []root, unwalked []string, ds diag.Diagnostics) {
	for _, p := range paths {
		rd := rootDir
		if _, err := Boundary(p, rd); err != nil {
			rd = ""
		}
		rs, uw, pds := discover(ctx, fes, []string{p}, exclude, rd)
		for i := range rs {
			rs[i].context = true
		}
		roots = append(roots, rs...)
		unwalked = append(unwalked, uw...)
		ds = append(ds, pds...)
	}
	return roots, unwalked, ds
}

// withContext adds the context roots to the linted ones, sorted; a root
// that is both is linted.
func withContext(linted, context []root) []root {
	seen := map[string]bool{}
	for _, r := range linted {
		seen[absPath(r.path)] = true
	}
	out := append([]root(nil), linted...)
	for _, r := range context {
		if k := absPath(r.path); !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	slices.SortFunc(out, compareRoots)
	return out
}

// distinctKeys marks the template candidates (among them every state and
// plan JSON) whose path relative to their boundary is another's too. That
// happens only across boundaries: two states given side by side outside
// any repository (`--context net/terraform.tfstate --context
// db/terraform.tfstate`) are each bounded by their own directory and both
// named `terraform.tfstate`. Such a root is named by its path as given
// instead (stateKey), relative to the working directory: a name that
// clashed would join the second state's objects under the first's. A root
// whose name is its own keeps it, the same from any working directory
// (docs/semantics.md#where-a-run-starts-does-not-matter).
func distinctKeys(roots []root) {
	paths := map[string]map[string]bool{} // key → the absolute paths so named
	for _, r := range roots {
		if r.kind != templateFile && r.kind != planFile {
			continue
		}
		k := rootKey(r)
		if paths[k] == nil {
			paths[k] = map[string]bool{}
		}
		paths[k][absPath(r.path)] = true
	}
	for i, r := range roots {
		if (r.kind == templateFile || r.kind == planFile) && len(paths[rootKey(r)]) > 1 {
			roots[i].asGiven = true
		}
	}
}

// walk adds the root of every file below dir that one of fes claims; tree
// is the read boundary. complete is false when ctx ended
// the walk first.
func walk(ctx context.Context, fes []frontEnd, dir, tree string, add func(root), exclude func(string) bool) (complete bool, ds diag.Diagnostics) {
	cleanFound := clean
	if wd, err := os.Getwd(); err == nil {
		cleanFound = func(p string) string { return cleanAt(wd, p) }
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			ds.Errorf(model.Range{File: filepath.ToSlash(p)}, "cannot read %s: %v; check that it exists and that daslint may read it", p, unwrapPathError(err))
			if d != nil && d.IsDir() && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != dir && (skipDir(d.Name()) || exclude(p)) {
				return fs.SkipDir
			}
			return nil
		}
		if exclude(p) {
			return nil
		}
		name := d.Name()
		isInput := isTerraformFile(name) || isTemplateCandidate(name) || name == terragrunt.FileName || name == terragrunt.StackFileName
		switch {
		case d.Type()&fs.ModeSymlink != 0 && !isInput:
			ds = append(ds, linkedDirectory(p, tree)...)
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			// A linked input file is taken as a file: the reader (package
			// inputfile) refuses it if it leads out of the tree or nowhere.
		case !d.Type().IsRegular():
			return nil
		}
		if r, ok := claim(fes, inputFile{path: cleanFound(p), boundary: tree}); ok {
			add(r)
		}
		return nil
	})
	if err != nil && ctx.Err() != nil {
		return false, ds
	}
	if err != nil {
		ds.Errorf(model.Range{File: filepath.ToSlash(dir)}, "cannot read %s: %v; check that it exists and that daslint may read it", dir, unwrapPathError(err))
	}
	return true, ds
}

// Boundary returns the read boundary of a scanned path: rootDir (--root),
// made absolute and symlink-free, when it is set, else the top of the
// repository that holds path (see inputfile.Boundary). A path outside
// rootDir is an error: its roots would read nothing of their own.
func Boundary(path, rootDir string) (string, error) {
	if rootDir == "" {
		return inputfile.Boundary(path), nil
	}
	tree := inputfile.Tree(rootDir)
	if !inputfile.Inside(tree, inputfile.Tree(path)) {
		return "", fmt.Errorf("%s is outside --root %s: name a --root that contains every PATH, or leave --root out", diag.Path(path), diag.Path(tree))
	}
	return tree, nil
}

// linkedDirectory reports a symbolic link to a directory out of the read
// boundary. A walk follows no directory link (a link loop cannot trap it); one
// that stays inside the tree names files that are linted where they are,
// one that leaves it names files daslint does not read, which the user must
// know.
func linkedDirectory(p, tree string) diag.Diagnostics {
	var ds diag.Diagnostics
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return nil
	}
	if real, err = filepath.Abs(real); err != nil {
		return nil
	}
	if st, err := os.Stat(real); err != nil || !st.IsDir() || inputfile.Inside(tree, real) {
		return nil
	}
	ds.Warnf(model.Range{File: filepath.ToSlash(p)}, "%s is a symbolic link to a directory out of the scanned tree (%s); it is not followed: lint that directory as a PATH of its own",
		filepath.ToSlash(p), filepath.ToSlash(real))
	return ds
}

// clean returns p cleaned and, when it lies below the working directory,
// relative to it, so that every position in the report reads the same way
// whatever form of the path the user typed.
func clean(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return filepath.Clean(p)
	}
	return cleanAt(wd, p)
}

// cleanAt is clean in the working directory wd, for callers that clean
// many paths: os.Getwd costs two system calls.
func cleanAt(wd, p string) string {
	p = filepath.Clean(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(wd, p)
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	return rel
}

// unwrapPathError drops the path from an *fs.PathError, whose message would
// repeat what the diagnostic already says.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
