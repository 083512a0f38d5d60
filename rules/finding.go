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
	// Message names the rule, the subject and what is wrong, with file:line.
	Message string
	// Remediation says how to fix it.
	Remediation string
	// Related are the links the message points at (the broken links).
	Related []network.Link
	// Unknowns are the unresolved facts behind an unknown verdict.
	Unknowns []network.Unknown
}
