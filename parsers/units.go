package parsers

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/terragrunt"
)

// loadUnit reads a Terragrunt unit (r.path is its terragrunt.hcl): the
// module its terraform.source names is evaluated with the unit's inputs,
// and every object of the module is reached through the unit's file, the
// outermost caller, so that two units of one module are told apart and
// annotations land on the unit (docs/semantics.md#terragrunt-units).
func loadUnit(ctx context.Context, r root, opts Options, loadTerraform terraformLoader, remote remoteStateFunc, deps dependencyFunc) loaded {
	dir := filepath.Dir(r.path)
	if r.stack != nil && r.stack.unread != nil {
		// Generated from a remote source: the stack warned; the model
		// says it was not read, so that a run that finds no cluster does
		// not read as a clean one (docs/semantics.md#never-silent).
		m := &model.Model{Source: model.Terraform, Root: filepath.ToSlash(dir), Unread: []*model.Unresolved{r.stack.unread}}
		return loaded{root: r, model: m, files: r.stack.files}
	}
	u, ds := terragrunt.Read(dir, unitOptions(r, opts.MaxFileBytes, deps))
	l := loaded{root: r, ds: ds}
	l.files = append(l.files, u.Files...)
	if r.stack != nil {
		// The unit's terragrunt.hcl is a copy of its source's: that file
		// is read through the stack, not as a unit of its own.
		l.files = append(l.files, r.stack.files...)
		l.callees = append(l.callees, absPath(u.File))
	}
	if u.RemoteSource != "" {
		l.remote = &remoteUnit{name: unitKey(r), source: u.RemoteSource, at: u.Unread.Range, mayDAS: eval.MayDeclareDAS(u.RemoteSource, u.Inputs)}
	}
	// A configuration another unit includes (a root terragrunt.hcl) is
	// read through that unit, not as a unit of its own; one it only reads
	// with read_terragrunt_config (a sibling unit's inputs) stays a unit.
	for _, f := range u.Included {
		l.callees = append(l.callees, absPath(f))
	}
	if u.ModuleDir == "" {
		l.model = &model.Model{Source: model.Terraform, Root: filepath.ToSlash(dir)}
		if u.Unread != nil {
			l.model.Unread = append(l.model.Unread, u.Unread)
		}
		return l
	}
	mdir := clean(u.ModuleDir)
	topts := opts.terraformOptions(r, remote)
	topts.Inputs, topts.InputsUnknown, topts.Joins = u.Inputs, u.InputsUnknown, u.Joins
	topts.Generated = generatedIn(mdir, u)
	topts.SharedRoot = true
	m, res, mds := loadTerraform(ctx, mdir, topts)
	l.ds = append(l.ds, mds...)
	l.model = m
	if m != nil {
		m.Root = filepath.ToSlash(dir)
		callers := []model.Range{eval.Range(u.Range)}
		if r.stack != nil {
			// The stack file's blocks come first: they are what the user
			// edits to generate the unit.
			callers = append(append([]model.Range(nil), r.stack.callers...), callers...)
		}
		for _, o := range m.Objects() {
			b := o.Base()
			if b.From != nil {
				continue // another source's object keeps its own provenance
			}
			b.Callers = append(append([]model.Range(nil), callers...), b.Callers...)
		}
	}
	l.callees = append(l.callees, absPath(mdir))
	for _, j := range u.Joins {
		// A change to a unit this one depends on re-lints it.
		l.files = append(l.files, j.Result.Files...)
	}
	if res != nil {
		l.files = append(append(l.files, res.Files...), res.RemoteFiles...)
		for _, d := range res.ModuleDirs {
			l.callees = append(l.callees, moduleDir(mdir, d))
		}
	}
	return l
}

// dependencyFunc is terragrunt.Options.Dependency.
type dependencyFunc = func(dir string) (*eval.RemoteRoot, *model.Unresolved)

// dependencyFunc returns the callback that evaluates the unit a dependency
// block names, for the unit at the end of chain (absolute terragrunt.hcl
// paths, outermost first, to catch a cycle). Like a remote state, the unit
// must be among the run's roots (scanned or --context); it is evaluated
// once, with its own inputs and dependencies, and its objects join the
// reading unit under its name. tk is the task of the root being read, and
// tr the tracker of the evaluation (see flight.go).
func (c *catalog) dependencyFunc(chain []string, tk *task, tr *tracker) dependencyFunc {
	return func(dir string) (*eval.RemoteRoot, *model.Unresolved) {
		unresolved := func(format string, args ...any) *model.Unresolved {
			return &model.Unresolved{Kind: model.FromDataSource, Reason: fmt.Sprintf(format, args...)}
		}
		file := filepath.Join(dir, terragrunt.FileName)
		r, ok := c.byPath[file]
		if why, remote := c.stackRemote[file]; remote {
			return nil, unresolved("the outputs of the Terragrunt unit %s are not known: %s", c.unitName(dir, chain, tr), why)
		}
		if !ok || r.kind != terragruntUnit {
			return nil, unresolved("no scanned or --context Terragrunt unit is at %s (lint it too, or name it with --context)", c.unitName(dir, chain, tr))
		}
		name := unitKey(r)
		for i, p := range chain {
			if p == file {
				loop := make([]string, 0, len(chain)-i+1)
				for _, q := range chain[i:] {
					loop = append(loop, c.unitName(filepath.Dir(q), nil, nil))
				}
				tr.taint()
				return nil, unresolved("Terragrunt dependency cycle: %s → %s; each unit reads the other's outputs", strings.Join(loop, " → "), name)
			}
		}
		return c.evalUnit(r, chain, "default", tk, tr)
	}
}

