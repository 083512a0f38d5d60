package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// TextOptions control the text format.
type TextOptions struct {
	// Color enables ANSI colour and bold; the caller decides (a terminal,
	// no NO_COLOR, no --no-color).
	Color bool
	// ShowSuppressed shows suppressed findings, marked, instead of only
	// counting them. Findings in the baseline are always only counted.
	ShowSuppressed bool
}

// Text writes r for people: grouped by file, each cluster in bold with its
// verdict, the witness or broken chains as indented trees with file:line,
// the findings with their fix, then the input errors and a one-line summary.
// It normalizes r first.
func Text(w io.Writer, r *Report, opts TextOptions) error {
	r.Normalize()
	p := &printer{color: opts.Color, showSuppressed: opts.ShowSuppressed}
	p.body(r)
	_, err := io.WriteString(w, p.w.String())
	return err
}

type printer struct {
	w              strings.Builder
	color          bool
	showSuppressed bool
}

// hidden reports whether a finding is left out of the text (it is still
// counted in the summary).
func (p *printer) hidden(f Finding) bool {
	return f.Baseline || (f.Suppressed != nil && !p.showSuppressed)
}

const (
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiReset  = "\x1b[0m"
)

func (p *printer) style(code, s string) string {
	if !p.color {
		return s
	}
	return code + s + ansiReset
}

func (p *printer) verdict(v string) string {
	switch v {
	case VerdictPass:
		return p.style(ansiGreen, strings.ToUpper(v))
	case VerdictFail:
		return p.style(ansiRed, strings.ToUpper(v))
	default:
		return p.style(ansiYellow, strings.ToUpper(v))
	}
}

func (p *printer) severity(s string) string {
	if s == "error" {
		return p.style(ansiRed, s)
	}
	return p.style(ansiYellow, s)
}

func (p *printer) line(indent int, format string, args ...any) {
	p.w.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(&p.w, format, args...)
	p.w.WriteByte('\n')
}

func (p *printer) body(r *Report) {
	// Findings are shown with the cluster they concern; any other finding
	// (a future rule about another resource) is listed under its file.
	type key struct{ file, id string }
	byCluster := map[key][]Finding{}
	clusterKeys := map[key]bool{}
	for _, c := range r.Clusters {
		clusterKeys[key{c.File, c.ID}] = true
	}
	files := map[string]bool{}
	var loose []Finding
	for _, f := range r.Findings {
		if p.hidden(f) {
			continue
		}
		k := key{f.File, f.Resource}
		if clusterKeys[k] {
			byCluster[k] = append(byCluster[k], f)
			continue
		}
		loose = append(loose, f)
		files[f.File] = true
	}
	for _, c := range r.Clusters {
		files[c.File] = true
	}
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	slices.Sort(names)
	for _, file := range names {
		p.line(0, "%s", p.style(ansiBold, file))
		for _, c := range r.Clusters {
			if c.File == file {
				p.cluster(c, byCluster[key{c.File, c.ID}])
			}
		}
		for _, f := range loose {
			if f.File == file {
				p.finding(1, f)
			}
		}
		p.w.WriteByte('\n')
	}
	if len(r.Errors) > 0 {
		p.line(0, "%s", p.style(ansiBold, "input problems"))
		for _, e := range r.Errors {
			p.line(1, "%s: %s: %s", position(e.File, e.Line, e.Column), p.severity(e.Severity), e.Message)
		}
		p.w.WriteByte('\n')
	}
	p.summary(r)
}

func (p *printer) cluster(c Cluster, findings []Finding) {
	head := fmt.Sprintf("%s (line %d): %s", p.style(ansiBold, c.ID), c.Line, p.verdict(c.Verdict))
	if c.Path != nil {
		head += " via " + *c.Path
	}
	p.line(1, "%s", head)
	for _, u := range c.Unknowns {
		p.unknown(2, u)
	}
	// Instances in the same subnet usually share every link; their chains
	// are printed once and referred to afterwards.
	shown := map[string]string{}
	for _, in := range c.Instances {
		label := in.ID
		if in.Subnet != "" {
			label += " in " + in.Subnet
		}
		head := label + ": " + in.Verdict
		if in.Path != nil {
			head += " via " + *in.Path
		}
		key := explanationKey(in)
		if first, ok := shown[key]; ok {
			p.line(2, "%s, as %s", head, first)
			continue
		}
		shown[key] = label
		p.line(2, "%s", head)
		p.instance(in)
	}
	for _, f := range findings {
		p.finding(2, f)
	}
}

