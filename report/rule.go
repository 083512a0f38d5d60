package report

// DocsURL is where the documentation page of each rule is published on
// the main branch: DocsURL + ID + ".md" (the same page as docs/rules/<ID>.md
// and `daslint explain`). See DocsURLAt for a released version's.
const DocsURL = "https://github.com/daslint/daslint/blob/main/docs/rules/"

// DocsURLAt is where the rules' pages of version are published: under the
// release's tag, v<version>, when released is set, else on main (a
// development build's pages may differ from every release's).
func DocsURLAt(version string, released bool) string {
	if !released || version == "" {
		return DocsURL
	}
	return "https://github.com/daslint/daslint/blob/v" + version + "/docs/rules/"
}

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
	// Precision says how often the rule's findings are right: very-high,
	// high, medium or low (GitHub code scanning orders alerts by it).
	Precision string
}

// HelpURI is the address of the rule's documentation page on main.
func (r Rule) HelpURI() string { return DocsURL + r.ID + ".md" }
