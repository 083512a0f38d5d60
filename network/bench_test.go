package network

import (
	"fmt"
	"testing"

	"github.com/daslint/daslint/model"
)

// bigModel builds n VPCs of about twenty objects each: the usual NAT
// layout, a KMS endpoint with its security group, a custom NACL and a
// cluster with two instances.
func bigModel(n int) *model.Model {
	b := newBuilder()
	for i := range n {
		p := fmt.Sprintf("v%d", i)
		vpc := b.vpc(p, "10.0.0.0/16")
		db := b.subnet(p+"_db_a", vpc, "10.0.1.0/24", "eu-west-1a")
		db2 := b.subnet(p+"_db_b", vpc, "10.0.2.0/24", "eu-west-1b")
		pub := b.subnet(p+"_public", vpc, "10.0.101.0/24", "eu-west-1a")
		igw := b.igw(p, vpc)
		nat := b.nat(p, pub)
		pubRT := b.table(p+"_public", vpc, pub)
		b.route(pubRT, "0.0.0.0/0", model.TargetGateway, key(igw))
		privRT := b.table(p+"_private", vpc, db, db2)
		b.route(privRT, "0.0.0.0/0", model.TargetNATGateway, key(nat))
		sg := b.sg(p+"_db", vpc, sgRule(model.Egress, "tcp", 443, 443, "0.0.0.0/0"))
		in := sgRule(model.Ingress, "tcp", 443, 443, "10.0.0.0/16")
		esg := b.sg(p+"_kms", vpc, in)
		e := b.endpoint(p, vpc, "com.amazonaws.eu-west-1.kms", db, db2)
		e.SecurityGroups = keys(esg)
		acl := b.acl(p, vpc, db, db2)
		acl.Rules = []*model.NetworkACLRule{
			naclRule(100, true, "-1", "allow", "0.0.0.0/0", 0, 0),
			naclRule(100, false, "tcp", "allow", "10.0.0.0/16", 443, 443),
			naclRule(110, false, "tcp", "allow", "0.0.0.0/0", 1024, 65535),
		}
		g := b.subnetGroup(p, db, db2)
		c := b.cluster(p, g, sg)
		b.instance(p+"_one", c)
		b.instance(p+"_two", c)
		b.stream(c)
	}
	return b.m
}

func BenchmarkAnalyze(b *testing.B) {
	m := bigModel(1000)
	b.ReportMetric(float64(len(m.Objects())), "objects")
	b.ReportAllocs()
	for b.Loop() {
		res := Analyze(m, Options{})
		if len(res) != 1000 || res[0].Verdict != model.True {
			b.Fatalf("got %d results, first %v", len(res), res[0].Verdict)
		}
	}
}
