package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/daslint/daslint/report/internal/sarif"
)

// InformationURI is daslint's home page, as SARIF names the tool's.
const InformationURI = "https://github.com/daslint/daslint"

// SARIF writes r as a SARIF 2.1.0 log (OASIS Static Analysis Results
// Interchange Format), the format GitHub code scanning and other
// dashboards import. The log holds one run:
//
//   - tool.driver: name, version, informationUri and every rule of
//     r.Rules, with its descriptions, helpUri, markdown help,
//     defaultConfiguration.level, and properties.tags and
//     properties.security-severity (GitHub ranks alerts by them);
//   - one result per finding: ruleId, level, message (with the fix), as
//     the location the resource's declaration or, when that lies in code
//     the user does not edit (a module under .terraform/), the innermost
//     module call or nested-stack resource that the user does edit (see
//     Finding.Primary); relatedLocations for the rest of that chain of
//     calls, then for the broken links and unresolved values that explain
//     the verdict,
//     partialFingerprints[FingerprintKey], and suppressions when the
//     finding is suppressed;
//   - artifacts: every file a location names, which locations cite by
//     index;
//   - one invocation whose toolExecutionNotifications are r.Errors and
//     which is executionSuccessful unless one of them is an error.
//
// File URIs are relative to the working directory, with uriBaseId
// %SRCROOT% (run daslint from the repository root); a file outside it
// gets an absolute file:// URI. Like the JSON report, the output holds no
// timestamp, GUID or absolute path of its own: the same input gives the
// same bytes. It normalizes r first.
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
	// artifacts maps a URI to its index in run.artifacts.
	artifacts map[string]int
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
	return s
}

// addRule describes rule in tool.driver.rules.
func (s *sarifRun) addRule(rule Rule) {
	d := s.run.AddRule(rule.ID)
	if rule.Name != "" {
		d.WithName(rule.Name)
	}
	if rule.Title != "" {
		d.WithShortDescription(sarif.NewMultiformatMessageString().WithText(rule.Title))
	}
	if rule.Description != "" {
		d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(rule.Description))
	}
	if rule.Help != "" {
		// help.text is required beside help.markdown; the markdown source
		// reads well as plain text.
		d.WithMarkdownHelp(rule.Help)
	}
	d.WithHelpURI(rule.HelpURI())
	d.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(rule.Severity)))
	props := sarif.NewPropertyBag()
	if len(rule.Tags) > 0 {
		props.WithTags(rule.Tags)
	}
	if rule.SecuritySeverity > 0 {
		// GitHub reads security-severity as a string holding a number.
		props.Add("security-severity", fmt.Sprintf("%.1f", rule.SecuritySeverity))
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
	if chain := chainSentence(f); chain != "" {
		text += "\n" + chain
	}
	if f.Remediation != "" {
		text += "\nFix: " + f.Remediation
	}
	res := s.run.CreateResultForRule(f.Rule).
		WithRuleIndex(index).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(text)).
		WithPartialFingerprints(map[string]string{FingerprintKey: f.Fingerprint})
	primary := f.Primary()
	if loc := s.location(primary.File, primary.Line, primary.EndLine, ""); loc != nil {
		res.AddLocation(loc)
	}
	for i, rel := range s.related(f) {
		// Related locations are numbered from 1 so that a message could
		// link to them; ids must be unique within the result.
		if loc := s.location(rel.file, rel.line, 0, rel.message); loc != nil {
			res.AddRelatedLocation(loc.WithID(i + 1))
		}
	}
	// A suppression written in the code is SARIF's "inSource"; a baseline,
	// which lives outside the scanned code, is "external".
	if sup := f.Suppressed; sup != nil {
		ss := sarif.NewSuppression().WithKind(SuppressedInSource).WithStatus("accepted").WithJustification(sup.Reason)
		if loc := s.location(sup.File, sup.Line, 0, ""); loc != nil {
			ss.WithLocation(loc)
		}
		res.AddSuppression(ss)
	}
	if f.Baseline {
		res.AddSuppression(sarif.NewSuppression().WithKind(SuppressedExternal).WithStatus("accepted").
			WithJustification("in the baseline given with --baseline"))
	}
}

// addInvocation records the run's input problems as tool execution
// notifications: SARIF's place for what went wrong while the tool ran, as
// opposed to what it found.
func (s *sarifRun) addInvocation(errs []Error) {
	ok := true
	inv := sarif.NewInvocation()
	for _, e := range errs {
		if e.Severity == "error" {
			ok = false
		}
		n := sarif.NewNotification().WithLevel(sarifLevel(e.Severity)).WithMessage(sarif.NewTextMessage(e.Message))
		if loc := s.location(e.File, e.Line, 0, ""); loc != nil {
			n.AddLocation(loc)
		}
		inv.AddToolExecutionNotification(n)
	}
	s.run.AddInvocation(inv.WithExecutionSuccessful(ok))
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
