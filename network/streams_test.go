package network

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// TestUnattachedStreams: every stream is reported (docs/semantics.md#never-silent). One that
// names no cluster of the model for certain gets an unknown result of its
// own that says why; one that names a cluster is reported through it only.
func TestUnattachedStreams(t *testing.T) {
	moduleOut := unresolved(model.FromModule, "module.aurora: source terraform-aws-modules/rds-aurora/aws is not vendored; run terraform init")
	tests := []struct {
		name string
		edit func(w *world)
		// streams are the addresses of the unattached results, in order;
		// kind and reason describe the first one's unknown.
		streams  []string
		clusters int
		kind     model.UnknownKind
		reason   string
	}{
		{"stream on a declared cluster", func(*world) {}, nil, 1, "", ""},
		{"two streams on one cluster", func(w *world) {
			s := w.b.stream(w.cluster)
			s.Address += "_second"
		}, nil, 1, "", ""},
		{"stream by literal identifier of a declared cluster", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Literal: "arn:aws:rds:eu-west-1:111122223333:cluster:MAIN"}
		}, nil, 1, "", ""},
		{"stream on a cluster that is not Aurora", func(w *world) {
			w.cluster.Engine = str("mysql")
		}, nil, 0, "", ""},
		{"resource_arn from a module that is not read, no cluster in the model", func(w *world) {
			w.b.m.DBClusters, w.b.m.DBInstances = nil, nil
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Unknown: moduleOut}
		}, []string{"aws_rds_cluster_activity_stream.main"}, 0, model.FromModule, "is not vendored"},
		{"literal identifier of a cluster outside the scanned code", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Literal: "arn:aws:rds:eu-west-1:111122223333:cluster:legacy"}
		}, []string{"aws_rds_cluster_activity_stream.main"}, 0, model.FromExternal, `"legacy", which is not declared`},
		{"literal identifier, cluster identifier unknown", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Literal: "legacy"}
			w.cluster.Identifier = model.UnknownStr(unresolved(model.FromVariable, `variable "name" has no value`), model.Range{})
		}, []string{"aws_rds_cluster_activity_stream.main"}, 1, model.FromVariable, "identifier of aws_rds_cluster.main is not known"},
		{"ref to an object that is not a cluster", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{Key: "aws_db_instance.oracle"}
		}, []string{"aws_rds_cluster_activity_stream.main"}, 0, model.FromExpression, "not a DB cluster"},
		{"no cluster named", func(w *world) {
			w.b.m.ActivityStreams[0].Cluster = model.Ref{}
		}, []string{"aws_rds_cluster_activity_stream.main"}, 0, model.FromExpression, "names no DB cluster"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			var streams []string
			clusters := 0
			for _, r := range Analyze(w.b.m, Options{}) {
				if !r.Unattached() {
					clusters++
					continue
				}
				streams = append(streams, r.Subject().Address)
				if r.Verdict != model.Unknown || len(r.Instances) != 0 || len(r.Unknowns) != 1 {
					t.Fatalf("unattached stream: %v with %d instances and %d unknowns, want unknown, 0, 1", r.Verdict, len(r.Instances), len(r.Unknowns))
				}
				u := r.Unknowns[0]
				if u.Kind != tt.kind || !strings.Contains(u.Reason, tt.reason) || u.Subject != r.Stream.Address {
					t.Errorf("unknown [%s] %q about %s, want [%s] containing %q about the stream", u.Kind, u.Reason, u.Subject, tt.kind, tt.reason)
				}
				explains(t, r)
			}
			if clusters != tt.clusters || strings.Join(streams, ",") != strings.Join(tt.streams, ",") {
				t.Errorf("%d clusters and streams %v, want %d and %v", clusters, streams, tt.clusters, tt.streams)
			}
		})
	}
}

// TestUnattachedStreamsAllClusters: --all-clusters reports every Aurora
// cluster, and still every stream whose cluster is not known.
func TestUnattachedStreamsAllClusters(t *testing.T) {
	w := newWorld()
	w.b.m.ActivityStreams[0].Cluster = model.Ref{Literal: "legacy"}
	res := Analyze(w.b.m, Options{AllClusters: true})
	if len(res) != 2 || res[0].Unattached() || !res[1].Unattached() {
		t.Fatalf("got %d results, want the cluster then the stream", len(res))
	}
}
