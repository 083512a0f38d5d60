package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MarkdownMarker opens every Markdown report: an HTML comment, invisible
// once rendered, by which a bot finds the comment it posted before and
// updates it instead of adding another (one sticky comment per pull
// request).
const MarkdownMarker = "<!-- daslint-report -->"

// MarkdownLimit is the size of the largest Markdown report, in characters
// (Unicode code points, as Go counts runes): GitHub refuses a comment
// "longer than 65536 characters". A report of that many runes is at most
// 262,144 bytes in UTF-8, the byte bound measured on comment bodies, so it
// fits whichever way GitHub counts.
const MarkdownLimit = 65536

// Markdown writes r as a report to paste into a pull-request comment
// (GitHub-flavoured Markdown), at most MarkdownLimit characters: the
// marker, a summary, then the causes (each broken link with its reason and
// fix once, with every cluster and placement it breaks), the input
// problems, then for each cluster that fails or cannot be verified its
// findings, what could not be resolved and a Mermaid flowchart of the
// network its placements pass through, the broken steps in red (unknown
// ones orange and dashed); GitHub renders ```mermaid blocks as diagrams. The
// passing clusters close it, folded. What does not fit is left out whole
// (never half a table row, list item or code block) and counted in a note
// at the end. It normalizes r first.
func Markdown(w io.Writer, r *Report) error {
	return markdownLimited(w, r, MarkdownLimit)
}

// noteReserve is the room kept for the closing note: a few counts and a
// sentence, far less than this.
const noteReserve = 1000

// markdownLimited is Markdown with the size limit as a parameter, for
// tests; limit must exceed noteReserve by the summary's size.
func markdownLimited(w io.Writer, r *Report, limit int) error {
	r.Normalize()
	d := &mdDoc{budget: limit - noteReserve}
	s := r.Summary
	var head strings.Builder
	head.WriteString(MarkdownMarker + "\n")
	fmt.Fprintf(&head, "## daslint: %d pass, %d fail, %d unknown\n\n", s.Pass, s.Fail, s.Unknown)
	fmt.Fprintf(&head, "%s in %s checked by daslint %s; %s.\n\n",
		count(s.Clusters, "cluster"), count(s.Files, "file"), mdText(r.Version), count(s.Errors, "input problem"))
	d.write(head.String())

	var left omitted
	causes := markdownCauses(r.Clusters)
	left.add("cause", len(causes)-d.list("### Causes\n\n", causes, "\n"), len(causes))

	if len(r.Errors) > 0 {
		rows := make([]string, len(r.Errors))
		for i, e := range r.Errors {
			at := fileLine(e.File, e.Line)
			if at == "" {
				at = "(unknown position)"
			}
			rows[i] = fmt.Sprintf("| %s | %s | %s |\n", mdCode(at), mdText(e.Severity), mdText(e.Message))
		}
		left.add("input problem", len(rows)-d.list("### Input problems\n\n| at | severity | message |\n| --- | --- | --- |\n", rows, "\n"), len(rows))
	}

	// The findings about each cluster, in report order.
	type at struct {
		id, file string
		line     int
	}
	about := map[at][]int{}
	for i, f := range r.Findings {
		k := at{f.Resource, f.File, f.Line}
		about[k] = append(about[k], i)
	}
	used := make([]bool, len(r.Findings))
	var failing []Cluster
	var findings [][]Finding
	var passing []string
	for _, c := range r.Clusters {
		var fs []Finding
		for _, i := range about[at{c.ID, c.File, c.Line}] {
			fs, used[i] = append(fs, r.Findings[i]), true
		}
		if c.Verdict == VerdictPass {
			path := ""
			if c.Path != nil {
				path = *c.Path
			}
			passing = append(passing, fmt.Sprintf("| %s | %s | %s |\n", mdCode(c.ID), mdCode(fileLine(c.File, c.Line)), mdText(path)))
			continue
		}
		failing, findings = append(failing, c), append(findings, fs)
	}
	// A cluster's section, with its diagram, is written only if it
	// fits: those left out are never built.
	section := func(i int) string {
		var b strings.Builder
		markdownCluster(&b, failing[i], findings[i])
		return b.String()
	}
	left.add("failing or unknown cluster", len(failing)-d.lazyList("", len(failing), section, ""), len(failing))

	var other []Finding
	for i, f := range r.Findings {
		if !used[i] {
			other = append(other, f)
		}
	}
	if len(other) > 0 {
		items := make([]string, len(other))
		for i, f := range other {
			var b strings.Builder
			markdownFinding(&b, f)
			items[i] = b.String()
		}
		left.add("other finding", len(items)-d.list("### Other findings\n\n", items, "\n"), len(items))
	}
	if len(passing) > 0 {
		open := fmt.Sprintf("<details><summary>%s</summary>\n\n| cluster | declared at | path |\n| --- | --- | --- |\n", count(len(passing), "passing cluster"))
		left.add("passing cluster", len(passing)-d.list(open, passing, "\n</details>\n\n"), len(passing))
	}
	out := strings.TrimRight(d.b.String(), "\n") + "\n"
	if note := left.note(); note != "" {
		out += "\n" + note
	}
	_, err := io.WriteString(w, out)
	return err
}

