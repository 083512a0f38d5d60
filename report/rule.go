package report

// DocsURL is where the documentation page of each rule is published:
// DocsURL + ID + ".md" (the same page as docs/rules/<ID>.md and `daslint
// explain`).
const DocsURL = "https://github.com/daslint/daslint/blob/main/docs/rules/"

// Rule describes one rule of the run, for the formats that list the rules
// (SARIF's tool.driver.rules).
type Rule struct {
	// ID is the stable rule ID ("DAS001").
	ID string
	// Name is the short kebab-case name ("kms-unreachable").
	Name string
	// Title is a one-line summary; Description a short paragraph.
	Title       string
	Description string
	// Severity is the default severity: "error" or "warning".
	Severity string
	// Help is the rule's markdown documentation page.
	Help string
	// Tags classify the rule; SecuritySeverity is its score from 0.1 to 10
	// for code scanning.
	Tags             []string
	SecuritySeverity float64
}

// HelpURI is the address of the rule's published documentation page.
func (r Rule) HelpURI() string { return DocsURL + r.ID + ".md" }
