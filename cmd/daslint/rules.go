package main

import (
	"encoding/json"
	"errors"
	"flag"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/daslint/daslint/rules"
)

// ruleInfo is one rule in `daslint rules --format json`. The field names
// are stable (docs/cli.md lists them): tools read them.
type ruleInfo struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Severity is the default severity: "error" or "warning".
	Severity         string   `json:"severity"`
	Tags             []string `json:"tags"`
	SecuritySeverity float64  `json:"security_severity"`
	// DocURL is the rule's published page, as SARIF's helpUri gives it.
	DocURL string `json:"doc_url"`
	// Since is the daslint version that introduced the rule.
	Since string `json:"since"`
	// Sources are the AWS documentation pages the rule rests on.
	Sources []ruleSource `json:"sources"`
}

// ruleSource is one documentation page a rule rests on.
type ruleSource struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// listRules is `daslint rules [--format text|json]`: one line per rule
// (ID, default severity, name and title) and how to read a rule's page,
// or a JSON array of the rules.
func listRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("daslint rules", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return help([]string{"rules"}, stdout, stderr)
		}
		complain(stderr, "rules: %v\nRun 'daslint help rules' for usage.", flagError(fs, err))
		return exitInput
	}
	if fs.NArg() > 0 {
		complain(stderr, "rules takes no arguments (got %q)\nRun 'daslint help rules' for usage.", strings.Join(fs.Args(), " "))
		return exitInput
	}
	switch *format {
	case "text":
		return write(stdout, "%s", rulesTable(rules.All()))
	case "json":
		return rulesJSON(stdout, rules.All())
	}
	complain(stderr, "rules --format %q: want text or json%s", *format, didYouMean(*format, []string{"text", "json"}))
	return exitInput
}

func rulesTable(rs []*rules.Rule) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	_, _ = io.WriteString(tw, "ID\tSEVERITY\tNAME\tTITLE\n")
	for _, r := range rs {
		_, _ = io.WriteString(tw, r.ID+"\t"+string(r.Severity)+"\t"+r.Name+"\t"+r.Title+"\n")
	}
	// A strings.Builder does not fail, so neither does the tabwriter.
	_ = tw.Flush()
	b.WriteString("\nRun 'daslint explain ID' for a rule's documentation.\n")
	return b.String()
}

// rulesJSON writes the rules as an indented JSON array, in ID order; the
// documentation URL is the one the SARIF report gives.
func rulesJSON(stdout io.Writer, rs []*rules.Rule) int {
	out := make([]ruleInfo, 0, len(rs))
	for i, r := range reportRules(rs) {
		tags := r.Tags
		if tags == nil {
			tags = []string{}
		}
		sources := make([]ruleSource, 0, len(rs[i].Sources))
		for _, src := range rs[i].Sources {
			sources = append(sources, ruleSource{src.Title, src.URL})
		}
		out = append(out, ruleInfo{
			ID: r.ID, Name: r.Name, Title: r.Title, Description: r.Description,
			Severity: r.Severity, Tags: tags, SecuritySeverity: r.SecuritySeverity, DocURL: r.HelpURI(),
			Since: rs[i].Since, Sources: sources,
		})
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return exitInput
	}
	return exitOK
}
