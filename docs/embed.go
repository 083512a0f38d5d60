// Package docs holds daslint's documentation that ships inside the binary:
// one markdown page per rule (rules/<ID>.md), the single source for the
// rule's Doc, `daslint explain` and the SARIF help text.
package docs

import (
	_ "embed" // the rule pages
	"fmt"
)

// The rule pages, each embedded as a string: every run describes every
// rule (the report's rule list, the settings' checks), and a string the
// binary holds is handed out without a copy, where an embed.FS would copy
// each page twice per read. TestRulePagesEmbedded fails when a page in
// rules/ is not served here.
var (
	//go:embed rules/DAS001.md
	das001 string
	//go:embed rules/DAS002.md
	das002 string
	//go:embed rules/DAS101.md
	das101 string
	//go:embed rules/DAS102.md
	das102 string
	//go:embed rules/DAS103.md
	das103 string
	//go:embed rules/DAS104.md
	das104 string
	//go:embed rules/DAS105.md
	das105 string
)

// Rule returns the markdown page of the rule with the given ID ("DAS001").
func Rule(id string) (string, error) {
	var page string
	switch id {
	case "DAS001":
		page = das001
	case "DAS002":
		page = das002
	case "DAS101":
		page = das101
	case "DAS102":
		page = das102
	case "DAS103":
		page = das103
	case "DAS104":
		page = das104
	case "DAS105":
		page = das105
	default:
		return "", fmt.Errorf("no documentation for rule %q", id)
	}
	return page, nil
}
