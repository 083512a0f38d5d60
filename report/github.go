package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// GitHub writes r as GitHub Actions workflow commands, one annotation per
// finding and per input problem:
//
//	::error file=main.tf,line=40,endLine=58,title=DAS001::DAS001: aws_rds_cluster.main cannot reach ...
//
// The runner turns each into an annotation on the file and line, shown in
// the job summary and on the pull request's diff ("Workflow commands for
// GitHub Actions", docs.github.com). Findings at severity error become
// ::error, at warning ::warning; input problems (the JSON errors) are
// annotated under the title "daslint". A finding is annotated at its
// primary location (Finding.Primary): its resource's declaration, or the
// module call in the user's code through which a downloaded module
// declared it; the message then says how it was reached and where the
// resource is declared. Suppressed findings are not
// annotated. A last plain line, which the runner prints as is, sums up.
// The runner places an annotation by its path from the top of the
// repository, so file properties are relative to the source root
// (r.SourceRoot, as SARIF's and GitLab's paths are) whatever the working
// directory: a run from infra/ annotates infra/main.tf. Messages keep the
// report's paths, relative to the working directory. Without a source root
// (standard input only) paths are as reported. It normalizes r first.
func GitHub(w io.Writer, r *Report) error {
	r.Normalize()
	paths := rootPaths{root: r.SourceRoot, wd: r.WorkDir}
	var b strings.Builder
	for _, f := range r.Findings {
		if !f.Counts() {
			continue
		}
		msg := findingText(f)
		at := paths.primary(f)
		writeCommand(&b, annotationLevel(f.Severity), []property{
			{"file", paths.rel(at.File)}, {"line", lineText(at.Line)}, {"endLine", endLineText(at.Line, at.EndLine)}, {"title", f.Rule},
		}, msg)
	}
	for _, e := range r.Errors {
		writeCommand(&b, annotationLevel(e.Severity), []property{
			{"file", paths.rel(e.File)}, {"line", lineText(e.Line)}, {"col", lineText(e.Column)}, {"title", "daslint"},
		}, e.Message)
	}
	s := r.Summary
	fmt.Fprintf(&b, "daslint: %s: %d pass, %d fail, %d unknown; %s\n",
		plural(s.Clusters, "cluster"), s.Pass, s.Fail, s.Unknown, plural(s.Errors, "input problem"))
	_, err := io.WriteString(w, b.String())
	return err
}

// property is one key=value of a workflow command; an empty value is left
// out.
type property struct{ key, value string }

func writeCommand(b *strings.Builder, command string, props []property, message string) {
	b.WriteString("::")
	b.WriteString(command)
	sep := " "
	for _, p := range props {
		if p.value == "" {
			continue
		}
		b.WriteString(sep)
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(escapeProperty(p.value))
		sep = ","
	}
	b.WriteString("::")
	b.WriteString(escapeData(message))
	b.WriteByte('\n')
}

// annotationLevel maps a severity to the workflow command that annotates at
// that level.
func annotationLevel(severity string) string {
	switch severity {
	case "error":
		return "error"
	case "warning":
		return "warning"
	default:
		return "notice"
	}
}

// lineText is a 1-based line or column as a property value; 0 (unknown)
// leaves the property out.
func lineText(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// endLineText is the end line when it extends the annotation beyond its
// first line.
func endLineText(line, end int) string {
	if line <= 0 || end <= line {
		return ""
	}
	return strconv.Itoa(end)
}

// The runner parses a workflow command as `::name key=value,...::message`,
// so a message must not contain a line break and a property value must not
// contain ',' or ':' either; '%' escapes them and must itself be escaped
// first. These are the rules of @actions/core (toolkit
// packages/core/src/command.ts, escapeData and escapeProperty), which the
// runner undoes.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
