package parsers

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// clusterState is a format-4 state of a root that manages a cluster, its
// instance, its DB subnet group and their network.
const clusterState = `{"version": 4, "terraform_version": "1.11.0", "lineage": "x", "resources": [
 {"mode": "managed", "type": "aws_vpc", "name": "main", "instances": [{"attributes": {"id": "vpc-0a1", "cidr_block": "10.0.0.0/16"}}]},
 {"mode": "managed", "type": "aws_subnet", "name": "a", "instances": [{"attributes": {"id": "subnet-0a", "vpc_id": "vpc-0a1", "cidr_block": "10.0.1.0/24"}}]},
 {"mode": "managed", "type": "aws_db_subnet_group", "name": "db", "instances": [{"attributes": {"id": "db", "name": "db",
  "arn": "arn:aws:rds:eu-west-1:123456789012:subgrp:db", "subnet_ids": ["subnet-0a"]}}]},
 {"mode": "managed", "type": "aws_rds_cluster", "name": "main", "instances": [{"attributes": {"id": "orders", "cluster_identifier": "orders",
  "arn": "arn:aws:rds:eu-west-1:123456789012:cluster:orders", "engine": "aurora-postgresql", "db_subnet_group_name": "db"}}]},
 {"mode": "managed", "type": "aws_rds_cluster_instance", "name": "main", "instances": [{"attributes": {"id": "orders-1", "identifier": "orders-1",
  "cluster_identifier": "orders", "publicly_accessible": false}}]}]}`

// TestClustersByLiteral: a stream whose resource_arn is a literal joins
// the cluster a state of the run holds, with its instances, its subnet
// group and its network, placed at the stream; an ARN of another account,
// or a cluster of that identifier in the code, keeps the stream as it was.
func TestClustersByLiteral(t *testing.T) {
	stream := func(arn string) string {
		return `resource "aws_rds_cluster_activity_stream" "s" {
  resource_arn = "` + arn + `"
  mode         = "async"
  kms_key_id   = "alias/das"
}
`
	}
	for _, c := range []struct {
		name, code string
		joined     bool
	}{
		{"the cluster's ARN", stream("arn:aws:rds:eu-west-1:123456789012:cluster:orders"), true},
		{"an ARN of another account", stream("arn:aws:rds:eu-west-1:999999999999:cluster:orders"), false},
		{"the code declares the cluster", stream("arn:aws:rds:eu-west-1:123456789012:cluster:orders") + `
resource "aws_rds_cluster" "own" {
  cluster_identifier = "orders"
  engine             = "aurora-postgresql"
}
`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeRoots(t, map[string]string{"net/terraform.tfstate": clusterState, "db/main.tf": c.code})
			set, _ := Load([]string{filepath.Join(dir, "db")}, Options{Context: []string{filepath.Join(dir, "net")}})
			if len(set.Models) != 1 {
				t.Fatalf("%d models", len(set.Models))
			}
			m := set.Models[0]
			var joined *model.DBCluster
			for _, cl := range m.DBClusters {
				if cl.From != nil {
					joined = cl
				}
			}
			if !c.joined {
				if joined != nil || len(m.DBInstances) != 0 || len(m.DBSubnetGroups) != 0 {
					t.Errorf("joined %+v, %d instances, %d groups; want nothing joined", joined, len(m.DBInstances), len(m.DBSubnetGroups))
				}
				return
			}
			if joined == nil {
				t.Fatal("the cluster did not join")
			}
			s := m.ActivityStreams[0]
			if joined.Address != "terraform.tfstate::aws_rds_cluster.main" || s.Cluster.Key != joined.Address {
				t.Errorf("cluster %s, stream's cluster %+v", joined.Address, s.Cluster)
			}
			if joined.Range != s.Range || joined.From.Kind != model.FromTFState || joined.From.ID != "aws_rds_cluster.main" {
				t.Errorf("cluster at %v from %+v; want at the stream %v, from the state", joined.Range, joined.From, s.Range)
			}
			if len(m.DBInstances) != 1 || len(m.DBSubnetGroups) != 1 || len(m.Subnets) != 1 || len(m.VPCs) != 1 {
				t.Errorf("joined %d instances, %d groups, %d subnets, %d VPCs; want one of each",
					len(m.DBInstances), len(m.DBSubnetGroups), len(m.Subnets), len(m.VPCs))
			}
			if len(m.Joined) != 1 || !strings.HasSuffix(m.Joined[0], "net/terraform.tfstate") {
				t.Errorf("joined files %v, want the state", m.Joined)
			}
		})
	}
}

