package network

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// unknownGroup makes the cluster's DB subnet group unknown, as a module
// output that is not read would.
func unknownGroup(w *world) {
	w.cluster.SubnetGroup = model.Ref{Unknown: unresolved(model.FromModule, "module.vpc is not vendored"), Range: model.Range{File: "main.tf", Line: 99}}
}

// kmsEndpoint adds an active KMS endpoint in w.db whose security group has
// the given ingress rule (none when nil).
func kmsEndpoint(w *world, in *model.SecurityGroupRule) *model.SecurityGroup {
	var rules []*model.SecurityGroupRule
	if in != nil {
		rules = append(rules, in)
	}
	esg := w.b.sg("kms", w.vpc, rules...)
	e := w.b.endpoint("kms", w.vpc, "com.amazonaws.eu-west-1.kms", w.db)
	e.SecurityGroups = keys(esg)
	return esg
}

// TestAnySubnet checks placements whose subnet is not known: the links
// that do not rest on the subnet decide a fail (docs/semantics.md#three-valued-logic, AND(false,
// unknown) = false), and nothing else does; such a placement never passes.
func TestAnySubnet(t *testing.T) {
	egressOnlyPrivate := func(w *world) {
		w.sg.Rules = []*model.SecurityGroupRule{sgRule(model.Egress, "tcp", 443, 443, "10.0.0.0/8")}
	}
	unknownSGVPC := func(w *world) {
		w.sg.VPC = model.Ref{Unknown: unresolved(model.FromModule, "module.vpc is not vendored")}
	}
	tests := []struct {
		name    string
		edit    func(w *world)
		verdict model.Tri
		vpc     string // AnySubnet.VPC
		broken  Path   // the primary path ...
		at      string // ... broken at this address
		reason  string // ... with this text in its reason
	}{
		{"egress to the internet: the subnet decides", func(w *world) { unknownGroup(w) },
			model.Unknown, "aws_vpc.main", PathNAT, "", "so its route table and network ACL cannot be checked"},
		{"no egress at all: fail in every subnet", func(w *world) { unknownGroup(w); w.sg.Rules = nil },
			model.False, "aws_vpc.main", PathNAT, "aws_security_group.db", "allows no egress TCP 443 to 0.0.0.0/0"},
		{"no egress, VPC unknown too: fail", func(w *world) { unknownGroup(w); unknownSGVPC(w); w.sg.Rules = nil },
			model.False, "", "", "aws_security_group.db", "allows egress TCP 443 to no address"},
		{"egress to a private range, VPC unknown: an endpoint may be there", func(w *world) {
			unknownGroup(w)
			unknownSGVPC(w)
			egressOnlyPrivate(w)
		}, model.Unknown, "", "", "", ""},
		{"egress to a private range, VPC without KMS endpoint: fail", func(w *world) { unknownGroup(w); egressOnlyPrivate(w) },
			model.False, "aws_vpc.main", PathNAT, "aws_security_group.db", "allows no egress TCP 443 to 0.0.0.0/0"},
		{"active endpoint refuses the instance's group and every CIDR: fail", func(w *world) {
			unknownGroup(w)
			other := w.b.sg("bastion", w.vpc)
			in := sgRule(model.Ingress, "tcp", 443, 443)
			in.Groups = keys(other)
			kmsEndpoint(w, in)
		}, model.False, "aws_vpc.main", PathKMSEndpoint, "aws_security_group.kms", "allows no ingress TCP 443"},
		{"active endpoint without ingress rules: fail", func(w *world) { unknownGroup(w); kmsEndpoint(w, nil) },
			model.False, "aws_vpc.main", PathKMSEndpoint, "aws_security_group.kms", "allows no ingress TCP 443"},
		{"active endpoint admits a CIDR: the subnet decides", func(w *world) {
			unknownGroup(w)
			kmsEndpoint(w, sgRule(model.Ingress, "tcp", 443, 443, "10.0.1.0/24"))
		}, model.Unknown, "aws_vpc.main", PathKMSEndpoint, "", "cannot be checked"},
		{"active endpoint that admits the instance: never a pass", func(w *world) { unknownGroup(w); w.addEndpoint() },
			model.Unknown, "aws_vpc.main", PathKMSEndpoint, "", "cannot be checked"},
		{"VPC DNS off: the endpoint is not active, the nat path may hold", func(w *world) {
			unknownGroup(w)
			w.addEndpoint()
			w.vpc.EnableDNSHostnames = boolean(false)
		}, model.Unknown, "aws_vpc.main", PathNAT, "", "cannot be checked"},
		{"endpoint IPv6 only: fail in every subnet", func(w *world) {
			unknownGroup(w)
			w.addEndpoint()
			w.b.m.VPCEndpoints[0].DNSRecordIPType = str("ipv6")
		}, model.False, "aws_vpc.main", PathKMSEndpoint, "aws_vpc_endpoint.kms", "only IPv6"},
		{"no DB subnet group: the default VPC, not the groups' VPC", func(w *world) {
			w.cluster.SubnetGroup = model.Ref{}
			egressOnlyPrivate(w)
		}, model.Unknown, "", "", "", ""},
		{"groups in two VPCs: the VPC is not known", func(w *world) {
			unknownGroup(w)
			egressOnlyPrivate(w)
			other := w.b.vpc("other", "10.1.0.0/16")
			w.cluster.SecurityGroups = keys(w.sg, w.b.sg("other", other, sgRule(model.Egress, "tcp", 443, 443, "10.0.0.0/8")))
		}, model.Unknown, "", "", "", ""},
		{"a group that may not be attached does not place the cluster", func(w *world) {
			unknownGroup(w)
			egressOnlyPrivate(w)
			w.cluster.SecurityGroups.Items[0].Maybe = unresolved(model.FromCondition, "var.attach")
		}, model.Unknown, "", "", "", ""},
		{"incomplete subnet list: fail from the unknown part", func(w *world) {
			w.group.Subnets = model.Refs{Set: true, Incomplete: unresolved(model.FromVariable, "var.subnets")}
			w.sg.Rules = nil
		}, model.False, "aws_vpc.main", PathNAT, "aws_security_group.db", "allows no"},
		{"subnet whose VPC is unknown: any subnet of the group's VPC", func(w *world) {
			w.db.VPC = model.Ref{Unknown: unresolved(model.FromVariable, "var.vpc_id")}
			w.sg.Rules = nil
		}, model.False, "aws_vpc.main", PathNAT, "aws_security_group.db", "allows no"},
		{"literal subnet not in the code", func(w *world) {
			w.group.Subnets = model.Refs{Set: true, Items: []model.Ref{{Literal: "subnet-0abc"}}}
		}, model.Unknown, "aws_vpc.main", PathNAT, "", `subnet "subnet-0abc" is not declared`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			res := Analyze(w.b.m, Options{})
			if len(res) != 1 {
				t.Fatalf("got %d results", len(res))
			}
			r := res[0]
			if r.Verdict != tt.verdict {
				t.Errorf("verdict = %v, want %v\n%s", r.Verdict, tt.verdict, dump(r))
			}
			explains(t, r)
			var any []InstanceResult
			for _, ir := range r.Instances {
				if ir.AnySubnet != nil {
					any = append(any, ir)
				}
			}
			if len(any) == 0 {
				t.Fatalf("no placement in any subnet\n%s", dump(r))
			}
			for _, ir := range any {
				if ir.Verdict == model.True {
					t.Errorf("%s in any subnet passes", ir.Instance)
				}
				if ir.AnySubnet.VPC != tt.vpc {
					t.Errorf("AnySubnet.VPC = %q, want %q", ir.AnySubnet.VPC, tt.vpc)
				}
				if !containsUnknown(ir.Unknowns, ir.AnySubnet.Why.Reason) {
					t.Errorf("the unknown subnet is not listed among the unknowns\n%s", dump(r))
				}
				if tt.broken == "" && tt.at == "" {
					continue
				}
				p := tt.broken
				if p == "" {
					p = ir.Primary
				}
				b := ir.Broken[p]
				if b == nil || p != ir.Primary {
					t.Fatalf("primary path %q, want %q broken\n%s", ir.Primary, p, dump(r))
				}
				if tt.at != "" && b.Address != tt.at {
					t.Errorf("broken at %s, want %s\n%s", b.Address, tt.at, dump(r))
				}
				if !strings.Contains(b.Reason, tt.reason) {
					t.Errorf("reason %q, want it to contain %q", b.Reason, tt.reason)
				}
				if b.Status == model.False && (b.Fix == "" || ir.Fix == "") {
					t.Errorf("a certain break without a fix\n%s", dump(r))
				}
			}
		})
	}
}

func containsUnknown(us []Unknown, reason string) bool {
	for _, u := range us {
		if u.Unresolved != nil && u.Reason == reason {
			return true
		}
	}
	return false
}
