package awsfacts

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzSnapshot feeds arbitrary JSON to a snapshot as one facts file: it
// must not panic, every diagnostic must name the file, the model must
// come out whatever the file held, and lookups must not panic either.
func FuzzSnapshot(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "facts-audit-started-stream-nat-pass", "facts", "*.json"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"Vpcs": [{"VpcId": 1}]}`))
	f.Add([]byte(`{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": "yes"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Recognize(data)
		s := NewSnapshot()
		for _, d := range s.Add("facts.json", data) {
			if d.Range.File == "" {
				t.Errorf("diagnostic without a file: %v", d)
			}
		}
		if m := s.Model(Options{}); m == nil {
			t.Fatal("nil model")
		}
		// Every filter a data source may send reads any shape.
		for kind, fields := range lookupFields() {
			for name := range fields {
				_, _ = s.Lookup(kind, []Filter{{name, []string{"*"}}, {"tag:Name", []string{"?*"}}})
			}
		}
	})
}
