package network

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// TestServing checks what a passing placement records as carrying its
// traffic beyond its subnet (DAS104 reads it), and that nothing is
// recorded where nothing zonal serves it or the placement does not pass.
func TestServing(t *testing.T) {
	tests := []struct {
		name string
		edit func(w *world)
		want func(w *world) *Serving
	}{
		{"nat path: the NAT gateway and its subnet", func(*world) {},
			func(w *world) *Serving { return &Serving{Subnet: w.db, NATGateway: w.nat, NATSubnet: w.public} }},
		{"regional NAT gateway: no subnet", func(w *world) {
			w.nat.Subnet = model.Ref{}
			w.nat.VPC = key(w.vpc)
			w.nat.AvailabilityMode = str("regional")
		}, func(w *world) *Serving { return &Serving{Subnet: w.db, NATGateway: w.nat} }},
		{"kms endpoint: the endpoint and its subnets", func(w *world) { w.addEndpoint() },
			func(w *world) *Serving {
				e := w.b.m.VPCEndpoints[0]
				return &Serving{Subnet: w.db, Endpoint: e, EndpointSubnets: []*model.Subnet{w.db}}
			}},
		{"kms endpoint and a subnet association whose endpoint is unknown", func(w *world) {
			w.addEndpoint()
			w.b.m.EndpointSubnetAssociations = append(w.b.m.EndpointSubnetAssociations, &model.EndpointSubnetAssociation{
				Origin:   w.b.origin("aws_vpc_endpoint_subnet_association", "other"),
				Endpoint: model.Ref{Unknown: unresolved(model.FromVariable, "var.endpoint_id")},
				Subnet:   key(w.public),
			})
		}, func(w *world) *Serving {
			e := w.b.m.VPCEndpoints[0]
			return &Serving{Subnet: w.db, Endpoint: e, EndpointSubnets: []*model.Subnet{w.db}, EndpointSubnetsUnknown: true}
		}},
		{"a route table that may apply instead goes through another NAT gateway: which one is not known", func(w *world) {
			other := w.b.nat("other", w.public)
			rt := w.b.table("other", w.vpc)
			w.b.route(rt, "0.0.0.0/0", model.TargetNATGateway, key(other))
			a := w.b.associate(rt, w.db)
			a.Maybe = unresolved(model.FromCondition, "var.use_other")
		}, func(*world) *Serving { return nil }},
		{"a more specific route to the same NAT gateway keeps it", func(w *world) {
			w.b.route(w.privRT, "52.0.0.0/8", model.TargetNATGateway, key(w.nat))
		}, func(w *world) *Serving { return &Serving{Subnet: w.db, NATGateway: w.nat, NATSubnet: w.public} }},
		{"two KMS endpoints: which one answers is not known", func(w *world) {
			_, esg := w.addEndpoint()
			e2 := w.b.endpoint("kms_two", w.vpc, "com.amazonaws.eu-west-1.kms", w.db)
			e2.SecurityGroups = keys(esg)
		}, func(*world) *Serving { return nil }},
		{"public path: nothing zonal", func(w *world) {
			w.inst.PubliclyAccessible = boolean(true)
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetGateway, key(w.igw)
		}, func(*world) *Serving { return nil }},
		{"an unknown records nothing", func(w *world) {
			e, _ := w.addEndpoint()
			e.Subnets.Incomplete = unresolved(model.FromVariable, "var.subnets")
		}, func(*world) *Serving { return nil }},
		{"a fail records nothing", func(w *world) { w.privRT.Routes = nil }, func(*world) *Serving { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			res := Analyze(w.b.m, Options{})
			if len(res) != 1 || len(res[0].Instances) != 1 {
				t.Fatalf("want one cluster with one placement, got %+v", res)
			}
			notPass := strings.HasPrefix(tt.name, "an unknown") || strings.HasPrefix(tt.name, "a fail")
			if v := res[0].Instances[0].Verdict; (v == model.True) == notPass {
				t.Fatalf("verdict %v: the case must pass unless it says it does not", v)
			}
			got, want := res[0].Instances[0].Serving, tt.want(w)
			switch {
			case want == nil && got != nil:
				t.Errorf("Serving = %+v, want nil", got)
			case want != nil && got == nil:
				t.Errorf("Serving = nil, want %+v", want)
			case want != nil:
				if got.Subnet != want.Subnet || got.NATGateway != want.NATGateway || got.NATSubnet != want.NATSubnet ||
					got.Endpoint != want.Endpoint || got.EndpointSubnetsUnknown != want.EndpointSubnetsUnknown ||
					len(got.EndpointSubnets) != len(want.EndpointSubnets) {
					t.Errorf("Serving = %+v, want %+v", got, want)
				}
				for i := range want.EndpointSubnets {
					if got.EndpointSubnets[i] != want.EndpointSubnets[i] {
						t.Errorf("EndpointSubnets[%d] = %s, want %s", i, got.EndpointSubnets[i].Address, want.EndpointSubnets[i].Address)
					}
				}
			}
		})
	}
}