// mdDoc is a Markdown report written within a budget of characters.
// Blocks are written whole or not at all, and once one does not fit,
// nothing after it is written: the report is the full one cut between two
// blocks, its order kept.
type mdDoc struct {
	b      strings.Builder
	used   int // characters written
	budget int
	full   bool // a block did not fit
}

func (d *mdDoc) write(s string) {
	d.b.WriteString(s)
	d.used += utf8.RuneCountInString(s)
}

// list writes open, as many items as fit, and closing, and returns how
// many items it wrote: a heading and list items, a table's head and rows,
// or a <details> around a table, which is closed however many rows fit.
// Nothing is written when not even the first item fits.
func (d *mdDoc) list(open string, items []string, closing string) int {
	return d.lazyList(open, len(items), func(i int) string { return items[i] }, closing)
}

// lazyList is list for n items that item writes on demand: an item is
// built only when what comes before it fitted.
func (d *mdDoc) lazyList(open string, n int, item func(int) string, closing string) int {
	if d.full || n == 0 {
		return 0
	}
	fixed := utf8.RuneCountInString(open) + utf8.RuneCountInString(closing)
	written := 0
	for i := range n {
		it := item(i)
		size := utf8.RuneCountInString(it)
		if written == 0 {
			size += fixed
		} else {
			size += utf8.RuneCountInString(closing)
		}
		if d.used+size > d.budget {
			d.full = true
			break
		}
		if written == 0 {
			d.write(open)
		}
		d.write(it)
		written++
	}
	if written > 0 {
		d.write(closing)
	}
	return written
}

// omitted counts what a report left out, by kind, in the order met.
type omitted struct{ parts []string }

// add counts that n of all things of a kind were left out.
func (o *omitted) add(kind string, n, all int) {
	if n > 0 {
		o.parts = append(o.parts, fmt.Sprintf("%d of %d %ss", n, all, kind))
	}
}

// note is the closing note of a report cut to fit, or "".
func (o *omitted) note() string {
	if len(o.parts) == 0 {
		return ""
	}
	return "---\n\n**Cut to fit GitHub's limit of 65,536 characters:** left out " + strings.Join(o.parts, ", ") + ". " +
		"For the full report, run `daslint --format text` on this change, or keep the JSON (`--format json`) or SARIF (`--format sarif`) report of this run.\n"
}

// markdownCluster writes the section of a cluster that does not pass.
func markdownCluster(b *strings.Builder, c Cluster, fs []Finding) {
	fmt.Fprintf(b, "### %s %s\n\n", verdictBadge(c.Verdict), mdCode(c.ID))
	fmt.Fprintf(b, "Declared at %s (%s).\n\n", mdCode(fileLine(c.File, c.Line)), mdText(c.Source))
	markdownFindings(b, fs)
	markdownUnknowns(b, c)
	g := clusterGraph(c)
	switch {
	case c.Unattached:
		b.WriteString("An activity stream whose cluster daslint cannot see: nothing to draw.\n\n")
		return
	case len(g.Nodes) == 0:
		b.WriteString("No placement to draw: the cluster's subnets are not known.\n\n")
		return
	}
	b.WriteString("```mermaid\n")
	writeMermaid(b, g)
	b.WriteString("```\n\n")
}

func markdownFindings(b *strings.Builder, fs []Finding) {
	for _, f := range fs {
		markdownFinding(b, f)
	}
	if len(fs) > 0 {
		b.WriteByte('\n')
	}
}

