package rules

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/daslint/daslint/model"
)

// runFixture runs every rule over the fixture with the given suppressions,
// date and baseline.
func runFixture(sups []*model.Suppression, today time.Time, baseline map[string]bool) []Finding {
	m := &model.Model{Root: "infra", Suppressions: sups}
	res, _ := run(context.Background(), []*model.Model{m}, All(), Options{Today: today, Baseline: baseline}, fixed(fixture()))
	return res[0].Findings
}

func TestSuppressions(t *testing.T) {
	day := time.Date(2027, 6, 30, 15, 0, 0, 0, time.UTC)
	sup := func(rule, until string, line int) *model.Suppression {
		return &model.Suppression{Rule: rule, Reason: "accepted", Until: until, Range: rng(line-1, line-1), Target: rng(line, line+1)}
	}
	tests := []struct {
		name       string
		sups       []*model.Suppression
		today      time.Time
		suppressed bool
		expired    bool
	}{
		{"none", nil, day, false, false},
		{"matches", []*model.Suppression{sup("DAS001", "", 40)}, day, true, false},
		{"other rule", []*model.Suppression{sup("DAS002", "", 40)}, day, false, false},
		{"other declaration", []*model.Suppression{sup("DAS001", "", 41)}, day, false, false},
		{"until today still holds", []*model.Suppression{sup("DAS001", "2027-06-30", 40)}, day, true, false},
		{"expired", []*model.Suppression{sup("DAS001", "2027-06-29", 40)}, day, false, true},
		{"expired and active: active wins", []*model.Suppression{sup("DAS001", "2027-06-29", 40), sup("DAS001", "2028-01-01", 40)}, day, true, true},
		{"no date known: nothing expires", []*model.Suppression{sup("DAS001", "2020-01-01", 40)}, time.Time{}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := runFixture(tt.sups, tt.today, nil)
			var f *Finding
			for i := range fs {
				if fs[i].Rule == "DAS001" {
					f = &fs[i]
				}
				if fs[i].Rule == "DAS002" && fs[i].Suppressed != nil {
					t.Errorf("DAS002 finding suppressed by %+v", fs[i].Suppressed)
				}
			}
			if f == nil {
				t.Fatal("no DAS001 finding")
			}
			if got := f.Suppressed != nil; got != tt.suppressed {
				t.Errorf("suppressed = %v, want %v", got, tt.suppressed)
			}
			if f.Counts() == tt.suppressed {
				t.Errorf("Counts() = %v for suppressed = %v", f.Counts(), tt.suppressed)
			}
			note := strings.Contains(f.Message, "expired on 2027-06-29")
			if got := f.Expired != nil; got != tt.expired {
				t.Errorf("expired = %v, want %v", got, tt.expired)
			}
			if wantNote := tt.expired && !tt.suppressed; note != wantNote {
				t.Errorf("message %q: expiry note %v, want %v", f.Message, note, wantNote)
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	base := runFixture(nil, time.Time{}, nil)
	if len(base) != 2 || base[0].Fingerprint == "" || base[0].Fingerprint == base[1].Fingerprint {
		t.Fatalf("findings %+v: want two with distinct fingerprints", base)
	}
	f := base[0]
	same := func(name string, g Finding, root string, want bool) {
		t.Helper()
		if got := Fingerprint(root, &g) == f.Fingerprint; got != want {
			t.Errorf("%s: same fingerprint = %v, want %v", name, got, want)
		}
	}
	same("recomputed", f, "infra", true)
	moved := f
	moved.Range = rng(140, 158)
	moved.Message = strings.ReplaceAll(f.Message, "main.tf:30", "main.tf:130")
	same("lines moved", moved, "infra", true)
	same("other root", f, "other", false)
	other := f
	other.Subject = "aws_rds_cluster.other"
	same("other subject", other, "infra", false)
	rule := f
	rule.Rule = "DAS002"
	same("other rule", rule, "infra", false)
	cause := f
	cause.causes = []string{"nat\x1faws_route_table.db 0.0.0.0/0\x1fno route at all"}
	same("other cause", cause, "infra", false)
}

func TestBaselineMarks(t *testing.T) {
	base := runFixture(nil, time.Time{}, nil)
	known := map[string]bool{base[0].Fingerprint: true}
	fs := runFixture(nil, time.Time{}, known)
	if !fs[0].Baseline || fs[0].Counts() || fs[1].Baseline || !fs[1].Counts() {
		t.Errorf("baseline marks %v %v, want the first finding only", fs[0].Baseline, fs[1].Baseline)
	}
}
