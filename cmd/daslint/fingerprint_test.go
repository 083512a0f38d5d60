package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFingerprintsSurviveLineMoves runs the command over every golden case
// twice, the second time with three blank lines put at the top of every
// input file, and checks that every finding keeps its fingerprint while
// its line moves. Fingerprints hash structured causes (rules.cause) that
// hold no position; a reason that cited a `file:line` would change with
// the move and fail here, for whichever case holds it.
func TestFingerprintsSurviveLineMoves(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the command and runs it twice over every golden case")
	}
	bin := daslintBinary(t)
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	trees := []string{t.TempDir(), t.TempDir()}
	copyTree(t, src, filepath.Join(trees[0], "testdata"), false)
	copyTree(t, src, filepath.Join(trees[1], "testdata"), false)
	shifted := shiftLines(t, filepath.Join(trees[1], "testdata"))
	if shifted < 300 {
		t.Fatalf("only %d input files shifted: the walk missed the cases", shifted)
	}

	var runs [2][]reportedFinding
	for i, tree := range trees {
		out, _ := runIn(t, bin, tree, "GOMAXPROCS=2", "--root", ".", "--format", "json", "testdata")
		var doc struct {
			Findings []reportedFinding
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("copy %d: %v\n%.500s", i, err, out)
		}
		runs[i] = doc.Findings
	}
	if len(runs[0]) < 100 {
		t.Fatalf("%d findings over every golden case: too few to tell anything", len(runs[0]))
	}
	key := func(fs []reportedFinding) []string {
		var keys []string
		for _, f := range fs {
			keys = append(keys, fmt.Sprintf("%s %s %s %s", f.File, f.Rule, f.Resource, f.Fingerprint))
		}
		slices.Sort(keys)
		return keys
	}
	if diff := cmp.Diff(key(runs[0]), key(runs[1])); diff != "" {
		t.Errorf("fingerprints changed when every line moved down by three (-before +after):\n%s", diff)
	}
	moved := 0
	for i := range runs[0] {
		if i < len(runs[1]) && runs[1][i].Line == runs[0][i].Line+3 {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no finding moved down by three lines: the shift did not reach the inputs")
	}
}

// reportedFinding is what the test reads of a JSON finding.
type reportedFinding struct {
	Rule, Resource, File, Fingerprint string
	Line                              int
}

// shiftLines puts three blank lines at the top of every Terraform,
// Terragrunt, YAML and JSON file under dir (after a byte-order mark), which
// moves every position down by three without changing any value, and
// returns how many files it changed.
func shiftLines(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".tf", ".hcl", ".tfvars", ".yaml", ".yml", ".json", ".template", ".tfstate":
		default:
			return nil
		}
		info, err := os.Lstat(p)
		if err != nil || !info.Mode().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		bom := []byte("\xef\xbb\xbf")
		rest, hasBOM := bytes.CutPrefix(data, bom)
		var out []byte
		if hasBOM {
			out = append(out, bom...)
		}
		out = append(append(out, "\n\n\n"...), rest...)
		n++
		return os.WriteFile(p, out, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
