package network

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// expect is what a scenario must produce, derived from docs/semantics.md#what-is-checked.
type expect struct {
	verdict model.Tri
	path    Path   // for a pass
	broken  Path   // a path whose first broken link must explain itself
	reason  string // ... with this text in its reason
	status  model.Tri
	kind    model.UnknownKind // an unknown of this kind must be listed
	fix     string            // text in some instance's Fix
	why     string            // text in the reason of some listed unknown
	// notReason is text that the reason of no broken link of the path
	// named by broken may hold.
	notReason string
}

func check(t *testing.T, res []ClusterResult, want expect) {
	t.Helper()
	if len(res) != 1 {
		t.Fatalf("got %d cluster results, want 1", len(res))
	}
	r := res[0]
	if r.Verdict != want.verdict {
		t.Errorf("verdict = %v, want %v\n%s", r.Verdict, want.verdict, dump(r))
	}
	if want.path != "" && r.Path != want.path {
		t.Errorf("path = %q, want %q", r.Path, want.path)
	}
	if want.broken != "" && !hasBroken(r, want.broken, want.reason, want.status) {
		t.Errorf("no %s broken link with %q (status %v)\n%s", want.broken, want.reason, want.status, dump(r))
	}
	if want.notReason != "" && hasBroken(r, want.broken, want.notReason, 0) {
		t.Errorf("a %s broken link's reason holds %q\n%s", want.broken, want.notReason, dump(r))
	}
	if want.kind != "" && !hasKind(r, want.kind) {
		t.Errorf("no unknown of kind %q\n%s", want.kind, dump(r))
	}
	if want.fix != "" && !hasFix(r, want.fix) {
		t.Errorf("no fix containing %q\n%s", want.fix, dump(r))
	}
	if want.why != "" && !hasUnknownReason(r, want.why) {
		t.Errorf("no unknown whose reason contains %q\n%s", want.why, dump(r))
	}
	explains(t, r)
}

// hasUnknownReason says whether some unknown of r, or of one of its
// placements, has text in its reason.
func hasUnknownReason(r ClusterResult, text string) bool {
	us := slices.Clone(r.Unknowns)
	for _, ir := range r.Instances {
		us = append(us, ir.Unknowns...)
	}
	for _, u := range us {
		if u.Unresolved != nil && strings.Contains(u.Reason, text) {
			return true
		}
	}
	return false
}

// explains asserts that every verdict explains itself: a pass with a
// witness, anything else with a broken link or an unknown.
func explains(t *testing.T, r ClusterResult) {
	t.Helper()
	if r.Verdict != model.True && len(r.Unknowns) == 0 && len(r.Instances) == 0 {
		t.Errorf("cluster %s: %v verdict without explanation", r.Subject().Address, r.Verdict)
	}
	// docs/semantics.md#three-valued-logic: a cluster passes only when every placement passes, so its
	// verdict is never better than the AND of its instances'.
	all := model.True
	for _, ir := range r.Instances {
		all = all.And(ir.Verdict)
	}
	if r.Verdict == model.True && all != model.True {
		t.Errorf("cluster %s passes, but its placements AND to %v", r.Subject().Address, all)
	}
	if r.Verdict == model.True && len(r.Instances) == 0 {
		t.Errorf("cluster %s passes without any placement", r.Subject().Address)
	}
	for _, ir := range r.Instances {
		switch {
		case ir.Verdict == model.True && len(ir.Witness) == 0:
			t.Errorf("%s in %s: pass without witness", ir.Instance, ir.Subnet)
		case ir.Verdict == model.True && ir.Path == "":
			t.Errorf("%s in %s: pass without path", ir.Instance, ir.Subnet)
		case ir.Verdict != model.True && len(ir.Broken) == 0 && len(ir.Unknowns) == 0:
			t.Errorf("%s in %s: %v without explanation", ir.Instance, ir.Subnet, ir.Verdict)
		case ir.Verdict == model.Unknown && len(ir.Unknowns) == 0:
			t.Errorf("%s in %s: unknown without unknowns\n%s", ir.Instance, ir.Subnet, dump(r))
		}
		for p, b := range ir.Broken {
			heldBeforeBreak(t, ir, p, b)
		}
	}
}

// heldBeforeBreak asserts that the links held before a break form a path
// prefix: from the placement's subnet outward, no longer than the depth of
// the break.
func heldBeforeBreak(t *testing.T, ir InstanceResult, p Path, b *Broken) {
	t.Helper()
	if len(b.Held) > b.Depth {
		t.Errorf("%s in %s, %s path: %d links held before a break at depth %d", ir.Instance, ir.Subnet, p, len(b.Held), b.Depth)
	}
	if len(b.Held) > 0 && ir.AnySubnet == nil && b.Held[0].Address != ir.Subnet {
		t.Errorf("%s in %s, %s path: held links start at %s, not at the subnet", ir.Instance, ir.Subnet, p, b.Held[0].Address)
	}
}

func hasBroken(r ClusterResult, p Path, reason string, status model.Tri) bool {
	for _, ir := range r.Instances {
		if b := ir.Broken[p]; b != nil && strings.Contains(b.Reason, reason) && (status == 0 || b.Status == status) {
			return true
		}
	}
	return false
}

func hasKind(r ClusterResult, k model.UnknownKind) bool {
	for _, u := range r.Unknowns {
		if u.Kind == k {
			return true
		}
	}
	for _, ir := range r.Instances {
		for _, u := range ir.Unknowns {
			if u.Kind == k {
				return true
			}
		}
	}
	return false
}

func hasFix(r ClusterResult, fix string) bool {
	for _, ir := range r.Instances {
		if strings.Contains(ir.Fix, fix) {
			return true
		}
	}
	return false
}

func dump(r ClusterResult) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "cluster %s: %v %s\n", r.Subject().Address, r.Verdict, r.Path)
	for _, u := range r.Unknowns {
		fmt.Fprintf(&sb, "  cluster unknown [%s] %s\n", u.Kind, u.Reason)
	}
	for _, ir := range r.Instances {
		fmt.Fprintf(&sb, "  %s in %s: %v %s fix=%q\n", ir.Instance, ir.Subnet, ir.Verdict, ir.Path, ir.Fix)
		for _, l := range ir.Witness {
			fmt.Fprintf(&sb, "    witness %s\n", l.Text)
		}
		for _, p := range Paths {
			if b := ir.Broken[p]; b != nil {
				fmt.Fprintf(&sb, "    broken %s [%v depth %d] %s: %s\n", p, b.Status, b.Depth, b.Text, b.Reason)
			}
		}
		for _, u := range ir.Unknowns {
			fmt.Fprintf(&sb, "    unknown [%s] %s\n", u.Kind, u.Reason)
		}
	}
	return sb.String()
}

