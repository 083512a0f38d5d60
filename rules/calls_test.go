package rules

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/model"
)

func TestCallChain(t *testing.T) {
	call := func(file string, line int) model.Range { return model.Range{File: file, Line: line} }
	root, inner := call("main.tf", 3), call(".terraform/modules/aurora/main.tf", 12)
	tests := []struct {
		name    string
		src     model.Source
		addr    string
		callers []model.Range
		want    []Call
	}{
		{"root resource", model.Terraform, "aws_rds_cluster.this", nil, nil},
		{"one module", model.Terraform, "module.aurora.aws_rds_cluster.this[0]", []model.Range{root},
			[]Call{{"module.aurora", root}}},
		{"two modules with keys", model.Terraform, `module.db["a.b"].module.aurora[0].aws_rds_cluster.this`, []model.Range{root, inner},
			[]Call{{`module.db["a.b"]`, root}, {`module.db["a.b"].module.aurora[0]`, inner}}},
		{"key with a quoted bracket", model.Terraform, `module.db["x]\"y"].aws_rds_cluster.this`, []model.Range{root},
			[]Call{{`module.db["x]\"y"]`, root}}},
		{"symbolic instance", model.Terraform, "module.db[?].aws_rds_cluster.this", []model.Range{root},
			[]Call{{"module.db[?]", root}}},
		{"count disagrees: no names", model.Terraform, "aws_rds_cluster.this", []model.Range{root},
			[]Call{{"", root}}},
		{"unclosed key: no names", model.Terraform, `module.db["x.aws_rds_cluster.this`, []model.Range{root},
			[]Call{{"", root}}},
		{"nested stack", model.CloudFormation, "Database/DBCluster", []model.Range{call("parent.yaml", 20)},
			[]Call{{"Database", call("parent.yaml", 20)}}},
		{"two nested stacks", model.CloudFormation, "A/B/DBCluster", []model.Range{call("parent.yaml", 20), call("a.yaml", 7)},
			[]Call{{"A", call("parent.yaml", 20)}, {"A/B", call("a.yaml", 7)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CallChain(tt.src, &model.Origin{Address: tt.addr, Callers: tt.callers})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CallChain(%s) (-want +got):\n%s", tt.addr, diff)
			}
		})
	}
}

// TestFindingCallers checks that the findings of a cluster declared in a
// module carry its call chain, and that the chain, which is a position,
// leaves the fingerprint (and so every baseline) as it was.
func TestFindingCallers(t *testing.T) {
	withCallers := fixture()
	callers := []model.Range{{File: "main.tf", Line: 3}}
	for i := range withCallers {
		c := *withCallers[i].Cluster
		c.Address = "module.db." + c.Address
		c.Callers = callers
		withCallers[i].Cluster = &c
	}
	plain := fixture()
	for i := range plain {
		c := *plain[i].Cluster
		c.Address = "module.db." + c.Address
		plain[i].Cluster = &c
	}
	models := []*model.Model{{Root: "envs/prod", Source: model.Terraform}}
	got, _ := run(context.Background(), models, All(), Options{}, fixed(withCallers))
	want, _ := run(context.Background(), models, All(), Options{}, fixed(plain))
	if len(got[0].Findings) != 2 || len(want[0].Findings) != 2 {
		t.Fatalf("%d and %d findings, want 2 (DAS001, DAS002)", len(got[0].Findings), len(want[0].Findings))
	}
	for i, f := range got[0].Findings {
		if diff := cmp.Diff([]Call{{"module.db", callers[0]}}, f.Callers); diff != "" {
			t.Errorf("%s callers (-want +got):\n%s", f.Rule, diff)
		}
		if f.Fingerprint != want[0].Findings[i].Fingerprint {
			t.Errorf("%s: the call chain changed the fingerprint", f.Rule)
		}
	}
}
