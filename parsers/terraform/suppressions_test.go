package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFileSuppressions(t *testing.T) {
	const src = `# daslint:ignore DAS001 egress is inspected by the central firewall
resource "aws_rds_cluster" "above" {
  engine = "aurora-mysql"
}

// daslint:ignore DAS002,DAS001 until=2027-06-30 reviewed in SEC-12
# another comment between
resource "aws_rds_cluster" "above_run" {
}

resource "aws_rds_cluster" "inside" {
  engine = "aurora-mysql" # daslint:ignore DAS002 known unknown
  /* daslint:ignore DAS001 block comment */
}

# daslint:ignore DAS001
resource "aws_rds_cluster" "no_reason" {
}

# daslint:ignore DAS001 floating

locals {
  # daslint:ignore DAS001 not a resource
  x = 1
}

# daslint:ignored DAS001 not our directive
resource "aws_rds_cluster" "other_word" {
}
`
	sups, ds := fileSuppressions("main.tf", []byte(src))
	type row struct {
		Rule, Reason, Until string
		Line, Target        int
	}
	var got []row
	for _, s := range sups {
		if s.Range.File != "main.tf" || s.Target.File != "main.tf" {
			t.Errorf("suppression %+v: want file main.tf", s)
		}
		got = append(got, row{s.Rule, s.Reason, s.Until, s.Range.Line, s.Target.Line})
	}
	want := []row{
		{"DAS001", "egress is inspected by the central firewall", "", 1, 2},
		{"DAS002", "reviewed in SEC-12", "2027-06-30", 6, 8},
		{"DAS001", "reviewed in SEC-12", "2027-06-30", 6, 8},
		{"DAS002", "known unknown", "", 12, 11},
		{"DAS001", "block comment", "", 13, 11},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suppressions (-want +got):\n%s", diff)
	}
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Range.String()+" "+string(d.Severity)+" "+d.Message)
	}
	wantMsgs := []string{
		"main.tf:16:1 error daslint:ignore DAS001 has no reason",
		"main.tf:20:1 error daslint:ignore is attached to no resource block",
		"main.tf:23:3 error daslint:ignore is attached to no resource block",
	}
	if len(msgs) != len(wantMsgs) {
		t.Fatalf("diagnostics:\n%s\nwant %d", strings.Join(msgs, "\n"), len(wantMsgs))
	}
	for i := range msgs {
		if !strings.HasPrefix(msgs[i], wantMsgs[i]) || !strings.HasSuffix(msgs[i], "the suppression does not apply") {
			t.Errorf("diagnostic %q, want prefix %q", msgs[i], wantMsgs[i])
		}
	}
}

// TestSuppressionsReachTheModel loads a module through the evaluator and
// checks that a suppression targets the cluster's declaration as the model
// records it, which is what rules match.
func TestSuppressionsReachTheModel(t *testing.T) {
	m, ds := loadSources(t, map[string]string{"main.tf": `
# daslint:ignore DAS001 accepted
resource "aws_rds_cluster" "c" {
  count  = 2
  engine = "aurora-mysql"
}
`}, Options{})
	noErrors(t, ds)
	if len(m.Suppressions) != 1 || len(m.DBClusters) != 2 {
		t.Fatalf("suppressions %v, clusters %d: want 1 and 2", m.Suppressions, len(m.DBClusters))
	}
	s := m.Suppressions[0]
	for _, c := range m.DBClusters {
		if c.Range.File != s.Target.File || c.Range.Line != s.Target.Line {
			t.Errorf("cluster %s at %v, suppression targets %v", c.Address, c.Range, s.Target)
		}
	}
}

// TestSuppressionsFromSources checks that the text evaluation read is used
// in place of the file, and that a file without it is read from disk.
func TestSuppressionsFromSources(t *testing.T) {
	dir := t.TempDir()
	const with = "# daslint:ignore DAS001 accepted\nresource \"aws_rds_cluster\" \"c\" {}\n"
	const without = "resource \"aws_rds_cluster\" \"c\" {}\n"
	read, given := filepath.Join(dir, "read.tf"), filepath.Join(dir, "given.tf")
	for name, text := range map[string]string{read: with, given: without} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		files   []string
		sources map[string][]byte
		want    []string // the files of the suppressions found
	}{
		{"from disk", []string{read, given}, nil, []string{read}},
		{"text given", []string{given}, map[string][]byte{given: []byte(with)}, []string{given}},
		{"text given wins", []string{read}, map[string][]byte{read: []byte(without)}, nil},
	} {
		sups, ds := suppressions(tc.files, tc.sources)
		var got []string
		for _, s := range sups {
			got = append(got, s.Range.File)
		}
		if len(ds) != 0 || !slices.Equal(got, tc.want) {
			t.Errorf("%s: suppressions in %v (%v), want %v", tc.name, got, ds, tc.want)
		}
	}
}
