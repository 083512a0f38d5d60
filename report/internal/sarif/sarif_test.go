package sarif

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestPropertyBag(t *testing.T) {
	tests := []struct {
		name string
		bag  *PropertyBag
		want string
	}{
		{"empty: no tags key", NewPropertyBag(), `{}`},
		{"sorted, tags last only by name", NewPropertyBag().WithTags([]string{"security"}).Add("z", "1").Add("a", 2), `{"a":2,"tags":["security"],"z":"1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.bag)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestEmptyPropertiesLeftOut: a rule with no property has no properties
// object.
func TestEmptyPropertiesLeftOut(t *testing.T) {
	run := NewRunWithInformationURI("daslint", "https://example.com")
	d := run.AddRule("DAS001").WithProperties(NewPropertyBag())
	if d.Properties != nil {
		t.Errorf("an empty bag is kept: %+v", d.Properties)
	}
	if d.WithProperties(NewPropertyBag().Add("precision", "high")).Properties == nil {
		t.Error("a bag with a property is dropped")
	}
}

func TestRules(t *testing.T) {
	run := NewRunWithInformationURI("daslint", "https://example.com")
	a := run.AddRule("DAS001")
	if run.AddRule("DAS001") != a {
		t.Error("AddRule added a rule that was there")
	}
	run.AddRule("DAS002")
	for id, want := range map[string]int{"DAS001": 0, "DAS002": 1, "DAS003": -1, "": -1} {
		if got := run.GetRuleIndex(id); got != want {
			t.Errorf("GetRuleIndex(%q) = %d, want %d", id, got, want)
		}
	}
	if r := run.CreateResultForRule("DAS003"); r.RuleIndex != nil || r.RuleID != "DAS003" || len(run.Results) != 1 {
		t.Errorf("a result of an undescribed rule: index %v, id %s, %d results", r.RuleIndex, r.RuleID, len(run.Results))
	}
	if r := run.CreateResultForRule("DAS001"); r.RuleIndex == nil || *r.RuleIndex != 0 {
		t.Errorf("a result of the first rule: index %v, want 0", r.RuleIndex)
	}
}

// TestRegion: a region of one line has no endLine; there are no offsets.
func TestRegion(t *testing.T) {
	for _, tt := range []struct {
		start, end int
		want       string
	}{
		{3, 0, `{"startLine":3}`},
		{3, 3, `{"startLine":3}`},
		{3, 2, `{"startLine":3}`},
		{3, 9, `{"startLine":3,"endLine":9}`},
	} {
		got, err := json.Marshal(NewRegion(tt.start, tt.end))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("NewRegion(%d, %d) = %s, want %s", tt.start, tt.end, got, tt.want)
		}
	}
}

// TestEmptyLog pins the bytes of a log with one run and nothing in it:
// what SARIF and GitHub require and nothing else (the golden
// report/testdata/fixture.sarif pins a full one).
func TestEmptyLog(t *testing.T) {
	log := NewReport().AddRun(NewRunWithInformationURI("daslint", "https://example.com").AddInvocation(NewInvocation()))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(log); err != nil {
		t.Fatal(err)
	}
	const want = `{
 "$schema": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json",
 "version": "2.1.0",
 "runs": [
  {
   "tool": {
    "driver": {
     "name": "daslint",
     "informationUri": "https://example.com"
    }
   },
   "invocations": [
    {
     "executionSuccessful": true
    }
   ],
   "results": []
  }
 ]
}
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
