package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"strings"
	"testing"
)

// withoutPositions skips the regular expression when no colon is followed
// by a digit; the result must be what the expression alone gives.
func TestWithoutPositionsShortcut(t *testing.T) {
	cases := []string{
		"", ":", "a:", ":1", "a:1", "main.tf:30:5", "kms:* on 0.0.0.0/0", "a: b:c :d", "x:y:9", "  spaced   out  ",
		"route at main.tf:30 (see modules/x.tf:12), for kms:*", "arn:aws:rds:eu-west-1:123456789012:cluster:db",
	}
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "ab :09.,;()\t/"
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		want := strings.Join(strings.Fields(position().ReplaceAllString(s, "")), " ")
		if got := withoutPositions(s); got != want {
			t.Fatalf("withoutPositions(%q) = %q, want %q", s, got, want)
		}
		if position().MatchString(s) && !mayCitePosition(s) {
			t.Fatalf("mayCitePosition(%q) is false, but it cites a position", s)
		}
	}
}

// TestFingerprintPinned pins the fingerprint of a known finding, and
// recomputes it by the recipe that docs/output.md and docs/configuration.md
// describe: the first 128 bits of SHA-256, in hex, over the rule ID, the
// root's key, the subject's address and the causes without positions,
// sorted and without duplicates, each followed by a NUL byte. Baselines in
// the field hold such values: a change here must be deliberate, with a new
// FingerprintKey version (report.FingerprintKey).
func TestFingerprintPinned(t *testing.T) {
	f := &Finding{Rule: "DAS001", Subject: "aws_rds_cluster.main", causes: []string{
		cause("nat", "aws_route_table.private", "aws_route_table.private 0.0.0.0/0", "no default route (envs/prod/main.tf:30)"),
		cause("kms-endpoint", "aws_vpc.main", "aws_vpc.main KMS endpoint", "no KMS interface endpoint"),
		cause("nat", "aws_route_table.private", "aws_route_table.private 0.0.0.0/0", "no default route (envs/prod/main.tf:31)"),
	}}
	const want = "82b1cd3f9a10f1150775222c111ff317"
	got := Fingerprint("envs/prod", f)
	parts := []string{"DAS001", "envs/prod", "aws_rds_cluster.main",
		"kms-endpoint\x1faws_vpc.main\x1faws_vpc.main KMS endpoint\x1fno KMS interface endpoint",
		"nat\x1faws_route_table.private\x1faws_route_table.private 0.0.0.0/0\x1fno default route ()",
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
