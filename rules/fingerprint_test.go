package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestFingerprintPinned pins the fingerprint of a known finding, and
// recomputes it by the recipe that docs/output.md and docs/configuration.md
// describe: the first 128 bits of SHA-256, in hex, over the rule ID, the
// root's key, the subject's address and the causes, white space runs made
// one space, sorted and without duplicates, each followed by a NUL byte. Baselines in
// the field hold such values: a change here must be deliberate, with a new
// FingerprintKey version (report.FingerprintKey).
func TestFingerprintPinned(t *testing.T) {
	f := &Finding{Rule: "DAS001", Subject: "aws_rds_cluster.main", causes: []string{
		cause("nat", "aws_route_table.private", "aws_route_table.private 0.0.0.0/0", "no default route"),
		cause("kms-endpoint", "aws_vpc.main", "aws_vpc.main KMS endpoint", "no KMS interface endpoint"),
		cause("nat", "aws_route_table.private", "aws_route_table.private  0.0.0.0/0", "no default\troute"),
	}}
	const want = "f46d07abf6f003d7a4239adb2b848012"
	got := Fingerprint("envs/prod", f)
	parts := []string{"DAS001", "envs/prod", "aws_rds_cluster.main",
		"kms-endpoint\x1faws_vpc.main\x1faws_vpc.main KMS endpoint\x1fno KMS interface endpoint",
		"nat\x1faws_route_table.private\x1faws_route_table.private 0.0.0.0/0\x1fno default route",
	}
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p + "\x00"))
	}
	if recipe := hex.EncodeToString(h.Sum(nil)[:16]); got != recipe {
		t.Errorf("Fingerprint = %s, the documented recipe gives %s", got, recipe)
	}
	if got != want {
		t.Errorf("Fingerprint = %s, pinned %s: baselines written before would no longer match", got, want)
	}
}
