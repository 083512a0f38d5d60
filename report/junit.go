package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strings"
)

// JUnit writes r as a JUnit XML report, the test report format that
// GitLab (artifacts:reports:junit), Jenkins (the junit step) and Azure
// DevOps (PublishTestResults, format JUnit) read. The document follows
// the schema that Jenkins' xunit plugin publishes as junit-10.xsd, the
// widest-read description of the format:
//
//   - one <testsuite> per file of a root, named by its path, holding the
//     clusters that the root declares, or declares through a module or
//     nested stack that it calls, and the input problems found in the file;
//   - one <testcase> per reported cluster: name the cluster's ID (its
//     address in that root), classname the file without extensions
//     (Jenkins reads what follows the last dot of a classname as a class),
//     file and line the declaration, or the root's outermost module call or
//     nested-stack resource on the way to it. Neither name nor classname
//     holds a line, so a test keeps its identity when code moves, and a
//     module that several roots call gives one test per root;
//   - a case fails (<failure>, type the rule) when a finding on the
//     cluster counts toward exit status 1: severity error, neither
//     suppressed nor in the baseline (DAS001; DAS002 with --unknown
//     error). A passing cluster that no finding is about passes. Any other
//     cluster is <skipped>, with a message saying why: unknown (DAS002 at
//     severity warning), suppressed, in the baseline, or a rule that is
//     off. An unknown or failing cluster never shows as a pass;
//   - each input problem is a case of its own, named by its message: an
//     <error> for severity error (exit status 2), <skipped> for a warning;
//   - an outcome's message attribute is the first clause of the message
//     ("DAS001: aws_rds_cluster.main cannot reach AWS KMS"), which the
//     consumers list; its text is the whole message, with the chain of
//     calls, the other sources and the fix.
//
// File paths are relative to the source root (r.SourceRoot, the top of
// the repository, as SARIF's), which GitLab resolves them from whichever
// folder the job ran daslint in; a file outside it is absolute. Like the
// JSON report, it holds no timestamp or duration: the same input gives the
// same bytes. It normalizes r first.
func JUnit(w io.Writer, r *Report) error {
	r.Normalize()
	paths := rootPaths{root: r.SourceRoot, wd: r.WorkDir}
	doc := junitSuites{Name: "daslint"}
	suites := map[string]*junitSuite{}
	suite := func(file string) *junitSuite {
		name := paths.rel(file)
		if name == "" {
			name = "daslint"
		}
		s, ok := suites[name]
		if !ok {
			s = &junitSuite{Name: name}
			suites[name] = s
		}
		return s
	}
	findings := findingsByCluster(r.Findings)
	for _, c := range r.Clusters {
		k := findingKeyOf(c.ID, c.File, c.Line, c.Callers)
		var mine []Finding
		if fs := findings[k]; len(fs) > 0 {
			// Clusters of one key (not seen so far) take their findings
			// in turn.
			mine, findings[k] = fs[0], fs[1:]
		}
		file, _ := rootPlace(c)
		suite(file).add(clusterCase(c, mine, paths))
	}
	for _, e := range r.Errors {
		suite(e.File).add(errorCase(e, paths))
	}
	for _, name := range slices.Sorted(maps.Keys(suites)) {
		s := suites[name]
		s.uniqueNames()
		doc.Suites = append(doc.Suites, *s)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	out = append(out, '\n')
	_, err = w.Write(out)
	return err
}

// The JUnit document, as junit-10.xsd names its elements and attributes.
// Counts are always written: GitLab and Azure DevOps read them.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string       `xml:"name,attr"`
	Classname string       `xml:"classname,attr"`
	File      string       `xml:"file,attr,omitempty"`
	Line      int          `xml:"line,attr,omitempty"`
	Failure   *junitResult `xml:"failure,omitempty"`
	Error     *junitResult `xml:"error,omitempty"`
	Skipped   *junitResult `xml:"skipped,omitempty"`
}

// junitResult is a <failure>, <error> or <skipped>: a one-line message,
// a type, and the whole text as content.
type junitResult struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

func (s *junitSuite) add(c junitCase) {
	s.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
	case c.Error != nil:
		s.Errors++
	case c.Skipped != nil:
		s.Skipped++
	}
	s.Cases = append(s.Cases, c)
}

// uniqueNames numbers the second and later cases of one classname and
// name (" #2"), which the consumers would otherwise merge: a cluster of a
// module that two roots call is reported once per root.
func (s *junitSuite) uniqueNames() {
	seen := map[[2]string]int{}
	for i := range s.Cases {
		c := &s.Cases[i]
		k := [2]string{c.Classname, c.Name}
		seen[k]++
		if n := seen[k]; n > 1 {
			c.Name = fmt.Sprintf("%s #%d", c.Name, n)
		}
	}
}

// findingKey identifies the cluster a finding is about: a finding is at
// its cluster's declaration, reached through the same calls.
type findingKey struct {
	id, file string
	line     int
	callers  string
}

