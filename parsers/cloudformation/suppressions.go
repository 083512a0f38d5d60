package cloudformation

import (
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/suppress"
)

// suppressions records the suppressions a resource declares in
// `Metadata: {daslint: {ignore: [{rule, reason, until}]}}`. Metadata is
// free-form to CloudFormation, so its values are read as written, not
// evaluated. A malformed entry is an error and does not apply: a
// suppression that silently failed to parse would hide nothing, but one
// that silently applied without a reason would hide a finding nobody
// justified.
func (s *stack) suppressions(r *resource, o model.Origin) {
	list := r.node.get("Metadata").get("daslint").get("ignore")
	if list == nil {
		return
	}
	if list.kind != seqNode {
		s.errorf(list, "Metadata.daslint.ignore of %s must be a list of {rule, reason, until}; the suppression does not apply", r.id)
		return
	}
	for _, item := range list.items {
		if sup := s.suppression(r, item); sup != nil {
			sup.Target = o.Range
			for _, rule := range strings.Split(sup.Rule, ",") {
				one := *sup
				one.Rule = rule
				s.ld.m.Suppressions = append(s.ld.m.Suppressions, &one)
			}
		}
	}
}

// suppression reads one entry of Metadata.daslint.ignore, or reports why it
// cannot apply.
func (s *stack) suppression(r *resource, n *node) *model.Suppression {
	where := "Metadata.daslint.ignore entry of " + r.id
	if n.kind != mapNode {
		s.errorf(n, "%s must be a mapping {rule, reason, until}; the suppression does not apply", where)
		return nil
	}
	for _, k := range n.keys {
		switch k.value {
		case "rule", "reason", "until":
		default:
			s.errorf(k, "%s: unknown key %q (want rule, reason, until); the suppression does not apply", where, k.value)
			return nil
		}
	}
	rule, reason, until := metaText(n.get("rule")), strings.TrimSpace(metaText(n.get("reason"))), metaText(n.get("until"))
	if rule == "" {
		s.errorf(n, "%s has no rule; the suppression does not apply", where)
		return nil
	}
	rules, err := suppress.ParseRules(rule)
	if err != nil {
		s.errorf(n.get("rule"), "%s: %v; the suppression does not apply", where, err)
		return nil
	}
	if reason == "" {
		s.errorf(n, "%s (%s) has no reason: say why the finding is accepted; the suppression does not apply", where, rule)
		return nil
	}
	if until != "" {
		if until, err = suppress.ParseDate(until); err != nil {
			s.errorf(n.get("until"), "%s: %v; the suppression does not apply", where, err)
			return nil
		}
	}
	return &model.Suppression{
		Rule:   strings.Join(rules, ","),
		Reason: reason,
		Until:  until,
		Range:  model.Range{File: s.file, Line: n.line, Column: n.col, EndLine: n.endLine},
	}
}

// metaText is the text of a scalar node, or "" for anything else.
func metaText(n *node) string {
	if n == nil || n.kind != scalarNode || n.isNull() {
		return ""
	}
	return n.value
}
