// Package terraform reads a Terraform root module into the model: package
// eval evaluates the configuration into resource instances, and this package
// translates each AWS resource type that matters for KMS reachability into
// its model object, applying the provider's defaults.
package terraform

import (
	"context"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Options are the evaluation options.
type Options = eval.Options

// Load evaluates the root module in dir and translates it into a model.
func Load(dir string, opts Options) (*model.Model, *eval.Result, diag.Diagnostics) {
	return LoadContext(context.Background(), dir, opts)
}

// LoadContext is Load with a context: once ctx is done, evaluation stops
// early, nothing is translated and the model is incomplete; the caller must
// then discard it (ctx.Err() says so).
func LoadContext(ctx context.Context, dir string, opts Options) (*model.Model, *eval.Result, diag.Diagnostics) {
	res, ds := eval.EvaluateContext(ctx, dir, opts)
	if ctx.Err() != nil {
		// Translation is quick, but of an incomplete result it is wasted.
		return &model.Model{Source: model.Terraform, Root: dir}, res, ds
	}
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

// Translate turns instances that another front end built (package
// parsers/tfplan reads them from plan or state JSON) into a model, with
// the suppressions of res.Files: every AWS type is mapped here only.
func Translate(res *eval.Result) (*model.Model, diag.Diagnostics) {
	m, ds := toModel(res, Options{})
	if res != nil {
		var sds diag.Diagnostics
		m.Suppressions, sds = suppressions(res.Files)
		ds = append(ds, sds...)
	}
	return m, ds
}
