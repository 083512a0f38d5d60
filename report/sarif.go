package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/daslint/daslint/report/internal/sarif"
)

// InformationURI is daslint's home page, as SARIF names the tool's.
const InformationURI = "https://github.com/daslint/daslint"

// SARIF writes r as a SARIF 2.1.0 log (OASIS Static Analysis Results
// Interchange Format), the format GitHub code scanning and other
// dashboards import. The log holds one run:
//
//   - tool.driver: name, version, informationUri and every rule of
//     r.Rules, with its descriptions, help (the rule's page as markdown, and
//     as text its description and address), helpUri (the page of this
//     version, see DocsURLAt), defaultConfiguration.level, and the
//     properties GitHub ranks alerts by: tags, security-severity and
//     precision;
//   - one result per finding: ruleId, ruleIndex, level, message (with the
//     fix), as the location the resource's declaration or, when that lies
//     in code the user does not edit (a module under .terraform/), the
//     innermost module call or nested-stack resource that the user does
//     edit (see Finding.Primary); relatedLocations for the rest of that
//     chain of calls, then for the broken links and unresolved values that
//     explain the verdict; partialFingerprints[FingerprintKey], and
//     suppressions when the finding is suppressed;
//   - artifacts: every file a location names, which locations cite by
//     index;
//   - one invocation, executionSuccessful unless one of r.Errors is an
//     error, whose toolExecutionNotifications are r.Errors.
//
// File URIs are relative to the source root (r.SourceRoot: the top of the
// repository), with uriBaseId %SRCROOT%, which originalUriBaseIds
// describes in words; a file outside it gets an absolute file:// URI.
// Nothing unknown is written: no -1, null or empty array or object stands
// for a value the report does not have (the run's results excepted, which
// GitHub requires even when empty). Like the JSON report, the output holds
// no timestamp, GUID or absolute path of its own: the same input gives the
// same bytes, from any working directory. It normalizes r first.
func SARIF(w io.Writer, r *Report) error {
	r.Normalize()
	log := sarif.NewReport()
	log.AddRun(newSARIFRun(r).run)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Messages quote HTML-looking text (`<region>`); keep it readable.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// sarifRun builds the one run of a log.
type sarifRun struct {
	run *sarif.Run
	// paths turns the report's paths into the source root's.
	paths rootPaths
	// docs is where the rules' pages of this version are published.
	docs string
	// artifacts maps a URI to its index in run.artifacts.
	artifacts map[string]int
	// usesRoot is set once a URI is relative to %SRCROOT%.
	usesRoot bool
	// clusters finds the cluster a finding is about.
	clusters map[clusterKey]*Cluster
}

type clusterKey struct {
	id, file string
	line     int
}

func newSARIFRun(r *Report) *sarifRun {
	s := &sarifRun{
		run:       sarif.NewRunWithInformationURI("daslint", InformationURI),
		paths:     rootPaths{root: r.SourceRoot, wd: r.WorkDir},
		docs:      DocsURLAt(r.Version, r.Released),
		artifacts: map[string]int{},
		clusters:  map[clusterKey]*Cluster{},
	}
	driver := s.run.Tool.Driver
	if r.Version != "" {
		driver.WithVersion(r.Version).WithSemanticVersion(r.Version)
	}
	for i := range r.Clusters {
		c := &r.Clusters[i]
		s.clusters[clusterKey{c.ID, c.File, c.Line}] = c
	}
	for _, rule := range r.Rules {
		s.addRule(rule)
	}
	for _, f := range r.Findings {
		s.addResult(f)
	}
	s.addInvocation(r.Errors)
	if s.usesRoot && s.paths.root != "" {
		// In words only: its absolute path is the machine's, and GitHub
		// resolves %SRCROOT% to the repository's top by itself.
		s.run.DescribeURIBase(srcRoot, "The top of the repository that holds the scanned paths "+
			"(the nearest directory at or above them with .git), or --root when it is wider; "+
			"outside any repository, --root, else the scanned directory.")
	}
	return s
}

// addRule describes rule in tool.driver.rules.
func (s *sarifRun) addRule(rule Rule) {
	d := s.run.AddRule(rule.ID)
	if rule.Name != "" {
		d.WithName(rule.Name)
	}
	if rule.Title != "" {
		d.WithShortDescription(sarif.NewMultiformatMessageString(rule.Title))
	}
	if rule.Description != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString(rule.Description))
	}
	helpURI := s.docs + rule.ID + ".md"
	if rule.Help != "" {
		// help.text is required beside help.markdown, which GitHub shows
		// instead when it is there: the text is the description and the
		// page's address rather than the page a second time (the page is
		// most of the log's size otherwise).
		text := cmp.Or(rule.Description, rule.Title)
		d.WithHelp(sarif.NewMultiformatMessageString(strings.TrimSpace(text + "\n\nDocumentation: " + helpURI)).
			WithMarkdown(rule.Help))
	}
	if rule.Title != "" || rule.Help != "" {
		// Only a described rule has a page; one r.Rules forgot (a result
		// of an unknown rule) gets none.
		d.WithHelpURI(helpURI)
	}
	d.WithDefaultConfiguration(sarif.NewReportingConfiguration(sarifLevel(rule.Severity)))
	props := sarif.NewPropertyBag()
	if len(rule.Tags) > 0 {
		props.WithTags(rule.Tags)
	}
	if rule.SecuritySeverity > 0 {
		// GitHub reads security-severity as a string holding a number.
		props.Add("security-severity", fmt.Sprintf("%.1f", rule.SecuritySeverity))
	}
	if rule.Precision != "" {
		props.Add("precision", rule.Precision)
	}
	d.WithProperties(props)
}

