package parsers

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// The oracle of deletions. The oracle of preselect_oracle_test.go checks
// the pre-selection against the roots that read a changed file, which a
// deleted file no root reads any more cannot settle. This one deletes each
// file of a tree in turn, and checks that a --hook load naming it reports
// every root whose model changed with the deletion (or that appeared: a
// module whose only caller was deleted is linted alone), and every
// diagnostic the deletion brought: else the hook would pass a commit that
// breaks a root.

// wholeLoad is a load of every root of paths: model by key, and the
// diagnostics as text.
type wholeLoad struct {
	models map[string]*model.Model
	diags  map[string]bool
	// at are the places of the diagnostics, with their severity.
	at   map[string]bool
	list diag.Diagnostics
}

// place is a diagnostic's place and severity: a diagnostic reworded in
// place (a hint that the repository uses Terragrunt, which a deleted
// terragrunt.hcl takes away) changes no outcome.
func place(d diag.Diagnostic) string {
	return d.Range.String() + " " + string(d.Severity)
}

func loadWhole(paths []string, opts Options) wholeLoad {
	opts.Changed, opts.EveryRoot = nil, false
	set, ds := LoadContext(context.Background(), paths, opts)
	w := wholeLoad{models: map[string]*model.Model{}, diags: map[string]bool{}, at: map[string]bool{}, list: ds}
	for _, m := range set.Models {
		w.models[m.Key+"\x00"+string(m.Source)] = m
	}
	for _, d := range ds {
		w.diags[d.String()] = true
		w.at[place(d)] = true
	}
	return w
}

// checkDeletions deletes every file below the directories of paths in
// turn (but the golden test's own), and returns how many deletions changed
// a root. With former, the hook is told what the file held (as git tells
// it); without, a root that appears (a module whose caller was deleted)
// need not be reported: only the text of the caller could name it.
func checkDeletions(t *testing.T, paths []string, opts Options, former bool) (changed int) {
	t.Helper()
	var files []string
	for _, p := range paths {
		_ = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil //nolint:nilerr // what cannot be walked is not deleted
			case d.IsDir() && f != p && d.Name() == ".git":
				return fs.SkipDir
			case !d.IsDir() && d.Type().IsRegular() && !harnessFile[d.Name()]:
				files = append(files, f)
			}
			return nil
		})
	}
	before := loadWhole(paths, opts)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
		after := loadWhole(paths, opts)
		hookOpts := opts
		if former {
			hookOpts.Former = func(p string) ([]byte, bool) { return data, p == f }
		}
		hook := loadHook(t, paths, hookOpts, []string{f}, false)
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		reported := map[string]bool{}
		for _, m := range hook.Models {
			reported[m.Key+"\x00"+string(m.Source)] = true
		}
		var missed []string
		appeared := false
		for key, m := range after.models {
			was, ok := before.models[key]
			appeared = appeared || !ok
			if (!ok && former || ok && !cmp.Equal(was, m)) && !reported[key] {
				missed = append(missed, "model "+strings.ReplaceAll(key, "\x00", " "))
			}
		}
		hookDiags := map[string]bool{}
		for _, d := range hook.Diags {
			hookDiags[d.String()] = true
		}
		for _, d := range after.list {
			// Without former, the diagnostics of a root that appeared
			// are not asked for either.
			if s := d.String(); !before.diags[s] && !before.at[place(d)] && !hookDiags[s] && (former || !appeared) {
				missed = append(missed, "diagnostic "+s)
			}
		}
		if len(missed) > 0 {
			slices.Sort(missed)
			t.Errorf("deleted %s: the hook does not report:\n\t%s", f, strings.Join(missed, "\n\t"))
		}
		if len(after.models) != len(before.models) || len(missed) > 0 || len(hook.Models) > 0 {
			changed++
		}
	}
	return changed
}

// copyTree copies the files below src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(out, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, out)
		case !d.Type().IsRegular():
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPreselectDeletedGoldens deletes every file of the golden cases (one
// case in five with -short or -race), each case in a copy.
func TestPreselectDeletedGoldens(t *testing.T) {
	top, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := os.ReadDir(filepath.Join(top, "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	n, changed := 0, 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		if n++; (testing.Short() || raceDetector) && n%5 != 0 {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			// The case's arguments name files from the repository's
			// top: the copy keeps the case's place below testdata.
			work := t.TempDir()
			dir := filepath.Join("testdata", c.Name())
			copyTree(t, filepath.Join(top, dir), filepath.Join(work, dir))
			t.Chdir(work)
			opts, paths, err := caseOptions(dir)
			if err != nil {
				t.Fatal(err)
			}
			changed += checkDeletions(t, paths, opts, true)
			checkDeletions(t, paths, opts, false)
		})
	}
	if changed == 0 {
		t.Error("no deletion changed a root: the oracle compared nothing")
	}
}
