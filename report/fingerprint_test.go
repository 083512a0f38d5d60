package report

import "testing"

func TestFingerprint(t *testing.T) {
	base := Finding{
		Rule: "DAS001", Severity: "error", Resource: "aws_rds_cluster.main", File: "main.tf", Line: 40, EndLine: 58,
		Message: "DAS001: ... (network.tf:30)",
		Related: []Link{
			{Text: "aws_route_table.private 0.0.0.0/0", File: "network.tf", Line: 30},
			{Text: "aws_nat_gateway.a (public)", File: "network.tf", Line: 50},
		},
	}
	fp := base.Fingerprint()
	if len(fp) != 64 {
		t.Fatalf("fingerprint %q is not a hex SHA-256", fp)
	}

	same := map[string]func(f *Finding){
		"lines move": func(f *Finding) {
			f.Line, f.EndLine, f.Related[0].Line, f.Related[1].Line = 52, 70, 44, 61
			f.Message = "DAS001: ... (network.tf:44)"
		},
		"severity changes":  func(f *Finding) { f.Severity = "warning" },
		"related reordered": func(f *Finding) { f.Related[0], f.Related[1] = f.Related[1], f.Related[0] },
		"spacing":           func(f *Finding) { f.Related[1].Text = " aws_nat_gateway.a   (public)" },
		"a later link is fixed": func(f *Finding) {
			f.Related = f.Related[1:] // "aws_nat_gateway..." sorts first and stays
		},
		"suppressed": func(f *Finding) { f.Suppression = &Suppression{Kind: SuppressedInSource, Reason: "r"} },
	}
	for name, change := range same {
		f := base
		f.Related = append([]Link(nil), base.Related...)
		change(&f)
		if got := f.Fingerprint(); got != fp {
			t.Errorf("%s: fingerprint changed", name)
		}
	}

	different := map[string]func(f *Finding){
		"rule":       func(f *Finding) { f.Rule = "DAS002" },
		"resource":   func(f *Finding) { f.Resource = "aws_rds_cluster.other" },
		"file":       func(f *Finding) { f.File = "db.tf" },
		"cause":      func(f *Finding) { f.Related = []Link{{Text: "aws_security_group.db egress 443"}} },
		"no related": func(f *Finding) { f.Related = nil },
		// The parts are delimited, so moving text between them is seen.
		"parts run together": func(f *Finding) { f.Rule, f.File = "DAS001m", "ain.tf" },
	}
	for name, change := range different {
		f := base
		f.Related = append([]Link(nil), base.Related...)
		change(&f)
		if got := f.Fingerprint(); got == fp {
			t.Errorf("%s: fingerprint did not change", name)
		}
	}
}