func TestPaths(t *testing.T) {
	pass := func(p Path) expect { return expect{verdict: model.True, path: p} }
	tests := []struct {
		name string
		edit func(w *world)
		want expect
	}{
		{"nat path passes", func(*world) {}, pass(PathNAT)},
		{"public path passes", func(w *world) {
			w.inst.PubliclyAccessible = boolean(true)
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(w.igw)
		}, pass(PathPublic)},
		{"public and nat both hold: public is reported", func(w *world) {
			w.inst.PubliclyAccessible = boolean(true)
		}, pass(PathNAT)}, // the route goes to the NAT: only the nat path holds
		{"kms endpoint passes without any internet route", func(w *world) {
			w.addEndpoint()
			w.privRT.Routes = nil
		}, pass(PathKMSEndpoint)},
		{"kms endpoint is the path even when nat works", func(w *world) {
			w.addEndpoint()
		}, pass(PathKMSEndpoint)},
		{"regional NAT gateway with an IGW on the VPC", func(w *world) {
			w.nat.Subnet = model.Ref{}
			w.nat.VPC = key(w.vpc)
			w.nat.AvailabilityMode = str("regional")
		}, pass(PathNAT)},
		{"IGW attached through a gateway attachment", func(w *world) {
			w.igw.VPC = model.Ref{}
			w.b.m.GatewayAttachments = append(w.b.m.GatewayAttachments, &model.GatewayAttachment{
				Origin: w.b.origin("aws_internet_gateway_attachment", "a"), Gateway: key(w.igw), VPC: key(w.vpc)})
		}, pass(PathNAT)},

		// Longest prefix match: more specific public routes may take KMS traffic.
		{"more specific public routes to a transit gateway", func(w *world) {
			for _, half := range []string{"0.0.0.0/1", "128.0.0.0/1"} {
				w.b.route(w.privRT, half, model.TargetTransitGateway, model.Ref{Literal: "tgw-0123456789abcdef0"})
			}
		}, expect{verdict: model.Unknown, kind: model.FromTarget}},
		{"more specific public route to the same NAT gateway", func(w *world) {
			w.b.route(w.privRT, "52.0.0.0/8", model.TargetNATGateway, key(w.nat))
		}, expect{verdict: model.True, path: PathNAT}},
		{"more specific private route elsewhere", func(w *world) {
			w.b.route(w.privRT, "10.0.0.0/8", model.TargetTransitGateway, model.Ref{Literal: "tgw-0123456789abcdef0"})
		}, expect{verdict: model.True, path: PathNAT}},

		// Broken links.
		{"no default route", func(w *world) { w.privRT.Routes = nil }, expect{verdict: model.False,
			broken: PathNAT, reason: "aws_route_table.private has no IPv4 default route", status: model.False,
			fix: "route 0.0.0.0/0 of aws_route_table.private to a public NAT gateway"}},
		{"route to a detached internet gateway", func(w *world) {
			w.inst.PubliclyAccessible = boolean(true)
			g := w.b.igw("detached", nil)
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(g)
		}, expect{verdict: model.False, broken: PathPublic, reason: "aws_internet_gateway.detached is not attached to aws_vpc.main", status: model.False}},
		{"route to an internet gateway of another VPC", func(w *world) {
			w.inst.PubliclyAccessible = boolean(true)
			other := w.b.vpc("other", "10.1.0.0/16")
			g := w.b.igw("other", other)
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(g)
		}, expect{verdict: model.False, broken: PathPublic, reason: "is not attached to aws_vpc.main"}},
		{"private instance behind an internet gateway", func(w *world) {
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(w.igw)
		}, expect{verdict: model.False, broken: PathNAT, reason: "not to a NAT gateway"}},
		{"private NAT gateway", func(w *world) { w.nat.ConnectivityType = str("private") },
			expect{verdict: model.False, broken: PathNAT, reason: "private NAT gateway", status: model.False, fix: "connectivity_type"}},
		{"NAT gateway in a private subnet", func(w *world) { w.pubRT.Routes = nil },
			expect{verdict: model.False, broken: PathNAT, reason: "sits in a private subnet", status: model.False}},
		{"NAT gateway in another VPC", func(w *world) {
			other := w.b.vpc("other", "10.1.0.0/16")
			w.public.VPC = key(other)
		}, expect{verdict: model.False, broken: PathNAT, reason: "not in aws_vpc.main"}},
		{"NAT subnet NACL drops the replies", func(w *world) {
			a := w.b.acl("public", w.vpc, w.public)
			a.Rules = []*model.NetworkACLRule{
				naclRule(100, true, "-1", "allow", "0.0.0.0/0", 0, 0),
				naclRule(100, false, "tcp", "allow", "10.0.0.0/16", 443, 443),
			}
		}, expect{verdict: model.False, broken: PathNAT, reason: "does not allow ingress TCP 1024-65535 from 0.0.0.0/0", fix: "aws_network_acl.public"}},
		{"security group egress missing (Terraform)", func(w *world) { w.sg.Rules = nil },
			expect{verdict: model.False, broken: PathNAT, reason: "the Terraform provider removes AWS's default allow-all egress rule", fix: "add an egress rule to aws_security_group.db allowing TCP 443 to 0.0.0.0/0"}},
		{"security group egress on another port", func(w *world) {
			w.sg.Rules = []*model.SecurityGroupRule{sgRule(model.Egress, "tcp", 80, 80, "0.0.0.0/0")}
		}, expect{verdict: model.False, broken: PathNAT, reason: "allows no egress TCP 443"}},
		{"security group egress to a private range only", func(w *world) {
			w.sg.Rules = []*model.SecurityGroupRule{sgRule(model.Egress, "-1", 0, 0, "10.0.0.0/8")}
		}, expect{verdict: model.False, broken: PathNAT, reason: "allows no egress TCP 443"}},
		{"CloudFormation group keeps allow-all egress", func(w *world) {
			w.sg.Rules, w.sg.AllowAllEgress = nil, model.True
		}, pass(PathNAT)},
		{"standalone CloudFormation egress strips allow-all", func(w *world) {
			w.sg.Rules, w.sg.AllowAllEgress = nil, model.True
			w.b.m.SecurityGroupRules = append(w.b.m.SecurityGroupRules, &model.SecurityGroupRule{
				Origin: w.b.origin("AWS::EC2::SecurityGroupEgress", "e"), Group: key(w.sg), Direction: model.Egress,
				Protocol: str("tcp"), FromPort: num(5432), ToPort: num(5432), CIDRs: model.StrList{Items: []model.Str{str("10.0.0.0/16")}, Set: true},
				StripsAllowAllEgress: true})
		}, expect{verdict: model.False, broken: PathNAT, reason: "allows no egress TCP 443"}},
		{"standalone egress that may not exist: its reason is listed", func(w *world) {
			w.sg.Rules, w.sg.AllowAllEgress = nil, model.True
			o := w.b.origin("AWS::EC2::SecurityGroupEgress", "e")
			o.Maybe = &model.Unresolved{Kind: model.FromVariable, Reason: "the collection of Fn::ForEach::E is not known"}
			w.b.m.SecurityGroupRules = append(w.b.m.SecurityGroupRules, &model.SecurityGroupRule{
				Origin: o, Group: key(w.sg), Direction: model.Egress,
				Protocol: str("tcp"), FromPort: num(5432), ToPort: num(5432), CIDRs: model.StrList{Items: []model.Str{str("10.0.0.0/16")}, Set: true},
				StripsAllowAllEgress: true})
		}, expect{verdict: model.Unknown, broken: PathNAT, status: model.Unknown, kind: model.FromVariable}},
		{"endpoint without private DNS", func(w *world) {
			e, _ := w.addEndpoint()
			e.PrivateDNS = model.Bool{}
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "does not enable private DNS", fix: "private_dns_enabled = true"}},
		{"endpoint private DNS set by aws_vpc_endpoint_private_dns", func(w *world) {
			e, _ := w.addEndpoint()
			e.PrivateDNS = model.Bool{}
			w.b.m.EndpointPrivateDNS = append(w.b.m.EndpointPrivateDNS, &model.EndpointPrivateDNS{
				Origin: w.b.origin("aws_vpc_endpoint_private_dns", "kms"), Endpoint: key(e), Enabled: boolean(true)})
			w.privRT.Routes = nil
		}, pass(PathKMSEndpoint)},
		{"gateway-type endpoint (the default type)", func(w *world) {
			e, _ := w.addEndpoint()
			e.Type = model.Str{}
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "sets no type, so it is a Gateway endpoint (the type defaults to Gateway), not Interface",
			// The nat path got further (four links held before its route),
			// so its fix is the one offered.
			fix: "route 0.0.0.0/0 of aws_route_table.private"}},
		{"gateway-type endpoint, set so", func(w *world) {
			e, _ := w.addEndpoint()
			e.Type = str("Gateway")
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "aws_vpc_endpoint.kms is of type Gateway, not Interface", notReason: "defaults"}},
		{"private DNS turned off", func(w *world) {
			e, _ := w.addEndpoint()
			e.PrivateDNS = boolean(false)
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "aws_vpc_endpoint.kms turns private DNS off, so", notReason: "defaults"}},
		{"private DNS left unset", func(w *world) {
			e, _ := w.addEndpoint()
			e.PrivateDNS = model.Bool{}
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "does not enable private DNS (it defaults to false)"}},
		{"kms-fips endpoint is never active", func(w *world) {
			e, _ := w.addEndpoint()
			e.ServiceName = str("com.amazonaws.eu-west-1.kms-fips")
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "kms-fips"}},
		{"kms-fips endpoint leaves the nat path in charge", func(w *world) {
			e, _ := w.addEndpoint()
			e.ServiceName = str("com.amazonaws.eu-west-1.kms-fips")
		}, pass(PathNAT)},
		{"endpoint service with unknown region is still KMS", func(w *world) {
			e, _ := w.addEndpoint()
			e.ServiceName = str("com.amazonaws." + unknownRegionMarker + ".kms")
			w.privRT.Routes = nil
		}, pass(PathKMSEndpoint)},
		{"endpoint for KMS of another region", func(w *world) {
			w.vpc.Region = str("eu-west-1")
			e, _ := w.addEndpoint()
			e.ServiceName = str("com.amazonaws.us-east-1.kms")
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "not of the VPC's region eu-west-1"}},
		{"endpoint security group without 443 ingress breaks DAS although NAT works", func(w *world) {
			_, esg := w.addEndpoint()
			esg.Rules[0].FromPort, esg.Rules[0].ToPort = num(80), num(80)
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "allows no ingress TCP 443", status: model.False,
			fix: "add an ingress rule to aws_security_group.kms allowing TCP 443 from aws_security_group.db"}},
		{"endpoint security group admits the subnet CIDR", func(w *world) {
			_, esg := w.addEndpoint()
			esg.Rules[0] = sgRule(model.Ingress, "tcp", 443, 443, "10.0.0.0/16")
			esg.Rules[0].Address = "aws_security_group.kms.ingress"
		}, pass(PathKMSEndpoint)},
		{"endpoint with no security group uses the VPC default group", func(w *world) {
			e, _ := w.addEndpoint()
			e.SecurityGroups = model.Refs{}
			w.cluster.SecurityGroups = model.Refs{}
			w.privRT.Routes = nil
		}, pass(PathKMSEndpoint)},
		{"endpoint in another VPC", func(w *world) {
			e, _ := w.addEndpoint()
			e.VPC = key(w.b.vpc("other", "10.1.0.0/16"))
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "is in aws_vpc.other, not in aws_vpc.main"}},
		{"endpoint in a VPC without DNS hostnames", func(w *world) {
			w.addEndpoint()
			w.vpc.EnableDNSHostnames = model.Bool{}
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "enable_dns_hostnames", fix: "enable_dns_hostnames"}},
		{"public instance in a VPC without DNS hostnames", func(w *world) {
			w.inst.PubliclyAccessible = boolean(true)
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(w.igw)
			w.vpc.EnableDNSHostnames = boolean(false)
		}, expect{verdict: model.False, broken: PathPublic, reason: "enable_dns_hostnames"}},
		{"endpoint NACL drops the replies", func(w *world) {
			e, _ := w.addEndpoint()
			kmsSubnet := w.b.subnet("kms", w.vpc, "10.0.50.0/24", "eu-west-1a")
			e.Subnets = keys(kmsSubnet)
			a := w.b.acl("kms", w.vpc, kmsSubnet)
			a.Rules = []*model.NetworkACLRule{naclRule(100, false, "tcp", "allow", "10.0.0.0/16", 443, 443)}
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "does not allow egress TCP 1024-65535 to aws_subnet.db"}},
		{"allow-all endpoint policy", func(w *world) {
			e, _ := w.addEndpoint()
			e.Policy = str(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`)
		}, pass(PathKMSEndpoint)},

		// Unknowns.
		{"unknown route target", func(w *world) {
			w.privRoute.Target = model.Ref{Unknown: unresolved(model.FromVariable, `variable "nat_id" has no value`)}
		}, expect{verdict: model.Unknown, broken: PathNAT, status: model.Unknown, kind: model.FromVariable}},
		{"external literal subnet", func(w *world) {
			w.group.Subnets.Items[0] = model.Ref{Literal: "subnet-0abc"}
		}, expect{verdict: model.Unknown, kind: model.FromExternal}},
		{"maybe instance that would fail", func(w *world) {
			w.inst.Maybe = unresolved(model.FromCondition, "count depends on var.create")
			w.privRT.Routes = nil
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		{"maybe instance that passes", func(w *world) {
			w.inst.Maybe = unresolved(model.FromCondition, "count depends on var.create")
		}, pass(PathNAT)},
		{"incomplete subnet list", func(w *world) {
			w.group.Subnets.Incomplete = unresolved(model.FromDataSource, "data.aws_subnets.db is read at apply time")
		}, expect{verdict: model.Unknown, kind: model.FromDataSource}},
		{"incomplete subnet list with a failing subnet", func(w *world) {
			w.group.Subnets.Incomplete = unresolved(model.FromDataSource, "data.aws_subnets.db is read at apply time")
			w.privRT.Routes = nil
		}, expect{verdict: model.False}},
		{"transit gateway target", func(w *world) {
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetTransitGateway, model.Ref{Literal: "tgw-0abc"}
		}, expect{verdict: model.Unknown, broken: PathNAT, reason: "transit gateway", kind: model.FromTarget}},
		{"route to an undeclared gateway may be a VPN gateway", func(w *world) {
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, model.Ref{Literal: "vgw-0abc"}
		}, expect{verdict: model.Unknown, kind: model.FromTarget}},
		{"peering target", func(w *world) {
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetPeering, model.Ref{Literal: "pcx-1"}
		}, expect{verdict: model.False, broken: PathNAT, reason: "peering"}},
		{"propagated VPN routes may override the NAT default route", func(w *world) {
			w.privRT.Routes = append(w.privRT.Routes, &model.Route{Origin: w.b.origin("aws_vpn_gateway_route_propagation", "p"),
				DestinationCIDR: model.UnknownStr(unresolved(model.FromTarget, "routes propagated from aws_vpn_gateway.vgw"), model.Range{}),
				TargetKind:      model.TargetVPNGateway, Target: model.Ref{Literal: "vgw-1"}})
		}, expect{verdict: model.Unknown, broken: PathNAT, kind: model.FromTarget}},
		{"prefix-list route may carry KMS traffic", func(w *world) {
			w.privRT.Routes = append(w.privRT.Routes, &model.Route{Origin: w.b.origin("aws_route", "pl"),
				DestinationPrefixList: model.Ref{Literal: "pl-123"}, TargetKind: model.TargetTransitGateway, Target: model.Ref{Literal: "tgw-1"}})
		}, expect{verdict: model.Unknown, kind: model.FromTarget}},
		{"endpoint policy without kms:GenerateDataKey breaks DAS although NAT works", func(w *world) {
			e, _ := w.addEndpoint()
			e.Policy = str(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}`)
		}, expect{verdict: model.False, broken: PathKMSEndpoint, status: model.False, reason: "does not allow kms:GenerateDataKey"}},
		{"endpoint policy with a condition", func(w *world) {
			e, _ := w.addEndpoint()
			e.Policy = str(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}]}`)
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, kind: model.FromPolicy, reason: "statement 1 has a Condition"}},
		{"unknown endpoint policy", func(w *world) {
			e, _ := w.addEndpoint()
			e.Policy = model.UnknownStr(unresolved(model.FromVariable, "var.policy"), model.Range{File: "e.tf", Line: 9})
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, kind: model.FromVariable}},
		{"endpoint with IPv6-only DNS records breaks DAS although NAT works", func(w *world) {
			e, _ := w.addEndpoint()
			e.DNSRecordIPType = str("ipv6")
		}, expect{verdict: model.False, broken: PathKMSEndpoint, status: model.False, reason: "only IPv6 (AAAA) records"}},
		{"endpoint of IP address type ipv6 gets IPv6 records by default", func(w *world) {
			e, _ := w.addEndpoint()
			e.IPAddressType = str("ipv6")
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "only IPv6 (AAAA) records"}},
		{"dualstack endpoint keeps IPv4 records", func(w *world) {
			e, _ := w.addEndpoint()
			e.IPAddressType, e.DNSRecordIPType = str("dualstack"), str("dualstack")
			w.privRT.Routes = nil
		}, pass(PathKMSEndpoint)},
		{"endpoint DNS record type unknown", func(w *world) {
			e, _ := w.addEndpoint()
			e.DNSRecordIPType = model.UnknownStr(unresolved(model.FromVariable, `variable "dns_type" has no value`), model.Range{})
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, kind: model.FromVariable}},
		// Endpoint DNS records and the cluster's network type
		// (docs/semantics.md#endpoint-dns-records-and-region).
		{"IPv6-only records and an explicit IPV4 cluster", func(w *world) {
			e, _ := w.addEndpoint()
			e.DNSRecordIPType = str("ipv6")
			w.cluster.NetworkType = str("IPV4")
		}, expect{verdict: model.False, broken: PathKMSEndpoint, status: model.False, reason: "only IPv6 (AAAA) records"}},
		{"IPv6-only records and a dual-stack cluster", func(w *world) {
			e, _ := w.addEndpoint()
			e.DNSRecordIPType = str("ipv6")
			w.cluster.NetworkType = str("DUAL")
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, status: model.Unknown, reason: "is dual-stack", kind: model.FromTarget}},
		{"IPv6-only records and an unknown network type", func(w *world) {
			e, _ := w.addEndpoint()
			e.IPAddressType = str("ipv6")
			w.cluster.NetworkType = model.UnknownStr(unresolved(model.FromVariable, `variable "network_type" has no value`), model.Range{})
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, reason: "whether aws_rds_cluster.main is dual-stack", kind: model.FromVariable}},
		{"dual-stack cluster and IPv4 records", func(w *world) {
			w.addEndpoint()
			w.cluster.NetworkType = str("DUAL")
			w.privRT.Routes = nil
		}, pass(PathKMSEndpoint)},

		// Cross-region endpoints: another region's KMS name.
		{"endpoint for another region's KMS leaves the nat path in charge", func(w *world) {
			w.vpc.Region = str("eu-west-1")
			e, _ := w.addEndpoint()
			e.ServiceName, e.ServiceRegion = str("com.amazonaws.us-east-1.kms"), str("us-east-1")
		}, pass(PathNAT)},
		{"service region of another region", func(w *world) {
			w.vpc.Region = str("eu-west-1")
			e, _ := w.addEndpoint()
			e.ServiceName = str("com.amazonaws." + model.RegionToken + ".kms")
			e.ServiceRegion = str("us-east-1")
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathKMSEndpoint, status: model.False, reason: "does not take over kms.eu-west-1.amazonaws.com"}},
		{"service region of the VPC's own region", func(w *world) {
			w.vpc.Region = str("eu-west-1")
			e, _ := w.addEndpoint()
			e.ServiceRegion = str("eu-west-1")
			w.privRT.Routes = nil
		}, pass(PathKMSEndpoint)},
		{"service region compared with the endpoint's own region", func(w *world) {
			e, _ := w.addEndpoint()
			e.Region, e.ServiceRegion = str("eu-west-1"), str("eu-west-1")
			w.privRT.Routes = nil
		}, pass(PathKMSEndpoint)},
		{"service region set and no region known", func(w *world) {
			e, _ := w.addEndpoint()
			e.ServiceRegion = str("us-east-1")
			w.privRT.Routes = nil
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, reason: "region of its VPC is not known", kind: model.FromExpression}},
		{"service region unknown", func(w *world) {
			w.vpc.Region = str("eu-west-1")
			e, _ := w.addEndpoint()
			e.ServiceRegion = model.UnknownStr(unresolved(model.FromVariable, `variable "service_region" has no value`), model.Range{})
			w.privRT.Routes = nil
		}, expect{verdict: model.Unknown, kind: model.FromVariable}},
		{"service region unknown, nat works too", func(w *world) {
			w.vpc.Region = str("eu-west-1")
			e, _ := w.addEndpoint()
			e.ServiceRegion = model.UnknownStr(unresolved(model.FromVariable, `variable "service_region" has no value`), model.Range{})
		}, pass(PathNAT)}, // both branches hold; the nat path is named when the endpoint may not be active

		{"restrictive aws_vpc_endpoint_policy replaces the default policy", func(w *world) {
			e, _ := w.addEndpoint()
			w.b.m.EndpointPolicies = append(w.b.m.EndpointPolicies, &model.EndpointPolicy{Origin: w.b.origin("aws_vpc_endpoint_policy", "kms"),
				Endpoint: key(e), Policy: str(`{"Statement":[{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}]}`)})
		}, expect{verdict: model.False, broken: PathKMSEndpoint, status: model.False, reason: "aws_vpc_endpoint_policy.kms of aws_vpc_endpoint.kms does not allow kms:GenerateDataKey"}},
		{"aws_vpc_endpoint_policy with a Deny beside allow-all", func(w *world) {
			e, _ := w.addEndpoint()
			w.b.m.EndpointPolicies = append(w.b.m.EndpointPolicies, &model.EndpointPolicy{Origin: w.b.origin("aws_vpc_endpoint_policy", "kms"),
				Endpoint: key(e), Policy: str(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Sid":"NoDecrypt","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}`)})
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, kind: model.FromPolicy, reason: `statement 2 (Sid "NoDecrypt") denies kms:Decrypt`}},
		{"endpoint's own policy and an aws_vpc_endpoint_policy disagree", func(w *world) {
			e, _ := w.addEndpoint()
			e.Policy = str(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Encrypt","Resource":"*"}]}`)
			w.b.m.EndpointPolicies = append(w.b.m.EndpointPolicies, &model.EndpointPolicy{Origin: w.b.origin("aws_vpc_endpoint_policy", "kms"),
				Endpoint: key(e), Policy: str(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}`)})
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, kind: model.FromPolicy, reason: "which one holds depends on the order"}},
		{"allow-all aws_vpc_endpoint_policy", func(w *world) {
			e, _ := w.addEndpoint()
			w.b.m.EndpointPolicies = append(w.b.m.EndpointPolicies, &model.EndpointPolicy{Origin: w.b.origin("aws_vpc_endpoint_policy", "kms"),
				Endpoint: key(e), Policy: str(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}`)})
		}, pass(PathKMSEndpoint)},
		{"restrictive policy of an endpoint that cannot be resolved", func(w *world) {
			w.addEndpoint()
			w.b.m.EndpointPolicies = append(w.b.m.EndpointPolicies, &model.EndpointPolicy{Origin: w.b.origin("aws_vpc_endpoint_policy", "kms"),
				Endpoint: model.Ref{Unknown: unresolved(model.FromVariable, `variable "endpoint_id" has no value`)}, Policy: str(`{"Statement":[]}`)})
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, kind: model.FromPolicy}},
		{"unknown CIDR in egress rule", func(w *world) {
			w.sg.Rules[0].CIDRs.Items[0] = model.UnknownStr(unresolved(model.FromVariable, `variable "egress_cidr" has no value`), model.Range{})
		}, expect{verdict: model.Unknown, kind: model.FromVariable}},
		{"public CIDR other than 0.0.0.0/0 may not hold KMS", func(w *world) {
			w.sg.Rules[0].CIDRs.Items[0] = str("52.0.0.0/8")
		}, expect{verdict: model.Unknown, broken: PathNAT, status: model.Unknown}},
		{"CloudFormation PubliclyAccessible unset, readings differ", func(w *world) {
			w.inst.PublicDefault = model.PublicDefaultRDSAPI
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(w.igw)
		}, expect{verdict: model.Unknown, kind: model.FromDefault}},
		{"CloudFormation PubliclyAccessible unset, readings agree", func(w *world) {
			w.inst.PublicDefault = model.PublicDefaultRDSAPI
		}, pass(PathNAT)},
		{"maybe default route", func(w *world) {
			w.privRoute.Maybe = unresolved(model.FromCondition, "count depends on var.nat")
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		{"maybe NAT gateway", func(w *world) {
			w.nat.Maybe = unresolved(model.FromCondition, "count depends on var.nat")
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		{"unknown subnet VPC", func(w *world) {
			w.db.VPC = model.Ref{Unknown: unresolved(model.FromModule, "module.vpc is not vendored")}
		}, expect{verdict: model.Unknown, kind: model.FromModule}},

		// Kleene combinations.
		{"endpoint activity unknown, both branches pass", func(w *world) {
			e, _ := w.addEndpoint()
			e.PrivateDNS = model.Bool{Unknown: unresolved(model.FromVariable, "var.private_dns")}
		}, pass(PathNAT)},
		{"endpoint activity unknown, endpoint broken, nat works", func(w *world) {
			e, esg := w.addEndpoint()
			e.PrivateDNS = model.Bool{Unknown: unresolved(model.FromVariable, "var.private_dns")}
			esg.Rules = nil
		}, expect{verdict: model.Unknown, kind: model.FromVariable}},
		{"endpoint activity unknown, both branches fail", func(w *world) {
			e, esg := w.addEndpoint()
			e.PrivateDNS = model.Bool{Unknown: unresolved(model.FromVariable, "var.private_dns")}
			esg.Rules = nil
			w.privRT.Routes = nil
		}, expect{verdict: model.False}},
		{"AND(false, unknown) over subnets is false", func(w *world) {
			s2 := w.b.subnet("db_b", w.vpc, "10.0.2.0/24", "eu-west-1b")
			rt := w.b.table("tgw", w.vpc, s2)
			w.b.route(rt, "0.0.0.0/0", model.TargetTransitGateway, model.Ref{Literal: "tgw-1"})
			w.group.Subnets.Items = append(w.group.Subnets.Items, key(s2))
			w.privRT.Routes = nil
		}, expect{verdict: model.False}},
		{"AND(true, unknown) over subnets is unknown", func(w *world) {
			s2 := w.b.subnet("db_b", w.vpc, "10.0.2.0/24", "eu-west-1b")
			rt := w.b.table("tgw", w.vpc, s2)
			w.b.route(rt, "0.0.0.0/0", model.TargetTransitGateway, model.Ref{Literal: "tgw-1"})
			w.group.Subnets.Items = append(w.group.Subnets.Items, key(s2))
		}, expect{verdict: model.Unknown, kind: model.FromTarget}},

		// Implicit defaults and adoption.
		{"subnet without association uses the main route table (local only)", func(w *world) {
			w.b.m.RouteTableAssociations = w.b.m.RouteTableAssociations[:1]
		}, expect{verdict: model.False, broken: PathNAT, reason: "the main route table of aws_vpc.main has no IPv4 default route"}},
		{"aws_default_route_table adopts the main table", func(w *world) {
			w.b.m.RouteTableAssociations = w.b.m.RouteTableAssociations[:1]
			w.privRT.Adopts = model.Ref{Key: model.MainRouteTableAddress(w.vpc.Address)}
		}, pass(PathNAT)},
		{"standalone route on the main route table", func(w *world) {
			w.b.m.RouteTableAssociations = w.b.m.RouteTableAssociations[:1]
			w.b.m.Routes = append(w.b.m.Routes, &model.Route{Origin: w.b.origin("aws_route", "main_nat"),
				Table: model.Ref{Key: model.MainRouteTableAddress(w.vpc.Address)}, DestinationCIDR: str("0.0.0.0/0"),
				TargetKind: model.TargetNATGateway, Target: key(w.nat)})
		}, pass(PathNAT)},
		{"main route table association replaces the main table", func(w *world) {
			w.b.m.RouteTableAssociations = w.b.m.RouteTableAssociations[:1]
			w.b.m.MainRouteTableAssociations = append(w.b.m.MainRouteTableAssociations, &model.MainRouteTableAssociation{
				Origin: w.b.origin("aws_main_route_table_association", "m"), VPC: key(w.vpc), Table: key(w.privRT)})
		}, pass(PathNAT)},
		{"cluster without security groups uses the VPC default group", func(w *world) {
			w.cluster.SecurityGroups = model.Refs{}
		}, pass(PathNAT)},
		{"aws_default_security_group removes the default egress", func(w *world) {
			w.cluster.SecurityGroups = model.Refs{}
			w.b.sg("default", w.vpc).Adopts = model.Ref{Key: model.DefaultSecurityGroupAddress(w.vpc.Address)}
		}, expect{verdict: model.False, broken: PathNAT, reason: "aws_security_group.default"}},
		{"aws_default_network_acl without rules denies all", func(w *world) {
			w.b.acl("default", w.vpc).Adopts = model.Ref{Key: model.DefaultNetworkACLAddress(w.vpc.Address)}
		}, expect{verdict: model.False, broken: PathNAT, reason: "aws_network_acl.default"}},

		// Names, zones, instances, subnet groups.
		{"subnet group by name, case-insensitively", func(w *world) {
			w.cluster.SubnetGroup = model.Ref{Literal: "DB"}
		}, pass(PathNAT)},
		{"subnet group named default is the default VPC", func(w *world) {
			w.cluster.SubnetGroup = model.Ref{Literal: "default"}
		}, expect{verdict: model.Unknown, kind: model.FromExternal}},
		{"subnet group name that matches nothing is external", func(w *world) {
			w.cluster.SubnetGroup = model.Ref{Literal: "elsewhere"}
		}, expect{verdict: model.Unknown, kind: model.FromExternal}},
		{"cluster without subnet group lands in the default VPC", func(w *world) {
			w.cluster.SubnetGroup = model.Ref{}
		}, expect{verdict: model.Unknown, kind: model.FromExternal}},
		{"stream and instance linked by cluster identifier", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Literal: "arn:aws:rds:eu-west-1:123456789012:cluster:MAIN"}
			w.inst.Cluster = model.Ref{Literal: "Main"}
			w.privRT.Routes = nil
		}, expect{verdict: model.False}},
		{"cluster without instances: one assumed per subnet", func(w *world) {
			w.b.m.DBInstances = nil
		}, pass(PathNAT)},
		{"cluster without instances and no route fails", func(w *world) {
			w.b.m.DBInstances = nil
			w.privRT.Routes = nil
		}, expect{verdict: model.False}},
		{"AZ narrowing keeps the instance out of a broken subnet", func(w *world) {
			s2 := w.b.subnet("db_b", w.vpc, "10.0.2.0/24", "eu-west-1b")
			w.group.Subnets.Items = append(w.group.Subnets.Items, key(s2))
			w.inst.AvailabilityZone = str("eu-west-1a")
		}, pass(PathNAT)},
		{"without AZ the instance may land in the broken subnet", func(w *world) {
			s2 := w.b.subnet("db_b", w.vpc, "10.0.2.0/24", "eu-west-1b")
			w.group.Subnets.Items = append(w.group.Subnets.Items, key(s2))
		}, expect{verdict: model.False}},
		{"zone tokens: one position of one list narrows", func(w *world) {
			w.db.AvailabilityZone = str(model.ZoneToken("azs", 0, "names[0]"))
			s2 := w.b.subnet("db_b", w.vpc, "10.0.2.0/24", model.ZoneToken("azs", 1, "names[1]"))
			w.group.Subnets.Items = append(w.group.Subnets.Items, key(s2))
			w.inst.AvailabilityZone = str(model.ZoneToken("azs", 0, "other[0]"))
		}, pass(PathNAT)},
		{"zone tokens of different lists do not narrow", func(w *world) {
			w.db.AvailabilityZone = str(model.ZoneToken("azs", 0, "names[0]"))
			s2 := w.b.subnet("db_b", w.vpc, "10.0.2.0/24", model.ZoneToken("azs", 1, "names[1]"))
			w.group.Subnets.Items = append(w.group.Subnets.Items, key(s2))
			w.inst.AvailabilityZone = str(model.ZoneToken("other", 0, "other[0]"))
		}, expect{verdict: model.False}},
		{"no subnet at the instance's position of the list", func(w *world) {
			w.db.AvailabilityZone = str(model.ZoneToken("azs", 0, "names[0]"))
			w.inst.AvailabilityZone = str(model.ZoneToken("azs", 2, "names[2]"))
		}, expect{verdict: model.Unknown, kind: model.FromExpression}},

		// NACLs on the DB subnet.
		{"NACL rule order: deny before allow", func(w *world) {
			a := w.b.acl("db", w.vpc, w.db)
			a.Rules = []*model.NetworkACLRule{
				naclRule(200, true, "-1", "allow", "0.0.0.0/0", 0, 0),
				naclRule(100, true, "tcp", "deny", "0.0.0.0/0", 443, 443),
				naclRule(100, false, "-1", "allow", "0.0.0.0/0", 0, 0),
			}
		}, expect{verdict: model.False, broken: PathNAT, reason: "does not allow egress TCP 443 to 0.0.0.0/0"}},
		{"NACL ephemeral range split over two rules", func(w *world) {
			a := w.b.acl("db", w.vpc, w.db)
			a.Rules = []*model.NetworkACLRule{
				naclRule(100, true, "tcp", "allow", "0.0.0.0/0", 443, 443),
				naclRule(100, false, "tcp", "allow", "0.0.0.0/0", 1024, 30000),
				naclRule(110, false, "6", "allow", "0.0.0.0/0", 30001, 65535),
			}
		}, pass(PathNAT)},
		{"NACL ephemeral range with a gap", func(w *world) {
			a := w.b.acl("db", w.vpc, w.db)
			a.Rules = []*model.NetworkACLRule{
				naclRule(100, true, "tcp", "allow", "0.0.0.0/0", 443, 443),
				naclRule(100, false, "tcp", "allow", "0.0.0.0/0", 1024, 30000),
				naclRule(110, false, "tcp", "allow", "0.0.0.0/0", 30002, 65535),
			}
		}, expect{verdict: model.False, broken: PathNAT, reason: "ingress TCP 1024-65535"}},
		{"NACL rule with unknown CIDR", func(w *world) {
			a := w.b.acl("db", w.vpc, w.db)
			r := naclRule(100, false, "-1", "allow", "", 0, 0)
			r.CIDR = model.UnknownStr(unresolved(model.FromVariable, "var.cidr"), model.Range{})
			a.Rules = []*model.NetworkACLRule{naclRule(100, true, "-1", "allow", "0.0.0.0/0", 0, 0), r}
		}, expect{verdict: model.Unknown, kind: model.FromVariable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			check(t, Analyze(w.b.m, Options{}), tt.want)
		})
	}
}

