package parsers

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/awsfacts"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

const (
	factsVPCs    = `{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}, {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}]}`
	factsSubnets = `{"Subnets": [
    {"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a"},
    {"SubnetId": "subnet-b", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "eu-west-1b"},
    {"SubnetId": "subnet-z", "VpcId": "vpc-2", "CidrBlock": "10.1.1.0/24", "AvailabilityZone": "eu-west-1a"}]}`
	factsClusters = `{"DBClusters": [{"DBClusterIdentifier": "orders", "Engine": "aurora-mysql", "DBSubnetGroup": "g", "ActivityStreamStatus": "started"}]}`
)

// TestFactsDiscovery: the facts files of a directory are one root; other
// JSON files found by a walk are passed over silently; a facts file named
// as PATH stands for its directory's snapshot.
func TestFactsDiscovery(t *testing.T) {
	tree(t, map[string]string{
		"facts/vpcs.json":     factsVPCs,
		"facts/subnets.json":  factsSubnets,
		"facts/clusters.json": factsClusters,
		"facts/package.json":  `{"name": "tooling", "version": "1.0.0"}`,
		"other/data.json":     `{"Items": []}`,
	})
	for _, paths := range [][]string{{"."}, {"facts"}, {"facts/clusters.json"}} {
		set, ds := Load(paths, Options{})
		if len(ds) != 0 {
			t.Errorf("%v: diagnostics %v, want none", paths, ds)
		}
		if len(set.Models) != 1 {
			t.Fatalf("%v: %d models, want the snapshot", paths, len(set.Models))
		}
		m := set.Models[0]
		if m.Source != model.AWSFacts || m.Root != "facts" || len(m.VPCs) != 2 || len(m.Subnets) != 3 || len(m.ActivityStreams) != 1 {
			t.Errorf("%v: model %s %q with %d VPCs, %d subnets, %d streams", paths, m.Source, m.Root, len(m.VPCs), len(m.Subnets), len(m.ActivityStreams))
		}
		if set.Files != 3 {
			t.Errorf("%v: %d files, want the 3 facts files", paths, set.Files)
		}
	}
}

func TestSniffFacts(t *testing.T) {
	tree(t, map[string]string{
		"a.json": "{\n    \"RouteTables\": [\n",
		"b.json": `{"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": true}}`,
		"c.json": `{"AWSTemplateFormatVersion": "2010-09-09"}`,
		"d.yaml": `{"Vpcs": []}`,
		"e.json": `{"Vpcs": {}}`,
	})
	for name, want := range map[string]bool{"a.json": true, "b.json": true, "c.json": false, "d.yaml": false, "e.json": false} {
		if got := sniffFacts(name); got != want {
			t.Errorf("sniffFacts(%s) = %v, want %v", name, got, want)
		}
	}
}

// factsModel builds a context snapshot from files (name → JSON).
func factsModel(t *testing.T, files map[string]string) *model.Model {
	t.Helper()
	s := awsfacts.NewSnapshot()
	for name, data := range files {
		if ds := s.Add(name, []byte(data)); len(ds) != 0 {
			t.Fatal(ds)
		}
	}
	return s.Model(awsfacts.Options{})
}

func addresses[T model.Object](os []T) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.Base().Address)
	}
	return out
}

