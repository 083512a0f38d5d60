package tfplan

import (
	"testing"

	"github.com/daslint/daslint/model"
)

func TestNamesResource(t *testing.T) {
	tests := []struct {
		path []any
		want bool
	}{
		{[]any{"vpc_id"}, true},
		{[]any{"subnet_ids", 0}, true},
		{[]any{"resource_arn"}, true},
		{[]any{"db_subnet_group_name"}, true},
		{[]any{"cluster_identifier"}, true},
		{[]any{"route", 0, "nat_gateway_id"}, true},
		{[]any{"security_groups", 1}, true},
		{[]any{"id"}, false},
		{[]any{"arn"}, false},
		{[]any{"tags", "subnet_id"}, false},
		{[]any{"description"}, false},
		{[]any{"cidr_block"}, false},
	}
	for _, tt := range tests {
		if got := namesResource(tt.path); got != tt.want {
			t.Errorf("namesResource(%v) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestArnRegion(t *testing.T) {
	tests := map[string]string{
		"arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1":    "eu-west-1",
		"arn:aws:rds:us-east-2:123456789012:cluster:main": "us-east-2",
		"arn:aws:iam::123456789012:role/x":                "",
		"vpc-1":                                           "",
		"arn:aws:s3:::bucket":                             "",
	}
	for arn, want := range tests {
		if got := arnRegion(arn); got != want {
			t.Errorf("arnRegion(%q) = %q, want %q", arn, got, want)
		}
	}
}

func TestIndexIDs(t *testing.T) {
	root := &valuesModule{Resources: []valuesResource{
		{Address: "aws_vpc.main", Mode: "managed", Type: "aws_vpc", Values: map[string]any{
			"id": "vpc-1", "arn": "arn:aws:ec2:eu-west-1:1:vpc/vpc-1", "main_route_table_id": "rtb-main"}},
		{Address: "aws_default_route_table.main", Mode: "managed", Type: "aws_default_route_table", Values: map[string]any{"id": "rtb-main"}},
		{Address: "aws_subnet.a", Mode: "managed", Type: "aws_subnet", Values: map[string]any{"id": "subnet-1", "arn": "arn:aws:ec2:eu-west-1:1:subnet/subnet-1"}},
		{Address: "aws_db_subnet_group.x", Mode: "managed", Type: "aws_db_subnet_group", Values: map[string]any{"id": "same"}},
		{Address: "aws_rds_cluster.x", Mode: "managed", Type: "aws_rds_cluster", Values: map[string]any{"id": "same"}},
		{Address: "data.aws_subnet.d", Mode: "data", Type: "aws_subnet", Values: map[string]any{"id": "subnet-d"}},
	}}
	b := &builder{}
	b.indexIDs(root)
	want := map[string]string{
		"vpc-1":    model.Token("aws_vpc.main"),
		"subnet-1": model.Token("aws_subnet.a"),
		"rtb-main": model.Token(model.MainRouteTableAddress("aws_vpc.main")),
	}
	for id, tok := range want {
		if b.ids[id] != tok {
			t.Errorf("ids[%q] = %q, want %q", id, b.ids[id], tok)
		}
	}
	for _, id := range []string{"same", "subnet-d"} {
		if tok, ok := b.ids[id]; ok {
			t.Errorf("ids[%q] = %q, want no link (ambiguous, or a data source)", id, tok)
		}
	}
	if b.stateRegion != "eu-west-1" {
		t.Errorf("region = %q, want eu-west-1", b.stateRegion)
	}
}

// TestClusterNetworkType reads network_type from a state through the
// Terraform translator: DUAL is kept, null (the provider leaves it unset in
// configurations that do not set it) stays unset.
func TestClusterNetworkType(t *testing.T) {
	data := []byte(`{"format_version":"1.0","values":{"root_module":{"resources":[
		{"address":"aws_rds_cluster.dual","mode":"managed","type":"aws_rds_cluster","name":"dual","values":{"id":"dual","cluster_identifier":"dual","engine":"aurora-postgresql","network_type":"DUAL"}},
		{"address":"aws_rds_cluster.plain","mode":"managed","type":"aws_rds_cluster","name":"plain","values":{"id":"plain","cluster_identifier":"plain","engine":"aurora-postgresql","network_type":null}}]}}}`)
	m, _, ds := Load("state.json", data, Options{})
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	got := map[string]model.Str{}
	for _, c := range m.DBClusters {
		got[c.Address] = c.NetworkType
	}
	if nt := got["aws_rds_cluster.dual"]; !nt.Known() || nt.Value != "DUAL" {
		t.Errorf("dual: network type = %+v, want DUAL", nt)
	}
	if nt := got["aws_rds_cluster.plain"]; nt.Set || nt.Unknown != nil {
		t.Errorf("plain: network type = %+v, want unset", nt)
	}
}
