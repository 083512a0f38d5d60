package parsers

import (
	"testing"

	"github.com/daslint/daslint/model"
)

// snapshot is a facts source of one VPC, its subnets and DB subnet groups.
func snapshot(root, vpc string, subnets []string, groups ...string) *realSource {
	m := &model.Model{Root: root, Source: model.AWSFacts}
	m.VPCs = append(m.VPCs, &model.VPC{Origin: model.Origin{Address: vpc}})
	for _, s := range subnets {
		m.Subnets = append(m.Subnets, &model.Subnet{Origin: model.Origin{Address: s}, VPC: model.Ref{Key: vpc}})
	}
	for _, g := range groups {
		m.DBSubnetGroups = append(m.DBSubnetGroups, &model.DBSubnetGroup{
			Origin: model.Origin{Address: "subgrp:" + g}, Name: model.KnownStr(g, model.Range{})})
	}
	s := factsSource(m)
	s.name = root
	return s
}

func TestSettleShared(t *testing.T) {
	a := snapshot("a", "vpc-1", []string{"subnet-1", "subnet-2"}, "aurora-db")
	sameVPC := snapshot("b", "vpc-1", []string{"subnet-2"})
	other := snapshot("c", "vpc-9", []string{"subnet-9"}, "aurora-db")
	tests := []struct {
		name    string
		lit     string
		facts   []*realSource
		unknown bool
	}{
		{"one snapshot settles", "subnet-1", []*realSource{a}, false},
		{"the ID in two snapshots", "subnet-2", []*realSource{a, sameVPC}, true},
		{"its VPC in another snapshot", "subnet-1", []*realSource{a, sameVPC}, true},
		{"the other snapshot is another VPC", "subnet-1", []*realSource{a, other}, false},
		{"a group name in two accounts", "aurora-db", []*realSource{a, other}, true},
		{"a group name in one", "aurora-db", []*realSource{a, sameVPC}, false},
		{"an ID no snapshot holds", "subnet-404", []*realSource{a, sameVPC}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &model.DBSubnetGroup{Subnets: model.Refs{Set: true, Items: []model.Ref{{Literal: tt.lit}}}}
			settleShared([]model.Object{g}, tt.facts)
			r := g.Subnets.Items[0]
			if got := r.Unknown != nil; got != tt.unknown {
				t.Fatalf("unknown = %v, want %v (ref %+v)", got, tt.unknown, r)
			}
			if tt.unknown && r.Literal != "" {
				t.Errorf("an unsettled literal stays a literal %q: a later source would join it", r.Literal)
			}
			if !tt.unknown && r.Literal != tt.lit {
				t.Errorf("literal = %q, want %q unchanged", r.Literal, tt.lit)
			}
		})
	}
}
