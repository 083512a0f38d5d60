package parsers

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/awsfacts"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

func TestDataFilters(t *testing.T) {
	attr := func(v cty.Value) *eval.Attr { return &eval.Attr{Value: v} }
	filter := func(name string, values ...string) *eval.Block {
		vs := make([]cty.Value, len(values))
		for i, v := range values {
			vs[i] = cty.StringVal(v)
		}
		return &eval.Block{Body: eval.Body{Attrs: attrsOf(map[string]*eval.Attr{"name": attr(cty.StringVal(name)), "values": attr(cty.ListVal(vs))})}}
	}
	spec := dataSpecs()["aws_subnet"]
	tests := []struct {
		name string
		body eval.Body
		want []awsfacts.Filter
		ok   bool
	}{
		{"arguments, tags and filters; false is not sent", eval.Body{
			Attrs: attrsOf(map[string]*eval.Attr{
				"vpc_id":         attr(cty.StringVal("vpc-1")),
				"default_for_az": attr(cty.False),
				"tags":           attr(cty.MapVal(map[string]cty.Value{"Tier": cty.StringVal("db")})),
			}),
			Blocks: map[string][]*eval.Block{"filter": {filter("tag:Name", "db-a", "db-b")}},
		}, []awsfacts.Filter{{Name: "tag:Tier", Values: []string{"db"}},
			{Name: "vpc-id", Values: []string{"vpc-1"}}, {Name: "tag:Name", Values: []string{"db-a", "db-b"}}}, true},
		{"true and non-empty arguments filter", eval.Body{Attrs: attrsOf(map[string]*eval.Attr{
			"default_for_az": attr(cty.True), "state": attr(cty.StringVal("available")), "cidr_block": attr(cty.StringVal("")),
		})}, []awsfacts.Filter{{Name: "default-for-az", Values: []string{"true"}}, {Name: "state", Values: []string{"available"}}}, true},
		{"unknown argument", eval.Body{Attrs: attrsOf(map[string]*eval.Attr{"vpc_id": attr(cty.UnknownVal(cty.String))})}, nil, false},
		{"identity token: declared in code", eval.Body{Attrs: attrsOf(map[string]*eval.Attr{"vpc_id": attr(cty.StringVal(model.Token("aws_vpc.main")))})}, nil, false},
		{"argument not translated", eval.Body{Attrs: attrsOf(map[string]*eval.Attr{"ipv6_cidr_block": attr(cty.StringVal("::/56"))})}, nil, false},
		{"filter with unknown values", eval.Body{Blocks: map[string][]*eval.Block{"filter": {{Body: eval.Body{Attrs: attrsOf(map[string]*eval.Attr{
			"name": attr(cty.StringVal("vpc-id")), "values": attr(cty.UnknownVal(cty.List(cty.String)))})}}}}}, nil, false},
	}
	for _, tt := range tests {
		got, ok := dataFilters(&tt.body, spec)
		if ok != tt.ok {
			t.Errorf("%s: ok = %v, want %v", tt.name, ok, tt.ok)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: filters (-want +got):\n%s", tt.name, diff)
		}
	}
}

