package tfplan

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary text to Load as a plan or state JSON: it must
// not panic, every diagnostic must name the file, and a model must come
// out.
func FuzzLoad(f *testing.F) {
	// One real state as a seed; the real plans (about 50 KB each) slow Go's
	// mutator to a handful of runs a minute, so a small plan stands in.
	for _, c := range []string{"tfstate-nat-pass"} {
		matches, _ := filepath.Glob(filepath.Join("..", "..", "testdata", c, "*.json"))
		for _, m := range matches {
			if data, err := os.ReadFile(m); err == nil && Claims(data) != None {
				f.Add(data)
			}
		}
	}
	// A format-4 state, as terraform.tfstate holds it.
	f.Add([]byte(`{"version":4,"terraform_version":"1.11.0","lineage":"x","outputs":{"a":{"value":"subnet-1"}},"resources":[
{"module":"module.n","mode":"managed","type":"aws_subnet","name":"a","instances":[{"index_key":0,"attributes":{"id":"subnet-1","vpc_id":"vpc-1"}}]},
{"mode":"managed","type":"aws_vpc","name":"v","instances":[{"attributes":{"id":"vpc-1"}}]}]}`))
	f.Add([]byte(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "x"}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[
{"address":"aws_subnet.a[0]","mode":"managed","type":"aws_subnet","name":"a","index":0,"values":{"cidr_block":"10.0.0.0/24"}},
{"address":"aws_route_table_association.a[0]","mode":"managed","type":"aws_route_table_association","name":"a","index":0,"values":{}}]}},
"resource_changes":[{"address":"aws_route_table_association.a[0]","change":{"after_unknown":{"subnet_id":true,"id":true}}}],
"configuration":{"root_module":{"resources":[{"address":"aws_route_table_association.a","type":"aws_route_table_association","name":"a",
"expressions":{"subnet_id":{"references":["aws_subnet.a[count.index].id","aws_subnet.a"]}},"count_expression":{"constant_value":1}}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = Claims(data)
		dir := t.TempDir()
		path := filepath.Join(dir, "plan.json")
		m, _, ds := Load(path, data, Options{Root: dir})
		if m == nil {
			t.Fatal("nil model")
		}
		for _, d := range ds {
			if d.Range.File == "" {
				t.Errorf("diagnostic without a file: %v", d)
			}
		}
	})
}
