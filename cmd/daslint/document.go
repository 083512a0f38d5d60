package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/parallel"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/report"
	"github.com/daslint/daslint/rules"
)

// document assembles the report: this is where the analysis's AWS notions
// (clusters, paths, links) become the plain records package report prints.
func document(set *parsers.Set, results []rules.Result, ds diag.Diagnostics, ver string) *report.Report {
	return documentNamed(set, results, ds, ver, nil)
}

// documentNamed is document with names: files the report calls by another
// name (standard input's staged file is "<stdin>"), by path as read.
func documentNamed(set *parsers.Set, results []rules.Result, ds diag.Diagnostics, ver string, names map[string]string) *report.Report {
	return documentIn(set, results, ds, ver, names, 0)
}

// clustersPart is how many clusters one part of a report's clusters
// holds when they are made on several goroutines (documentIn).
const clustersPart = 16

// documentIn is documentNamed with the clusters' records made by up to
// workers goroutines (0: one per processor), in parts of clustersPart
// when there are four parts' worth or more, each part with a relativizer
// of its own (its cache is not shared). A record reads only its cluster's
// results and model, so the records are those made one after the other.
func documentIn(set *parsers.Set, results []rules.Result, ds diag.Diagnostics, ver string, names map[string]string, workers int) *report.Report {
	rel := relativizer(names)
	doc := &report.Report{Schema: report.Schema, Version: ver, Summary: report.Summary{Files: set.Files}}
	type clusterJob struct {
		m *model.Model
		c *network.ClusterResult
	}
	var jobs []clusterJob
	for _, res := range results {
		for i := range res.Clusters {
			if c := &res.Clusters[i]; c.Unattached() || c.Cluster != nil {
				jobs = append(jobs, clusterJob{res.Model, c})
			}
		}
	}
	doc.Clusters = make([]report.Cluster, len(jobs))
	recordPart := func(lo, hi int, rel func(string) string) {
		for i, j := range jobs[lo:hi] {
			if j.c.Unattached() {
				doc.Clusters[lo+i] = streamOf(j.m, *j.c, rel)
			} else {
				doc.Clusters[lo+i] = clusterOf(j.m, *j.c, rel)
			}
		}
	}
	if workers = parallel.Workers(workers); workers < 2 || len(jobs) < 4*clustersPart {
		recordPart(0, len(jobs), rel)
	} else {
		parts := (len(jobs) + clustersPart - 1) / clustersPart
		parallel.ForEach(parts, workers, func(p int) {
			recordPart(p*clustersPart, min(len(jobs), (p+1)*clustersPart), relativizer(names))
		})
	}
	if len(doc.Clusters) == 0 {
		doc.Clusters = nil
	}
	for _, res := range results {
		for _, f := range res.Findings {
			var related []report.Link
			for _, l := range f.Related {
				related = append(related, linkOf(l, rel))
			}
			doc.Findings = append(doc.Findings, report.Finding{
				Rule:        f.Rule,
				Severity:    string(f.Severity),
				Resource:    f.Subject,
				File:        rel(f.Range.File),
				Line:        f.Range.Line,
				EndLine:     f.Range.EndLine,
				Message:     f.Message,
				Remediation: f.Remediation,
				Fingerprint: f.Fingerprint,
				Suppressed:  suppressionOf(f.Suppressed, rel),
				Baseline:    f.Baseline,
				Callers:     callersOf(f.Callers, rel),
				Related:     related,
			})
		}
	}
	for _, d := range ds.Sort() {
		doc.Errors = append(doc.Errors, report.Error{
			File:     rel(d.Range.File),
			Line:     d.Range.Line,
			Column:   d.Range.Column,
			Severity: string(d.Severity),
			Message:  d.Message,
		})
	}
	doc.Rules = reportRules(rules.All())
	doc.Normalize()
	return doc
}