// dataFacts is a snapshot with every kind the data sources read, except
// NAT gateways.
var dataFacts = map[string]string{
	"facts/vpcs.json": `{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "IsDefault": false, "State": "available", "Tags": [{"Key": "Name", "Value": "main"}]}]}`,
	"facts/subnets.json": `{"Subnets": [
		{"SubnetId": "subnet-a", "VpcId": "vpc-1", "AvailabilityZone": "eu-west-1a", "SubnetArn": "arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-a", "Tags": [{"Key": "Tier", "Value": "db"}]},
		{"SubnetId": "subnet-b", "VpcId": "vpc-1", "AvailabilityZone": "eu-west-1b", "Tags": [{"Key": "Tier", "Value": "db"}]}]}`,
	"facts/sgs.json": `{"SecurityGroups": [
		{"GroupId": "sg-default", "GroupName": "default", "VpcId": "vpc-1"},
		{"GroupId": "sg-db", "GroupName": "aurora", "VpcId": "vpc-1", "Tags": [{"Key": "Tier", "Value": "db"}]}]}`,
	"facts/rtbs.json": `{"RouteTables": [
		{"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true, "RouteTableAssociationId": "rtbassoc-1", "RouteTableId": "rtb-main"}]},
		{"RouteTableId": "rtb-db", "VpcId": "vpc-1", "Associations": [{"Main": false, "RouteTableAssociationId": "rtbassoc-2", "RouteTableId": "rtb-db", "SubnetId": "subnet-a"}]}]}`,
	"facts/igws.json":  `{"InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}]}`,
	"facts/vpces.json": `{"VpcEndpoints": [{"VpcEndpointId": "vpce-kms", "VpcEndpointType": "Interface", "VpcId": "vpc-1", "ServiceName": "com.amazonaws.eu-west-1.kms", "State": "available", "SubnetIds": ["subnet-a"], "Groups": [{"GroupId": "sg-db"}]}]}`,
	"facts/acls.json":  `{"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": true}]}`,
	"facts/pls.json":   `{"PrefixLists": [{"PrefixListId": "pl-s3", "PrefixListName": "com.amazonaws.eu-west-1.s3", "AddressFamily": "IPv4", "OwnerId": "AWS"}]}`,
	"facts/groups.json": `{"DBSubnetGroups": [{"DBSubnetGroupName": "aurora-db", "VpcId": "vpc-1",
		"Subnets": [{"SubnetIdentifier": "subnet-a"}, {"SubnetIdentifier": "subnet-b"}]}]}`,
	"facts/clusters.json": `{"DBClusters": [{"DBClusterIdentifier": "orders", "DBClusterArn": "arn:aws:rds:eu-west-1:111122223333:cluster:orders",
		"DBSubnetGroup": "aurora-db", "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-db"}], "ActivityStreamStatus": "stopped"}]}`,
}

