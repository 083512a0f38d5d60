package cloudformation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/daslint/daslint/diag"
)

// converted returns how many values the converter visits for text, and the
// diagnostics it reports.
func converted(t *testing.T, text string) (int, diag.Diagnostics) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatal(err)
	}
	var ds diag.Diagnostics
	c := converter{file: "t.yaml", ds: &ds, active: map[*yaml.Node]bool{}}
	c.convert(doc.Content[0], 0)
	return c.nodes, ds
}

// counted returns what expansion counts for text.
func counted(t *testing.T, text string) int {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatal(err)
	}
	return newExpansion().count(doc.Content[0], 0)
}

// TestExpansionCountsAsConverted checks that the count made before
// converting is the converter's own, on documents of every shape the
// converter treats apart: aliases, merge keys, a self-referring alias,
// short-form intrinsics.
func TestExpansionCountsAsConverted(t *testing.T) {
	tests := []struct{ name, text string }{
		{"scalars", "a: 1\nb: two\n"},
		{"nested", "a: {b: [1, 2, {c: 3}]}\n"},
		{"alias", "a: &x [1, 2, 3]\nb: *x\nc: [*x, *x]\n"},
		{"alias of an alias", "a: &x [1, 2]\nb: &y [*x, *x]\nc: [*y, *y, *y]\n"},
		{"merge key", "base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  z: 3\n"},
		{"merge of a list", "p: &p {x: 1}\nq: &q {y: 2}\nr: {<<: [*p, *q], z: 3}\n"},
		{"self-referring alias", "a: &x [1, *x]\n"},
		{"intrinsics", "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Cidr\n      Tags: [{Key: n, Value: !Sub '${AWS::StackName}'}]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, _ := converted(t, tt.text)
			if got := counted(t, tt.text); got != want {
				t.Errorf("counted %d values, the converter visits %d", got, want)
			}
		})
	}
}

// TestExpansionCountsTestdata checks the count against the converter on
// every CloudFormation template of the golden cases.
func TestExpansionCountsTestdata(t *testing.T) {
	var files []string
	for _, pattern := range []string{"*.yaml", "*.yml", "*.json", "*.template"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "cfn-*", pattern))
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("found %d templates under testdata/cfn-*, want the golden cases", len(files))
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if yaml.Unmarshal(text, &doc) != nil || len(doc.Content) == 0 {
			continue // a case about a template that does not parse
		}
		want, _ := converted(t, string(text))
		if got := counted(t, string(text)); got != want {
			t.Errorf("%s: counted %d values, the converter visits %d", f, got, want)
		}
	}
}

// TestExpansionOverBudget checks that an alias bomb is refused before any
// value is built, at the place where the converter would have run out of
// budget, and that a document within the budget is not.
func TestExpansionOverBudget(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(aliasBomb), &doc); err != nil {
		t.Fatal(err)
	}
	where, over := newExpansion().overBudget(doc.Content[0])
	if !over {
		t.Fatal("the alias bomb is within the budget")
	}
	_, ds := converted(t, aliasBomb)
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "alias bomb") {
		t.Fatalf("converter diagnostics %v, want the alias bomb", ds)
	}
	if ds[0].Range.Line != where.Line || ds[0].Range.Column != where.Column {
		t.Errorf("over budget at %d:%d, the converter runs out at %d:%d", where.Line, where.Column, ds[0].Range.Line, ds[0].Range.Column)
	}

	// Nine levels of ten aliases: 10^9 values, and one level fewer than
	// the budget can hold is fine.
	small := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b]\n"
	if err := yaml.Unmarshal([]byte(small), &doc); err != nil {
		t.Fatal(err)
	}
	if _, over := newExpansion().overBudget(doc.Content[0]); over {
		t.Error("a document of a few hundred values is over the budget")
	}
}

// TestParseRefusesAliasBombAtOnce checks that parseYAML reports the bomb
// and builds nothing.
func TestParseRefusesAliasBombAtOnce(t *testing.T) {
	var ds diag.Diagnostics
	n, _ := parseYAML("bomb.yaml", []byte(aliasBomb), &ds)
	if n != nil || len(ds) != 1 || !strings.Contains(ds[0].Message, "expands to more than") {
		t.Errorf("parseYAML = %v, %v; want nil and the alias bomb error", n, ds)
	}
}
