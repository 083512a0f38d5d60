package report

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes r as a report to paste into a pull-request comment
// (GitHub-flavoured Markdown): a summary table of every cluster, then for
// each cluster that fails or cannot be verified its findings, where each
// path breaks, what could not be resolved, and a Mermaid flowchart of the
// network its placements pass through, the broken steps in red (unknown
// ones orange and dashed). GitHub renders ```mermaid blocks as diagrams.
// Input problems close the report. It normalizes r first.
func Markdown(w io.Writer, r *Report) error {
	r.Normalize()
	var b strings.Builder
	s := r.Summary
	fmt.Fprintf(&b, "## daslint: %d pass, %d fail, %d unknown\n\n", s.Pass, s.Fail, s.Unknown)
	fmt.Fprintf(&b, "%s in %s checked by daslint %s; %s.\n\n",
		count(s.Clusters, "cluster"), count(s.Files, "file"), mdText(r.Version), count(s.Errors, "input problem"))
	if len(r.Clusters) > 0 {
		b.WriteString("| cluster | declared at | verdict | path |\n| --- | --- | --- | --- |\n")
		for _, c := range r.Clusters {
			path := ""
			if c.Path != nil {
				path = *c.Path
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdCode(c.ID), mdCode(fileLine(c.File, c.Line)), verdictBadge(c.Verdict), mdText(path))
		}
		b.WriteByte('\n')
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
	for _, c := range r.Clusters {
		var fs []Finding
		for _, i := range about[at{c.ID, c.File, c.Line}] {
			fs, used[i] = append(fs, r.Findings[i]), true
		}
		if c.Verdict != VerdictPass {
			markdownCluster(&b, c, fs)
		}
	}
	var other []Finding
	for i, f := range r.Findings {
		if !used[i] {
			other = append(other, f)
		}
	}
	if len(other) > 0 {
		b.WriteString("### Other findings\n\n")
		markdownFindings(&b, other)
	}
	if len(r.Errors) > 0 {
		b.WriteString("### Input problems\n\n| at | severity | message |\n| --- | --- | --- |\n")
		for _, e := range r.Errors {
			at := fileLine(e.File, e.Line)
			if at == "" {
				at = "(unknown position)"
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", mdCode(at), mdText(e.Severity), mdText(e.Message))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, strings.TrimSuffix(b.String(), "\n"))
	if err == nil {
		_, err = io.WriteString(w, "\n")
	}
	return err
}

// markdownCluster writes the section of a cluster that does not pass.
func markdownCluster(b *strings.Builder, c Cluster, fs []Finding) {
	fmt.Fprintf(b, "### %s %s\n\n", verdictBadge(c.Verdict), mdCode(c.ID))
	fmt.Fprintf(b, "Declared at %s (%s).\n\n", mdCode(fileLine(c.File, c.Line)), mdText(c.Source))
	markdownFindings(b, fs)
	markdownBroken(b, c)
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
	if len(fs) > 0 {
		b.WriteByte('\n')
	}
}

// markdownBroken lists, folded, the first broken link of each path of
// each placement that does not pass.
func markdownBroken(b *strings.Builder, c Cluster) {
	var rows []string
	for _, in := range c.Instances {
		for _, p := range pathOrder(in.Broken) {
			br := in.Broken[p]
			rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s %s | %s | %s |", mdCode(in.ID), mdCode(in.Subnet), mdText(p),
				mdCode(br.Link), mdCode(fileLine(br.File, br.Line))+mdText(sourceSuffixAt(br.From, br.File, br.Line)), mdText(br.Status), mdText(br.Reason)))
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "<details><summary>Where each path breaks (%s)</summary>\n\n", count(len(rows), "broken path"))
	b.WriteString("| instance | subnet | path | breaks at | status | reason |\n| --- | --- | --- | --- | --- | --- |\n")
	b.WriteString(strings.Join(rows, "\n"))
	b.WriteString("\n\n</details>\n\n")
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
