package rules

import (
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// Pass is what a rule sees while it checks one model: the model, the shared
// network analysis, and a way to report.
type Pass struct {
	Rule  *Rule
	Model *model.Model
	// Clusters is the network analysis of Model, computed once for all rules.
	Clusters []network.ClusterResult

	severity Severity
	report   func(Finding)
}

// Report records a finding. The pass fills in the rule ID and its effective
// severity.
func (p *Pass) Report(f Finding) {
	f.Rule = p.Rule.ID
	f.Severity = p.severity
	p.report(f)
}
