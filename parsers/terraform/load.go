// Package terraform reads a Terraform root module into the model: package
// eval evaluates the configuration into resource instances, and this package
// translates each AWS resource type that matters for KMS reachability into
// its model object, applying the provider's defaults.
package terraform

import (
	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Options are the evaluation options.
type Options = eval.Options

// Load evaluates the root module in dir and translates it into a model.
func Load(dir string, opts Options) (*model.Model, *eval.Result, diag.Diagnostics) {
	res, ds := eval.Evaluate(dir, opts)
	m, mds := toModel(res, opts)
	ds = append(ds, mds...)
	if res != nil {
		var sds diag.Diagnostics
		m.Suppressions, sds = suppressions(res.Files)
		ds = append(ds, sds...)
	}
	return m, res, ds
}

// toModel translates every managed resource instance whose meaning the model
// captures. Data sources only feed values into other instances, and resource
// types that play no part in reaching KMS are ignored.
func toModel(res *eval.Result, _ Options) (*model.Model, diag.Diagnostics) {
	m := &model.Model{Source: model.Terraform}
	if res == nil {
		return m, nil
	}
	m.Root = res.Dir
	m.Unread = res.Unread
	t := newTranslator(m, res.Instances)
	m.Region = t.rootRegion(res.Instances)
	for _, in := range res.Instances {
		if in == nil || in.Mode != eval.Managed {
			continue
		}
		t.translate(in)
	}
	return m, t.ds
}
