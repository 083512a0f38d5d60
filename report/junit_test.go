package report

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/daslint/daslint/internal/junitcheck"
)

func TestJUnitGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := JUnit(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.junit.xml", buf.Bytes())
	if err := junitcheck.Check(buf.Bytes()); err != nil {
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
		{"a module's cluster in two roots: one per root, findings by their calls",
			[]Cluster{inRoot("envs/a/main.tf", VerdictPass), inRoot("envs/b/main.tf", VerdictFail)},
			[]Finding{func() Finding {
				c := inRoot("envs/b/main.tf", VerdictFail)
				f := finding(c, "DAS001", "error")
				f.Callers = c.Callers
				return f
			}()}, nil,
			[]string{"envs/a/main.tf: module.db.aws_rds_cluster.this pass", "envs/b/main.tf: module.db.aws_rds_cluster.this failure DAS001: DAS001: module.db.aws_rds_cluster.this"}},
		{"a cluster reported twice without calls: numbered, findings in turn", []Cluster{fail, fail}, []Finding{finding(fail, "DAS001", "error"), finding(fail, "DAS001", "error")}, nil,
			[]string{"b.fail failure DAS001: DAS001: b.fail", "b.fail #2 failure DAS001: DAS001: b.fail"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Clusters: tt.clusters, Findings: tt.findings, Errors: tt.errs}
			var buf bytes.Buffer
			if err := JUnit(&buf, r); err != nil {
				t.Fatal(err)
			}
			if err := junitcheck.Check(buf.Bytes()); err != nil {
				t.Fatalf("breaks the schema: %v\n%s", err, buf.Bytes())
			}
			doc, err := junitcheck.Decode(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range doc.Suites {
				for _, c := range s.Cases {
					if s.Name != "live/main.tf" {
						// Placed in another root's suite.
						got = append(got, s.Name+": "+outcome(c))
						continue
					}
					got = append(got, outcome(c))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("cases\n%q\nwant\n%q\n%s", got, tt.want, buf.Bytes())
			}
		})
	}
}

// inRoot is a cluster declared in modules/db/main.tf, reached through a
// module call in root.
func inRoot(root, verdict string) Cluster {
	return Cluster{ID: "module.db.aws_rds_cluster.this", Source: "terraform", File: "modules/db/main.tf", Line: 7, Verdict: verdict,
		Callers: []Caller{{File: root, Line: 3, Module: "module.db"}}}
}

// TestJUnitPaths checks that paths are relative to the source root in
// the suite, the classname and the file of every case.
func TestJUnitPaths(t *testing.T) {
	r := &Report{
		Clusters: []Cluster{{ID: "Database", Source: "cloudformation", File: "stack.v2.yaml", Line: 4, Verdict: VerdictPass}},
		Errors:   []Error{{File: "", Severity: "warning", Message: "nothing else"}},
	}
	var buf bytes.Buffer
	if err := JUnit(&buf, inInfra(r)); err != nil {
		t.Fatal(err)
	}
	doc, err := junitcheck.Decode(buf.Bytes())
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
	if err := JUnit(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := junitcheck.Check(buf.Bytes()); err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	doc, err := junitcheck.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Suites[0].Cases[0].Name; got != c.ID {
		t.Errorf("name %q, want %q", got, c.ID)
	}
	xmllintJUnit(t, buf.Bytes(), true)
}

// xmllintJUnit validates doc against testdata/junit.xsd with xmllint when
// it is installed (.ci/run installs it), and checks that it is accepted
// when valid and rejected otherwise.
func xmllintJUnit(t *testing.T, doc []byte, valid bool) {
	t.Helper()
	err := junitcheck.Xmllint(filepath.Join("testdata", "junit.xsd"), doc)
	switch {
	case errors.Is(err, junitcheck.ErrNoXmllint):
		t.Log("xmllint is not installed: the XSD check is left to junitcheck.Check")
	case valid && err != nil:
		t.Errorf("%v", err)
	case !valid && err == nil:
		t.Errorf("xmllint accepts an invalid document:\n%s", doc)
	}
}

// outcome is a case as "name kind type: message".
func outcome(c junitcheck.Case) string {
	o := c.Outcome()
	if o == nil {
		return c.Name + " pass"
	}
	return c.Name + " " + c.Kind() + " " + o.Type + ": " + o.Message
}
