package parsers

import (
	"bytes"
	"strings"
	"testing"
)

func TestClaimsTemplate(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"AWSTemplateFormatVersion: '2010-09-09'\nResources: {\n", true},
		{"# broken\n  AWSTemplateFormatVersion: x\n", true},
		{`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": [`, true},
		{"{\n  \"AWSTemplateFormatVersion\" : \"2010-09-09\"\n", true},
		{"description: see AWSTemplateFormatVersion: in the docs\n", false},
		{`{"name": "package", "version": "1.0.0"}`, false},
		{"", false},
	} {
		if got := claimsTemplate([]byte(tt.src)); got != tt.want {
			t.Errorf("claimsTemplate(%q) = %t, want %t", tt.src, got, tt.want)
		}
	}
}

// BenchmarkClaimsTemplate: a large JSON file that is no template (a
// vendored service model, a package lock), which discovery looks at
// whole.
func BenchmarkClaimsTemplate(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("{\n")
	for i := 0; i < 20000; i++ {
		buf.WriteString(`  "Resources": {"shape": "` + strings.Repeat("x", 20) + "\"},\n")
	}
	buf.WriteString("}\n")
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if claimsTemplate(data) {
			b.Fatal("claimed")
		}
	}
}
