package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// referenceFiles are the kinds of file whose text cites the documentation:
// code comments and messages, pages, examples, scripts and the READMEs of
// golden cases.
var referenceFiles = []string{".go", ".md", ".sh", ".py", ".yml", ".yaml", ".hcl", ".tf"}

// repoTexts calls f with the path (relative to the repository's top, with
// / separators) and content of every file of referenceFiles' kinds.
func repoTexts(t *testing.T, f func(path, text string)) {
	t.Helper()
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", ".terraform", "node_modules", ".terragrunt-cache":
				return filepath.SkipDir
			}
			return nil
		}
		if !slices.Contains(referenceFiles, filepath.Ext(path)) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f(rel(path), string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// oldContract matches a citation of the contract document the repository
// does not hold: its name in capitals, or a section sign before a number.
// The pattern is spelt so that this file does not match itself.
var oldContract = regexp.MustCompile(`\b` + "SP" + `EC\b|` + "§" + `\d`)

// otherSection matches a section of another document that a line may cite
// on purpose: "RFC 3986 §4.2".
var otherSection = regexp.MustCompile(`\bRFC \d+ ` + "§" + `[\d.]+`)

// TestNoSpecReferences: the semantics are explained in docs/semantics.md,
// so code, pages and tests cite its sections, never a document a reader of
// the repository cannot open.
func TestNoSpecReferences(t *testing.T) {
	files := 0
	repoTexts(t, func(path, text string) {
		files++
		for i, line := range strings.Split(text, "\n") {
			if oldContract.MatchString(otherSection.ReplaceAllString(line, "")) {
				t.Errorf("%s:%d cites a document the repository does not hold; cite the docs/semantics.md section instead: %s", path, i+1, strings.TrimSpace(line))
			}
		}
	})
	if files < 100 {
		t.Errorf("read %d files, want the whole repository", files)
	}
}

// docReference matches a citation such as docs/semantics.md#defaults-that-matter.
var docReference = regexp.MustCompile(`\bdocs/([A-Za-z0-9_./-]+\.md)#([A-Za-z0-9_-]+)`)

// TestDocReferencesResolve: every docs/<page>.md#<anchor> cited in code,
// tests, scripts or pages names a heading that exists, so a reworded
// heading cannot leave a comment pointing nowhere.
func TestDocReferencesResolve(t *testing.T) {
	anchors := map[string][]string{}
	n := 0
	repoTexts(t, func(path, text string) {
		for i, line := range strings.Split(text, "\n") {
			for _, m := range docReference.FindAllStringSubmatch(line, -1) {
				n++
				page := filepath.Join(repoRoot, "docs", filepath.FromSlash(m[1]))
				a, ok := anchors[page]
				if !ok {
					b, err := os.ReadFile(page)
					if err != nil {
						t.Errorf("%s:%d cites docs/%s, which does not exist", path, i+1, m[1])
						anchors[page] = nil
						continue
					}
					a = headingAnchors(string(b))
					anchors[page] = a
				}
				if a != nil && !slices.Contains(a, m[2]) {
					t.Errorf("%s:%d cites docs/%s#%s: no such heading", path, i+1, m[1], m[2])
				}
			}
		}
	})
	if n == 0 {
		t.Error("found no citation of a docs page section: is the pattern still right?")
	}
}

func TestOldContractPattern(t *testing.T) {
	sp, sec := "SP"+"EC", "§"
	tests := []struct {
		line string
		want bool
	}{
		{"// reported (" + sp + " " + sec + "7.3).", true},
		{"// " + sec + "7.2.3). A plan offers", true},
		{"hand-written from the " + sp + ", one line", true},
		{"// reported (docs/semantics.md#never-silent).", false},
		{`"a:b.yaml" would read as a URI of scheme "a" (RFC 3986 ` + sec + "4.2).", false},
		{"function.New(&function.Spec{", false},
		{`"customer_master_key_spec": "SYMMETRIC_DEFAULT"`, false},
	}
	for _, tt := range tests {
		if got := oldContract.MatchString(otherSection.ReplaceAllString(tt.line, "")); got != tt.want {
			t.Errorf("%q: match %v, want %v", tt.line, got, tt.want)
		}
	}
}
