package network

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// texts gathers every sentence a result gives a person: the reasons and
// fixes of broken links, the reasons and fixes of unknowns.
func texts(r ClusterResult) string {
	var b strings.Builder
	add := func(s string) { b.WriteString(s + "\n") }
	for _, u := range r.Unknowns {
		add(u.Reason)
		add(u.Fix)
	}
	for _, ir := range r.Instances {
		add(ir.Fix)
		for _, p := range Paths {
			if br := ir.Broken[p]; br != nil {
				add(br.Reason)
				add(br.Fix)
			}
		}
		for _, u := range ir.Unknowns {
			if u.Unresolved != nil {
				add(u.Reason)
			}
			add(u.Fix)
		}
	}
	return b.String()
}

// TestMessagesStateNoFalseFact checks the texts of explanations: an
// unknown link says it is not known, never that something fails; verbs
// agree with the number of things they speak of; a route is named by its
// own destination; a fix is about the case at hand.
func TestMessagesStateNoFalseFact(t *testing.T) {
	unknownVar := func(name string) *model.Unresolved {
		return unresolved(model.FromVariable, "variable \""+name+"\" has no value")
	}
	tgw := model.Ref{Literal: "tgw-0123"}
	tests := []struct {
		name    string
		edit    func(w *world)
		verdict model.Tri
		want    []string
		forbid  []string
	}{
		{"known private instance", func(*world) {}, model.True, nil, nil},
		{"public accessibility unknown", func(w *world) {
			w.inst.PubliclyAccessible = model.Bool{Unknown: unknownVar("public")}
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(w.igw)
		}, model.Unknown,
			[]string{`it is not known whether aws_rds_cluster_instance.one is publicly accessible (variable "public" has no value)`},
			[]string{"is not publicly accessible"}},
		{"assumed instances: plural, and their accessibility is unknown", func(w *world) {
			w.b.m.DBInstances = nil
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(w.igw)
		}, model.Unknown,
			[]string{"it is not known whether the instances of aws_rds_cluster.main are publicly accessible", "carry their traffic"},
			[]string{"is not publicly accessible", "the instances of aws_rds_cluster.main is"}},
		{"known private instance, no route: singular", func(w *world) { w.privRT.Routes = nil }, model.False,
			[]string{"aws_rds_cluster_instance.one is not publicly accessible, so an internet gateway cannot carry its traffic"}, nil},
		{"one security group: singular", func(w *world) { w.sg.Rules = nil }, model.False,
			[]string{"aws_security_group.db (the security group of aws_rds_cluster.main) allows no egress TCP 443 to 0.0.0.0/0"},
			[]string{"groups of aws_rds_cluster.main) allow"}},
		{"two security groups: plural", func(w *world) {
			w.sg.Rules = nil
			w.cluster.SecurityGroups = keys(w.sg, w.b.sg("other", w.vpc))
		}, model.False,
			[]string{"aws_security_group.db, aws_security_group.other (the security groups of aws_rds_cluster.main) allow no egress"}, nil},
		{"security group egress unknown", func(w *world) {
			w.sg.Rules[0].CIDRs.Items[0] = model.UnknownStr(unknownVar("cidr"), model.Range{})
		}, model.Unknown,
			[]string{"it is not known whether aws_security_group.db (the security group of aws_rds_cluster.main) allows egress TCP 443"},
			[]string{"allows no", "allow no"}},
		{"network ACL unknown", func(w *world) {
			a := w.b.acl("db", w.vpc, w.db)
			r := naclRule(100, false, "-1", "allow", "", 0, 0)
			r.CIDR = model.UnknownStr(unknownVar("cidr"), model.Range{})
			a.Rules = []*model.NetworkACLRule{naclRule(100, true, "-1", "allow", "0.0.0.0/0", 0, 0), r}
		}, model.Unknown,
			[]string{"it is not known whether aws_network_acl.db (the network ACL of aws_subnet.db) allows ingress"},
			[]string{"does not allow"}},
		{"internet gateway attachment unknown", func(w *world) {
			w.igw.VPC = model.Ref{Unknown: unknownVar("vpc_id")}
		}, model.Unknown,
			[]string{"it is not known whether aws_internet_gateway.igw is attached to aws_vpc.main"},
			[]string{"is not attached"}},
		{"endpoint private DNS unknown", func(w *world) {
			w.addEndpoint()
			w.b.m.VPCEndpoints[0].PrivateDNS = model.Bool{Unknown: unknownVar("private_dns")}
			w.privRT.Routes = nil
		}, model.Unknown,
			[]string{"it is not known whether aws_vpc_endpoint.kms enables private DNS"},
			[]string{"does not enable private DNS", "takes over kms.<region>.amazonaws.com with its private DNS, so"}},
		{"more specific route to a transit gateway: named by its destination", func(w *world) {
			w.b.route(w.privRT, "0.0.0.0/1", model.TargetTransitGateway, tgw)
		}, model.Unknown,
			[]string{"sends 0.0.0.0/1 to a transit gateway", "Send 0.0.0.0/1 to the same target as 0.0.0.0/0 in aws_route_table.private",
				"carries traffic to KMS's public addresses"},
			[]string{"sends 0.0.0.0/0 to a transit gateway", "The default route", "carries traffic to 0.0.0.0/0"}},
		{"prefix list to the same NAT gateway: no doubt", func(w *world) {
			r := w.b.route(w.privRT, "", model.TargetNATGateway, key(w.nat))
			r.DestinationCIDR, r.DestinationPrefixList = model.Str{}, model.Ref{Literal: "pl-0123"}
		}, model.True, nil, nil},
		{"prefix list to a transit gateway: the fix is about that route", func(w *world) {
			r := w.b.route(w.privRT, "", model.TargetTransitGateway, tgw)
			r.DestinationCIDR, r.DestinationPrefixList = model.Str{}, model.Ref{Literal: "pl-0123"}
		}, model.Unknown,
			[]string{"routes prefix list pl-0123, whose entries are not known offline",
				"Verify that TCP 443 to KMS gets through the transit gateway that aws_route_table.private.route routes prefix list pl-0123 to"},
			[]string{"sends 0.0.0.0/0", "The default route"}},
		{"default route to a transit gateway", func(w *world) {
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetTransitGateway, tgw
		}, model.Unknown,
			[]string{"aws_route_table.private.route sends 0.0.0.0/0 to a transit gateway"}, nil},
		{"unknown subnet: what is not known, not a failure", func(w *world) { unknownGroup(w) }, model.Unknown,
			[]string{"the subnet aws_rds_cluster_instance.one lands in, in aws_vpc.main, is not known (module.vpc is not vendored)"},
			[]string{"allows no", "allow no"}},
		{"unknown subnet of assumed instances: plural", func(w *world) { unknownGroup(w); w.b.m.DBInstances = nil }, model.Unknown,
			[]string{"the subnet the instances of aws_rds_cluster.main land in"}, []string{"the instances of aws_rds_cluster.main lands"}},
		{"association whose subnet is unknown: not a conditional one", func(w *world) {
			w.b.m.RouteTableAssociations = append(w.b.m.RouteTableAssociations, &model.RouteTableAssociation{
				Origin: w.b.origin("aws_route_table_association", "any"), Table: key(w.pubRT), Subnet: model.Ref{Unknown: unknownVar("subnet_id")}})
		}, model.Unknown,
			[]string{"the route table of aws_subnet.db depends on an association whose subnet or VPC is not known"},
			[]string{"unconditional", "may not exist"}},
		{"conditional association: make it unconditional", func(w *world) {
			w.b.m.RouteTableAssociations[1].Maybe = unresolved(model.FromCondition, "var.associate")
		}, model.Unknown,
			[]string{"the route table of aws_subnet.db depends on an association that may not exist", "make the route table association of aws_subnet.db unconditional"},
			nil},
		{"no DB subnet group: the fix says to name one", func(w *world) { w.cluster.SubnetGroup = model.Ref{} }, model.Unknown,
			[]string{"Give the cluster a DB subnet group"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			res := Analyze(w.b.m, Options{})
			if len(res) != 1 {
				t.Fatalf("got %d results", len(res))
			}
			if res[0].Verdict != tt.verdict {
				t.Errorf("verdict %v, want %v\n%s", res[0].Verdict, tt.verdict, dump(res[0]))
			}
			got := texts(res[0])
			for _, s := range tt.want {
				if !strings.Contains(got, s) {
					t.Errorf("no text contains %q; texts:\n%s", s, got)
				}
			}
			for _, s := range tt.forbid {
				if strings.Contains(got, s) {
					t.Errorf("a text contains %q; texts:\n%s", s, got)
				}
			}
		})
	}
}
