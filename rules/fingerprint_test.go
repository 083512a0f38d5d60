package rules

import (
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
