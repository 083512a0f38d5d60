// Package docs holds daslint's documentation that ships inside the binary:
// one markdown page per rule (rules/<ID>.md), the single source for the
// rule's Doc, `daslint explain` and the SARIF help text.
package docs

import (
	"embed"
	"fmt"
)

//go:embed rules/*.md
var rulePages embed.FS

// Rule returns the markdown page of the rule with the given ID ("DAS001").
func Rule(id string) (string, error) {
	b, err := rulePages.ReadFile("rules/" + id + ".md")
	if err != nil {
		return "", fmt.Errorf("no documentation for rule %q", id)
	}
	return string(b), nil
}