// TestClusterFromFactsWithoutInstances: a cluster joined from AWS facts
// that have no describe-db-instances gets a marker instance whose public
// accessibility and zone are unknown, naming the export command.
func TestClusterFromFactsWithoutInstances(t *testing.T) {
	for _, c := range []struct {
		name      string
		instances string // the db-instances.json file, or ""
		marker    bool
	}{
		{"no instance facts", "", true},
		{"instance facts", `{"DBInstances": [{"DBInstanceIdentifier": "orders-1", "DBClusterIdentifier": "orders", "PubliclyAccessible": false}]}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{
				"facts/db-clusters.json": `{"DBClusters": [{"DBClusterIdentifier": "orders", "Engine": "aurora-postgresql",
 "DBClusterArn": "arn:aws:rds:eu-west-1:111122223333:cluster:orders", "DBSubnetGroup": "db"}]}`,
				"db/main.tf": `resource "aws_rds_cluster_activity_stream" "s" {
  resource_arn = "arn:aws:rds:eu-west-1:111122223333:cluster:orders"
  mode         = "async"
  kms_key_id   = "alias/das"
}
`,
			}
			if c.instances != "" {
				files["facts/db-instances.json"] = c.instances
			}
			dir := writeRoots(t, files)
			set, _ := Load([]string{filepath.Join(dir, "db")}, Options{Context: []string{filepath.Join(dir, "facts")}})
			m := set.Models[0]
			if len(m.DBClusters) != 1 || m.DBClusters[0].Address != "orders" || m.DBClusters[0].From.Kind != model.FromAWSFacts {
				t.Fatalf("clusters %+v", m.DBClusters)
			}
			if len(m.DBInstances) != 1 {
				t.Fatalf("%d instances, want 1", len(m.DBInstances))
			}
			in := m.DBInstances[0]
			u := in.PubliclyAccessible.Unknown
			if got := u != nil && strings.Contains(u.Reason, "aws rds describe-db-instances"); got != c.marker {
				t.Errorf("instance %s: public accessibility unknown naming the export = %v, want %v", in.Address, got, c.marker)
			}
		})
	}
}

func TestDeclaresCluster(t *testing.T) {
	m := &model.Model{DBClusters: []*model.DBCluster{{Identifier: model.KnownStr("Orders", model.Range{})}}}
	unknownID := &model.Model{DBClusters: []*model.DBCluster{{Identifier: model.UnknownStr(&model.Unresolved{}, model.Range{})}}}
	for _, c := range []struct {
		m    *model.Model
		lit  string
		want bool
	}{
		{m, "orders", true},
		{m, "arn:aws:rds:eu-west-1:1:cluster:orders", true},
		{m, "reports", false},
		{unknownID, "reports", true},
		{&model.Model{}, "orders", false},
	} {
		if got := declaresCluster(c.m, c.lit); got != c.want {
			t.Errorf("declaresCluster(%q) = %v, want %v", c.lit, got, c.want)
		}
	}
}

func TestSameRegion(t *testing.T) {
	region := func(r string) model.Str {
		if r == "" {
			return model.Str{}
		}
		return model.KnownStr(r, model.Range{})
	}
	tests := []struct {
		name, lit, model, cluster string
		want                      bool
	}{
		{"identifier, same region", "orders", "eu-west-1", "eu-west-1", true},
		{"identifier, another region", "orders", "us-east-1", "eu-west-1", false},
		{"identifier, the model's region unknown", "orders", "", "eu-west-1", true},
		{"identifier, the cluster's region unknown", "orders", "us-east-1", "", true},
		{"an ARN matched exactly names its own region", "arn:aws:rds:eu-west-1:111122223333:cluster:orders", "us-east-1", "eu-west-1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &model.Model{Region: region(tt.model)}
			c := &model.DBCluster{Region: region(tt.cluster)}
			if got := sameRegion(m, tt.lit, c); got != tt.want {
				t.Errorf("sameRegion = %v, want %v", got, tt.want)
			}
		})
	}
}
