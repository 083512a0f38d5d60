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
		{"HTML escaped as go-sarif did", NewPropertyBag().Add("k", "<b>&"), `{"k":"\u003cb\u003e\u0026"}`},
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
	if r := run.CreateResultForRule("DAS003"); r.RuleIndex != -1 || *r.RuleID != "DAS003" || len(run.Results) != 1 {
		t.Errorf("a result of an undescribed rule: index %d, id %s, %d results", r.RuleIndex, *r.RuleID, len(run.Results))
	}
}

// TestEmptyLog pins the bytes of a log with one run and nothing in it:
// the defaults go-sarif v3 wrote, which the report keeps (the golden
// report/testdata/fixture.sarif pins a full one).
func TestEmptyLog(t *testing.T) {
	log := NewReport().AddRun(NewRunWithInformationURI("daslint", "https://example.com"))
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
   "addresses": [],
   "graphs": [],
   "invocations": [],
   "language": "en-US",
   "logicalLocations": [],
   "newlineSequences": [
    "\r\n",
    "\n"
   ],
   "policies": [],
   "redactionTokens": [],
   "results": [],
   "runAggregates": [],
   "taxonomies": [],
   "threadFlowLocations": [],
   "tool": {
    "driver": {
     "contents": [
      "localizedData",
      "nonLocalizedData"
     ],
     "informationUri": "https://example.com",
     "isComprehensive": false,
     "language": "en-US",
     "locations": [],
     "name": "daslint",
     "notifications": [],
     "rules": [],
     "supportedTaxonomies": [],
     "taxa": []
    },
    "extensions": []
   },
   "translations": [],
   "versionControlProvenance": [],
   "webRequests": [],
   "webResponses": []
  }
 ],
 "properties": {}
}
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
