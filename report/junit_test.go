package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestJUnitGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := JUnit(&buf, fixture(), CIOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.junit.xml", buf.Bytes())
	if err := checkJUnit(buf.Bytes()); err != nil {
		t.Errorf("fixture.junit.xml breaks the schema: %v", err)
	}
	xmllintJUnit(t, buf.Bytes(), true)
}

// TestJUnitOutcomes checks the outcome of each kind of cluster and input
// problem: a failure only for a finding that counts toward exit status 1,
// a pass only for a passing cluster, never for an unknown or failing one.
func TestJUnitOutcomes(t *testing.T) {
	cluster := func(id, verdict string) Cluster {
		return Cluster{ID: id, Source: "terraform", File: "live/main.tf", Line: len(id), Verdict: verdict}
	}
	finding := func(c Cluster, rule, severity string) Finding {
		return Finding{Rule: rule, Severity: severity, Resource: c.ID, File: c.File, Line: c.Line, Message: rule + ": " + c.ID + "\nmore", Remediation: "Fix it."}
	}
	pass, fail, unknown := cluster("a.pass", VerdictPass), cluster("b.fail", VerdictFail), cluster("c.unknown", VerdictUnknown)
	tests := []struct {
		name     string
		clusters []Cluster
		findings []Finding
		errs     []Error
		// want is each case as "name outcome type: message".
		want []string
	}{
		{"pass", []Cluster{pass}, nil, nil, []string{"a.pass pass"}},
		{"fail", []Cluster{fail}, []Finding{finding(fail, "DAS001", "error")}, nil,
			[]string{"b.fail failure DAS001: DAS001: b.fail"}},
		{"unknown at warning is skipped", []Cluster{unknown}, []Finding{finding(unknown, "DAS002", "warning")}, nil,
			[]string{"c.unknown skipped DAS002: unknown: DAS002: c.unknown"}},
		{"unknown at error fails (--unknown error)", []Cluster{unknown}, []Finding{finding(unknown, "DAS002", "error")}, nil,
			[]string{"c.unknown failure DAS002: DAS002: c.unknown"}},
		{"unknown with DAS002 off is skipped, not passed", []Cluster{unknown}, nil, nil,
			[]string{"c.unknown skipped : verdict unknown, reported by no rule (its rule is off)"}},
		{"fail with DAS001 off is skipped", []Cluster{fail}, nil, nil,
			[]string{"b.fail skipped : verdict fail, reported by no rule (its rule is off)"}},
		{"fail at warning is skipped", []Cluster{fail}, []Finding{finding(fail, "DAS001", "warning")}, nil,
			[]string{"b.fail skipped DAS001: warning: DAS001: b.fail"}},
		{"suppressed fail is skipped", []Cluster{fail}, []Finding{func() Finding {
			f := finding(fail, "DAS001", "error")
			f.Suppressed = &Suppression{Reason: "legacy"}
			return f
		}()}, nil, []string{"b.fail skipped DAS001: suppressed in the code (legacy): DAS001: b.fail"}},
		{"baseline fail is skipped", []Cluster{fail}, []Finding{func() Finding {
			f := finding(fail, "DAS001", "error")
			f.Baseline = true
			return f
		}()}, nil, []string{"b.fail skipped DAS001: in the baseline: DAS001: b.fail"}},
		{"input problems", nil, nil, []Error{
			{File: "live/main.tf", Line: 3, Column: 7, Severity: "error", Message: "Invalid expression"},
			{File: "live/main.tf", Severity: "warning", Message: "module.vpc: not vendored"},
		}, []string{"module.vpc: not vendored skipped input warning: module.vpc: not vendored", "Invalid expression error input error: Invalid expression"}},
		{"a cluster reported by two roots: numbered, findings in turn", []Cluster{fail, fail}, []Finding{finding(fail, "DAS001", "error"), finding(fail, "DAS001", "error")}, nil,
			[]string{"b.fail failure DAS001: DAS001: b.fail", "b.fail #2 failure DAS001: DAS001: b.fail"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Clusters: tt.clusters, Findings: tt.findings, Errors: tt.errs}
			var buf bytes.Buffer
			if err := JUnit(&buf, r, CIOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := checkJUnit(buf.Bytes()); err != nil {
				t.Fatalf("breaks the schema: %v\n%s", err, buf.Bytes())
			}
			doc, err := decodeJUnit(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range doc.Suites {
				for _, c := range s.Cases {
					got = append(got, c.outcome())
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("cases\n%q\nwant\n%q\n%s", got, tt.want, buf.Bytes())
			}
		})
	}
}

// TestJUnitPaths checks that CIOptions.Path maps the suite, the classname
// and the file of every case, and that suites follow the mapped names.
func TestJUnitPaths(t *testing.T) {
	r := &Report{
		Clusters: []Cluster{{ID: "Database", Source: "cloudformation", File: "stack.v2.yaml", Line: 4, Verdict: VerdictPass}},
		Errors:   []Error{{File: "", Severity: "warning", Message: "nothing else"}},
	}
	var buf bytes.Buffer
	if err := JUnit(&buf, r, CIOptions{Path: func(f string) string { return "infra/" + f }}); err != nil {
		t.Fatal(err)
	}
	doc, err := decodeJUnit(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			got = append(got, s.Name+" "+c.Classname+" "+c.File)
		}
	}
	want := []string{"daslint daslint ", "infra/stack.v2.yaml infra/stack infra/stack.v2.yaml"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestJUnitText checks that text no XML document may hold (control
// characters) and markup survive as well-formed, valid XML.
func TestJUnitText(t *testing.T) {
	c := Cluster{ID: `aws_rds_cluster.db["<a&b>"]`, Source: "terraform", File: `a "b".tf`, Line: 1, Verdict: VerdictFail}
	r := &Report{
		Clusters: []Cluster{c},
		Findings: []Finding{{Rule: "DAS001", Severity: "error", Resource: c.ID, File: c.File, Line: 1, Message: "x\x00y ]]> <z/> \x1b[31m"}},
	}
	var buf bytes.Buffer
	if err := JUnit(&buf, r, CIOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := checkJUnit(buf.Bytes()); err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	doc, err := decodeJUnit(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Suites[0].Cases[0].Name; got != c.ID {
		t.Errorf("name %q, want %q", got, c.ID)
	}
	xmllintJUnit(t, buf.Bytes(), true)
}

// TestJUnitCheckRejects makes sure the schema checks can fail: each
// document breaks one rule of junit.xsd, and both checkJUnit and xmllint
// must reject it.
func TestJUnitCheckRejects(t *testing.T) {
	const ok = `<testsuites name="daslint" tests="1" failures="0" errors="0"><testsuite name="a.tf" tests="1" failures="0" errors="0" skipped="0"><testcase name="x" classname="a"></testcase></testsuite></testsuites>`
	if err := checkJUnit([]byte(ok)); err != nil {
		t.Fatalf("the valid document is rejected: %v", err)
	}
	xmllintJUnit(t, []byte(ok), true)
	for name, doc := range map[string]string{
		"root":             `<testsuite name="a" tests="0" failures="0" errors="0" skipped="0"/>`,
		"unknown element":  strings.Replace(ok, `</testcase>`, `<flaky message="m"/></testcase>`, 1),
		"unknown attr":     strings.Replace(ok, `classname="a"`, `classname="a" time="0"`, 1),
		"missing name":     strings.Replace(ok, `name="x" `, ``, 1),
		"missing tests":    strings.Replace(ok, `tests="1" failures="0" errors="0" skipped`, `failures="0" errors="0" skipped`, 1),
		"count not an int": strings.Replace(ok, `tests="1" failures="0" errors="0">`, `tests="one" failures="0" errors="0">`, 1),
		"two outcomes":     strings.Replace(ok, `</testcase>`, `<failure message="a"/><skipped message="b"/></testcase>`, 1),
		"no message":       strings.Replace(ok, `</testcase>`, `<failure type="DAS001"/></testcase>`, 1),
		"empty suite":      `<testsuites name="daslint" tests="0" failures="0" errors="0"><testsuite name="a" tests="0" failures="0" errors="0" skipped="0"/></testsuites>`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := checkJUnit([]byte(doc)); err == nil {
				t.Errorf("checkJUnit accepts %s", doc)
			}
			xmllintJUnit(t, []byte(doc), false)
		})
	}
	// Counts that do not match the cases are daslint's own promise, not
	// the schema's.
	wrong := strings.Replace(ok, `skipped="0"`, `skipped="1"`, 1)
	if err := checkJUnitCounts([]byte(wrong)); err == nil {
		t.Error("checkJUnitCounts accepts a wrong skipped count")
	}
}

// xmllintJUnit validates doc against testdata/junit.xsd with xmllint when
// it is installed (.ci/run installs it), and checks that it is accepted
// when valid and rejected otherwise.
func xmllintJUnit(t *testing.T, doc []byte, valid bool) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint is not installed: the XSD check is left to checkJUnit")
		return
	}
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join("testdata", "junit.xsd"), file).CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err != nil && !errors.As(err, &exit):
		t.Fatalf("xmllint: %v", err)
	case valid && err != nil:
		t.Errorf("xmllint rejects the document:\n%s", out)
	case !valid && err == nil:
		t.Errorf("xmllint accepts an invalid document:\n%s", doc)
	}
}