// TestDataSourceAgainstFacts: each data source's arguments become the
// provider's filters; singular ones give the one match's attributes, fail
// on none (an input error) and stay unknown on several; plural ones give
// lists, [] when nothing matches.
func TestDataSourceAgainstFacts(t *testing.T) {
	tree(t, dataFacts)
	roots, _, _ := discover(context.Background(), frontEnds(Options{}), []string{"facts"}, nil, "")
	cat := newCatalog(context.Background(), Options{}, frontEnds(Options{}), nil, roots)
	str := cty.StringVal
	list := func(ss ...string) cty.Value { return stringList(ss) }
	body := func(attrs map[string]cty.Value, filters ...*eval.Block) *eval.Body {
		b := &eval.Body{Attrs: nil, Blocks: map[string][]*eval.Block{}}
		for k, v := range attrs {
			b.SetAttr(eval.Attr{Name: k, Value: v})
		}
		if len(filters) > 0 {
			b.Blocks["filter"] = filters
		}
		return b
	}
	filter := func(name string, values ...string) *eval.Block {
		return &eval.Block{Body: *body(map[string]cty.Value{"name": str(name), "values": list(values...)})}
	}
	tags := func(k, v string) cty.Value { return cty.MapVal(map[string]cty.Value{k: str(v)}) }
	tests := []struct {
		typ  string
		body *eval.Body
		want map[string]cty.Value // the attributes checked
		why  string               // in the reason, when nothing is settled
		err  string               // in the input error
	}{
		{"aws_vpc", body(map[string]cty.Value{"tags": tags("Name", "main"), "default": cty.False}),
			map[string]cty.Value{"id": str("vpc-1"), "default": cty.False, "main_route_table_id": str("rtb-main")}, "", ""},
		{"aws_vpc", body(map[string]cty.Value{"tags": tags("Name", "other")}), nil, "nothing in the Vpcs facts matches", "facts/vpcs.json"},
		{"aws_subnet", body(map[string]cty.Value{"vpc_id": str("vpc-1")}), nil, "2 objects in the Subnets facts", ""},
		{"aws_subnet", body(map[string]cty.Value{"availability_zone": str("eu-west-1c")}), nil, "nothing in the Subnets facts", "Terraform fails"},
		{"aws_subnets", body(nil, filter("tag:Tier", "db"), filter("vpc-id", "vpc-1")), map[string]cty.Value{"ids": list("subnet-a", "subnet-b")}, "", ""},
		{"aws_subnets", body(nil, filter("vpc-id", "vpc-9")), map[string]cty.Value{"ids": cty.ListValEmpty(cty.String)}, "", ""},
		{"aws_security_group", body(map[string]cty.Value{"name": str("aurora"), "vpc_id": str("vpc-1")}), map[string]cty.Value{"id": str("sg-db"), "vpc_id": str("vpc-1")}, "", ""},
		{"aws_security_group", body(map[string]cty.Value{"id": str("sg-gone")}), nil, "nothing in the SecurityGroups facts", "SecurityGroups"},
		{"aws_security_groups", body(map[string]cty.Value{"tags": tags("Tier", "db")}), map[string]cty.Value{"ids": list("sg-db"), "vpc_ids": list("vpc-1")}, "", ""},
		{"aws_security_groups", body(nil, filter("group-name", "x")), map[string]cty.Value{"ids": cty.ListValEmpty(cty.String)}, "", ""},
		{"aws_route_table", body(map[string]cty.Value{"subnet_id": str("subnet-a")}), map[string]cty.Value{"id": str("rtb-db"), "associations": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
			"route_table_association_id": str("rtbassoc-2"), "route_table_id": str("rtb-db"), "subnet_id": str("subnet-a"), "gateway_id": str(""), "main": cty.False})})}, "", ""},
		{"aws_route_table", body(nil, filter("association.main", "true"), filter("vpc-id", "vpc-1")), map[string]cty.Value{"id": str("rtb-main")}, "", ""},
		{"aws_route_table", body(map[string]cty.Value{"subnet_id": str("subnet-b")}), nil, "nothing in the RouteTables facts", "RouteTables"},
		{"aws_route_tables", body(map[string]cty.Value{"vpc_id": str("vpc-1")}), map[string]cty.Value{"ids": list("rtb-main", "rtb-db")}, "", ""},
		{"aws_internet_gateway", body(nil, filter("attachment.vpc-id", "vpc-1")), map[string]cty.Value{"id": str("igw-1")}, "", ""},
		{"aws_internet_gateway", body(map[string]cty.Value{"internet_gateway_id": str("igw-9")}), nil, "nothing in the InternetGateways", "InternetGateways"},
		{"aws_nat_gateway", body(map[string]cty.Value{"subnet_id": str("subnet-a")}), nil, "no NatGateways facts of its region can answer it (export them: aws ec2 describe-nat-gateways)", ""},
		{"aws_nat_gateways", body(map[string]cty.Value{"vpc_id": str("vpc-1")}), nil, "aws ec2 describe-nat-gateways", ""},
		{"aws_vpc_endpoint", body(map[string]cty.Value{"vpc_id": str("vpc-1"), "service_name": str("com.amazonaws.eu-west-1.kms"), "state": str("available")}),
			map[string]cty.Value{"id": str("vpce-kms"), "security_group_ids": list("sg-db"), "subnet_ids": list("subnet-a")}, "", ""},
		{"aws_vpc_endpoint", body(map[string]cty.Value{"service_name": str("com.amazonaws.eu-west-1.ssm")}), nil, "nothing in the VpcEndpoints", "VpcEndpoints"},
		{"aws_network_acls", body(map[string]cty.Value{"vpc_id": str("vpc-1")}, filter("default", "true")), map[string]cty.Value{"ids": list("acl-1")}, "", ""},
		{"aws_ec2_managed_prefix_list", body(map[string]cty.Value{"name": str("com.amazonaws.eu-west-1.s3")}), map[string]cty.Value{"id": str("pl-s3")}, "", ""},
		{"aws_ec2_managed_prefix_list", body(nil, filter("prefix-list-name", "corp")), nil, "nothing in the PrefixLists", "PrefixLists"},
		{"aws_db_subnet_group", body(map[string]cty.Value{"name": str("aurora-db")}), map[string]cty.Value{"subnet_ids": list("subnet-a", "subnet-b"), "vpc_id": str("vpc-1")}, "", ""},
		{"aws_db_subnet_group", body(map[string]cty.Value{"name": str("billing-db")}), nil, "nothing in the DBSubnetGroups", "DBSubnetGroups"},
		{"aws_rds_cluster", body(map[string]cty.Value{"cluster_identifier": str("orders")}),
			map[string]cty.Value{"arn": str("arn:aws:rds:eu-west-1:111122223333:cluster:orders"), "vpc_security_group_ids": list("sg-db"), "db_subnet_group_name": str("aurora-db")}, "", ""},
		{"aws_rds_cluster", body(map[string]cty.Value{"cluster_identifier": str("billing")}), nil, "nothing in the DBClusters", "DBClusters"},
	}
	for i, tt := range tests {
		got, why, err := cat.dataSource(eval.DataQuery{Type: tt.typ, Body: tt.body, Region: str("eu-west-1")})
		name := fmt.Sprintf("%d: %s", i, tt.typ)
		if (err != nil) != (tt.err != "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: err %v, want %q", name, err, tt.err)
		}
		if tt.why != "" {
			if got != nil || !strings.Contains(why, tt.why) {
				t.Errorf("%s: %v, %q; want nothing settled and %q", name, got, why, tt.why)
			}
			continue
		}
		for k, want := range tt.want {
			if v, ok := got[k]; !ok || !v.RawEquals(want) {
				t.Errorf("%s: %s = %#v, want %#v (why %q)", name, k, v, want, why)
			}
		}
	}
}