// reportRules describes rules for the formats that list them (SARIF).
func reportRules(rs []*rules.Rule) []report.Rule {
	var out []report.Rule
	for _, r := range rs {
		out = append(out, report.Rule{
			ID:               r.ID,
			Name:             r.Name,
			Title:            r.Title,
			Description:      r.Description,
			Severity:         string(r.Severity),
			Help:             r.Doc,
			Tags:             r.Tags,
			SecuritySeverity: r.SecuritySeverity,
			Precision:        r.Precision,
		})
	}
	return out
}

func clusterOf(m *model.Model, c network.ClusterResult, rel func(string) string) report.Cluster {
	out := report.Cluster{
		ID:      c.Cluster.Address,
		Source:  string(m.Source),
		File:    rel(c.Cluster.Range.File),
		Line:    c.Cluster.Range.Line,
		Verdict: verdict(c.Verdict),
	}
	if c.Cluster.Engine.Known() {
		out.Engine = &c.Cluster.Engine.Value
	}
	if c.Verdict == model.True && c.Path != "" {
		out.Path = pathName(c.Path)
	}
	if len(c.Instances) > 0 {
		out.Instances = make([]report.Instance, 0, len(c.Instances))
	}
	for _, ir := range c.Instances {
		out.Instances = append(out.Instances, instanceOf(ir, rel, m.Joined))
	}
	out.Unknowns = unknownsOf(c.Unknowns, rel)
	out.From = sourceOf(c.Cluster.From, rel)
	out.Callers = callersOf(rules.CallChain(m.Source, &c.Cluster.Origin), rel)
	return out
}

// streamOf reports an activity stream whose cluster is not in the scanned
// code as a cluster entry of its own (docs/semantics.md#never-silent): the stream's address and
// position, verdict unknown, and why its cluster is not known.
func streamOf(m *model.Model, c network.ClusterResult, rel func(string) string) report.Cluster {
	s := c.Stream
	return report.Cluster{
		ID:         s.Address,
		Source:     string(m.Source),
		File:       rel(s.Range.File),
		Line:       s.Range.Line,
		Verdict:    verdict(c.Verdict),
		Unknowns:   unknownsOf(c.Unknowns, rel),
		Callers:    callersOf(rules.CallChain(m.Source, &s.Origin), rel),
		Unattached: true,
	}
}

func instanceOf(ir network.InstanceResult, rel func(string) string, joined []string) report.Instance {
	out := report.Instance{
		ID:       ir.Instance,
		Subnet:   ir.Subnet,
		Verdict:  verdict(ir.Verdict),
		Unknowns: unknownsOf(ir.Unknowns, rel),
	}
	if ir.Verdict == model.True && ir.Path != "" {
		out.Path = pathName(ir.Path)
	}
	if len(ir.Witness) > 0 {
		out.Witness = make([]report.Link, 0, len(ir.Witness))
	}
	for _, l := range ir.Witness {
		out.Witness = append(out.Witness, linkOf(l, rel))
	}
	for p, b := range ir.Broken {
		if b == nil {
			continue
		}
		if out.Broken == nil {
			out.Broken = map[string]report.Broken{}
		}
		status := "false"
		if b.Status != model.False {
			status = "unknown"
		}
		br := report.Broken{
			Link: b.Text, File: rel(b.Range.File), Line: b.Range.Line,
			Status: status, Reason: b.Reason, Fix: b.Fix, Address: b.Address,
		}
		switch {
		case b.From != nil:
			br.From = sourceOf(b.From, rel)
			br.Source = br.From.File
			if len(br.From.Callers) > 0 {
				// The other root's call, which the user edits, not
				// the shared module's file (docs/semantics.md#where-a-run-starts-does-not-matter).
				br.Source = br.From.Callers[0].File
			}
		case slices.Contains(joined, b.Range.File):
			// A join that does not yet say where its objects came from:
			// the file is all that is known.
			br.Source = br.File
		}
		out.Broken[string(p)] = br
		if len(b.Held) > 0 {
			if out.Held == nil {
				out.Held = map[string][]report.Link{}
			}
			for _, l := range b.Held {
				out.Held[string(p)] = append(out.Held[string(p)], linkOf(l, rel))
			}
		}
	}
	return out
}

