package cloudformation

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/daslint/daslint/model"
)

func TestSuppressions(t *testing.T) {
	tests := []struct {
		name     string
		metadata string
		want     []model.Suppression // Rule, Reason, Until, Range.Line
		err      string
	}{
		{name: "one with a date", metadata: `{daslint: {ignore: [{rule: DAS001, reason: "egress via TGW", until: 2027-06-30}]}}`,
			want: []model.Suppression{{Rule: "DAS001", Reason: "egress via TGW", Until: "2027-06-30"}}},
		{name: "quoted date, two rules", metadata: `{daslint: {ignore: [{rule: "DAS001,DAS002", reason: accepted, until: "2027-06-30"}]}}`,
			want: []model.Suppression{{Rule: "DAS001", Reason: "accepted", Until: "2027-06-30"}, {Rule: "DAS002", Reason: "accepted", Until: "2027-06-30"}}},
		{name: "no reason", metadata: `{daslint: {ignore: [{rule: DAS001}]}}`, err: "(DAS001) has no reason"},
		{name: "blank reason", metadata: `{daslint: {ignore: [{rule: DAS001, reason: "  "}]}}`, err: "has no reason"},
		{name: "no rule", metadata: `{daslint: {ignore: [{reason: x}]}}`, err: "has no rule"},
		{name: "bad rule", metadata: `{daslint: {ignore: [{rule: kms, reason: x}]}}`, err: `"kms" is not a rule ID`},
		{name: "bad date", metadata: `{daslint: {ignore: [{rule: DAS001, reason: x, until: 2027-13-01}]}}`, err: `until "2027-13-01" is not a date`},
		{name: "unknown key", metadata: `{daslint: {ignore: [{rule: DAS001, reason: x, expires: 2027-01-01}]}}`, err: `unknown key "expires"`},
		{name: "not a list", metadata: `{daslint: {ignore: {rule: DAS001, reason: x}}}`, err: "must be a list"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Metadata: " + tc.metadata + "\n    Properties: {Engine: aurora-postgresql}\n"
			m, ds := loadText(t, src, Options{})
			if tc.err != "" {
				if len(ds) != 1 || !strings.Contains(ds[0].Message, tc.err) || ds[0].Range.Line != 4 || !strings.Contains(ds[0].Message, "does not apply") {
					t.Errorf("diagnostics %v, want one error at line 4 containing %q", ds, tc.err)
				}
				if len(m.Suppressions) != 0 {
					t.Errorf("suppressions %v, want none", m.Suppressions)
				}
				return
			}
			noErrors(t, ds)
			var got []model.Suppression
			for _, s := range m.Suppressions {
				if s.Target.Line != 2 || s.Range.Line != 4 || s.Target.File != s.Range.File {
					t.Errorf("suppression at %v targets %v, want line 4 targeting the cluster at line 2", s.Range, s.Target)
				}
				got = append(got, *s)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreFields(model.Suppression{}, "Range", "Target")); diff != "" {
				t.Errorf("suppressions (-want +got):\n%s", diff)
			}
		})
	}
}
