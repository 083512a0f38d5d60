package parsers

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/terragrunt"
)

// stackUnit is how a terragrunt.stack.hcl generates a unit.
type stackUnit struct {
	// callers are the stack files' blocks that generate the unit,
	// outermost first: the outermost callers of its objects.
	callers []model.Range
	unit    *terragrunt.StackUnit
	// files are the stack files read to generate it.
	files []string
	// unread, for a unit generated from a remote source, says so: the
	// unit is not read, only reported as such.
	unread *model.Unresolved
}

// expandStacks replaces each stack file among roots by the units it
// generates, read as `terragrunt stack generate` would write them (package
// terragrunt, ReadStack), without writing anything. The stack file wins
// over what is on disk: Terragrunt regenerates the stack before `run
// --all`, so a .terragrunt-stack directory that exists (committed or left
// over) is never read (hidden directories are skipped anyway), and a unit
// generated with no_dot_terragrunt_stack replaces the copy a walk found at
// its place (its terragrunt.hcl, and the module files the template copies).
//
// remote maps the terragrunt.hcl of each unit a stack generates from a
// remote source (absolute) to why it is not read, for the units that
// depend on it.
func expandStacks(roots []root, opts Options) (out []root, remote map[string]string, ds diag.Diagnostics) {
	remote = map[string]string{}
	paths := newAbsolutizer()
	type read struct {
		r  root
		st *terragrunt.Stack
		ds diag.Diagnostics
	}
	var stacks []read
	// A stack file that another stack names as a nested stack's source is
	// read through it, with its values, not as a stack of its own (like a
	// unit template).
	nested := map[string]bool{}
	for _, r := range roots {
		if r.kind != terragruntStack {
			out = append(out, r)
			continue
		}
		st, sds := terragrunt.ReadStack(filepath.Dir(r.path), terragrunt.Options{Tree: r.boundary, MaxFileBytes: opts.MaxFileBytes})
		for _, f := range st.Files[min(1, len(st.Files)):] {
			nested[paths.abs(f)] = true
		}
		stacks = append(stacks, read{r, st, sds})
	}
	var gen []root
	for _, s := range stacks {
		r, st := s.r, s.st
		if nested[paths.abs(r.path)] {
			continue
		}
		if !r.context {
			ds = append(ds, s.ds...)
		}
		for _, u := range st.Remote {
			why := fmt.Sprintf("the stack in %s generates it from the remote source %q, which daslint does not read", unitKey(r), u.Source)
			remote[paths.abs(filepath.Join(u.Dir, terragrunt.FileName))] = why
			at := u.Callers[len(u.Callers)-1]
			at.Filename = clean(at.Filename)
			su := &stackUnit{files: st.Files, unread: &model.Unresolved{Kind: model.FromModule, Range: eval.Range(at),
				Reason: fmt.Sprintf("the Terragrunt %s %s: %s", u.Kind, u.Name, why)}}
			gen = append(gen, root{kind: terragruntUnit, path: clean(filepath.Join(u.Dir, terragrunt.FileName)),
				boundary: r.boundary, context: r.context, explicit: r.explicit, stack: su})
		}
		for i := range st.Units {
			u := &st.Units[i]
			// Positions read like the rest of the report: relative to
			// the working directory when below it.
			u.SourceDir = clean(u.SourceDir)
			for j := range u.Copies {
				u.Copies[j].Source = clean(u.Copies[j].Source)
			}
			su := &stackUnit{unit: u, files: st.Files}
			for _, c := range u.Callers {
				c.Filename = clean(c.Filename)
				su.callers = append(su.callers, eval.Range(c))
			}
			gen = append(gen, root{kind: terragruntUnit, path: clean(filepath.Join(u.Dir, terragrunt.FileName)),
				boundary: r.boundary, context: r.context, explicit: r.explicit, stack: su})
		}
	}
	// What a walk found where a stack generates a unit is a copy the
	// next generate overwrites: the unit's terragrunt.hcl and, when the
	// template holds its module, the module's files.
	seen := map[string]bool{}
	for _, g := range gen {
		seen[paths.abs(g.path)] = true
		seen[paths.abs(filepath.Dir(g.path))] = true
	}
	out = slices.DeleteFunc(out, func(r root) bool {
		return (r.kind == terragruntUnit || r.kind == terraformRoot) && seen[paths.abs(r.path)]
	})
	done := map[string]bool{}
	for _, g := range gen {
		if k := paths.abs(g.path); !done[k] {
			done[k] = true
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b root) int { return strings.Compare(a.path, b.path) })
	return out, remote, ds
}

// unitOptions are the options to read the unit r: a unit a stack generates
// gets its values and is read at its generated place.
func unitOptions(r root, maxFileBytes int64, deps dependencyFunc) terragrunt.Options {
	o := terragrunt.Options{Tree: r.boundary, MaxFileBytes: maxFileBytes, Dependency: deps}
	if r.stack != nil && r.stack.unit != nil {
		o.Values, o.Copies = r.stack.unit.Values, r.stack.unit.Copies
	}
	return o
}

// remoteUnit is a linted unit whose module is remote.
type remoteUnit struct {
	name, source string
	at           model.Range
	// mayDAS is set when the unit looks like one that declares an Aurora
	// cluster or its activity stream (eval.MayDeclareDAS).
	mayDAS bool
}

// maxListedUnits bounds how many units one summary names.
const maxListedUnits = 5

// remoteUnitWarnings reports the linted units whose module is remote. A
// unit that may declare a DAS cluster keeps its own warning at its source,
// and so does a lone unit; the others share one line, at the first of
// them, that names them: in a repository of units whose modules all live
// elsewhere, one line per unit says nothing new, and none of them has a
// cluster for a verdict to rest on. Every unknown such a module causes
// (a dependency on the unit's outputs) still names it.
func remoteUnitWarnings(units []*remoteUnit) diag.Diagnostics {
	var ds diag.Diagnostics
	var rest []*remoteUnit
	for _, u := range units {
		if u.mayDAS || len(units) == 1 {
			ds.Warnf(u.at, "%s", terragrunt.RemoteModuleWarning(u.source))
			continue
		}
		rest = append(rest, u)
	}
	switch len(rest) {
	case 0:
	case 1:
		ds.Warnf(rest[0].at, "%s", terragrunt.RemoteModuleWarning(rest[0].source))
	default:
		sort.Slice(rest, func(i, j int) bool { return rest[i].name < rest[j].name })
		at := rest[0].at
		names := make([]string, 0, maxListedUnits+1)
		for i, u := range rest {
			if i == maxListedUnits {
				names = append(names, fmt.Sprintf("and %d more", len(rest)-maxListedUnits))
				break
			}
			names = append(names, u.name)
		}
		ds.Warnf(at, "%d Terragrunt units have remote modules that are not vendored (%s): daslint does not download modules, so what they create is unknown; no source names rds or aurora and no unit sets an activity_stream input, so none looks like a unit that declares an Aurora cluster or its activity stream; point terraform.source at a local copy to lint one",
			len(rest), strings.Join(names, ", "))
	}
	return ds
}
