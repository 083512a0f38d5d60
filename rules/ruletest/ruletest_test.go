package ruletest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/rules"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // Expectation.String
		err  string
	}{
		{"hash comment", "resource \"a\" \"b\" { # want DAS001 \"cannot reach\"\n", []string{`f.tf:1: DAS001 "cannot reach"`}, ""},
		{"slash comment, raw string", "x\nresource \"a\" \"b\" { // want DAS002 `unknown .*`\n", []string{"f.tf:2: DAS002 \"unknown .*\""}, ""},
		{"YAML", "Resources:\n  DB: # want DAS001 \"x\"\n", []string{`f.tf:2: DAS001 "x"`}, ""},
		{"two clauses", "r { # want DAS001 \"a\" DAS002 \"b\"\n", []string{`f.tf:1: DAS001 "a"`, `f.tf:1: DAS002 "b"`}, ""},
		{"escaped quote", "r { # want DAS001 \"say \\\"hi\\\"\"\n", []string{`f.tf:1: DAS001 "say \"hi\""`}, ""},
		{"no want", "# a comment that wants nothing\nr {}\n", nil, ""},
		{"unquoted pattern", "r { # want DAS001 cannot\n", nil, "must be a quoted Go string"},
		{"rule alone", "r { # want DAS001\n", nil, "want RULE"},
		{"bad regexp", "r { # want DAS001 \"(\"\n", nil, "missing closing )"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, err := Parse("f.tf", []byte(tt.text))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range ws {
				got = append(got, w.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	finding := func(rule string, line int, msg string) rules.Finding {
		return rules.Finding{Rule: rule, Message: msg, Range: model.Range{File: "dir/main.tf", Line: line}}
	}
	want := func(rule string, line int, pattern string) Expectation {
		ws, err := parseClauses(rule + " " + `"` + pattern + `"`)
		if err != nil {
			t.Fatal(err)
		}
		ws[0].File, ws[0].Line = "main.tf", line
		return ws[0]
	}
	tests := []struct {
		name  string
		wants []Expectation
		got   []rules.Finding
		want  []string
	}{
		{"matched", []Expectation{want("DAS001", 3, "cannot")}, []rules.Finding{finding("DAS001", 3, "x cannot reach")}, nil},
		{"nothing expected, nothing found", nil, nil, nil},
		{"unexpected", nil, []rules.Finding{finding("DAS001", 3, "m")}, []string{"main.tf:3: unexpected DAS001 finding: m"}},
		{"unmatched", []Expectation{want("DAS001", 3, "m")}, nil, []string{`main.tf:3: DAS001 "m": no finding matched the expectation`}},
		{"other line", []Expectation{want("DAS001", 4, "m")}, []rules.Finding{finding("DAS001", 3, "m")},
			[]string{"main.tf:3: unexpected DAS001 finding: m", `main.tf:4: DAS001 "m": no finding matched the expectation`}},
		{"other rule", []Expectation{want("DAS002", 3, "m")}, []rules.Finding{finding("DAS001", 3, "m")},
			[]string{"main.tf:3: unexpected DAS001 finding: m", `main.tf:3: DAS002 "m": no finding matched the expectation`}},
		{"message does not match", []Expectation{want("DAS001", 3, "^x")}, []rules.Finding{finding("DAS001", 3, "y")},
			[]string{"main.tf:3: unexpected DAS001 finding: y", `main.tf:3: DAS001 "^x": no finding matched the expectation`}},
		{"one expectation per finding", []Expectation{want("DAS001", 3, "m")}, []rules.Finding{finding("DAS001", 3, "m"), finding("DAS001", 3, "m")},
			[]string{"main.tf:3: unexpected DAS001 finding: m"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Compare("dir", tt.wants, tt.got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