// checkJUnit checks doc against the rules of testdata/junit.xsd without
// an XSD validator (Go has none): the root element, which elements each
// element may hold and how many, which attributes it may and must have,
// which are integers; then that the counts add up.
func checkJUnit(doc []byte) error {
	if err := checkJUnitSchema(doc); err != nil {
		return err
	}
	return checkJUnitCounts(doc)
}

// junitElement is what junit.xsd says of one element.
type junitElement struct {
	// children may appear in any number unless max says otherwise; min is
	// the least number of children.
	children []string
	min, max int
	// text says whether the element holds text.
	text      bool
	required  []string
	optional  []string
	integers  []string
	positives []string
	nonEmpty  []string
}

var junitSchema = map[string]junitElement{
	"testsuites": {children: []string{"testsuite"}, max: -1,
		required: []string{"name", "tests", "failures", "errors"}, integers: []string{"tests", "failures", "errors"}},
	"testsuite": {children: []string{"testcase"}, min: 1, max: -1,
		required: []string{"name", "tests", "failures", "errors", "skipped"},
		integers: []string{"failures", "errors", "skipped"}, positives: []string{"tests"}, nonEmpty: []string{"name"}},
	"testcase": {children: []string{"failure", "error", "skipped"}, max: 1,
		required: []string{"name", "classname"}, optional: []string{"file", "line"},
		positives: []string{"line"}, nonEmpty: []string{"name", "classname"}},
	"failure": {text: true, required: []string{"message"}, optional: []string{"type"}},
	"error":   {text: true, required: []string{"message"}, optional: []string{"type"}},
	"skipped": {text: true, required: []string{"message"}, optional: []string{"type"}},
}

