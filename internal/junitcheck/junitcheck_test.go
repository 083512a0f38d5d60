package junitcheck

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestJUnitCheckRejects makes sure the schema checks can fail: each
// document breaks one rule of the XSD, and both Check and xmllint
// must reject it.
func TestJUnitCheckRejects(t *testing.T) {
	const ok = `<testsuites name="daslint" tests="1" failures="0" errors="0"><testsuite name="a.tf" tests="1" failures="0" errors="0" skipped="0"><testcase name="x" classname="a"></testcase></testsuite></testsuites>`
	if err := Check([]byte(ok)); err != nil {
		t.Fatalf("the valid document is rejected: %v", err)
	}
	xmllint(t, []byte(ok), true)
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
			if err := Check([]byte(doc)); err == nil {
				t.Errorf("Check accepts %s", doc)
			}
			xmllint(t, []byte(doc), false)
		})
	}
	// Counts that do not match the cases are daslint's own promise, not
	// the schema's.
	wrong := strings.Replace(ok, `skipped="0"`, `skipped="1"`, 1)
	if err := CheckCounts([]byte(wrong)); err == nil {
		t.Error("checkJUnitCounts accepts a wrong skipped count")
	}
}

// xmllint validates doc against the XSD when xmllint is installed, and
// checks that it is accepted when valid and rejected otherwise.
func xmllint(t *testing.T, doc []byte, valid bool) {
	t.Helper()
	err := Xmllint(filepath.Join("..", "..", SchemaFile), doc)
	switch {
	case errors.Is(err, ErrNoXmllint):
		t.Log("xmllint is not installed")
	case valid && err != nil:
		t.Errorf("%v", err)
	case !valid && err == nil:
		t.Errorf("xmllint accepts an invalid document:\n%s", doc)
	}
}
