package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/<case>/want.json from the current output")

// TestGolden runs every case under the repository's testdata/: a directory
// of input files with
//   - args (optional): extra command-line arguments, one per line;
//   - paths (optional): the PATHs to lint, relative to the case directory,
//     one per line (default: the case directory itself, or "-" when the
//     case has a stdin file);
//   - stdin (optional): what standard input holds: the case lints "-".
//     The other tests that run every case lint its directory instead, so
//     that none reads the test process's own standard input;
//   - want.json: the complete JSON report, compared byte for byte and
//     rewritten with -update (read the diff before committing it);
//   - expect: hand-written from docs/semantics.md, one line per reported cluster,
//     `<cluster id> <verdict> [path]`, and `exit <code>`.
//
// expect is checked independently of want.json, so that -update can never
// bless a wrong verdict.
func TestGolden(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	fixToday(t)
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		dir := "testdata/" + e.Name()
		t.Run(e.Name(), func(t *testing.T) { golden(t, dir) })
	}
	if n == 0 {
		t.Fatal("no cases under testdata/")
	}
}

// goldenToday is the date the golden cases run on, so that suppressions'
// until dates give the same result every day.
var goldenToday = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// fixToday makes the command see goldenToday until the test ends.
func fixToday(t *testing.T) {
	old := today
	today = func() time.Time { return goldenToday }
	t.Cleanup(func() { today = old })
}

// versionLine matches the version field, which depends on how the test
// binary was built.
var versionLine = regexp.MustCompile(`(?m)^  "version": "[^"]*",$`)

func golden(t *testing.T, dir string) {
	exp, err := readExpect(filepath.Join(dir, "expect"))
	if err != nil {
		t.Fatal(err)
	}
	args, err := readArgs(filepath.Join(dir, "args"))
	if err != nil {
		t.Fatal(err)
	}
	wantFile := filepath.Join(dir, "want.json")
	want, err := os.ReadFile(wantFile)
	missing := os.IsNotExist(err)
	if err != nil && !missing {
		t.Fatal(err)
	}

	if !slices.Contains(args, "--root") {
		// The read boundary would be the repository top in a git checkout
		// and each case's directory in a source archive without .git;
		// pinning it keeps the fingerprints in want.json the same in both.
		args = append([]string{"--root", "."}, args...)
	}
	stdin, err := os.ReadFile(filepath.Join(dir, "stdin"))
	hasStdin := err == nil
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	paths, err := casePaths(dir, hasStdin)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := runWith(append(append(args, "--format", "json"), paths...), &stdout, &stderr, runHooks{stdin: bytes.NewReader(stdin)})
	got := versionLine.ReplaceAll(stdout.Bytes(), []byte(`  "version": "`+fallbackVersion+`",`))
	if stderr.Len() != 0 {
		t.Errorf("stderr is not empty:\n%s", stderr.String())
	}

	// The hand-written expectations are checked first and always, so that a
	// missing or regenerated want.json can never hide a wrong verdict.
	checkExpect(t, exp, got, code)
	switch {
	case *update:
		if err := os.WriteFile(wantFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	case missing:
		t.Errorf("%s does not exist: run `go test ./cmd/daslint -update`, read it against %s/expect and README.md, and commit it", wantFile, dir)
	default:
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s differs (-want +got); if the change is right, run with -update:\n%s", wantFile, diff)
		}
	}
}

// expectation is a parsed expect file.
type expectation struct {
	clusters map[string]expectedCluster
	exit     int
	hasExit  bool
}

type expectedCluster struct {
	verdict, path string
}

func readExpect(file string) (*expectation, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	exp := &expectation{clusters: map[string]expectedCluster{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if f[0] == "exit" && len(f) == 2 {
			code, err := strconv.Atoi(f[1])
			if err != nil {
				return nil, &expectError{file, n, "exit code is not a number"}
			}
			exp.exit, exp.hasExit = code, true
			continue
		}
		// `<id> <verdict> [path]`; an id may hold spaces inside a key
		// (`aws_rds_cluster.this["a b"]`), so fields are read from the end.
		var c expectedCluster
		switch {
		case len(f) >= 3 && isVerdict(f[len(f)-2]):
			c = expectedCluster{verdict: f[len(f)-2], path: f[len(f)-1]}
			f = f[:len(f)-2]
		case len(f) >= 2 && isVerdict(f[len(f)-1]):
			c = expectedCluster{verdict: f[len(f)-1]}
			f = f[:len(f)-1]
		default:
			return nil, &expectError{file, n, "want `<cluster id> <verdict> [path]` or `exit <code>`"}
		}
		id := strings.Join(f, " ")
		if _, dup := exp.clusters[id]; dup {
			return nil, &expectError{file, n, "cluster " + id + " listed twice"}
		}
		exp.clusters[id] = c
	}
	return exp, sc.Err()
}

type expectError struct {
	file string
	line int
	msg  string
}

func (e *expectError) Error() string { return e.file + ":" + strconv.Itoa(e.line) + ": " + e.msg }

func isVerdict(s string) bool { return s == "pass" || s == "fail" || s == "unknown" }

func readArgs(file string) ([]string, error) {
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var args []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimRight(line, "\r"); strings.TrimSpace(line) != "" {
			args = append(args, line)
		}
	}
	return args, nil
}

// casePaths returns the PATHs a case lints: those its paths file names,
// below its directory, else the directory, or "-" for a case that reads
// standard input.
func casePaths(dir string, stdin bool) ([]string, error) {
	rel, err := readArgs(filepath.Join(dir, "paths"))
	if err != nil || len(rel) == 0 {
		if stdin {
			return []string{stdinPath}, err
		}
		return []string{dir}, err
	}
	paths := make([]string, len(rel))
	for i, p := range rel {
		paths[i] = filepath.Join(dir, filepath.FromSlash(p))
		if p == stdinPath {
			paths[i] = p
		}
	}
	return paths, nil
}

// checkExpect compares the verdicts in the JSON output and the exit status
// with the hand-written expectations.
func checkExpect(t *testing.T, exp *expectation, out []byte, code int) {
	t.Helper()
	var doc struct {
		Clusters []struct {
			ID      string  `json:"id"`
			Verdict string  `json:"verdict"`
			Path    *string `json:"path"`
		} `json:"clusters"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	seen := map[string]int{}
	for _, c := range doc.Clusters {
		seen[c.ID]++
		want, ok := exp.clusters[c.ID]
		if !ok {
			t.Errorf("cluster %s (%s) is reported but not expected", c.ID, c.Verdict)
			continue
		}
		if c.Verdict != want.verdict {
			t.Errorf("cluster %s: verdict %s, expect says %s", c.ID, c.Verdict, want.verdict)
		}
		got := ""
		if c.Path != nil {
			got = *c.Path
		}
		if want.path != "" && got != want.path {
			t.Errorf("cluster %s: path %q, expect says %q", c.ID, got, want.path)
		}
	}
	for id := range exp.clusters {
		switch seen[id] {
		case 0:
			t.Errorf("cluster %s is expected but not reported", id)
		case 1:
		default:
			t.Errorf("cluster %s is reported %d times (a module directory linted again as a root?)", id, seen[id])
		}
	}
	if exp.hasExit && code != exp.exit {
		t.Errorf("exit status %d, expect says %d", code, exp.exit)
	}
}