// TestJoinFacts: a literal subnet ID pulls in the subnet, its VPC and what
// the VPC holds (here the markers of the kinds not exported), not the other
// VPC; the literal becomes a key; a DB subnet group name declared in the
// code is not replaced by a facts group of the same name.
func TestJoinFacts(t *testing.T) {
	facts := factsModel(t, map[string]string{"vpcs.json": factsVPCs, "subnets.json": factsSubnets,
		"groups.json": `{"DBSubnetGroups": [{"DBSubnetGroupName": "shared", "VpcId": "vpc-2", "Subnets": [{"SubnetIdentifier": "subnet-z"}]},
			{"DBSubnetGroupName": "mine", "VpcId": "vpc-2", "Subnets": [{"SubnetIdentifier": "subnet-z"}]}]}`,
		"clusters.json": factsClusters})
	m := &model.Model{
		Source: model.Terraform,
		DBSubnetGroups: []*model.DBSubnetGroup{{Origin: model.Origin{Address: "aws_db_subnet_group.mine"},
			Name: model.KnownStr("mine", model.Range{}), Subnets: model.Refs{Items: []model.Ref{{Literal: "subnet-a"}, {Literal: "subnet-q"}}}}},
		DBClusters: []*model.DBCluster{
			{Origin: model.Origin{Address: "aws_rds_cluster.a"}, SubnetGroup: model.Ref{Literal: "mine"}},
		},
	}
	joinFacts(m, facts)
	if diff := cmp.Diff([]string{"vpc-1"}, addresses(m.VPCs)); diff != "" {
		t.Errorf("VPCs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"subnet-a", "subnet-b"}, addresses(m.Subnets)); diff != "" {
		t.Errorf("subnets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"aws_db_subnet_group.mine"}, addresses(m.DBSubnetGroups)); diff != "" {
		t.Errorf("subnet groups (-want +got):\n%s", diff)
	}
	if len(m.DBClusters) != 1 || len(m.ActivityStreams) != 0 {
		t.Errorf("facts clusters and streams never join: %d clusters, %d streams", len(m.DBClusters), len(m.ActivityStreams))
	}
	if got := m.DBSubnetGroups[0].Subnets.Items; got[0].Key != "subnet-a" || got[1].Literal != "subnet-q" {
		t.Errorf("refs = %+v, want subnet-a a key and subnet-q a literal", got)
	}
	if len(m.VPCEndpoints) != 1 || !strings.HasSuffix(m.VPCEndpoints[0].Address, awsfacts.MarkerSuffix) {
		t.Errorf("endpoints = %v, want vpc-1's not-exported marker", addresses(m.VPCEndpoints))
	}
	// Each joined object says it came from the facts, with its file and
	// ID there; the snapshot's own objects stay unmarked.
	for _, o := range m.Objects() {
		b := o.Base()
		if b.Address == "aws_db_subnet_group.mine" || b.Address == "aws_rds_cluster.a" {
			if b.From != nil {
				t.Errorf("%s: the root's own object has provenance %+v", b.Address, b.From)
			}
			continue
		}
		want := &model.Provenance{Kind: model.FromAWSFacts, File: b.Range.File, Line: b.Range.Line, ID: b.Address}
		if diff := cmp.Diff(want, b.From); diff != "" || b.Range.File == "" {
			t.Errorf("%s at %s: provenance (-want +got):\n%s", b.Address, b.Range, diff)
		}
	}
	for _, o := range facts.Objects() {
		if o.Base().From != nil {
			t.Errorf("the snapshot's %s was changed: provenance %+v", o.Base().Address, o.Base().From)
		}
	}

	// A group named only in the facts joins with its VPC.
	m2 := &model.Model{Source: model.Terraform, DBClusters: []*model.DBCluster{
		{Origin: model.Origin{Address: "aws_rds_cluster.b"}, SubnetGroup: model.Ref{Literal: "SHARED"}}}}
	joinFacts(m2, facts)
	if diff := cmp.Diff([]string{"subgrp:shared"}, addresses(m2.DBSubnetGroups)); diff != "" {
		t.Errorf("subnet groups (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"vpc-2"}, addresses(m2.VPCs)); diff != "" {
		t.Errorf("VPCs (-want +got):\n%s", diff)
	}

	// Nothing named: nothing joins.
	m3 := &model.Model{Source: model.Terraform}
	joinFacts(m3, facts)
	if len(m3.Objects()) != 0 {
		t.Errorf("joined %d objects into a model that names none", len(m3.Objects()))
	}
}

// TestFactsContextJoinsLintedRoot: a Terraform root linted with --context
// facts gets the facts objects its literal IDs name; the context snapshot
// itself is not reported.
func TestFactsContextJoinsLintedRoot(t *testing.T) {
	tree(t, map[string]string{"db/main.tf": "", "facts/vpcs.json": factsVPCs, "facts/subnets.json": factsSubnets, "facts/clusters.json": factsClusters})
	loader := func(_ context.Context, dir string, _ terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
		return &model.Model{Source: model.Terraform, Root: dir, Subnets: []*model.Subnet{
			{Origin: model.Origin{Address: "aws_subnet.x"}, VPC: model.Ref{Literal: "vpc-1"}}}}, nil, nil
	}
	set, ds := load(context.Background(), []string{"db"}, Options{Context: []string{"facts"}}, loader)
	if len(ds) != 0 || len(set.Models) != 1 {
		t.Fatalf("diagnostics %v, %d models; want none and the Terraform root", ds, len(set.Models))
	}
	m := set.Models[0]
	if m.Subnets[0].VPC.Key != "vpc-1" || len(m.VPCs) != 1 {
		t.Errorf("VPC ref %+v, %d VPCs: want vpc-1 joined", m.Subnets[0].VPC, len(m.VPCs))
	}
}

// TestBrokenFactsFileIsReported: a file that starts like facts but does not
// parse is an input error, found by a walk or named.
func TestBrokenFactsFileIsReported(t *testing.T) {
	tree(t, map[string]string{"facts/vpcs.json": "{\"Vpcs\": [\n  {\"VpcId\": \"vpc-1\"\n]}\n", "facts/subnets.json": factsSubnets})
	_, ds := Load([]string{"facts"}, Options{})
	if len(ds) != 1 || ds[0].Range.File != "facts/vpcs.json" || ds[0].Severity != diag.Error {
		t.Errorf("diagnostics = %v, want one error in facts/vpcs.json", ds)
	}
}

// TestFactsLookalikeIsSkipped: valid JSON that only starts like facts is
// some other tool's file, passed over in a walk, reported when named.
func TestFactsLookalikeIsSkipped(t *testing.T) {
	tree(t, map[string]string{"tool/out.json": `{"VpcId": "vpc-1", "Owner": "team"}`})
	set, ds := Load([]string{"."}, Options{})
	if len(ds) != 0 || len(set.Models) != 0 {
		t.Errorf("walk: diagnostics %v, %d models; want nothing", ds, len(set.Models))
	}
	_, ds = Load([]string{"tool/out.json"}, Options{})
	if len(ds) != 1 || ds[0].Severity != diag.Error {
		t.Errorf("named: diagnostics %v, want one error", ds)
	}
}

// TestJoinFactsNamesSources: the facts files whose objects joined are the
// model's Joined sources.
func TestJoinFactsNamesSources(t *testing.T) {
	facts := factsModel(t, map[string]string{"facts/vpcs.json": factsVPCs, "facts/subnets.json": factsSubnets})
	m := &model.Model{Source: model.Terraform, Joined: []string{"other.yaml"},
		Subnets: []*model.Subnet{{Origin: model.Origin{Address: "aws_subnet.x"}, VPC: model.Ref{Literal: "vpc-2"}}}}
	joinFacts(m, facts)
	if diff := cmp.Diff([]string{"facts/subnets.json", "facts/vpcs.json", "other.yaml"}, m.Joined); diff != "" {
		t.Errorf("joined (-want +got):\n%s", diff)
	}
}
