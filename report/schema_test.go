package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/daslint/daslint/internal/schemacheck"
)

// reportSchemaFile is the JSON Schema of daslint/v1, relative to this package.
var reportSchemaFile = filepath.Join("schema", "daslint-v1.schema.json")

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := schemacheck.Compile(reportSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// everyMember is the fixture with every optional member of daslint/v1 set
// somewhere: a cluster joined from another source, links and a broken
// link settled by other sources with callers, a suppression with an end,
// a finding reached through a module, a cluster without an engine and one
// with; fingerprints as the rules make them.
func everyMember() *Report {
	r := fixture()
	from := &Source{Kind: SourceTerraformRoot, File: "network/main.tf", Line: 58, ID: "aws_route_table.private",
		Callers: []Caller{{File: "network/main.tf", Line: 3, Module: "module.vpc"}}}
	r.Clusters[0].Engine = str("aurora-postgresql")
	r.Clusters[1].From = &Source{Kind: SourceAWSFacts, File: "facts/rds.json", Line: 4, ID: "legacy"}
	in := &r.Clusters[0].Instances[0]
	b := in.Broken["nat"]
	b.Source, b.From = "network/main.tf", from
	in.Broken["nat"] = b
	in.Held["nat"][0].Source = from
	r.Clusters[0].Instances[1].Witness[0].Source = &Source{Kind: SourceTFState, File: "state.json", ID: "aws_subnet.private_b"}
	r.Clusters[2].Unknowns = []Unknown{{Kind: "module", Reason: "module.db is not read", Subject: "Database", File: "cfn/x.yaml", Line: 1}}
	for i := range r.Findings {
		r.Findings[i].Fingerprint = strings.Repeat("0123456789abcdef", 2)[:31] + string(rune('0'+i))
	}
	r.Findings[0].Callers = []Caller{{File: "main.tf", Line: 35, Module: "module.aurora"}}
	r.Findings[1].Suppressed.Until = str("2027-01-31")
	r.Findings[2].Baseline = true
	return r
}

func TestJSONSchemaFixture(t *testing.T) {
	s := compileSchema(t)
	for name, r := range map[string]*Report{"fixture with every member": everyMember(), "pass": passFixture(), "empty": {}} {
		var buf bytes.Buffer
		if err := JSON(&buf, r); err != nil {
			t.Fatal(err)
		}
		if err := schemacheck.Validate(s, buf.Bytes()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestJSONSchemaRejects makes sure the schema is closed and typed: each
// change to a valid report breaks it.
func TestJSONSchemaRejects(t *testing.T) {
	s := compileSchema(t)
	var buf bytes.Buffer
	if err := JSON(&buf, everyMember()); err != nil {
		t.Fatal(err)
	}
	valid := buf.Bytes()
	tests := map[string]func(doc map[string]any){
		"unknown top-level member": func(d map[string]any) { d["elapsed"] = "1s" },
		"other schema":             func(d map[string]any) { d["schema"] = "daslint/v2" },
		"no summary":               func(d map[string]any) { delete(d, "summary") },
		"clusters null":            func(d map[string]any) { d["clusters"] = nil },
		"verdict":                  func(d map[string]any) { cluster(d, 0)["verdict"] = "maybe" },
		"path of a failing cluster": func(d map[string]any) {
			cluster(d, 0)["path"] = "nat"
		},
		"unknown cluster member": func(d map[string]any) { cluster(d, 0)["root"] = "." },
		"line as text":           func(d map[string]any) { cluster(d, 0)["line"] = "40" },
		"negative line":          func(d map[string]any) { cluster(d, 0)["line"] = -1 },
		"broken path name": func(d map[string]any) {
			in := cluster(d, 0)["instances"].([]any)[0].(map[string]any)
			in["broken"].(map[string]any)["vpn"] = in["broken"].(map[string]any)["nat"]
		},
		"broken status": func(d map[string]any) {
			in := cluster(d, 0)["instances"].([]any)[0].(map[string]any)
			in["broken"].(map[string]any)["nat"].(map[string]any)["status"] = "true"
		},
		"instance without links": func(d map[string]any) {
			delete(cluster(d, 0)["instances"].([]any)[0].(map[string]any), "links")
		},
		"source kind": func(d map[string]any) {
			cluster(d, 1)["from"].(map[string]any)["kind"] = "pulumi"
		},
		"unknown kind": func(d map[string]any) {
			cluster(d, 2)["unknowns"].([]any)[0].(map[string]any)["kind"] = "magic"
		},
		"finding severity": func(d map[string]any) { finding(d, 0)["severity"] = "note" },
		"rule ID":          func(d map[string]any) { finding(d, 0)["rule"] = "KMS1" },
		"fingerprint":      func(d map[string]any) { finding(d, 0)["fingerprint"] = "xyz" },
		"baseline as text": func(d map[string]any) { finding(d, 0)["baseline"] = "false" },
		"suppression end":  func(d map[string]any) { finding(d, 1)["suppressed"].(map[string]any)["until"] = "soon" },
		"error severity": func(d map[string]any) {
			d["errors"].([]any)[0].(map[string]any)["severity"] = "fatal"
		},
		"summary member": func(d map[string]any) { d["summary"].(map[string]any)["skipped"] = 0 },
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(valid, &doc); err != nil {
				t.Fatal(err)
			}
			change(doc)
			broken, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := schemacheck.Validate(s, broken); err == nil {
				t.Errorf("the schema accepts %s", broken)
			}
		})
	}
}

// cluster and finding are the i-th cluster and finding of a decoded
// report, in the order of everyMember after normalizing: clusters
// cfn/db stack, infra/main.tf:40, infra/main.tf:100; findings likewise.
func cluster(d map[string]any, i int) map[string]any {
	order := []int{1, 2, 0}
	return d["clusters"].([]any)[order[i]].(map[string]any)
}

func finding(d map[string]any, i int) map[string]any {
	order := []int{1, 2, 0}
	return d["findings"].([]any)[order[i]].(map[string]any)
}
