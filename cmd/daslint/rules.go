package main

import (
	"io"
	"strings"
	"text/tabwriter"

	"github.com/daslint/daslint/rules"
)

// listRules prints one line per rule: ID, default severity, name and
// title, then how to read a rule's page. It takes no arguments.
func listRules(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		complain(stderr, "rules takes no arguments (got %q)\nRun 'daslint --help' for usage.", strings.Join(args, " "))
		return exitInput
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	_, _ = io.WriteString(tw, "ID\tSEVERITY\tNAME\tTITLE\n")
	for _, r := range rules.All() {
		_, _ = io.WriteString(tw, r.ID+"\t"+string(r.Severity)+"\t"+r.Name+"\t"+r.Title+"\n")
	}
	// A strings.Builder does not fail, so neither does the tabwriter.
	_ = tw.Flush()
	b.WriteString("\nRun 'daslint explain ID' for a rule's documentation.\n")
	return write(stdout, "%s", b.String())
}
