package report

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The escapers skip their replacer when a text has nothing to replace; the
// result must be the replacer's on any text.
func TestEscapersShortcut(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const alphabet = "ab .\\`*_[]<>|~&#\r\n\"%:,é"
	texts := []string{""}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(string([]rune(alphabet)[r.IntN(len([]rune(alphabet)))]))
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := mdText(s), mdEscaper.Replace(s); got != want {
			t.Fatalf("mdText(%q) = %q, want %q", s, got, want)
		}
		if got, want := mermaidLabel(s), mermaidEscaper.Replace(s); got != want {
			t.Fatalf("mermaidLabel(%q) = %q, want %q", s, got, want)
		}
		if s != "" && !strings.Contains(mdCode(s), mdCodeEscaper.Replace(s)) {
			t.Fatalf("mdCode(%q) = %q, which does not hold %q", s, mdCode(s), mdCodeEscaper.Replace(s))
		}
	}
}
