package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/daslint/daslint/internal/schemacheck"
)

// reportSchema is the JSON Schema of daslint/v1, relative to the
// repository root.
const reportSchema = "report/schema/daslint-v1.schema.json"

// TestGoldenReportsMatchSchema validates every golden want.json, under
// testdata/ and cmd/daslint/testdata/, against the daslint/v1 schema, and
// checks what a schema cannot say: the summary counts what the report
// holds.
func TestGoldenReportsMatchSchema(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	s, err := schemacheck.Compile(reportSchema)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"testdata", "cmd/daslint/testdata"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() == "want.json" {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 100 {
		t.Fatalf("only %d golden reports found", len(files))
	}
	for _, file := range files {
		doc, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := schemacheck.Validate(s, doc); err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		var r struct {
			Clusters []struct{ Verdict string }
			Errors   []any
			Summary  struct{ Clusters, Pass, Fail, Unknown, Errors int }
		}
		if err := json.Unmarshal(doc, &r); err != nil {
			t.Fatal(err)
		}
		n := map[string]int{}
		for _, c := range r.Clusters {
			n[c.Verdict]++
		}
		if sum := r.Summary; sum.Clusters != len(r.Clusters) || sum.Pass != n["pass"] || sum.Fail != n["fail"] ||
			sum.Unknown != n["unknown"] || sum.Errors != len(r.Errors) {
			t.Errorf("%s: summary %+v does not count the report (%d clusters %v, %d errors)", file, sum, len(r.Clusters), n, len(r.Errors))
		}
	}
}

// TestBrokenReportFailsSchema makes sure the golden check can fail: a
// golden report with one member too many, and one with a verdict daslint
// does not write, are rejected.
func TestBrokenReportFailsSchema(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	s, err := schemacheck.Compile(reportSchema)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("testdata/tf-one-subnet-broken-fail/want.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := schemacheck.Validate(s, doc); err != nil {
		t.Fatalf("the golden report is rejected: %v", err)
	}
	for name, change := range map[string]func(map[string]any){
		"extra member": func(d map[string]any) { d["timestamp"] = "2026-01-01T00:00:00Z" },
		"verdict": func(d map[string]any) {
			d["clusters"].([]any)[0].(map[string]any)["verdict"] = "error"
		},
	} {
		var d map[string]any
		if err := json.Unmarshal(doc, &d); err != nil {
			t.Fatal(err)
		}
		change(d)
		broken, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := schemacheck.Validate(s, broken); err == nil {
			t.Errorf("%s: the schema accepts the broken report", name)
		}
	}
}
