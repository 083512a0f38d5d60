package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestNotVendoredWarnings: a module that is not vendored gets a warning of
// its own where it can change a DAS verdict (the root declares a cluster,
// an instance or a stream, or the module looks like one that declares
// them); elsewhere one warning per root names them all.
func TestNotVendoredWarnings(t *testing.T) {
	call := func(name, source string, args ...string) string {
		return fmt.Sprintf("module %q {\n  source = %q\n%s}\n", name, source, strings.Join(args, ""))
	}
	vpc := call("vpc", "terraform-aws-modules/vpc/aws")
	label := call("label", "cloudposse/label/null")
	bucket := call("bucket", "git::https://example.com/bucket.git")
	aurora := call("aurora", "terraform-aws-modules/rds-aurora/aws")
	enabler := call("enabler", "git::https://example.com/enabler.git", "  create_db_cluster_activity_stream = true\n")
	cluster := "resource \"aws_rds_cluster\" \"db\" {\n  engine = \"aurora-postgresql\"\n}\n"
	own := func(name, source string) string {
		return fmt.Sprintf("module.%s: source %s is not vendored; run terraform init -backend=false (no backend, no credentials) to download it", name, source)
	}
	tests := []struct {
		name string
		code string
		want []string // the not-vendored warnings, in order
	}{
		{"no DAS: one summary", vpc + label + bucket, []string{
			"3 modules are not vendored (module.bucket, module.label, module.vpc): daslint cannot see what they declare, and this root declares no Aurora cluster, cluster instance or activity stream for their outputs to reach; run terraform init -backend=false to read them",
		}},
		{"no DAS: one module keeps its own line", vpc, []string{own("vpc", "terraform-aws-modules/vpc/aws")}},
		{"a cluster in the root: one each", vpc + label + cluster, []string{
			own("vpc", "terraform-aws-modules/vpc/aws"), own("label", "cloudposse/label/null"),
		}},
		{"an Aurora module: its own line, the rest summarised", vpc + aurora + label + bucket + enabler, []string{
			"3 modules are not vendored (module.bucket, module.label, module.vpc)",
			own("aurora", "terraform-aws-modules/rds-aurora/aws"),
			own("enabler", "git::https://example.com/enabler.git"),
		}},
		{"many: the list is cut", manyCalls(7), []string{
			"7 modules are not vendored (module.m0, module.m1, module.m2, module.m3, module.m4, and 2 more)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := run(t, map[string]string{"main.tf": tt.code}, Options{})
			var got []diag.Diagnostic
			for _, d := range ds {
				if strings.Contains(d.Message, "not vendored") {
					got = append(got, d)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d warnings about modules not vendored, want %d: %v", len(got), len(tt.want), ds)
			}
			for i, d := range got {
				if d.Severity != diag.Warning || !strings.Contains(d.Message, tt.want[i]) {
					t.Errorf("warning %d: %s %q, want a warning containing %q", i, d.Severity, d.Message, tt.want[i])
				}
			}
			// The summary sits at the first call of the root.
			if strings.HasPrefix(tt.name, "no DAS: one summary") && got[0].Range.Line != 1 {
				t.Errorf("summary at line %d, want 1", got[0].Range.Line)
			}
		})
	}
}

// manyCalls is n module calls that are not vendored, m0 to m(n-1).
func manyCalls(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "module \"m%d\" {\n  source = \"example/m%d/aws\"\n}\n", i, i)
	}
	return b.String()
}
