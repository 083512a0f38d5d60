package cloudformation

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestCorpus loads every template of the real-world corpus: no panic, no
// hang, and every diagnostic has a file and a line.
func TestCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus %s is absent (%v); skipping the real-world corpus test", root, err)
	}
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".template" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !IsTemplate(path, data) {
			return nil
		}
		n++
		m, _, ds := Load(path, Options{Root: root, Region: "us-east-1"})
		if m == nil {
			t.Errorf("%s: nil model", path)
		}
		for _, d := range ds {
			if d.Range.File == "" || d.Range.Line == 0 {
				t.Errorf("%s: diagnostic without file and line: %v", path, d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("only %d templates recognised in the corpus", n)
	}
	t.Logf("%d templates loaded", n)
}

// TestGoldenCases loads the project's CloudFormation golden cases and checks
// the part that is this package's job: which clusters have an activity
// stream. The verdicts themselves are checked end to end by cmd/daslint.
func TestGoldenCases(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "cfn-*"))
	if len(cases) == 0 {
		t.Skip("no testdata/cfn-* golden cases")
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want := expectedClusters(t, filepath.Join(dir, "expect"))
			// As discovery does: a template read as another's nested stack
			// is not linted on its own.
			streams := map[string][]string{}
			nested := map[string]bool{}
			err := filepath.WalkDir(dir, func(f string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := os.ReadFile(f)
				if err != nil || !IsTemplate(f, data) {
					return err
				}
				m, info, ds := Load(f, Options{Root: dir, Parameters: caseParameters(dir), Region: caseRegion(dir)})
				// Only the cases about bad input (their expect says exit 2)
				// may have errors.
				if ds.HasErrors() && !expectsInputErrors(t, dir) {
					t.Errorf("%s: unexpected errors: %v", f, ds)
				}
				for _, n := range info.NestedFiles {
					nested[filepath.Clean(n)] = true
				}
				for _, s := range m.ActivityStreams {
					// A stream that names no cluster of the template by
					// identity is reported on its own (docs/semantics.md#never-silent).
					id := s.Cluster.Key
					if id == "" {
						id = s.Address
					}
					streams[f] = append(streams[f], id)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for f, s := range streams {
				if !nested[filepath.Clean(f)] {
					got = append(got, s...)
				}
			}
			sort.Strings(got)
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("activity streams on %v, want %v", got, want)
			}
		})
	}
}

// expectedClusters reads the cluster IDs from an expect file: lines
// "<cluster> <verdict> [path]" before the "exit N" line; "#" starts a
// comment line, as in the golden reader of cmd/daslint.
func expectedClusters(t *testing.T, file string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("no expect file: %v", err)
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 && fields[0] != "exit" && !strings.HasPrefix(fields[0], "#") {
			out = append(out, fields[0])
		}
	}
	sort.Strings(out)
	return out
}

func caseArgs(dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "args"))
	if err != nil {
		return nil
	}
	return strings.Fields(string(data))
}

func caseParameters(dir string) []string {
	var out []string
	args := caseArgs(dir)
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--parameters" {
			// Paths in args are relative to the project root.
			p := args[i+1]
			if rooted := filepath.Join("..", "..", p); strings.HasPrefix(p, "testdata/") {
				p = rooted
			}
			out = append(out, p)
		}
	}
	return out
}

func caseRegion(dir string) string {
	args := caseArgs(dir)
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--region" {
			return args[i+1]
		}
	}
	return ""
}

// expectsInputErrors reports whether a golden case's expect file says the
// run exits with status 2: some input could not be read or parsed.
func expectsInputErrors(t *testing.T, dir string) bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "expect"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "exit 2" {
			return true
		}
	}
	return false
}