func findingKeyOf(id, file string, line int, callers []Caller) findingKey {
	var b strings.Builder
	for _, c := range callers {
		fmt.Fprintf(&b, "%s:%d:%s\x00", c.File, c.Line, c.Module)
	}
	return findingKey{id, file, line, b.String()}
}

// findingsByCluster groups findings by the cluster they are about, one
// group per reported cluster of that key, in the report's order.
func findingsByCluster(fs []Finding) map[findingKey][][]Finding {
	out := map[findingKey][][]Finding{}
	for _, f := range fs {
		k := findingKeyOf(f.Resource, f.File, f.Line, f.Callers)
		groups := out[k]
		// Each rule reports a cluster once: a second finding of the same
		// rule belongs to the next cluster of the same key.
		placed := false
		for i, g := range groups {
			if !slices.ContainsFunc(g, func(o Finding) bool { return o.Rule == f.Rule }) {
				groups[i] = append(g, f)
				placed = true
				break
			}
		}
		if !placed {
			groups = append(groups, []Finding{f})
		}
		out[k] = groups
	}
	return out
}

// rootPlace is where the root that reported c has it: the outermost module
// call or nested-stack resource on the way to its declaration, or the
// declaration.
func rootPlace(c Cluster) (file string, line int) {
	if len(c.Callers) > 0 {
		return c.Callers[0].File, c.Callers[0].Line
	}
	return c.File, c.Line
}

// clusterCase is the test case of cluster c, whose findings are fs.
func clusterCase(c Cluster, fs []Finding, paths rootPaths) junitCase {
	file, line := rootPlace(c)
	file = paths.rel(file)
	tc := junitCase{Name: c.ID, Classname: classname(file), File: file, Line: line}
	var failing []Finding
	for _, f := range fs {
		if f.Severity == "error" && f.Counts() {
			failing = append(failing, f)
		}
	}
	switch {
	case len(failing) > 0:
		tc.Failure = &junitResult{Message: headline(failing[0].Message), Type: ruleIDs(failing), Text: findingsText(failing)}
	case c.Verdict == VerdictPass && len(fs) == 0:
	case len(fs) > 0:
		tc.Skipped = &junitResult{Message: skipReason(c, fs[0]), Type: ruleIDs(fs), Text: findingsText(fs)}
	default:
		// A verdict no rule reports: its rule is off.
		tc.Skipped = &junitResult{Message: fmt.Sprintf("verdict %s, reported by no rule (its rule is off)", c.Verdict)}
	}
	return tc
}

// skipReason says why a cluster with finding f is skipped rather than
// failed or passed.
func skipReason(c Cluster, f Finding) string {
	msg := headline(f.Message)
	switch {
	case f.Suppressed != nil:
		return fmt.Sprintf("suppressed in the code (%s): %s", f.Suppressed.Reason, msg)
	case f.Baseline:
		return "in the baseline: " + msg
	case c.Verdict == VerdictUnknown:
		return "unknown: " + msg
	default:
		return f.Severity + ": " + msg
	}
}

// errorCase is the test case of an input problem.
func errorCase(e Error, paths rootPaths) junitCase {
	file := paths.rel(e.File)
	tc := junitCase{Name: firstLine(e.Message), Classname: classname(file), File: file, Line: e.Line}
	if tc.Classname == "" {
		tc.Classname = "daslint"
	}
	text := position(file, e.Line, e.Column) + ": " + e.Message
	res := &junitResult{Message: headline(e.Message), Type: "input " + e.Severity, Text: text}
	if e.Severity == "error" {
		tc.Error = res
	} else {
		tc.Skipped = res
	}
	return tc
}

// findingsText is the whole text of findings: each message with the
// chain of calls, the other sources and the fix, as the GitHub
// annotations say it.
func findingsText(fs []Finding) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(findingText(f))
	}
	return b.String()
}

// findingText is one finding's message with where it was reached from,
// what other sources settled, and the fix.
func findingText(f Finding) string {
	msg := f.Message
	if chain := chainSentence(f); chain != "" {
		msg += "\n" + chain
	}
	if from := sourcesSentence(f); from != "" {
		msg += "\n" + from
	}
	if f.Remediation != "" {
		msg += "\nFix: " + f.Remediation
	}
	return msg
}

// ruleIDs lists the rules of findings, without repeats.
func ruleIDs(fs []Finding) string {
	var ids []string
	for _, f := range fs {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	return strings.Join(ids, " ")
}

// classname is a file path without the extensions of its base name:
// Jenkins splits a classname at its last dot into package and class.
func classname(file string) string {
	dir, base := path.Split(file)
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	return dir + base
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// headline is the first clause of a message, which the consumers list
// tests by ("DAS001: aws_rds_cluster.main cannot reach AWS KMS"); the
// whole message is the element's text.
func headline(s string) string {
	clause, _, _ := strings.Cut(firstLine(s), "; ")
	return clause
}
