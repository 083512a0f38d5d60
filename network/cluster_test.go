package network

import (
	"reflect"
	"testing"

	"github.com/daslint/daslint/model"
)

func TestWhichClustersAreReported(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(w *world)
		opts   Options
		report int
	}{
		{"cluster with a stream", func(*world) {}, Options{}, 1},
		{"cluster without a stream", func(w *world) { w.b.m.ActivityStreams = nil }, Options{}, 0},
		{"--all-clusters reports it", func(w *world) { w.b.m.ActivityStreams = nil }, Options{AllClusters: true}, 1},
		{"non-Aurora engine is never reported", func(w *world) { w.cluster.Engine = str("mysql") }, Options{AllClusters: true}, 0},
		{"legacy aurora engine", func(w *world) { w.cluster.Engine = str("aurora") }, Options{}, 1},
		{"unknown engine may be Aurora", func(w *world) {
			w.cluster.Engine = model.UnknownStr(unresolved(model.FromVariable, "var.engine"), model.Range{})
		}, Options{AllClusters: true}, 1},
		// The stream is reported on its own (TestUnattachedStreams), the
		// cluster it does not name is not.
		{"stream naming another cluster", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Literal: "other"}
		}, Options{}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			if got := len(Analyze(w.b.m, tt.opts)); got != tt.report {
				t.Errorf("reported %d clusters, want %d", got, tt.report)
			}
		})
	}
}

// TestWitness checks the nat witness link by link, with the ranges of the
// objects the links rest on.
func TestWitness(t *testing.T) {
	w := newWorld()
	res := Analyze(w.b.m, Options{})
	ir := res[0].Instances[0]
	if ir.Path != PathNAT || ir.Instance != w.inst.Address || ir.Subnet != w.db.Address || ir.Assumed {
		t.Fatalf("got %+v", ir)
	}
	want := []struct {
		addr string
		rng  model.Range
	}{
		{w.db.Address, w.db.Range},
		{w.sg.Address, w.sg.Range},
		{model.DefaultNetworkACLAddress(w.vpc.Address), w.vpc.Range},
		{model.DefaultNetworkACLAddress(w.vpc.Address), w.vpc.Range},
		{w.privRT.Address, w.privRoute.Range},
		{w.nat.Address, w.nat.Range},
		{w.public.Address, w.public.Range},
	}
	for i, l := range want {
		if i >= len(ir.Witness) || ir.Witness[i].Address != l.addr || ir.Witness[i].Range != l.rng {
			t.Fatalf("witness[%d] = %+v, want %s at %v", i, ir.Witness, l.addr, l.rng)
		}
	}
	last := ir.Witness[len(ir.Witness)-1]
	if last.Address != w.igw.Address {
		t.Errorf("witness ends at %s, want %s", last.Address, w.igw.Address)
	}
}

