// Package junitcheck validates the JUnit XML that daslint writes, for
// tests, against the rules of its schema, report/testdata/junit.xsd (a
// strict subset of the Jenkins xunit plugin's junit-10.xsd that GitLab,
// Jenkins and Azure DevOps read).
//
// Go has no XSD validator, so Check enforces what the XSD says with a small
// table of its rules: the root element, which elements each element may
// hold and how many, which attributes each may and must have, which are
// integers. Xmllint runs the real validator on the same XSD when xmllint
// is installed.
package junitcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
)

// SchemaFile is the path of the XSD relative to the repository root.
const SchemaFile = "report/testdata/junit.xsd"

// Check checks doc against the XSD's rules, then that every count is the
// number of what it counts (daslint's promise, not the XSD's).
func Check(doc []byte) error {
	if err := checkSchema(doc); err != nil {
		return err
	}
	return CheckCounts(doc)
}

// element is what the XSD says of one element.
type element struct {
	// children may appear in any number up to max (-1: no limit) and at
	// least min times.
	children []string
	min, max int
	// text says whether the element holds text.
	text      bool
	required  []string
	optional  []string
	integers  []string // xs:nonNegativeInteger
	positives []string // xs:positiveInteger
	nonEmpty  []string
}

var schema = map[string]element{
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

func checkSchema(doc []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	type open struct {
		name     string
		children int
	}
	var stack []*open
	roots := 0
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
			el, ok := schema[name]
			if !ok || tok.Name.Space != "" {
				return fmt.Errorf("element <%s> is not in the schema", name)
			}
			if len(stack) == 0 {
				roots++
				if name != "testsuites" || roots > 1 {
					return fmt.Errorf("the root is <%s>, want one <testsuites>", name)
				}
			} else {
				parent := stack[len(stack)-1]
				pel := schema[parent.name]
				if !slices.Contains(pel.children, name) {
					return fmt.Errorf("<%s> may not hold <%s>", parent.name, name)
				}
				parent.children++
				if pel.max >= 0 && parent.children > pel.max {
					return fmt.Errorf("<%s> holds more than %d of %v", parent.name, pel.max, pel.children)
				}
			}
			if err := checkAttrs(name, el, tok.Attr); err != nil {
				return err
			}
			stack = append(stack, &open{name: name})
		case xml.EndElement:
			top := stack[len(stack)-1]
			if el := schema[top.name]; top.children < el.min {
				return fmt.Errorf("<%s> holds %d of %v, want at least %d", top.name, top.children, el.children, el.min)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && !schema[stack[len(stack)-1].name].text && len(bytes.TrimSpace(tok)) > 0 {
				return fmt.Errorf("<%s> holds text", stack[len(stack)-1].name)
			}
		}
	}
	if roots == 0 {
		return errors.New("no root element")
	}
	return nil
}

func checkAttrs(name string, el element, attrs []xml.Attr) error {
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
	for _, n := range slices.Sorted(maps.Keys(seen)) {
		v := seen[n]
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

// Doc is a JUnit document as the tests read it.
type Doc struct {
	Tests    int     `xml:"tests,attr"`
	Failures int     `xml:"failures,attr"`
	Errors   int     `xml:"errors,attr"`
	Suites   []Suite `xml:"testsuite"`
}

// Suite is a <testsuite>.
type Suite struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Errors   int    `xml:"errors,attr"`
	Skipped  int    `xml:"skipped,attr"`
	Cases    []Case `xml:"testcase"`
}

// Case is a <testcase>: at most one of Failure, Error and Skipped is set;
// none for a test that passes.
type Case struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	File      string   `xml:"file,attr"`
	Line      int      `xml:"line,attr"`
	Failure   *Outcome `xml:"failure"`
	Error     *Outcome `xml:"error"`
	Skipped   *Outcome `xml:"skipped"`
}

// Outcome is a <failure>, <error> or <skipped>.
type Outcome struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Kind is "failure", "error", "skipped" or "pass".
func (c Case) Kind() string {
	switch {
	case c.Failure != nil:
		return "failure"
	case c.Error != nil:
		return "error"
	case c.Skipped != nil:
		return "skipped"
	}
	return "pass"
}

// Outcome is the case's failure, error or skipped element, nil for a pass.
func (c Case) Outcome() *Outcome {
	return firstSet(c.Failure, c.Error, c.Skipped)
}

func firstSet(outcomes ...*Outcome) *Outcome {
	for _, o := range outcomes {
		if o != nil {
			return o
		}
	}
	return nil
}

// Decode reads a JUnit document.
func Decode(doc []byte) (*Doc, error) {
	var d Doc
	if err := xml.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// CheckCounts checks that every count is the number of its cases.
func CheckCounts(doc []byte) error {
	d, err := Decode(doc)
	if err != nil {
		return err
	}
	var tests, failures, errs int
	for _, s := range d.Suites {
		n := map[string]int{}
		for _, c := range s.Cases {
			n[c.Kind()]++
		}
		if s.Tests != len(s.Cases) || s.Failures != n["failure"] || s.Errors != n["error"] || s.Skipped != n["skipped"] {
			return fmt.Errorf("suite %s counts tests=%d failures=%d errors=%d skipped=%d, its cases %d, %d, %d, %d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), n["failure"], n["error"], n["skipped"])
		}
		tests, failures, errs = tests+len(s.Cases), failures+n["failure"], errs+n["error"]
	}
	if d.Tests != tests || d.Failures != failures || d.Errors != errs {
		return fmt.Errorf("testsuites counts tests=%d failures=%d errors=%d, its suites %d, %d, %d", d.Tests, d.Failures, d.Errors, tests, failures, errs)
	}
	return nil
}

// ErrNoXmllint is Xmllint's error when xmllint is not installed.
var ErrNoXmllint = errors.New("xmllint is not installed")

// Xmllint validates doc against the XSD in schemaFile with `xmllint
// --schema`, offline. It returns ErrNoXmllint when xmllint is not
// installed, and an error holding xmllint's complaint when doc is invalid.
func Xmllint(schemaFile string, doc []byte) error {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		return ErrNoXmllint
	}
	dir, err := os.MkdirTemp("", "junitcheck")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	file := filepath.Join(dir, "junit.xml")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		return err
	}
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schemaFile, file).CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return fmt.Errorf("xmllint: %s", bytes.TrimSpace(out))
	}
	return err
}
