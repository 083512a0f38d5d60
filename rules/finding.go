package rules

import (
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// Finding is one problem a rule reports about one resource.
type Finding struct {
	// Rule is the ID of the rule that reported it.
	Rule string
	// Severity is the rule's effective severity (never Off).
	Severity Severity
	// Verdict is the cluster verdict the finding is about.
	Verdict model.Tri
	// Subject is the address of the resource the finding is about.
	Subject string
	// Range is the subject's declaration.
	Range model.Range
	// Callers are the module calls or nested-stack resources through which
	// the declaration was reached, outermost first (see CallChain). When
	// Range lies in a module the user does not edit (one that terraform
	// init downloaded), a caller is where the finding can be fixed.
	Callers []Call
	// Message names the rule, the subject and what is wrong, with file:line.
	Message string
	// Remediation says how to fix it.
	Remediation string
	// Related are the links the message points at (the broken links).
	Related []network.Link
	// Unknowns are the unresolved facts behind an unknown verdict.
	Unknowns []network.Unknown

	// Fingerprint identifies the finding across runs, line moves and
	// reformatting (see Fingerprint); the runner fills it in.
	Fingerprint string
	// Suppressed is the suppression written in the code that silences the
	// finding, or nil. A suppressed finding is still reported but does not
	// count (see Counts).
	Suppressed *model.Suppression
	// Expired is a suppression of the finding whose until date has passed:
	// the finding counts again, and its message says so.
	Expired *model.Suppression
	// Baseline is true when the finding's fingerprint is in the baseline
	// the run was given: a known finding, reported but not counted.
	Baseline bool

	// causes are the facts that explain the finding, free of positions:
	// what Fingerprint hashes besides the rule and subject.
	causes []string
}

// Counts reports whether the finding counts toward the exit status: it is
// neither suppressed nor in the baseline.
func (f *Finding) Counts() bool { return f.Suppressed == nil && !f.Baseline }

// clusterFinding is a finding about cluster result c, read from source
// src: on the cluster's declaration (so that inline suppressions and
// baselines work alike for every rule), reached through its chain of
// calls, with the message, the fix, the links the message cites and the
// position-free causes that its fingerprint hashes (see cause). The
// runner fills in the rule, severity and fingerprint.
func clusterFinding(src model.Source, c *network.ClusterResult, message, remediation string, related []network.Link, causes []string) Finding {
	return Finding{
		Verdict:     c.Verdict,
		Subject:     c.Cluster.Address,
		Range:       c.Cluster.Range,
		Callers:     CallChain(src, &c.Cluster.Origin),
		Message:     message,
		Remediation: remediation,
		Related:     related,
		causes:      causes,
	}
}
