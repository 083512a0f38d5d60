package report

import (
	"cmp"
	"slices"
)

// Verdicts as reports spell them.
const (
	VerdictPass    = "pass"
	VerdictFail    = "fail"
	VerdictUnknown = "unknown"
)

// Normalize puts r into its canonical form: arrays sorted by file, line and
// id, nil arrays replaced by empty ones (JSON [] rather than null), the
// summary recounted from the contents. Witness chains keep their order:
// they run from the instance outward. Formatters call it; it is idempotent.
func (r *Report) Normalize() {
	if r.Schema == "" {
		r.Schema = Schema
	}
	r.Clusters = nonNil(r.Clusters)
	r.Findings = nonNil(r.Findings)
	r.Errors = nonNil(r.Errors)
	for i := range r.Findings {
		r.Findings[i].Callers = nonNil(r.Findings[i].Callers)
	}
	for i := range r.Clusters {
		c := &r.Clusters[i]
		c.Instances = nonNil(c.Instances)
		c.Unknowns = sortUnknowns(c.Unknowns)
		for j := range c.Instances {
			in := &c.Instances[j]
			in.Witness = nonNil(in.Witness)
			in.Unknowns = sortUnknowns(in.Unknowns)
			if len(in.Broken) == 0 {
				in.Broken = nil
			}
		}
		slices.SortStableFunc(c.Instances, func(a, b Instance) int {
			return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Subnet, b.Subnet))
		})
	}
	slices.SortStableFunc(r.Clusters, func(a, b Cluster) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.ID, b.ID))
	})
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Resource, b.Resource), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
	slices.SortStableFunc(r.Errors, func(a, b Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.Message, b.Message))
	})
	slices.SortStableFunc(r.Rules, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	r.recount()
}

func (r *Report) recount() {
	s := Summary{Files: r.Summary.Files, Clusters: len(r.Clusters), Errors: len(r.Errors)}
	for _, c := range r.Clusters {
		switch c.Verdict {
		case VerdictPass:
			s.Pass++
		case VerdictFail:
			s.Fail++
		default:
			s.Unknown++
		}
	}
	r.Summary = s
}

func sortUnknowns(us []Unknown) []Unknown {
	us = nonNil(us)
	slices.SortStableFunc(us, func(a, b Unknown) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.UsedFile, b.UsedFile), cmp.Compare(a.UsedLine, b.UsedLine))
	})
	return us
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
