package parsers

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPreselectionBackendTextAsRead checks that the backend text the
// hook's preselection records of a directory it scans is what
// readBackendText reads of it, for directories of every kind the text
// tells apart.
func TestPreselectionBackendTextAsRead(t *testing.T) {
	dirs := map[string]map[string]string{
		"s3": {
			"main.tf":    "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n    key    = \"network/terraform.tfstate\"\n  }\n}\nresource \"aws_vpc\" \"a\" {}\n",
			"outputs.tf": "terraform {\n  required_version = \">= 1.5\"\n}\noutput \"x\" { value = 1 }\n",
			"notes.txt":  "terraform { backend \"s3\" { key = \"other\" } }",
		},
		"none":     {"main.tf": "resource \"aws_vpc\" \"a\" {}\n"},
		"template": {"main.tf": "terraform {\n  backend \"s3\" {\n    key = \"${var.k}\"\n  }\n}\n"},
		"escape":   {"main.tf": "terraform {\n  backend \"s3\" {\n    key = \"a\\u0062\"\n  }\n}\n"},
		"json":     {"main.tf.json": `{"terraform": {"backend": {"s3": {"key": "k"}}}}`, "a.tf": "terraform {\n  backend \"s3\" {\n    key = \"k\"\n  }\n}\n"},
		"module":   {"main.tf": "module \"m\" {\n  source = \"../none\"\n}\nterraform {\n  backend \"local\" {}\n}\n"},
		"empty":    {},
	}
	top := t.TempDir()
	for dir, files := range dirs {
		if err := os.MkdirAll(filepath.Join(top, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(top, dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	texts := map[string]*backendText{}
	p := newPreselection(nil, Options{Changed: []string{}, backendTexts: texts})
	for dir := range dirs {
		abs := filepath.Join(top, dir)
		p.scan(abs)
		got, want := texts[abs], readBackendText(abs)
		if got == nil {
			t.Errorf("%s: the preselection recorded no backend text", dir)
			continue
		}
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(backendText{})); diff != "" {
			t.Errorf("%s: backend text (-read +scanned):\n%s", dir, diff)
		}
	}
	if !texts[filepath.Join(top, "s3")].mayKeep("network/terraform.tfstate") || texts[filepath.Join(top, "s3")].mayKeep("database/terraform.tfstate") {
		t.Error("the s3 directory's text does not tell its key from another")
	}
	missing := filepath.Join(top, "missing")
	p.scan(missing)
	if !texts[missing].any || !readBackendText(missing).any {
		t.Error("a missing directory: any is not set")
	}
}
