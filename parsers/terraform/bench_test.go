package terraform

import (
	"fmt"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// generatedInstances builds n copies of a three-zone network with a NAT
// gateway, security groups, an endpoint and an Aurora cluster: about 25
// instances per copy.
func generatedInstances(n int) []*eval.Instance {
	var out []*eval.Instance
	for i := range n {
		p := fmt.Sprintf("module.env[%d].", i)
		vpc := p + "aws_vpc.this"
		out = append(out, resource(vpc, attrs{"cidr_block": cty.StringVal("10.0.0.0/16"), "enable_dns_hostnames": cty.True}))
		var subnets []cty.Value
		for z := range 3 {
			s := fmt.Sprintf("%saws_subnet.private[%d]", p, z)
			subnets = append(subnets, tok(s))
			out = append(out,
				resource(s, attrs{"vpc_id": tok(vpc), "cidr_block": cty.StringVal(fmt.Sprintf("10.0.%d.0/24", z)), "availability_zone": unknownOf(cty.String, dataAZ)}),
				resource(fmt.Sprintf("%saws_route_table_association.private[%d]", p, z), attrs{"subnet_id": tok(s), "route_table_id": tok(p + "aws_route_table.private")}),
			)
		}
		out = append(out,
			resource(p+"aws_internet_gateway.this", attrs{"vpc_id": tok(vpc)}),
			resource(p+"aws_nat_gateway.this", attrs{"subnet_id": tok(p + "aws_subnet.public")}),
			resource(p+"aws_route_table.private", attrs{"vpc_id": tok(vpc)},
				nested{typ: "route", attrs: attrs{"cidr_block": cty.StringVal("0.0.0.0/0"), "nat_gateway_id": tok(p + "aws_nat_gateway.this")}}),
			resource(p+"aws_security_group.db", attrs{"vpc_id": tok(vpc)},
				nested{typ: "egress", attrs: attrs{"protocol": cty.StringVal("tcp"), "from_port": cty.NumberIntVal(443), "to_port": cty.NumberIntVal(443), "cidr_blocks": strs("0.0.0.0/0")}},
				nested{typ: "ingress", attrs: attrs{"protocol": cty.StringVal("tcp"), "from_port": cty.NumberIntVal(3306), "to_port": cty.NumberIntVal(3306), "self": cty.True}}),
			resource(p+"aws_vpc_endpoint.kms", attrs{"vpc_id": tok(vpc), "service_name": cty.StringVal("com.amazonaws.eu-west-1.kms"),
				"vpc_endpoint_type": cty.StringVal("Interface"), "subnet_ids": cty.TupleVal(subnets)}),
			resource(p+"aws_db_subnet_group.db", attrs{"subnet_ids": cty.TupleVal(subnets)}),
			resource(p+"aws_rds_cluster.db", attrs{"engine": cty.StringVal("aurora-mysql"), "db_subnet_group_name": tok(p + "aws_db_subnet_group.db"),
				"vpc_security_group_ids": cty.TupleVal([]cty.Value{tok(p + "aws_security_group.db")})}),
			resource(p+"aws_rds_cluster_instance.db[0]", attrs{"cluster_identifier": tok(p + "aws_rds_cluster.db")}),
			resource(p+"aws_rds_cluster_activity_stream.db", attrs{"resource_arn": tok(p + "aws_rds_cluster.db")}),
		)
	}
	return out
}

func BenchmarkToModel(b *testing.B) {
	res := &eval.Result{Dir: ".", Instances: generatedInstances(1000)}
	b.ReportAllocs()
	for b.Loop() {
		m, _ := toModel(res, Options{})
		if len(m.DBClusters) != 1000 {
			b.Fatalf("got %d clusters, want 1000", len(m.DBClusters))
		}
	}
}

func TestGeneratedInstancesTranslate(t *testing.T) {
	m, ds := translateAll(t, generatedInstances(2)...)
	if len(ds) != 0 {
		t.Errorf("unexpected diagnostics %v", ds)
	}
	if len(m.VPCs) != 2 || len(m.Subnets) != 6 || len(m.ActivityStreams) != 2 {
		t.Errorf("got %d VPCs, %d subnets, %d streams; want 2, 6, 2", len(m.VPCs), len(m.Subnets), len(m.ActivityStreams))
	}
	if got := m.ActivityStreams[1].Cluster; got != (model.Ref{Key: "module.env[1].aws_rds_cluster.db", Range: got.Range}) {
		t.Errorf("second stream links %+v, want module.env[1].aws_rds_cluster.db", got)
	}
}