func checkJUnitSchema(doc []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	type open struct {
		name     string
		children int
	}
	var stack []*open
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			el, ok := junitSchema[name]
			if !ok || tok.Name.Space != "" {
				return fmt.Errorf("element <%s> is not in the schema", name)
			}
			if len(stack) == 0 {
				if name != "testsuites" {
					return fmt.Errorf("the root is <%s>, want <testsuites>", name)
				}
			} else {
				parent := stack[len(stack)-1]
				pel := junitSchema[parent.name]
				if !slices.Contains(pel.children, name) {
					return fmt.Errorf("<%s> may not hold <%s>", parent.name, name)
				}
				parent.children++
				if pel.max >= 0 && parent.children > pel.max {
					return fmt.Errorf("<%s> holds more than %d of %v", parent.name, pel.max, pel.children)
				}
			}
			if err := checkJUnitAttrs(name, el, tok.Attr); err != nil {
				return err
			}
			stack = append(stack, &open{name: name})
		case xml.EndElement:
			top := stack[len(stack)-1]
			if el := junitSchema[top.name]; top.children < el.min {
				return fmt.Errorf("<%s> holds %d of %v, want at least %d", top.name, top.children, el.children, el.min)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && !junitSchema[stack[len(stack)-1].name].text && len(bytes.TrimSpace(tok)) > 0 {
				return fmt.Errorf("<%s> holds text", stack[len(stack)-1].name)
			}
		}
	}
	return nil
}