// TestDeterministic runs the analysis twice on a model with several
// unknowns and expects identical, sorted results.
func TestDeterministic(t *testing.T) {
	build := func() *model.Model {
		w := newWorld()
		w.addEndpoint()
		w.sg.Rules[0].CIDRs.Items[0] = model.UnknownStr(unresolved(model.FromVariable, "var.b"), model.Range{File: "b.tf", Line: 2})
		w.privRoute.Target = model.Ref{Unknown: unresolved(model.FromVariable, "var.a")}
		w.b.m.VPCEndpoints[0].Policy = str(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`)
		return w.b.m
	}
	a, b := Analyze(build(), Options{}), Analyze(build(), Options{})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs differ")
	}
	us := a[0].Instances[0].Unknowns
	if len(us) == 0 {
		t.Fatalf("no unknowns:\n%s", dump(a[0]))
	}
	for i := 1; i < len(us); i++ {
		if compareUnknowns(us[i-1], us[i]) >= 0 {
			t.Errorf("unknowns not sorted and unique at %d: %v, %v", i, us[i-1].Reason, us[i].Reason)
		}
	}
}

// TestUncertainStream: a cluster that may have an activity stream is
// reported; DAS works when it has none or reaches KMS, so a fail becomes
// unknown (with the reason) and a pass stays a pass.
func TestUncertainStream(t *testing.T) {
	arnVar := unresolved(model.FromVariable, `variable "cluster_arn" has no value`)
	idVar := unresolved(model.FromVariable, `variable "cluster_id" has no value`)
	countVar := unresolved(model.FromCondition, `count depends on variable "enable_das"`)
	// A stream that may name the cluster is also reported on its own, as a
	// stream whose cluster is not known (docs/semantics.md#never-silent): it may name a cluster
	// outside the scanned code.
	tests := []struct {
		name       string
		edit       func(w *world)
		broken     bool
		want       model.Tri
		unattached int
	}{
		{"unknown resource_arn, network passes", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Unknown: arnVar}
		}, false, model.True, 1},
		{"unknown resource_arn, network broken", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Unknown: arnVar}
		}, true, model.Unknown, 1},
		{"literal ARN, cluster identifier unknown", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Literal: "arn:aws:rds:eu-west-1:111122223333:cluster:main"}
			w.cluster.Identifier = model.UnknownStr(idVar, model.Range{})
		}, true, model.Unknown, 1},
		{"stream that may not exist", func(w *world) {
			w.b.m.ActivityStreams[0].Maybe = countVar
		}, true, model.Unknown, 0},
		{"certain stream, network broken", func(*world) {}, true, model.False, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			if tt.broken {
				w.privRT.Routes = nil
				w.b.m.Routes = nil
			}
			all := Analyze(w.b.m, Options{})
			var res []ClusterResult
			unattached := 0
			for _, r := range all {
				if r.Unattached() {
					unattached++
					continue
				}
				res = append(res, r)
			}
			if len(res) != 1 || unattached != tt.unattached {
				t.Fatalf("reported %d clusters and %d unattached streams, want 1 and %d", len(res), unattached, tt.unattached)
			}
			if res[0].Verdict != tt.want {
				t.Errorf("verdict %v, want %v\n%s", res[0].Verdict, tt.want, dump(res[0]))
			}
			if tt.want == model.Unknown && !hasKind(res[0], model.FromVariable) && !hasKind(res[0], model.FromCondition) {
				t.Errorf("unknown verdict does not say why the stream is uncertain\n%s", dump(res[0]))
			}
			explains(t, res[0])
		})
	}
}

// TestUnreadFiles: a file of the root that could not be read may hold what
// breaks a path, so a pass becomes unknown (naming the file) and a fail
// stays a fail.
func TestUnreadFiles(t *testing.T) {
	unread := []*model.Unresolved{{Kind: model.FromExpression, Reason: "broken.tf does not parse, so what it declares is missing",
		Range: model.Range{File: "broken.tf"}, Fix: "Fix broken.tf."}}
	for _, tt := range []struct {
		name   string
		broken bool
		want   model.Tri
	}{
		{"pass becomes unknown", false, model.Unknown},
		{"fail stays fail", true, model.False},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			w.b.m.Unread = unread
			if tt.broken {
				w.privRT.Routes = nil
			}
			res := Analyze(w.b.m, Options{})
			if len(res) != 1 || res[0].Verdict != tt.want {
				t.Fatalf("verdict %v, want %v", res[0].Verdict, tt.want)
			}
			if tt.want == model.Unknown && (res[0].Path != "" || len(res[0].Unknowns) == 0 || res[0].Unknowns[0].Reason != unread[0].Reason) {
				t.Errorf("unknown verdict does not name the unread file: path %q, unknowns %+v", res[0].Path, res[0].Unknowns)
			}
			if tt.want == model.Unknown && res[0].Unknowns[0].Fix != unread[0].Fix {
				t.Errorf("unknown's fix %q, want the unread file's own %q", res[0].Unknowns[0].Fix, unread[0].Fix)
			}
		})
	}
}
