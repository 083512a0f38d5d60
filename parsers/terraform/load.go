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
	return m, res, append(ds, mds...)
}

func toModel(res *eval.Result, _ Options) (*model.Model, diag.Diagnostics) {
	return &model.Model{Source: model.Terraform, Root: res.Dir}, nil
}