// callersOf is a finding's chain of calls as the report prints it.
func callersOf(cs []rules.Call, rel func(string) string) []report.Caller {
	var out []report.Caller
	for _, c := range cs {
		out = append(out, report.Caller{File: rel(c.Range.File), Line: c.Range.Line, Module: c.Address})
	}
	return out
}

// linkOf is a link of the analysis as the report prints it.
func linkOf(l network.Link, rel func(string) string) report.Link {
	return report.Link{Text: l.Text, File: rel(l.Range.File), Line: l.Range.Line, Address: l.Address, Subject: subjectName(l.Address),
		Source: sourceOf(l.From, rel)}
}

// sourceOf is the provenance of a link's object as the report prints it,
// or nil for the linted root's own objects (docs/semantics.md#where-a-link-came-from).
func sourceOf(p *model.Provenance, rel func(string) string) *report.Source {
	if p == nil {
		return nil
	}
	s := &report.Source{Kind: string(p.Kind), File: rel(p.File), Line: p.Line, ID: p.ID}
	// The module calls in the other root, named from the object's address
	// there as a finding's callers are.
	for _, c := range rules.CallChain(model.Terraform, &model.Origin{Address: p.ID, Callers: p.Callers}) {
		s.Callers = append(s.Callers, report.Caller{File: rel(c.Range.File), Line: c.Range.Line, Module: c.Address})
	}
	return s
}

// subjectName names the resource a link rests on as the analysis's texts
// do: an implicit object (a VPC's default network ACL or main route table)
// has an internal address, which reads "the default network acl of
// aws_vpc.main".
func subjectName(addr string) string {
	if vpc, kind, ok := model.ImplicitOf(addr); ok {
		return "the " + strings.ReplaceAll(kind, "-", " ") + " of " + vpc
	}
	return addr
}

func unknownsOf(us []network.Unknown, rel func(string) string) []report.Unknown {
	var out []report.Unknown
	for _, u := range us {
		r := report.Unknown{Subject: u.Subject, UsedFile: rel(u.Used.File), UsedLine: u.Used.Line}
		if u.Unresolved != nil {
			r.Kind, r.Reason = string(u.Kind), u.Reason
			r.File, r.Line = rel(u.Range.File), u.Range.Line
		}
		out = append(out, r)
	}
	return out
}

func verdict(t model.Tri) string {
	switch t {
	case model.True:
		return report.VerdictPass
	case model.False:
		return report.VerdictFail
	default:
		return report.VerdictUnknown
	}
}

func pathName(p network.Path) *string {
	s := string(p)
	return &s
}

// relativizer returns a function that writes a file path relative to the
// working directory when it lies below it, with / separators (docs/output.md#json-report).
// A report names a few files many times (every link of every witness), so
// each answer is kept: the function is for one goroutine. A file in names
// is written as names says.
func relativizer(names map[string]string) func(string) string {
	wd, err := os.Getwd()
	seen := map[string]string{}
	return func(f string) string {
		if f == "" {
			return ""
		}
		if r, ok := seen[f]; ok {
			return r
		}
		if r, ok := names[filepath.FromSlash(f)]; ok {
			seen[f] = r
			return r
		}
		r := f
		if filepath.IsAbs(f) && err == nil {
			if rr, rerr := filepath.Rel(wd, f); rerr == nil && rr != ".." && !strings.HasPrefix(rr, ".."+string(filepath.Separator)) {
				r = rr
			}
		}
		r = filepath.ToSlash(filepath.Clean(r))
		seen[f] = r
		return r
	}
}

func suppressionOf(s *model.Suppression, rel func(string) string) *report.Suppression {
	if s == nil {
		return nil
	}
	out := &report.Suppression{Reason: s.Reason, File: rel(s.Range.File), Line: s.Range.Line}
	if s.Until != "" {
		until := s.Until
		out.Until = &until
	}
	return out
}
