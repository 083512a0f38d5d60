package docs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRulePagesEmbedded checks that Rule serves every page of rules/, as
// the file holds it, and nothing else.
func TestRulePagesEmbedded(t *testing.T) {
	entries, err := os.ReadDir("rules")
	if err != nil {
		t.Fatal(err)
	}
	served := 0
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".md")
		if !ok {
			continue
		}
		want, err := os.ReadFile(filepath.Join("rules", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Rule(id)
		if err != nil {
			t.Errorf("page %s: %v; embed it in embed.go", e.Name(), err)
			continue
		}
		if got != string(want) {
			t.Errorf("Rule(%q) is not the text of %s", id, e.Name())
		}
		served++
	}
	if served == 0 {
		t.Fatal("no rule page found in rules/")
	}
	for _, id := range []string{"", "DAS000", "das001", "../README"} {
		if _, err := Rule(id); err == nil {
			t.Errorf("Rule(%q) found a page", id)
		}
	}
}
