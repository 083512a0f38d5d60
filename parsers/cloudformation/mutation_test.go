package cloudformation

import (
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// TestMutatedTemplates is a deterministic, always-on cousin of FuzzLoad:
// it loads 1,000 randomly damaged copies of the test templates and checks
// that each loads quickly, without panic, with positioned diagnostics.
func TestMutatedTemplates(t *testing.T) {
	seeds := []string{networkTemplate, cdkTemplate, evalTemplate}
	r := rand.New(rand.NewSource(1))
	dir := t.TempDir()
	file := filepath.Join(dir, "template.yaml")
	for range 1000 {
		b := []byte(seeds[r.Intn(len(seeds))])
		for range 1 + r.Intn(4) {
			p := r.Intn(len(b))
			switch r.Intn(3) {
			case 0: // replace a byte
				b[p] = byte(r.Intn(128))
			case 1: // delete a run
				b = append(b[:p], b[min(len(b), p+r.Intn(20)):]...)
			default: // duplicate a run elsewhere
				q := r.Intn(len(b))
				chunk := append([]byte(nil), b[q:min(len(b), q+r.Intn(30))]...)
				b = append(b[:p], append(chunk, b[p:]...)...)
			}
			if len(b) == 0 {
				b = []byte("x")
			}
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, ds := Load(file, Options{Root: dir})
		for _, d := range ds {
			if d.Range.File == "" || d.Range.Line == 0 {
				t.Fatalf("diagnostic without file and line: %v on:\n%s", d, b)
			}
		}
	}
}
