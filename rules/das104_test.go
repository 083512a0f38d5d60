package rules

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

func TestZoneDependencies(t *testing.T) {
	subnet := func(name string, zone model.Str) *model.Subnet {
		return &model.Subnet{Origin: model.Origin{Address: "aws_subnet." + name}, AvailabilityZone: zone}
	}
	z := func(s string) model.Str { return model.KnownStr(s, model.Range{}) }
	tok := func(i int) model.Str { return z(model.ZoneToken("region", i, "")) }
	dbA, dbB := subnet("db_a", z("eu-west-1a")), subnet("db_b", z("eu-west-1b"))
	pubA, pubB := subnet("public_a", z("eu-west-1a")), subnet("public_b", z("eu-west-1b"))
	tokA, tokB, tokPubA := subnet("tok_a", tok(0)), subnet("tok_b", tok(1)), subnet("tok_public_a", tok(0))
	unknownZone := subnet("unknown", model.Str{Unknown: &model.Unresolved{Reason: "var.zone"}})
	nat := &model.NATGateway{Origin: model.Origin{Address: "aws_nat_gateway.single"}}
	ep := &model.VPCEndpoint{Origin: model.Origin{Address: "aws_vpc_endpoint.kms"}}
	viaNAT := func(s, ns *model.Subnet) network.InstanceResult {
		return network.InstanceResult{Verdict: model.True, Serving: &network.Serving{Subnet: s, NATGateway: nat, NATSubnet: ns}}
	}
	viaEndpoint := func(s *model.Subnet, more bool, es ...*model.Subnet) network.InstanceResult {
		return network.InstanceResult{Verdict: model.True, Serving: &network.Serving{Subnet: s, Endpoint: ep, EndpointSubnets: es, EndpointSubnetsUnknown: more}}
	}
	tests := []struct {
		name string
		irs  []network.InstanceResult
		want string // "kind: subnets" per dependency, joined by "; "
	}{
		{"single NAT gateway for two zones", []network.InstanceResult{viaNAT(dbA, pubA), viaNAT(dbB, pubA), viaNAT(dbB, pubA)},
			"nat: aws_subnet.db_b (eu-west-1b)"},
		{"a NAT gateway per zone", []network.InstanceResult{viaNAT(dbA, pubA), viaNAT(dbB, pubB)}, ""},
		{"zone tokens over the same list", []network.InstanceResult{viaNAT(tokA, tokPubA), viaNAT(tokB, tokPubA)}, "nat: aws_subnet.tok_b"},
		{"a zone name against a token is not known", []network.InstanceResult{viaNAT(dbB, tokPubA)}, ""},
		{"unknown zone", []network.InstanceResult{viaNAT(unknownZone, pubA)}, ""},
		{"regional NAT gateway", []network.InstanceResult{{Verdict: model.True, Serving: &network.Serving{Subnet: dbB, NATGateway: nat}}}, ""},
		{"endpoint in one zone", []network.InstanceResult{viaEndpoint(dbA, false, dbA), viaEndpoint(dbB, false, dbA)},
			"endpoint: aws_subnet.db_b (eu-west-1b)"},
		{"endpoint in both zones", []network.InstanceResult{viaEndpoint(dbA, false, dbA, dbB), viaEndpoint(dbB, false, dbA, dbB)}, ""},
		{"endpoint subnets not all known", []network.InstanceResult{viaEndpoint(dbB, true, dbA)}, ""},
		{"endpoint subnet of unknown zone", []network.InstanceResult{viaEndpoint(dbB, false, dbA, unknownZone)}, ""},
		{"not a pass", []network.InstanceResult{{Verdict: model.Unknown, Serving: &network.Serving{Subnet: dbB, NATGateway: nat, NATSubnet: pubA}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range zoneDependencies(&network.ClusterResult{Instances: tt.irs}) {
				kind, _, _ := strings.Cut(d.cause, "\x1f")
				got = append(got, kind+": "+strings.Join(d.subnets, ", "))
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("dependencies %q, want %q", g, tt.want)
			}
		})
	}
}
