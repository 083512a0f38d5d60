package network

import (
	"testing"

	"github.com/daslint/daslint/model"
)

// TestEndpointPolicies: each instance result carries the policy verdict of
// the KMS endpoint certainly active in its VPC, keyed to the stream's own
// key, even where another link of the endpoint path breaks first.
func TestEndpointPolicies(t *testing.T) {
	onKey := func(k string) string {
		return `{"Statement":[{"Effect":"Allow","Principal":"*","Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"` + k + `"}]}`
	}
	tests := []struct {
		name  string
		setup func(w *world, e *model.VPCEndpoint)
		want  model.Tri
	}{
		{"no policy", func(*world, *model.VPCEndpoint) {}, model.True},
		{"the stream's declared key", func(w *world, e *model.VPCEndpoint) {
			k := &model.KMSKey{Origin: w.b.origin("aws_kms_key", "das")}
			w.b.m.KMSKeys = append(w.b.m.KMSKeys, k)
			w.b.m.ActivityStreams[0].KMSKey = key(k)
			e.Policy = str(onKey(model.Token(k.Address)))
		}, model.Unknown}, // its ARN or its key ID: daslint cannot tell
		{"another declared key", func(w *world, e *model.VPCEndpoint) {
			k := &model.KMSKey{Origin: w.b.origin("aws_kms_key", "das")}
			other := &model.KMSKey{Origin: w.b.origin("aws_kms_key", "other")}
			w.b.m.KMSKeys = append(w.b.m.KMSKeys, k, other)
			w.b.m.ActivityStreams[0].KMSKey = key(k)
			e.Policy = str(onKey(model.Token(other.Address)))
		}, model.False},
		{"a stream key that is an alias resource", func(w *world, e *model.VPCEndpoint) {
			k := &model.KMSKey{Origin: w.b.origin("aws_kms_key", "das")}
			w.b.m.KMSKeys = append(w.b.m.KMSKeys, k)
			w.b.m.ActivityStreams[0].KMSKey = model.Ref{Key: "aws_kms_alias.das"}
			e.Policy = str(onKey(model.Token(k.Address)))
		}, model.Unknown},
		{"blocked while the security groups also break", func(w *world, e *model.VPCEndpoint) {
			w.sg.Rules = nil
			e.Policy = str(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Encrypt","Resource":"*"}]}`)
		}, model.False},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld()
			e, _ := w.addEndpoint()
			tc.setup(w, e)
			rs := Analyze(w.b.m, Options{})
			if len(rs) != 1 || len(rs[0].Instances) != 1 {
				t.Fatalf("results %+v", rs)
			}
			ps := rs[0].Instances[0].EndpointPolicies
			if len(ps) != 1 || ps[0].Endpoint != e.Address {
				t.Fatalf("endpoint policies %+v, want one of %s", ps, e.Address)
			}
			if ps[0].Status != tc.want {
				t.Errorf("policy status %v (%s), want %v", ps[0].Status, ps[0].Reason, tc.want)
			}
			if tc.want == model.False && (ps[0].Reason == "" || ps[0].Fix == "" || ps[0].Policy.Range.File == "") {
				t.Errorf("a blocking policy without reason, fix or position: %+v", ps[0])
			}
		})
	}
}

// TestNoEndpointPolicyWithoutActiveEndpoint: an endpoint that is not
// certainly active carries no policy verdict.
func TestNoEndpointPolicyWithoutActiveEndpoint(t *testing.T) {
	w := newWorld()
	e, _ := w.addEndpoint()
	e.PrivateDNS = model.Bool{Unknown: unresolved(model.FromVariable, "var.dns")}
	e.Policy = str(`{"Statement":[]}`)
	rs := Analyze(w.b.m, Options{})
	if ps := rs[0].Instances[0].EndpointPolicies; len(ps) != 0 {
		t.Errorf("endpoint policies %+v, want none", ps)
	}
}
