package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// elapsed matches the run's time at the end of the text summary, the one
// part of any output that may differ between runs.
var elapsed = regexp.MustCompile(`; done in [^\n]*`)

// TestDeterministicOutput runs the built command over every golden case at
// once, in every format, with GOMAXPROCS 1 on one copy of the cases and 4
// on a second copy written in the opposite order (through temporary
// names), and checks that each format's output and exit status are the
// same bytes: nothing depends on map order, goroutine scheduling or the
// order in which the file system lists a directory. One more run, in
// process (under -race, a race over every case), must print the same JSON.
// It also checks that the runs, the JSON ones with --write-baseline
// pointed outside, leave the scanned tree as it was.
//
// One run over all the cases is what costs: two per format (each pair
// varies both the file order and GOMAXPROCS), not four, and a binary built
// once per test binary. The processes are not built with -race, which
// makes an in-process run some ten times slower.
func TestDeterministicOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the command and runs it sixteen times over every golden case")
	}
	bin := daslintBinary(t)
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	trees := []string{t.TempDir(), t.TempDir()}
	copyTree(t, src, filepath.Join(trees[0], "testdata"), false)
	copyTree(t, src, filepath.Join(trees[1], "testdata"), true)
	before := []treeHash{hashTree(t, trees[0]), hashTree(t, trees[1])}
	if diff := cmp.Diff(before[0], before[1]); diff != "" {
		t.Fatalf("the two copies differ:\n%s", diff)
	}
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	args := func(format string) []string {
		a := []string{"--format", format, "testdata"}
		if format == "json" {
			a = append(a, "--write-baseline", baseline)
		}
		return a
	}
	var firstJSON string
	for _, format := range []string{"json", "sarif", "text", "github", "markdown", "dot", "junit", "gitlab"} {
		var first string
		for i, tree := range trees {
			procs := []string{"1", "4"}[i]
			out, code := runIn(t, bin, tree, "GOMAXPROCS="+procs, args(format)...)
			got := fmt.Sprintf("exit %d\n%s", code, elapsed.ReplaceAllString(out, "; done in (time)"))
			if first == "" {
				first = got
				continue
			}
			if diff := cmp.Diff(first, got); diff != "" {
				t.Errorf("--format %s, copy %d, GOMAXPROCS=%s: output differs from the first run (-first +this):\n%s", format, i, procs, diff)
			}
		}
		if !strings.Contains(first, "testdata/") {
			t.Errorf("--format %s: the output names no file of the cases:\n%.500s", format, first)
		}
		if format == "json" {
			firstJSON = first
		}
	}
	got := runInProcess(t, trees[1], 2, args("json")...)
	if diff := cmp.Diff(versionLine.ReplaceAllString(firstJSON, ""), versionLine.ReplaceAllString(got, "")); diff != "" {
		t.Errorf("--format json in process differs from the command's output (-command +in process):\n%s", diff)
	}
	for i, tree := range trees {
		if diff := cmp.Diff(before[i], hashTree(t, tree)); diff != "" {
			t.Errorf("copy %d changed during the runs (-before +after):\n%s", i, diff)
		}
	}
	if _, err := os.Stat(baseline); err != nil {
		t.Errorf("--write-baseline wrote nothing: %v", err)
	}
}

// runInProcess runs the command in dir with GOMAXPROCS procs and returns
// its exit status and stdout, the run's time masked.
func runInProcess(t *testing.T, dir string, procs int, args ...string) string {
	t.Helper()
	t.Chdir(dir)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return fmt.Sprintf("exit %d\n%s", code, elapsed.ReplaceAllString(stdout.String(), "; done in (time)"))
}

// TestScannedTreeUntouched runs the command over the repository's own
// golden cases, in place, with --write-baseline pointed outside them, and
// checks that every file and directory is as it was, bytes and mode.
func TestScannedTreeUntouched(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the command")
	}
	bin := daslintBinary(t)
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	before := hashTree(t, filepath.Join(repo, "testdata"))
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	for _, format := range []string{"json", "sarif", "text"} {
		runIn(t, bin, repo, "GOMAXPROCS=2", "--format", format, "--write-baseline", baseline, "testdata")
	}
	if diff := cmp.Diff(before, hashTree(t, filepath.Join(repo, "testdata"))); diff != "" {
		t.Errorf("testdata changed during the runs (-before +after):\n%s", diff)
	}
}

// runIn runs bin in dir with env added to the test's environment and
// returns its stdout and exit status; a run that cannot start fails the
// test.
func runIn(t *testing.T, bin, dir, env string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env, "NO_COLOR=1")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	err := cmd.Run()
	if err != nil && cmd.ProcessState == nil {
		t.Fatalf("%s: %v", bin, err)
	}
	return stdout.String(), cmd.ProcessState.ExitCode()
}

// treeHash maps each path below a directory to its type, mode and content
// hash (a symlink's target).
type treeHash map[string]string

func hashTree(t *testing.T, dir string) treeHash {
	t.Helper()
	h := treeHash{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		entry := info.Mode().String()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			entry += " -> " + target
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			entry += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		h[filepath.ToSlash(rel)] = entry
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// copyTree copies the directory src to dst: directories, regular files
// (with their modes) and symlinks. With reverse, it creates everything in
// the reverse order, each file first under a temporary name and then
// renamed, so that the two copies differ in creation order and in the
// history of their directories' entries.
func copyTree(t *testing.T, src, dst string, reverse bool) {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(src, func(p string, _ fs.DirEntry, err error) error {
		paths = append(paths, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if reverse {
		// Directories still come before what they hold.
		slices.SortStableFunc(paths, func(a, b string) int {
			if da, db := strings.Count(a, string(filepath.Separator)), strings.Count(b, string(filepath.Separator)); da != db {
				return da - db
			}
			return strings.Compare(b, a)
		})
	}
	for _, p := range paths {
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if err := copyEntry(p, to, reverse); err != nil {
			t.Fatal(err)
		}
	}
}

func copyEntry(from, to string, viaTemp bool) error {
	info, err := os.Lstat(from)
	if err != nil {
		return err
	}
	switch {
	case info.IsDir():
		return os.MkdirAll(to, info.Mode().Perm())
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(from)
		if err != nil {
			return err
		}
		return os.Symlink(target, to)
	case info.Mode().IsRegular():
		data, err := os.ReadFile(from)
		if err != nil {
			return err
		}
		write := to
		if viaTemp {
			write = filepath.Join(filepath.Dir(to), ".tmp-"+filepath.Base(to))
		}
		if err := os.WriteFile(write, data, info.Mode().Perm()); err != nil {
			return err
		}
		if err := os.Chmod(write, info.Mode().Perm()); err != nil {
			return err
		}
		if viaTemp {
			return os.Rename(write, to)
		}
		return nil
	}
	return nil // sockets, devices: not part of any case
}
