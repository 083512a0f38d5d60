package parsers

import (
	"context"
	"path/filepath"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/terragrunt"
)

// loadUnit reads a Terragrunt unit (r.path is its terragrunt.hcl): the
// module its terraform.source names is evaluated with the unit's inputs,
// and every object of the module is reached through the unit's file, the
// outermost caller, so that two units of one module are told apart and
// annotations land on the unit (SPEC §7.2.5).
func loadUnit(ctx context.Context, r root, opts Options, loadTerraform terraformLoader, remote remoteStateFunc) loaded {
	dir := filepath.Dir(r.path)
	u, ds := terragrunt.Read(dir, terragrunt.Options{Tree: r.boundary, MaxFileBytes: opts.MaxFileBytes})
	l := loaded{root: r, ds: ds}
	l.files = append(l.files, u.Files...)
	// A configuration another unit includes (a root terragrunt.hcl) is
	// read through that unit, not as a unit of its own.
	for _, f := range u.Files {
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
	m, res, mds := loadTerraform(ctx, mdir, terraform.Options{
		Vars:         opts.Vars,
		VarFiles:     opts.VarFiles,
		Region:       opts.Region,
		Root:         r.boundary,
		MaxFileBytes: opts.MaxFileBytes,
		RemoteState:  remote,
		DataSources:  opts.dataSources,
		Inputs:       u.Inputs,
	})
	l.ds = append(l.ds, mds...)
	l.model = m
	if m != nil {
		m.Root = filepath.ToSlash(dir)
		caller := eval.Range(u.Range)
		for _, o := range m.Objects() {
			b := o.Base()
			b.Callers = append([]model.Range{caller}, b.Callers...)
		}
	}
	l.callees = append(l.callees, absPath(mdir))
	if res != nil {
		l.files = append(append(l.files, res.Files...), res.RemoteFiles...)
		for _, d := range res.ModuleDirs {
			l.callees = append(l.callees, moduleDir(mdir, d))
		}
	}
	return l
}
