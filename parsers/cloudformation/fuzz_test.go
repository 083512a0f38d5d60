package cloudformation

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary text to Load as template.yaml: it must not
// panic or hang, and every diagnostic must have a file and a line.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(networkTemplate))
	f.Add([]byte(cdkTemplate))
	f.Add([]byte(evalTemplate))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, "template.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_ = IsTemplate(file, data)
		m, _, ds := Load(file, Options{Root: dir})
		if m == nil {
			t.Fatal("nil model")
		}
		for _, d := range ds {
			if d.Range.File == "" || d.Range.Line == 0 {
				t.Errorf("diagnostic without file and line: %v", d)
			}
		}
	})
}