func TestPrimaryPath(t *testing.T) {
	br := func(s model.Tri, depth int) *Broken { return &Broken{Status: s, Depth: depth} }
	tests := []struct {
		name    string
		broken  map[Path]*Broken
		verdict model.Tri
		active  model.Tri
		want    Path
	}{
		{"deepest wins", map[Path]*Broken{PathPublic: br(model.False, 3), PathNAT: br(model.False, 1)}, model.False, model.False, PathPublic},
		{"tie prefers an existing endpoint", map[Path]*Broken{PathPublic: br(model.False, 1), PathNAT: br(model.False, 1), PathKMSEndpoint: br(model.False, 1)}, model.False, model.False, PathKMSEndpoint},
		{"a missing endpoint loses ties", map[Path]*Broken{PathPublic: br(model.False, 0), PathNAT: br(model.False, 0), PathKMSEndpoint: br(model.False, 0)}, model.False, model.False, PathNAT},
		{"tie without endpoint prefers nat", map[Path]*Broken{PathPublic: br(model.False, 2), PathNAT: br(model.False, 2)}, model.False, model.False, PathNAT},
		{"status of the verdict first", map[Path]*Broken{PathNAT: br(model.Unknown, 5), PathKMSEndpoint: br(model.False, 0)}, model.False, model.False, PathKMSEndpoint},
		{"unknown verdict explained by an unknown link", map[Path]*Broken{PathNAT: br(model.Unknown, 1), PathPublic: br(model.False, 4)}, model.Unknown, model.False, PathNAT},
		{"an active endpoint alone explains", map[Path]*Broken{PathNAT: br(model.False, 9), PathKMSEndpoint: br(model.False, 2)}, model.False, model.True, PathKMSEndpoint},
		{"none", nil, model.False, model.False, ""},
	}
	for _, tt := range tests {
		if got := primaryPath(tt.broken, tt.verdict, tt.active); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestBrokenHeld checks that a break carries the links that held before it:
// a NAT gateway whose own subnet has no route out breaks the nat path at
// the public route table, after the DB subnet, its route table, the NAT
// gateway and the NAT gateway's subnet.
func TestBrokenHeld(t *testing.T) {
	w := newWorld()
	w.pubRT.Routes = nil
	res := Analyze(w.b.m, Options{})
	if len(res) != 1 || len(res[0].Instances) != 1 {
		t.Fatalf("got %d results, want one cluster with one placement", len(res))
	}
	b := res[0].Instances[0].Broken[PathNAT]
	if b == nil || b.Address != "aws_route_table.public" {
		t.Fatalf("nat path broken at %+v, want aws_route_table.public", b)
	}
	var held []string
	for _, l := range b.Held {
		if len(held) == 0 || held[len(held)-1] != l.Address {
			held = append(held, l.Address)
		}
	}
	want := []string{"aws_subnet.db", "aws_security_group.db", "aws_vpc.main#default-network-acl",
		"aws_route_table.private", "aws_nat_gateway.nat", "aws_subnet.public", "aws_vpc.main#default-network-acl"}
	if fmt.Sprint(held) != fmt.Sprint(want) {
		t.Errorf("held before the break:\n got %v\nwant %v", held, want)
	}
}

// TestLinkProvenance: a link carries the provenance of the object whose
// position it carries (docs/semantics.md#where-a-link-came-from): the joined NAT gateway, route table
// and public subnet (and the VPC's implicit network ACL) say where they
// came from, in the witness of a pass and among the links held before a
// break; the root's own links say nothing.
func TestLinkProvenance(t *testing.T) {
	from := func(o model.Object) *model.Provenance {
		b := o.Base()
		b.From = &model.Provenance{Kind: model.FromTerraformRoot, File: "network/main.tf", Line: b.Range.Line, ID: b.Address}
		return b.From
	}
	w := newWorld()
	joined := map[string]*model.Provenance{}
	for _, o := range []model.Object{w.vpc, w.nat, w.public, w.privRT, w.privRoute, w.pubRT, w.pubRoute, w.igw} {
		joined[o.Base().Address] = from(o)
	}
	check := func(where string, ls []Link) {
		t.Helper()
		if len(ls) == 0 {
			t.Fatalf("%s: no links", where)
		}
		for _, l := range ls {
			want := joined[l.Address]
			if l.Address == "aws_vpc.main#default-network-acl" {
				want = joined["aws_vpc.main"]
			}
			for _, r := range []*model.Route{w.privRoute, w.pubRoute} {
				if l.Range == r.Range {
					want = r.From // a route's link carries the route's position
				}
			}
			if l.From != want {
				t.Errorf("%s: link %q (%s) from %+v, want %+v", where, l.Text, l.Address, l.From, want)
			}
		}
	}
	res := Analyze(w.b.m, Options{})
	if len(res) != 1 || len(res[0].Instances) != 1 || res[0].Verdict != model.True {
		t.Fatalf("got %+v, want one passing cluster", res)
	}
	check("witness", res[0].Instances[0].Witness)

	w.pubRT.Routes = nil
	res = Analyze(w.b.m, Options{})
	b := res[0].Instances[0].Broken[PathNAT]
	if b == nil || b.From != joined["aws_route_table.public"] {
		t.Fatalf("nat path broken at %+v, want the joined aws_route_table.public", b)
	}
	check("held", b.Held)
}

// TestEndpointENIs pins docs/semantics.md#endpoint-network-interfaces: the
// instance must reach the endpoint in every subnet, and reaching some but
// not all is a fail whose reason says the failures are intermittent and
// names the blocked subnets.
func TestEndpointENIs(t *testing.T) {
	// denyHTTPSIn is a network ACL that allows everything but TCP 443 in.
	denyHTTPSIn := []*model.NetworkACLRule{
		naclRule(100, false, "tcp", "deny", "0.0.0.0/0", 443, 443),
		naclRule(110, false, "-1", "allow", "0.0.0.0/0", 0, 0),
		naclRule(100, true, "-1", "allow", "0.0.0.0/0", 0, 0),
	}
	tests := []struct {
		name         string
		edit         func(w *world, e *model.VPCEndpoint, a, b *model.Subnet)
		verdict      model.Tri
		intermittent bool
		reason       string // text in the endpoint path's broken reason
	}{
		{"both subnets reachable", func(*world, *model.VPCEndpoint, *model.Subnet, *model.Subnet) {}, model.True, false, ""},
		{"one subnet's NACL blocks 443 in", func(w *world, _ *model.VPCEndpoint, _, b *model.Subnet) {
			w.b.acl("b", w.vpc, b).Rules = denyHTTPSIn
		}, model.False, true, "in aws_subnet.ep_a are reachable, those in aws_subnet.ep_b are not"},
		{"both subnets' NACLs block 443 in", func(w *world, _ *model.VPCEndpoint, a, b *model.Subnet) {
			w.b.acl("ab", w.vpc, a, b).Rules = denyHTTPSIn
		}, model.False, false, "does not allow ingress TCP 443"},
		{"instance egress reaches one subnet's CIDR only", func(w *world, _ *model.VPCEndpoint, _, _ *model.Subnet) {
			w.sg.Rules = []*model.SecurityGroupRule{sgRule(model.Egress, "tcp", 443, 443, "10.0.21.0/24")}
		}, model.False, true, "those in aws_subnet.ep_b are not"},
		{"one subnet blocked, the endpoint's group admits nobody", func(w *world, _ *model.VPCEndpoint, _, b *model.Subnet) {
			w.b.acl("b", w.vpc, b).Rules = denyHTTPSIn
			w.b.m.SecurityGroups[1].Rules[0].FromPort, w.b.m.SecurityGroups[1].Rules[0].ToPort = num(80), num(80)
		}, model.False, false, ""},
		{"one subnet blocked, the other's NACL unknown", func(w *world, _ *model.VPCEndpoint, a, b *model.Subnet) {
			w.b.acl("b", w.vpc, b).Rules = denyHTTPSIn
			r := naclRule(100, false, "-1", "allow", "", 0, 0)
			r.CIDR = model.UnknownStr(unresolved(model.FromVariable, "var.cidr"), model.Range{})
			w.b.acl("a", w.vpc, a).Rules = []*model.NetworkACLRule{naclRule(100, true, "-1", "allow", "0.0.0.0/0", 0, 0), r}
		}, model.False, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			e, esg := w.addEndpoint()
			esg.Rules[0].Groups, esg.Rules[0].CIDRs = model.Refs{}, model.StrList{Set: true, Items: []model.Str{str("10.0.0.0/16")}}
			w.sg.Rules = append(w.sg.Rules, sgRule(model.Egress, "tcp", 443, 443, "10.0.0.0/16"))
			a := w.b.subnet("ep_a", w.vpc, "10.0.21.0/24", "eu-west-1a")
			b := w.b.subnet("ep_b", w.vpc, "10.0.22.0/24", "eu-west-1b")
			e.Subnets = keys(a, b)
			w.privRT.Routes = nil
			tt.edit(w, e, a, b)
			res := Analyze(w.b.m, Options{})
			want := expect{verdict: tt.verdict}
			if tt.verdict == model.True {
				want.path = PathKMSEndpoint
			}
			check(t, res, want)
			if tt.verdict == model.True {
				return
			}
			got := res[0].Instances[0].Broken[PathKMSEndpoint]
			if got == nil {
				t.Fatalf("no broken kms-endpoint link\n%s", dump(res[0]))
			}
			if has := strings.Contains(got.Reason, "intermittent"); has != tt.intermittent {
				t.Errorf("intermittent in reason = %v, want %v: %s", has, tt.intermittent, got.Reason)
			}
			if !strings.Contains(got.Reason, tt.reason) {
				t.Errorf("reason %q does not contain %q", got.Reason, tt.reason)
			}
		})
	}
}

// TestEndpointGroups pins docs/semantics.md#endpoint-security-groups: an
// endpoint without security groups has the VPC's default one, which an
// association adds to unless it replaces the default.
func TestEndpointGroups(t *testing.T) {
	assoc := func(w *world, e *model.VPCEndpoint, g *model.SecurityGroup, replace model.Bool) {
		w.b.m.EndpointSecurityGroupAssociations = append(w.b.m.EndpointSecurityGroupAssociations, &model.EndpointSecurityGroupAssociation{
			Origin: w.b.origin("aws_vpc_endpoint_security_group_association", "kms"), Endpoint: key(e), Group: key(g), ReplaceDefault: replace})
	}
	// defaultCluster puts the cluster in the VPC's default group, which
	// admits its own members.
	defaultCluster := func(w *world) { w.cluster.SecurityGroups = model.Refs{} }
	// only8443 makes the endpoint's own group admit 8443 alone.
	only8443 := func(g *model.SecurityGroup) { g.Rules[0].FromPort, g.Rules[0].ToPort = num(8443), num(8443) }
	varReplace := model.Bool{Unknown: unresolved(model.FromVariable, `variable "replace_default" has no value`)}
	tests := []struct {
		name string
		edit func(w *world, e *model.VPCEndpoint, g *model.SecurityGroup)
		want expect
	}{
		{"no groups: the default group admits only its members", func(_ *world, e *model.VPCEndpoint, _ *model.SecurityGroup) {
			e.SecurityGroups = model.Refs{}
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "allows no ingress TCP 443"}},
		{"no groups: the cluster is a member of the default group", func(w *world, e *model.VPCEndpoint, _ *model.SecurityGroup) {
			e.SecurityGroups = model.Refs{}
			defaultCluster(w)
		}, expect{verdict: model.True, path: PathKMSEndpoint}},
		{"an association adds a group that admits the cluster", func(w *world, e *model.VPCEndpoint, g *model.SecurityGroup) {
			e.SecurityGroups = model.Refs{}
			assoc(w, e, g, model.Bool{})
		}, expect{verdict: model.True, path: PathKMSEndpoint}},
		{"an association keeps the default group", func(w *world, e *model.VPCEndpoint, g *model.SecurityGroup) {
			e.SecurityGroups = model.Refs{}
			defaultCluster(w)
			only8443(g)
			assoc(w, e, g, boolean(false))
		}, expect{verdict: model.True, path: PathKMSEndpoint}},
		{"an association replaces the default group", func(w *world, e *model.VPCEndpoint, g *model.SecurityGroup) {
			e.SecurityGroups = model.Refs{}
			defaultCluster(w)
			only8443(g)
			assoc(w, e, g, boolean(true))
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "allows no ingress TCP 443"}},
		{"whether an association replaces the default group is unknown", func(w *world, e *model.VPCEndpoint, g *model.SecurityGroup) {
			e.SecurityGroups = model.Refs{}
			defaultCluster(w)
			only8443(g)
			assoc(w, e, g, varReplace)
		}, expect{verdict: model.Unknown, broken: PathKMSEndpoint, kind: model.FromVariable}},
		{"replacing does not matter when the associated group admits the cluster", func(w *world, e *model.VPCEndpoint, g *model.SecurityGroup) {
			e.SecurityGroups = model.Refs{}
			assoc(w, e, g, varReplace)
		}, expect{verdict: model.True, path: PathKMSEndpoint}},
		{"listed groups: no default group to keep", func(w *world, e *model.VPCEndpoint, g *model.SecurityGroup) {
			defaultCluster(w)
			only8443(g)
		}, expect{verdict: model.False, broken: PathKMSEndpoint, reason: "allows no ingress TCP 443"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			e, esg := w.addEndpoint()
			w.privRT.Routes = nil
			tt.edit(w, e, esg)
			check(t, Analyze(w.b.m, Options{}), tt.want)
		})
	}
}