func checkJUnitAttrs(name string, el junitElement, attrs []xml.Attr) error {
	seen := map[string]string{}
	for _, a := range attrs {
		n := a.Name.Local
		if a.Name.Space != "" || (!slices.Contains(el.required, n) && !slices.Contains(el.optional, n)) {
			return fmt.Errorf("<%s> has attribute %s, which the schema does not allow", name, n)
		}
		seen[n] = a.Value
	}
	for _, n := range el.required {
		if _, ok := seen[n]; !ok {
			return fmt.Errorf("<%s> has no attribute %s", name, n)
		}
	}
	for n, v := range seen {
		i, err := strconv.Atoi(v)
		switch {
		case slices.Contains(el.integers, n) && (err != nil || i < 0):
			return fmt.Errorf("<%s %s=%q>: want an integer of at least 0", name, n, v)
		case slices.Contains(el.positives, n) && (err != nil || i < 1):
			return fmt.Errorf("<%s %s=%q>: want an integer of at least 1", name, n, v)
		case slices.Contains(el.nonEmpty, n) && v == "":
			return fmt.Errorf("<%s %s>: empty", name, n)
		}
	}
	return nil
}

// The document as the tests decode it.
type junitDoc struct {
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Suites   []junitDocSuite `xml:"testsuite"`
}

type junitDocSuite struct {
	Name     string         `xml:"name,attr"`
	Tests    int            `xml:"tests,attr"`
	Failures int            `xml:"failures,attr"`
	Errors   int            `xml:"errors,attr"`
	Skipped  int            `xml:"skipped,attr"`
	Cases    []junitDocCase `xml:"testcase"`
}

type junitDocCase struct {
	Name      string       `xml:"name,attr"`
	Classname string       `xml:"classname,attr"`
	File      string       `xml:"file,attr"`
	Line      int          `xml:"line,attr"`
	Failure   *junitResult `xml:"failure"`
	Error     *junitResult `xml:"error"`
	Skipped   *junitResult `xml:"skipped"`
}

func (c junitDocCase) outcome() string {
	for _, o := range []struct {
		kind string
		r    *junitResult
	}{{"failure", c.Failure}, {"error", c.Error}, {"skipped", c.Skipped}} {
		if o.r != nil {
			return fmt.Sprintf("%s %s %s: %s", c.Name, o.kind, o.r.Type, o.r.Message)
		}
	}
	return c.Name + " pass"
}

func decodeJUnit(doc []byte) (*junitDoc, error) {
	var d junitDoc
	if err := xml.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// checkJUnitCounts checks that every count is the number of its cases.
func checkJUnitCounts(doc []byte) error {
	d, err := decodeJUnit(doc)
	if err != nil {
		return err
	}
	var tests, failures, errs int
	for _, s := range d.Suites {
		var f, e, sk int
		for _, c := range s.Cases {
			switch {
			case c.Failure != nil:
				f++
			case c.Error != nil:
				e++
			case c.Skipped != nil:
				sk++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			return fmt.Errorf("suite %s counts tests=%d failures=%d errors=%d skipped=%d, its cases %d, %d, %d, %d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		tests, failures, errs = tests+len(s.Cases), failures+f, errs+e
	}
	if d.Tests != tests || d.Failures != failures || d.Errors != errs {
		return fmt.Errorf("testsuites counts tests=%d failures=%d errors=%d, its suites %d, %d, %d", d.Tests, d.Failures, d.Errors, tests, failures, errs)
	}
	return nil
}
