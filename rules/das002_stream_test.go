package rules

import (
	"cmp"
	"context"
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// unattached is the result of a stream whose resource_arn comes from a
// module that is not read.
func unattached(reason string) network.ClusterResult {
	return unattachedBy(model.FromModule, reason)
}

// unattachedBy is the result of a stream whose cluster is not known for a
// reason of kind k.
func unattachedBy(k model.UnknownKind, reason string) network.ClusterResult {
	s := &model.ActivityStream{Origin: model.Origin{Address: "aws_rds_cluster_activity_stream.this", Type: "aws_rds_cluster_activity_stream", Range: rng(8, 12)}}
	return network.ClusterResult{
		Stream:  s,
		Verdict: model.Unknown,
		Unknowns: []network.Unknown{{
			Unresolved: &model.Unresolved{Kind: k, Reason: reason, Range: rng(1, 4)},
			Used:       rng(9, 9), Subject: s.Address,
		}},
	}
}

func TestDAS002UnattachedStream(t *testing.T) {
	reason := "module.aurora: source terraform-aws-modules/rds-aurora/aws is not vendored"
	sup := &model.Suppression{Rule: "DAS002", Reason: "checked in the aurora stack", Range: rng(7, 7), Target: rng(8, 12)}
	for _, tt := range []struct {
		name       string
		src        model.Source
		sups       []*model.Suppression
		suppressed bool
		fix        string
		kind       model.UnknownKind // of the reason; FromModule when unset
	}{
		{"terraform", model.Terraform, nil, false, "terraform init -backend=false", ""},
		{"suppressed above the stream", model.Terraform, []*model.Suppression{sup}, true, "terraform init -backend=false", ""},
		{"cloudformation", model.CloudFormation, nil, false, "nested stack template local", ""},
		{"cloudformation custom resource that names no cluster", model.CloudFormation, nil, false,
			"Name the cluster in the custom resource's properties", model.FromExpression},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := &model.Model{Root: "infra", Source: tt.src, Suppressions: tt.sups}
			res, _ := run(context.Background(), []*model.Model{m}, All(), Options{}, fixed([]network.ClusterResult{unattachedBy(cmp.Or(tt.kind, model.FromModule), reason)}))
			fs := res[0].Findings
			if len(fs) != 1 || fs[0].Rule != "DAS002" {
				t.Fatalf("got %+v, want one DAS002 finding", fs)
			}
			f := fs[0]
			if f.Subject != "aws_rds_cluster_activity_stream.this" || f.Range != rng(8, 12) || f.Verdict != model.Unknown {
				t.Errorf("finding on %s at %v (%v), want the stream at main.tf:8-12", f.Subject, f.Range, f.Verdict)
			}
			kind := cmp.Or(tt.kind, model.FromModule)
			for _, part := range []string{"activity stream aws_rds_cluster_activity_stream.this names no DB cluster", reason + " (" + string(kind) + ", main.tf:1), used at main.tf:9"} {
				if !strings.Contains(f.Message, part) {
					t.Errorf("message %q lacks %q", f.Message, part)
				}
			}
			if !strings.Contains(f.Remediation, tt.fix) {
				t.Errorf("remediation %q lacks %q", f.Remediation, tt.fix)
			}
			if got := f.Suppressed != nil; got != tt.suppressed {
				t.Errorf("suppressed = %v, want %v", got, tt.suppressed)
			}
		})
	}
}

// TestDAS002UnattachedStreamFingerprint: the fingerprint survives moving
// lines and changes with the reason.
func TestDAS002UnattachedStreamFingerprint(t *testing.T) {
	print := func(r network.ClusterResult) string {
		res, _ := run(context.Background(), []*model.Model{{Root: "infra"}}, All(), Options{}, fixed([]network.ClusterResult{r}))
		return res[0].Findings[0].Fingerprint
	}
	a := unattached("module.aurora: not read")
	moved := unattached("module.aurora: not read")
	moved.Stream.Range = rng(20, 24)
	moved.Unknowns[0].Range, moved.Unknowns[0].Used = rng(14, 16), rng(21, 21)
	other := unattached("variable \"arn\" has no value")
	if print(a) == "" || print(a) != print(moved) {
		t.Errorf("fingerprint changes when lines move")
	}
	if print(a) == print(other) {
		t.Errorf("fingerprint does not change with the reason")
	}
}