// addResult records f as a result of its rule.
func (s *sarifRun) addResult(f Finding) {
	index := s.run.GetRuleIndex(f.Rule)
	if index < 0 {
		// Every result's rule is described, even one r.Rules forgot.
		s.addRule(Rule{ID: f.Rule, Severity: f.Severity})
		index = s.run.GetRuleIndex(f.Rule)
	}
	text := f.Message
	if chain := chainSentenceIn(f, s.paths.rel); chain != "" {
		text += "\n" + chain
	}
	if f.Remediation != "" {
		text += "\nFix: " + f.Remediation
	}
	res := s.run.CreateResultForRule(f.Rule).
		WithRuleIndex(index).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(text))
	if f.Fingerprint != "" {
		res.WithPartialFingerprints(map[string]string{FingerprintKey: f.Fingerprint})
	}
	primary := s.paths.primary(f)
	if loc := s.location(primary.File, primary.Line, primary.EndLine, ""); loc != nil {
		res.AddLocation(loc)
	}
	for i, rel := range s.related(f, primary) {
		// Related locations are numbered from 1 so that a message could
		// link to them; ids must be unique within the result.
		if loc := s.location(rel.file, rel.line, 0, rel.message); loc != nil {
			res.AddRelatedLocation(loc.WithID(i + 1))
		}
	}
	// A suppression written in the code is SARIF's "inSource"; a baseline,
	// which lives outside the scanned code, is "external".
	if sup := f.Suppressed; sup != nil {
		ss := sarif.NewSuppression(SuppressedInSource).WithStatus("accepted").WithJustification(sup.Reason)
		if loc := s.location(sup.File, sup.Line, 0, ""); loc != nil {
			ss.WithLocation(loc)
		}
		res.AddSuppression(ss)
	}
	if f.Baseline {
		res.AddSuppression(sarif.NewSuppression(SuppressedExternal).WithStatus("accepted").
			WithJustification("in the baseline given with --baseline"))
	}
}

// addInvocation records the run's input problems as tool execution
// notifications: SARIF's place for what went wrong while the tool ran, as
// opposed to what it found.
func (s *sarifRun) addInvocation(errs []Error) {
	inv := sarif.NewInvocation()
	for _, e := range errs {
		if e.Severity == "error" {
			inv.WithExecutionSuccessful(false)
		}
		n := sarif.NewNotification(sarifLevel(e.Severity), sarif.NewTextMessage(e.Message))
		if loc := s.location(e.File, e.Line, 0, ""); loc != nil {
			n.AddLocation(loc)
		}
		inv.AddToolExecutionNotification(n)
	}
	s.run.AddInvocation(inv)
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(severity string) string {
	switch severity {
	case "error":
		return sarif.LevelError
	case "warning":
		return sarif.LevelWarning
	default:
		return sarif.LevelNote
	}
}
