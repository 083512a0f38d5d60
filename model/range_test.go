package model

import (
	"reflect"
	"testing"
)

func TestProvenanceAt(t *testing.T) {
	p := &Provenance{Kind: FromTerraformRoot, File: "network/main.tf", Line: 10, ID: "aws_security_group.a"}
	withCallers := &Provenance{Kind: FromTerraformRoot, File: "modules/vpc/main.tf", Line: 10, ID: "module.vpc.aws_route_table.a", Callers: []Range{{File: "network/main.tf", Line: 3}}}
	tests := []struct {
		name string
		p    *Provenance
		r    Range
		want *Provenance
	}{
		{"nil stays nil", nil, Range{File: "network/main.tf", Line: 12}, nil},
		{"an inline block of the same file moves to its line", p, Range{File: "network/main.tf", Line: 12},
			&Provenance{Kind: FromTerraformRoot, File: "network/main.tf", Line: 12, ID: "aws_security_group.a"}},
		{"another file (code beside a plan) keeps the source's place", p, Range{File: "main.tf", Line: 12}, p},
		{"no line keeps the source's place", p, Range{File: "network/main.tf"}, p},
		{"the callers stay", withCallers, Range{File: "modules/vpc/main.tf", Line: 12},
			&Provenance{Kind: FromTerraformRoot, File: "modules/vpc/main.tf", Line: 12, ID: "module.vpc.aws_route_table.a", Callers: []Range{{File: "network/main.tf", Line: 3}}}},
	}
	for _, tt := range tests {
		got := tt.p.At(tt.r)
		switch {
		case tt.want == nil && got != nil, tt.want != nil && (got == nil || !reflect.DeepEqual(*got, *tt.want)):
			t.Errorf("%s: At(%v) = %+v, want %+v", tt.name, tt.r, got, tt.want)
		}
	}
	if p.Line != 10 {
		t.Errorf("At changed its receiver: line %d", p.Line)
	}
}