// evalUnit evaluates the unit r (a root of the catalog) in workspace ws,
// once, for a dependency block or a terraform_remote_state that reads it;
// chain are the roots being evaluated, which r is not among, tr tracks the
// evaluation at its end, and tk is the task of the root being read.
func (c *catalog) evalUnit(r root, chain []string, ws string, tk *task, tr *tracker) (*eval.RemoteRoot, *model.Unresolved) {
	file := absPath(r.path)
	key := "unit\x00" + file + "\x00" + ws
	o := c.remote().evals.do(c.ctx, key, tk, func() outcome { return c.evaluateUnit(r, chain, ws, tk) })
	if !o.pure {
		tr.taint()
	}
	if o.why != nil {
		u := *o.why // each reader sets its own range
		return nil, &u
	}
	return o.rr, nil
}

// evaluateUnit is evalUnit's evaluation.
func (c *catalog) evaluateUnit(r root, chain []string, ws string, tk *task) outcome {
	file := absPath(r.path)
	name := unitKey(r)
	if ws != "default" {
		name += "@" + ws
	}
	dir := filepath.Dir(file)
	next := append(chain[:len(chain):len(chain)], file) //nolint:gocritic // a copy: chain is shared
	tr := &tracker{}
	u, _ := terragrunt.Read(dir, unitOptions(r, c.opts.MaxFileBytes, c.dependencyFunc(next, tk, tr)))
	if u.ModuleDir == "" {
		why := "its module is not read"
		if u.Unread != nil {
			why = u.Unread.Reason
		}
		// Remembered: in a tree of units with remote modules, every unit
		// that depends on this one would read it (and what it depends
		// on) again.
		unread := &model.Unresolved{Kind: model.FromDataSource, Reason: fmt.Sprintf("the outputs of the Terragrunt unit %s are not known: %s", unitKey(r), why)}
		return outcome{why: unread, pure: !tr.tainted.Load()}
	}
	// The other unit's diagnostics are its own: reported when it is
	// linted, not for every unit that reads it.
	res, _ := eval.EvaluateContext(c.ctx, clean(u.ModuleDir), eval.Options{
		Vars:          c.opts.Vars,
		VarFiles:      c.opts.VarFiles,
		Region:        c.opts.Region,
		Root:          r.boundary,
		MaxFileBytes:  c.opts.MaxFileBytes,
		Workspace:     ws,
		RemoteState:   c.remoteStateFunc(next, tk, tr),
		DataSources:   c.opts.dataSources,
		Inputs:        u.Inputs,
		InputsUnknown: u.InputsUnknown,
		Joins:         u.Joins,
		Generated:     generatedIn(clean(u.ModuleDir), u),
		Cache:         c.opts.parsed,
		SharedRoot:    true,
	})
	res.Files = append(res.Files, u.Files...)
	rr := &eval.RemoteRoot{Name: name, Result: res, Kind: model.FromTerragruntUnit}
	return outcome{rr: rr, pure: !tr.tainted.Load()}
}

// unitKey names a unit in addresses and reasons: its directory relative
// to the read boundary.
func unitKey(r root) string {
	rel, err := filepath.Rel(r.boundary, inputfile.Tree(filepath.Dir(r.path)))
	if err != nil || r.boundary == "" {
		return filepath.ToSlash(filepath.Dir(r.path))
	}
	return filepath.ToSlash(rel)
}

// unitName names the directory dir in a reason, relative to the boundary
// of the first unit of chain when there is one: a name that depends on
// the chain taints the evaluation tr tracks (see flight.go).
func (c *catalog) unitName(dir string, chain []string, tr *tracker) string {
	if r, ok := c.byPath[filepath.Join(dir, terragrunt.FileName)]; ok {
		return unitKey(r)
	}
	if len(chain) > 1 {
		tr.taint()
	}
	if len(chain) > 0 {
		if r, ok := c.byPath[chain[0]]; ok && r.boundary != "" {
			if rel, err := filepath.Rel(r.boundary, dir); err == nil {
				return filepath.ToSlash(rel)
			}
		}
	}
	return filepath.Base(dir)
}

// generatedIn names the unit's generated files in the module directory as
// it is given to the evaluator (mdir, relative to the working directory
// when below it), so that their positions read like the module's own.
func generatedIn(mdir string, u *terragrunt.Unit) []eval.GeneratedFile {
	out := make([]eval.GeneratedFile, len(u.Generated))
	for i, g := range u.Generated {
		out[i] = eval.GeneratedFile{Name: filepath.Join(mdir, filepath.Base(g.Name)), Data: g.Data}
	}
	return out
}