// explanationKey identifies what instance prints below its heading.
func explanationKey(in Instance) string {
	return fmt.Sprintf("%s\x00%v\x00%v\x00%v", in.Verdict, in.Witness, in.Broken, in.Unknowns)
}

func (p *printer) instance(in Instance) {
	for i, l := range in.Witness {
		branch := ""
		switch {
		case i == 0:
		case i == len(in.Witness)-1:
			branch = "└─ "
		default:
			branch = "├─ "
		}
		p.line(3, "%s%s  %s", branch, l.Text, position(l.File, l.Line, 0))
	}
	paths := make([]string, 0, len(in.Broken))
	for name := range in.Broken {
		paths = append(paths, name)
	}
	slices.Sort(paths)
	for _, name := range paths {
		b := in.Broken[name]
		status := "broken"
		if b.Status == VerdictUnknown {
			status = "unknown"
		}
		p.line(3, "%s: %s at %s  %s", name, status, b.Link, position(b.File, b.Line, 0))
		p.line(4, "└─ %s", b.Reason)
	}
	for _, u := range in.Unknowns {
		p.unknown(3, u)
	}
}

func (p *printer) unknown(indent int, u Unknown) {
	text := fmt.Sprintf("? %s (%s, %s)", u.Reason, u.Kind, position(u.File, u.Line, 0))
	if u.UsedFile != "" && (u.UsedFile != u.File || u.UsedLine != u.Line) {
		text += ", used at " + position(u.UsedFile, u.UsedLine, 0)
	}
	p.line(indent, "%s", text)
}

func (p *printer) finding(indent int, f Finding) {
	// Messages name their rule for readers of the JSON; here the rule is
	// already in front.
	msg := strings.TrimPrefix(f.Message, f.Rule+": ")
	if f.Suppressed != nil {
		p.line(indent, "suppressed %s %s: %s", f.Severity, f.Rule, msg)
		until := ""
		if f.Suppressed.Until != nil {
			until = " until " + *f.Suppressed.Until
		}
		p.line(indent+1, "reason: %s (%s%s)", f.Suppressed.Reason, position(f.Suppressed.File, f.Suppressed.Line, 0), until)
		return
	}
	p.line(indent, "%s %s: %s", p.severity(f.Severity), f.Rule, msg)
	if f.Remediation != "" {
		p.line(indent+1, "fix: %s", f.Remediation)
	}
}

func (p *printer) summary(r *Report) {
	s := r.Summary
	bySeverity := map[string]int{}
	suppressed, known := 0, 0
	for _, f := range r.Findings {
		switch {
		case f.Suppressed != nil:
			suppressed++
		case f.Baseline:
			known++
		default:
			bySeverity[f.Severity]++
		}
	}
	sev := make([]string, 0, len(bySeverity))
	for name := range bySeverity {
		sev = append(sev, name)
	}
	slices.Sort(sev)
	var counts []string
	for _, name := range sev {
		counts = append(counts, fmt.Sprintf("%d %s", bySeverity[name], name))
	}
	findings := plural(len(r.Findings)-suppressed-known, "finding")
	if len(counts) > 0 {
		findings += " (" + strings.Join(counts, ", ") + ")"
	}
	if suppressed > 0 {
		findings += fmt.Sprintf(", %d suppressed", suppressed)
	}
	if known > 0 {
		findings += fmt.Sprintf(", %d in the baseline", known)
	}
	p.line(0, "%s, %s: %d pass, %d fail, %d unknown; %s; %s",
		plural(s.Files, "file"), plural(s.Clusters, "cluster"), s.Pass, s.Fail, s.Unknown,
		findings, plural(s.Errors, "input problem"))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func position(file string, line, col int) string {
	switch {
	case file == "":
		return "(unknown position)"
	case line == 0:
		return file
	case col == 0:
		return fmt.Sprintf("%s:%d", file, line)
	default:
		return fmt.Sprintf("%s:%d:%d", file, line, col)
	}
}
