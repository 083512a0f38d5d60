package eval

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// maxTerragruntSearch bounds the directory entries looked at to find a
// terragrunt.hcl below the read boundary: only names are read, but a
// monorepo may hold millions.
const maxTerragruntSearch = 100_000

// undeclaredVar gathers what concerns one variable that a module does not
// declare: the references to it, or the values variables files give it.
// Each is reported once per root, however many references or instances
// there are (a module read through Terragrunt references its variables
// hundreds of times).
type undeclaredVar struct {
	dir  string // the module directory
	name string
	// set is true for a value in a variables file, false for a reference.
	set bool
	at  map[hcl.Range]bool
}

// noteUndeclared records a reference to, or a value for, variable name,
// which the module in dir does not declare.
func (e *evaluator) noteUndeclared(dir, name string, set bool, at hcl.Range) {
	key := fmt.Sprintf("%t\x00%s\x00%s", set, dir, name)
	if e.undeclared == nil {
		e.undeclared = map[string]*undeclaredVar{}
	}
	u := e.undeclared[key]
	if u == nil {
		u = &undeclaredVar{dir: dir, name: name, set: set, at: map[hcl.Range]bool{}}
		e.undeclared[key] = u
	}
	u.at[at] = true
}

// reportUndeclared adds one diagnostic per undeclared variable, at its
// first use in the text. Terraform fails on a reference to an undeclared
// variable (an error) and warns about a value for one. Where Terragrunt is
// in use, a generate block may declare the variable and its inputs set it:
// daslint reads a unit's generate blocks and inputs when it lints the
// unit; a module reached through no unit it reads keeps the value unknown (a
// warning, as the reference is no defect in the code).
func (e *evaluator) reportUndeclared() {
	for _, key := range sortedKeys(e.undeclared) {
		u := e.undeclared[key]
		at := u.sortedRanges()
		more := ""
		if n := len(at) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more %s)", n, plural(n, "reference", "references"))
			if u.set {
				more = fmt.Sprintf(" (and %d more %s)", n, plural(n, "value", "values"))
			}
		}
		tg := e.terragruntHint(u.dir)
		switch {
		case u.set && tg != "":
			e.ds.Warnf(Range(at[0]), "value for undeclared variable %q%s; %s: the module Terragrunt runs may declare it, but no Terragrunt unit that daslint reads runs this module (lint the unit to use it), so this value is not used", u.name, more, tg)
		case u.set:
			e.ds.Warnf(Range(at[0]), "value for undeclared variable %q%s; it is not used: declare it with a variable block, or remove the value", u.name, more)
		case tg != "":
			e.ds.Warnf(Range(at[0]), "reference to undeclared input variable %q%s; %s: Terragrunt may declare it (a generate block) and set it (inputs), but no Terragrunt unit that daslint reads runs this module (lint the unit to use it), so its value is unknown", u.name, more, tg)
		default:
			e.ds.Errorf(Range(at[0]), "reference to undeclared input variable %q%s; declare it with a variable block (terraform plan fails on it too)", u.name, more)
		}
	}
}

// sortedRanges returns the distinct places of u in file, line and column
// order.
func (u *undeclaredVar) sortedRanges() []hcl.Range {
	out := make([]hcl.Range, 0, len(u.at))
	for r := range u.at {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return rangeLess(out[i], out[j]) })
	return out
}

// terragruntHint says why Terragrunt may run the module in dir: a
// terragrunt.hcl in the module's directory or above it, else one anywhere
// below the read boundary (a Terragrunt unit elsewhere in the repository
// may name this module as its source). "" when there is none.
//
// Paths in the hint are relative to the module directory or to the read
// boundary, never to the working directory (docs/semantics.md#where-a-run-starts-does-not-matter).
func (e *evaluator) terragruntHint(dir string) string {
	mod := absDir(dir)
	for d := mod; e.inside(d); d = filepath.Dir(d) {
		if f := filepath.Join(d, "terragrunt.hcl"); isRegular(f) {
			if d == mod {
				return "a terragrunt.hcl is in the module's directory"
			}
			rel, _ := filepath.Rel(mod, f)
			return filepath.ToSlash(rel) + " is present"
		}
		if d == e.confine || filepath.Dir(d) == d {
			break
		}
	}
	if !e.terragruntSearched {
		e.terragruntSearched = true
		if f := e.opts.Cache.findTerragrunt(e.confine); f != "" {
			e.terragruntBelow = "the repository uses Terragrunt (" + f + ")"
		}
	}
	return e.terragruntBelow
}

// findTerragrunt returns the first terragrunt.hcl below root, relative to
// it, in lexical
// order, skipping hidden directories (.git, .terraform, .terragrunt-cache)
// and node_modules, within maxTerragruntSearch entries.
func findTerragrunt(root string) string {
	found, seen := "", 0
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		seen++
		switch {
		case err != nil:
			return nil //nolint:nilerr // an unreadable directory only narrows the search
		case seen > maxTerragruntSearch:
			return filepath.SkipAll
		case d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules"):
			return filepath.SkipDir
		case !d.IsDir() && d.Name() == "terragrunt.hcl" && d.Type().IsRegular():
			rel, _ := filepath.Rel(root, p)
			found = filepath.ToSlash(rel)
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

func isRegular(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.Mode().IsRegular()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
