package rules

import (
	"cmp"
	"context"
	"time"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// Options control a run.
type Options struct {
	// Network are the options of the shared network analysis.
	Network network.Options
	// Severity overrides rules' default severities by rule ID; Off disables
	// a rule (as `--unknown ignore` does for DAS002).
	Severity map[string]Severity
	// Today is the date against which suppressions' until dates are
	// checked; the caller supplies the clock, so that tests can fix it.
	// Zero means no suppression expires.
	Today time.Time
	// Baseline holds the fingerprints of known findings (see Fingerprint):
	// a finding whose fingerprint is in it is marked Baseline.
	Baseline map[string]bool
}

// Result is the outcome for one model.
type Result struct {
	Model *model.Model
	// Clusters is the network analysis: one result per cluster with an
	// activity stream, reported whether or not any rule fired.
	Clusters []network.ClusterResult
	Findings []Finding
}

// Run analyses each model once and runs every rule of set over it, in the
// order of set. A nil model is skipped.
func Run(models []*model.Model, set []*Rule, opts Options) []Result {
	out, _ := RunContext(context.Background(), models, set, opts)
	return out
}

// RunContext is Run with a context: once ctx is done, it stops within the
// model being analysed and returns the results of the models finished
// before, in order, with ctx.Err(). Those are the first of models, nils
// left out; the caller reports the others as not analysed.
func RunContext(ctx context.Context, models []*model.Model, set []*Rule, opts Options) ([]Result, error) {
	return run(ctx, models, set, opts, network.AnalyzeContext)
}

// analyzer is the shared analysis a run requires; tests substitute it.
type analyzer func(context.Context, *model.Model, network.Options) ([]network.ClusterResult, error)

func run(ctx context.Context, models []*model.Model, set []*Rule, opts Options, analyze analyzer) ([]Result, error) {
	var out []Result
	for _, m := range models {
		if m == nil {
			continue
		}
		clusters, err := analyze(ctx, m, opts.Network)
		if err != nil {
			return out, err
		}
		res := Result{Model: m, Clusters: clusters}
		for _, r := range set {
			sev := r.Severity
			if s, ok := opts.Severity[r.ID]; ok {
				sev = s
			}
			if sev == Off || r.Check == nil {
				continue
			}
			p := &Pass{
				Rule:     r,
				Model:    m,
				Clusters: res.Clusters,
				severity: sev,
				report:   func(f Finding) { res.Findings = append(res.Findings, f) },
			}
			r.Check(p)
		}
		for i := range res.Findings {
			f := &res.Findings[i]
			f.Fingerprint = Fingerprint(cmp.Or(m.Key, m.Root), f)
			f.Baseline = opts.Baseline[f.Fingerprint]
		}
		applySuppressions(res.Findings, m.Suppressions, opts.Today)
		out = append(out, res)
	}
	return out, nil
}
