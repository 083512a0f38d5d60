package report

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// TextOptions control the text format.
type TextOptions struct {
	// Color enables ANSI colour and bold; the caller decides (a terminal,
	// no NO_COLOR, no --no-color).
	Color bool
	// ShowSuppressed shows suppressed findings, marked, instead of only
	// counting them. Findings in the baseline are always only counted.
	ShowSuppressed bool
	// Verbose prints the full witness chain of every passing placement,
	// link by link with file:line, instead of one line per distinct route.
	Verbose bool
	// Width wraps the lines at that many columns (the terminal's width),
	// continuation lines indented under the line they continue; 0 does
	// not wrap. Words (paths, addresses, positions) are never cut.
	Width int
	// ASCII writes the symbols of the format in ASCII (+ x ? -> |- `-)
	// for terminals without Unicode.
	ASCII bool
	// Elapsed, when positive, is the time the run took; the summary line
	// ends with it. The caller measures it, so tests can fix it. (The JSON
	// has no time: the same input gives the same bytes, docs/output.md#json-report.)
	Elapsed time.Duration
}

// Text writes r for people: grouped by file, each cluster in bold with its
// verdict and its findings, then its placements (instance in subnet) grouped
// by what explains them: for a fail or unknown, the broken link of each path
// as an indented tree; for a pass, one line per distinct route (the full
// witness with Verbose). Then the input problems and a one-line summary with
// counts and time. It normalizes r first.
func Text(w io.Writer, r *Report, opts TextOptions) error {
	r.Normalize()
	// Written as it is printed: a report of thousands of clusters is
	// megabytes that a builder would copy as it grows.
	bw := bufio.NewWriterSize(w, 64<<10)
	p := &printer{w: bw, opts: opts}
	p.body(r)
	return bw.Flush()
}

type printer struct {
	// w keeps the first write error, which Flush returns.
	w    *bufio.Writer
	opts TextOptions
	// tail is written after the next line that emit wraps, unwrapped.
	tail string
}

// hidden reports whether a finding is left out of the text (it is still
// counted in the summary).
func (p *printer) hidden(f Finding) bool {
	return f.Baseline || (f.Suppressed != nil && !p.opts.ShowSuppressed)
}

const (
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiReset  = "\x1b[0m"
)

func (p *printer) style(code, s string) string {
	if !p.opts.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

// verdictColor is the colour of a verdict and of its mark.
func verdictColor(v string) string {
	switch v {
	case VerdictPass:
		return ansiGreen
	case VerdictFail:
		return ansiRed
	default:
		return ansiYellow
	}
}

// mark is the one-character sign of a verdict, for scanning a long report.
func (p *printer) mark(v string) string {
	m := "?"
	switch v {
	case VerdictPass:
		m = "✓"
	case VerdictFail:
		m = "✗"
	}
	return p.style(verdictColor(v), m)
}

func (p *printer) verdict(v string) string {
	return p.style(verdictColor(v), strings.ToUpper(v))
}

func (p *printer) severity(s string) string {
	if s == "error" {
		return p.style(ansiRed, s)
	}
	return p.style(ansiYellow, s)
}

// pos prints a position dimmed: it is there to be clicked, not read. A
// line never breaks inside it.
func (p *printer) pos(file string, line int) string {
	return p.style(ansiDim, strings.ReplaceAll(position(file, line, 0), " ", keep))
}

// hanging is how much deeper than its own indentation a wrapped line
// continues: two levels, so that a continuation cannot be mistaken for a
// line one level below (a finding's fix, a placement's tree).
const hanging = "    "

// line writes one indented line, wrapped; a text with line breaks (a
// message written for the JSON) continues one level deeper, and wrapped
// lines two levels deeper.
func (p *printer) line(indent int, format string, args ...any) {
	pad := strings.Repeat("  ", indent)
	text := fmt.Sprintf(format, args...)
	for i, para := range strings.Split(text, "\n") {
		if i == 0 {
			p.emit(pad, pad+hanging, para)
		} else {
			p.emit(pad+"  ", pad+"  "+hanging, para)
		}
	}
}

// emit writes text wrapped to the width, its first line prefixed by first
// and the lines that continue it by cont.
func (p *printer) emit(first, cont, text string) {
	if p.opts.ASCII {
		first, cont, text = asciiText.Replace(first), asciiText.Replace(cont), asciiText.Replace(text)
		p.tail = asciiText.Replace(p.tail)
	}
	if !strings.Contains(text, "\n") && (p.opts.Width <= 0 || columns(first)+columns(text) <= p.opts.Width) {
		// The usual line, which fits: no need to split it into words.
		p.write(strings.TrimRight(first+text, " ") + p.tail)
		p.tail = ""
		return
	}
	lines := wrap(text, p.opts.Width, first, cont)
	lines[len(lines)-1] += p.tail
	p.tail = ""
	for _, l := range lines {
		p.write(l)
	}
}

// write writes one line, the spaces kept from breaking made spaces again.
func (p *printer) write(line string) {
	if strings.Contains(line, keep) {
		line = strings.ReplaceAll(line, keep, " ")
	}
	_, _ = p.w.WriteString(line)
	_ = p.w.WriteByte('\n')
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
	// The clusters and loose findings of each file, in report order.
	type inFile struct {
		clusters []Cluster
		loose    []Finding
	}
	files := map[string]*inFile{}
	at := func(file string) *inFile {
		if files[file] == nil {
			files[file] = &inFile{}
		}
		return files[file]
	}
	for _, f := range r.Findings {
		if p.hidden(f) {
			continue
		}
		k := key{f.File, f.Resource}
		if clusterKeys[k] {
			byCluster[k] = append(byCluster[k], f)
			continue
		}
		at(f.File).loose = append(at(f.File).loose, f)
	}
	for _, c := range r.Clusters {
		at(c.File).clusters = append(at(c.File).clusters, c)
	}
	for _, file := range slices.Sorted(maps.Keys(files)) {
		p.line(0, "%s", p.style(ansiBold, file))
		for _, c := range files[file].clusters {
			p.cluster(c, byCluster[key{c.File, c.ID}])
		}
		for _, f := range files[file].loose {
			p.finding(1, f)
		}
		_ = p.w.WriteByte('\n')
	}
	if len(r.Errors) > 0 {
		p.line(0, "%s", p.style(ansiBold, "input problems"))
		for _, e := range r.Errors {
			p.line(1, "%s: %s: %s", strings.ReplaceAll(position(e.File, e.Line, e.Column), " ", keep), p.severity(e.Severity), e.Message)
		}
		_ = p.w.WriteByte('\n')
	}
	p.summary(r)
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
	if len(f.Callers) > 0 {
		p.line(indent+1, "through: %s", callChain(f, p.pos))
	}
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
	elapsed := ""
	if p.opts.Elapsed > 0 {
		elapsed = "; done in " + roundDuration(p.opts.Elapsed).String()
	}
	// The time ends the last line whatever its length: were it wrapped
	// with the rest, where the line breaks would depend on how long the
	// run took.
	p.tail = elapsed
	p.line(0, "%s, %s: %d pass, %d fail, %d unknown; %s; %s",
		plural(s.Files, "file"), plural(s.Clusters, "cluster"), s.Pass, s.Fail, s.Unknown,
		findings, plural(s.Errors, "input problem"))
}

// roundDuration keeps two or three significant digits: 1.24s, 87ms, 312µs.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	default:
		return d.Round(time.Microsecond)
	}
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