// TestDataSourceNotSettled: what daslint cannot translate, or a run
// without facts, settles nothing and says nothing.
func TestDataSourceNotSettled(t *testing.T) {
	tree(t, dataFacts)
	roots, _, _ := discover(context.Background(), frontEnds(Options{}), []string{"facts"}, nil, "")
	cat := newCatalog(context.Background(), Options{}, frontEnds(Options{}), nil, roots)
	tests := []struct {
		typ   string
		attrs map[string]cty.Value
	}{
		{"aws_ec2_managed_prefix_list", map[string]cty.Value{"tags": cty.MapVal(map[string]cty.Value{"Team": cty.StringVal("net")})}}, // tags are only an output
		{"aws_db_subnet_group", map[string]cty.Value{"name": cty.UnknownVal(cty.String)}},
		{"aws_rds_cluster", map[string]cty.Value{"cluster_identifier": cty.StringVal(model.Token("aws_rds_cluster.x"))}},
		{"aws_kms_key", map[string]cty.Value{"key_id": cty.StringVal("alias/das")}},
	}
	for _, tt := range tests {
		b := &eval.Body{Attrs: nil}
		for k, v := range tt.attrs {
			b.SetAttr(eval.Attr{Name: k, Value: v})
		}
		if got, why, err := cat.dataSource(eval.DataQuery{Type: tt.typ, Body: b}); got != nil || why != "" || err != nil {
			t.Errorf("%s: %v, %q, %v; want nothing", tt.typ, got, why, err)
		}
	}
	tree(t, map[string]string{"db/main.tf": ""})
	roots, _, _ = discover(context.Background(), frontEnds(Options{}), []string{"db"}, nil, "")
	cat = newCatalog(context.Background(), Options{}, frontEnds(Options{}), nil, roots)
	b := &eval.Body{Attrs: attrsOf(map[string]*eval.Attr{"name": {Value: cty.StringVal("aurora-db")}})}
	if got, why, err := cat.dataSource(eval.DataQuery{Type: "aws_db_subnet_group", Body: b}); got != nil || why != "" || err != nil {
		t.Errorf("no facts in the run: %v, %q, %v; want nothing", got, why, err)
	}
}
