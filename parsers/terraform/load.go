// Package terraform reads a Terraform root module into the model: package
// eval evaluates the configuration into resource instances, and this package
// translates each AWS resource type that matters for KMS reachability into
// its model object, applying the provider's defaults.
package terraform

import (
	"context"
	"slices"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/parallel"
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
	return FromEvaluation(ctx, dir, res, ds)
}

// FromEvaluation is LoadContext of a root module already evaluated:
// res and ds are what eval.EvaluateContext returned for dir with the same
// options and ctx. It changes neither, so that a root evaluated once for
// another root's terraform_remote_state is not evaluated again when it is
// linted.
func FromEvaluation(ctx context.Context, dir string, res *eval.Result, ds diag.Diagnostics) (*model.Model, *eval.Result, diag.Diagnostics) {
	ds = slices.Clip(ds) // appended to below: never into the caller's array
	if ctx.Err() != nil {
		// Translation is quick, but of an incomplete result it is wasted.
		return &model.Model{Source: model.Terraform, Root: dir}, res, ds
	}
	m, mds := toModel(res, Options{})
	ds = append(ds, mds...)
	if res != nil {
		var sds diag.Diagnostics
		m.Suppressions, sds = suppressions(res.Files, res.Sources)
		ds = append(ds, sds...)
	}
	return m, res, ds
}

// toModel translates every managed resource instance whose meaning the model
// captures. Data sources mostly only feed values into other instances
// (translateData has the exceptions), and resource types that play no part
// in reaching KMS are ignored.
func toModel(res *eval.Result, _ Options) (*model.Model, diag.Diagnostics) {
	m := &model.Model{Source: model.Terraform}
	if res == nil {
		return m, nil
	}
	m.Root = res.Dir
	m.Unread = res.Unread
	m.Joined = joinedFiles(res)
	return translateIn(m, res.Instances, translationParts(len(res.Instances), parallel.Workers(0)))
}

// translatePart is the fewest instances a part of a translation holds: a
// root with fewer than two parts' worth is translated on the caller's
// goroutine (each instance takes microseconds).
const translatePart = 1024

// translationParts is how many parts n instances are translated in by the
// given number of workers: a few per worker, so that parts heavier than
// others (security groups with many rules) even out.
func translationParts(n, workers int) int {
	return max(1, min(4*workers, n/translatePart))
}

// translateIn translates instances into m, in that many contiguous parts
// translated at once. Each instance's translation reads only the instance
// and appends to the model's lists, so the parts' models appended in
// order (Model.AppendObjects), and their diagnostics, are what one
// translation in order gives.
func translateIn(m *model.Model, instances []*eval.Instance, parts int) (*model.Model, diag.Diagnostics) {
	t := newTranslator(m, instances)
	m.Region = t.rootRegion(instances)
	if parts <= 1 {
		t.translateAll(instances)
		return m, t.ds
	}
	done := make([]*translator, parts)
	parallel.ForEach(parts, 0, func(i int) {
		lo, hi := i*len(instances)/parts, (i+1)*len(instances)/parts
		pt := &translator{m: &model.Model{}, maybe: t.maybe}
		pt.translateAll(instances[lo:hi])
		done[i] = pt
	})
	for _, pt := range done {
		m.AppendObjects(pt.m)
		t.ds = append(t.ds, pt.ds...)
	}
	return m, t.ds
}

// translateAll translates instances in order.
func (t *translator) translateAll(instances []*eval.Instance) {
	for _, in := range instances {
		switch {
		case in == nil:
		case in.Mode == eval.Managed:
			t.translate(in)
		case in.Mode == eval.Data:
			t.translateData(in)
		}
	}
}

// Translate turns instances that another front end built (package
// parsers/tfplan reads them from plan or state JSON) into a model, with
// the suppressions of res.Files: every AWS type is mapped here only.
func Translate(res *eval.Result) (*model.Model, diag.Diagnostics) {
	m, ds := toModel(res, Options{})
	if res != nil {
		var sds diag.Diagnostics
		m.Suppressions, sds = suppressions(res.Files, res.Sources)
		ds = append(ds, sds...)
	}
	return m, ds
}

// joinedFiles are the files of the other roots whose objects joined res
// through terraform_remote_state (docs/semantics.md#remote-state), sorted: a link resting on
// one of their objects names its file as the source (docs/semantics.md#where-a-link-came-from). A file
// that is also the root's own (a module both roots call) is left out: an
// object declared there may be the root's own, which has no other source.
func joinedFiles(res *eval.Result) []string {
	own := make(map[string]bool, len(res.Files))
	for _, f := range res.Files {
		own[f] = true
	}
	var out []string
	for _, f := range res.RemoteFiles {
		if !own[f] {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
