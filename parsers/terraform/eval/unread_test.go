package eval

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestUnreadFiles: a file that does not parse and a file above the size
// limit are left out and listed in Result.Unread, so that no verdict rests
// on their absence; the other files are still evaluated.
func TestUnreadFiles(t *testing.T) {
	big := "locals {\n  padding = \"" + strings.Repeat("x", 2048) + "\"\n}\n"
	res, ds := run(t, map[string]string{
		"main.tf":   `resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }`,
		"broken.tf": "resource \"aws_vpc\" \"other\" {\n  cidr_block = \n",
		"huge.tf":   big,
	}, Options{MaxFileBytes: 1024})
	if got := addresses(res); len(got) != 1 || got[0] != "aws_vpc.main" {
		t.Errorf("instances = %v, want only aws_vpc.main", got)
	}
	if len(res.Unread) != 2 {
		t.Fatalf("unread = %+v, want broken.tf and huge.tf", res.Unread)
	}
	if r := res.Unread[0].Reason; !strings.HasSuffix(r, "broken.tf does not parse, so what it declares is missing") {
		t.Errorf("unread[0] = %q", r)
	}
	if r := res.Unread[1].Reason; !strings.HasSuffix(r, "huge.tf is 2.0 KB, above the limit of 1 KB for one file (--max-file-size); it is not read") {
		t.Errorf("unread[1] = %q", r)
	}
	if !hasDiag(ds, diag.Warning, "above the limit of 1 KB") {
		t.Errorf("no size-limit warning in %v", ds)
	}
	if !hasDiag(ds, diag.Error, "Invalid expression") {
		t.Errorf("no parse error in %v", ds)
	}
}