// markdownFinding writes f as one list item.
func markdownFinding(b *strings.Builder, f Finding) {
	fmt.Fprintf(b, "- **%s** %s", mdText(f.Severity), mdText(f.Message))
	if len(f.Callers) > 0 {
		fmt.Fprintf(b, "<br>Reached through %s", markdownChain(f))
	}
	if f.Remediation != "" {
		fmt.Fprintf(b, "<br>Fix: %s", mdText(f.Remediation))
	}
	switch {
	case f.Suppressed != nil:
		s := f.Suppressed
		fmt.Fprintf(b, "<br>Suppressed at %s: %s", mdCode(fileLine(s.File, s.Line)), mdText(s.Reason))
		if s.Until != nil {
			fmt.Fprintf(b, " (until %s)", mdText(*s.Until))
		}
	case f.Baseline:
		b.WriteString("<br>In the baseline: does not fail the check.")
	}
	b.WriteByte('\n')
}

// mdSubnet is a placement's subnet in a code span, or "an unknown
// subnet".
func mdSubnet(subnet string) string {
	if subnet == "" {
		return "an unknown subnet"
	}
	return mdCode(subnet)
}

// mdPlacements names a group's placements in code spans, every name:
// "`A`, `B` in `x`, `y`" when they are every instance in every subnet,
// else each pair.
func mdPlacements(g *placements) string {
	codes := func(xs []string) string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = mdCode(x)
		}
		return strings.Join(out, ", ")
	}
	if where, ok := g.unknownSubnets(); ok {
		return codes(g.instances) + " in " + where
	}
	if len(g.members) == len(g.instances)*len(g.subnets) {
		subnets := make([]string, len(g.subnets))
		for i, sn := range g.subnets {
			subnets[i] = mdSubnet(sn)
		}
		return codes(g.instances) + " in " + strings.Join(subnets, ", ")
	}
	pairs := make([]string, len(g.members))
	for i, in := range g.members {
		pairs[i] = mdCode(in.ID) + " in " + mdSubnet(in.Subnet)
	}
	return strings.Join(pairs, ", ")
}

// markdownUnknowns lists, folded, every value the verdict depends on that
// could not be resolved offline, once each.
func markdownUnknowns(b *strings.Builder, c Cluster) {
	all := append([]Unknown(nil), c.Unknowns...)
	for _, in := range c.Instances {
		all = append(all, in.Unknowns...)
	}
	all = sortUnknowns(all)
	var rows []string
	seen := map[Unknown]bool{}
	for _, u := range all {
		if seen[u] {
			continue
		}
		seen[u] = true
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s | %s |", mdText(u.Kind), mdCode(u.Subject), mdText(u.Reason),
			mdCode(fileLine(u.File, u.Line)), mdCode(fileLine(u.UsedFile, u.UsedLine))))
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "<details><summary>What could not be resolved (%s)</summary>\n\n", count(len(rows), "value"))
	b.WriteString("| kind | subject | reason | from | used at |\n| --- | --- | --- | --- | --- |\n")
	b.WriteString(strings.Join(rows, "\n"))
	b.WriteString("\n\n</details>\n\n")
}

func verdictBadge(v string) string {
	switch v {
	case VerdictPass:
		return "✅ pass"
	case VerdictFail:
		return "❌ fail"
	default:
		return "⚠️ " + mdText(v)
	}
}

// count is "1 noun" or "n nouns".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// mdText escapes s as Markdown prose in a table cell or a list item: every
// ASCII punctuation that Markdown or HTML would interpret is backslash
// escaped (CommonMark allows it before any ASCII punctuation), so that an
// address such as module.x.aws_subnet.this[*] or a text such as
// kms.<region>.amazonaws.com reads as written; a line break becomes <br>.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`, "#", `\#`,
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)

// mdSpecial are the bytes mdEscaper replaces; most texts have none, and
// skipping the replacer for them keeps the Markdown of a large report cheap.
const mdSpecial = "\\`*_[]<>|~&#\r\n"

func mdText(s string) string {
	if !strings.ContainsAny(s, mdSpecial) {
		return s
	}
	return mdEscaper.Replace(s)
}

// mdCodeEscaper keeps a code span on one line and in its table cell.
var mdCodeEscaper = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", `\|`)

// mdCode writes s as a code span, or nothing for an empty s. The fence is
// one backtick longer than the longest run of backticks in s; `|` is
// escaped even inside it, since GitHub splits table cells first.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	if strings.ContainsAny(s, "\r\n|") {
		s = mdCodeEscaper.Replace(s)
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// markdownChain is the chain of calls that reached f's resource, each call
// named and placed in code spans.
func markdownChain(f Finding) string {
	steps := make([]string, 0, len(f.Callers))
	for _, c := range f.Callers {
		name := mdText("a call")
		if c.Module != "" {
			name = mdCode(c.Module)
		}
		steps = append(steps, fmt.Sprintf("%s at %s", name, mdCode(fileLine(c.File, c.Line))))
	}
	return strings.Join(steps, " → ")
}
