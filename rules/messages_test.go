package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 more unresolved values"},
		{1, "1 more unresolved value"},
		{2, "2 more unresolved values"},
	}
	for _, tt := range tests {
		if got := count(tt.n, "more unresolved value", "more unresolved values"); got != tt.want {
			t.Errorf("count(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestRemediationKeepsIdentifiers checks that a fix starting with a
// resource address keeps its spelling while a sentence gets its capital.
func TestRemediationKeepsIdentifiers(t *testing.T) {
	tests := []struct {
		fixes []string
		want  string
	}{
		{[]string{"add a NAT route"}, "Add a NAT route."},
		{[]string{"aws_route_table.private routes 0.0.0.0/1 to a transit gateway"}, "aws_route_table.private routes 0.0.0.0/1 to a transit gateway."},
		{[]string{"sg-0abc allows nothing", "sg-0abc allows nothing"}, "sg-0abc allows nothing."},
		{[]string{"Verify the gateway.", "set x"}, "Verify the gateway. Set x."},
		{nil, "fallback"},
	}
	for _, tt := range tests {
		if got := remediation(tt.fixes, "fallback"); got != tt.want {
			t.Errorf("remediation(%q) = %q, want %q", tt.fixes, got, tt.want)
		}
	}
}

// TestDAS002Texts checks the DAS002 texts: the count of unknowns left out
// agrees with its noun, and an unknown's own fix replaces the advice for its
// kind.
func TestDAS002Texts(t *testing.T) {
	unknowns := func(n int) []network.Unknown {
		var us []network.Unknown
		for i := range n {
			us = append(us, network.Unknown{Unresolved: &model.Unresolved{Kind: model.FromTarget,
				Reason: fmt.Sprintf("route %d leaves", i), Range: rng(i+1, i+1)}, Subject: "aws_route.r"})
		}
		return us
	}
	tests := []struct {
		name   string
		us     []network.Unknown
		want   []string
		forbid []string
	}{
		{"one more", unknowns(maxListed + 1), []string{"and 1 more unresolved value"}, []string{"1 more unresolved values"}},
		{"two more", unknowns(maxListed + 2), []string{"and 2 more unresolved values"}, nil},
		{"an unknown's own fix", func() []network.Unknown {
			us := unknowns(1)
			us[0].Fix = "Send prefix list pl-1 to the same target as 0.0.0.0/0."
			return us
		}(), []string{"Send prefix list pl-1 to the same target"}, []string{"A route sends traffic outside", "The default route"}},
		{"the advice of its kind", unknowns(1), []string{"A route sends traffic outside the scanned network"}, []string{"The default route"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := network.ClusterResult{Cluster: cluster("aws_rds_cluster.maybe", 70, 80), Verdict: model.Unknown,
				Instances: []network.InstanceResult{{Instance: "aws_rds_cluster_instance.maybe[0]", Subnet: "aws_subnet.x", Verdict: model.Unknown, Unknowns: tt.us}}}
			var found []Finding
			p := &Pass{Rule: DAS002(), Model: &model.Model{}, Clusters: []network.ClusterResult{c}, report: func(f Finding) { found = append(found, f) }}
			checkDAS002(p)
			if len(found) != 1 {
				t.Fatalf("got %d findings", len(found))
			}
			text := found[0].Message + "\n" + found[0].Remediation
			for _, s := range tt.want {
				if !strings.Contains(text, s) {
					t.Errorf("no %q in\n%s", s, text)
				}
			}
			for _, s := range tt.forbid {
				if strings.Contains(text, s) {
					t.Errorf("%q in\n%s", s, text)
				}
			}
		})
	}
}

// TestPlacementNames checks how findings name a placement, including one
// in a subnet that is not known.
func TestPlacementNames(t *testing.T) {
	tests := []struct {
		ir   network.InstanceResult
		want string
	}{
		{network.InstanceResult{Instance: "i", Subnet: "aws_subnet.a"}, "i in aws_subnet.a"},
		{network.InstanceResult{Instance: "c", Assumed: true, Subnet: "aws_subnet.a"}, "an assumed instance in aws_subnet.a"},
		{network.InstanceResult{Instance: "i", AnySubnet: &network.AnySubnet{VPC: "aws_vpc.main"}}, "i in any subnet of aws_vpc.main"},
		{network.InstanceResult{Instance: "i", AnySubnet: &network.AnySubnet{}}, "i in an unknown subnet"},
		{network.InstanceResult{Instance: "i", Subnet: "aws_subnet.a", AnySubnet: &network.AnySubnet{VPC: "aws_vpc.main"}}, "i in aws_subnet.a"},
		{network.InstanceResult{Instance: "i"}, "i"},
	}
	for _, tt := range tests {
		if got := placement(tt.ir).String(); got != tt.want {
			t.Errorf("placement(%+v) = %q, want %q", tt.ir, got, tt.want)
		}
	}
}

func TestCompactPlacements(t *testing.T) {
	tests := []struct {
		name string
		in   []placed
		want string
	}{
		{"one", []placed{{"a", "x"}}, "a in x"},
		{"cross product", []placed{{"a", "x"}, {"a", "y"}, {"b", "x"}, {"b", "y"}}, "a, b in x, y"},
		{"one instance, two subnets", []placed{{"a", "x"}, {"a", "y"}}, "a in x, y"},
		{"different instance sets", []placed{{"a", "x"}, {"b", "x"}, {"a", "y"}}, "a, b in x; a in y"},
		{"same set again after another", []placed{{"a", "x"}, {"b", "y"}, {"a", "z"}}, "a in x, z; b in y"},
		{"duplicates", []placed{{"a", "x"}, {"a", "x"}}, "a in x"},
		{"no subnet stays alone", []placed{{"a", ""}, {"a", "x"}}, "a; a in x"},
		{"any subnet of a VPC", []placed{{"a", "any subnet of aws_vpc.main"}, {"b", "any subnet of aws_vpc.main"}}, "a, b in any subnet of aws_vpc.main"},
		{"none", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := compactPlacements(tt.in); got != tt.want {
				t.Errorf("compactPlacements(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
