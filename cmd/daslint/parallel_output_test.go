package main

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/daslint/daslint/internal/stress"
	"github.com/google/go-cmp/cmp"
)

// TestOutputSameForAnyParallelism runs the command in process with
// GOMAXPROCS 1 and 4 — which bound how many clusters of a model are
// analysed at once (network.Options.Workers) and whatever else runs in
// parallel — and checks that every format prints the same bytes and exit
// status: on generated trees with many clusters (the stacks tree, passing
// and failing, and a monorepo of many roots) and on golden cases with the
// most clusters. TestDeterministicOutput does the same for the built
// command over all golden cases at once, outside -short.
func TestOutputSameForAnyParallelism(t *testing.T) {
	monorepo := t.TempDir()
	if err := stress.WriteMonorepo(monorepo, 8); err != nil {
		t.Fatal(err)
	}
	type run struct {
		name, dir string
		args      []string
	}
	runs := []run{
		{"stacks", "", []string{writeStacks(t, 30, false)}},
		{"stacks-failing", "", []string{writeStacks(t, 30, true)}},
		{"monorepo", "", []string{monorepo}},
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"tf-monorepo-module-above-path", "tf-tam-two-regions-same-names", "tg-stack-values-egress-fail",
		"tg-remote-state-root-reads-unit-state-no-nat-fail", "facts-in-tf-root-directory-both-read-pass",
	} {
		dir := "testdata/" + name
		args, err := readArgs(filepath.Join(repo, dir, "args"))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(args, "--root") {
			args = append([]string{"--root", "."}, args...)
		}
		t.Chdir(repo)
		paths, err := casePaths(dir, false)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, run{name, repo, append(args, paths...)})
	}
	fixToday(t)
	for _, r := range runs {
		for _, format := range []string{"json", "sarif", "text", "github", "markdown", "dot", "junit", "gitlab"} {
			dir := r.dir
			if dir == "" {
				dir = t.TempDir()
			}
			args := append([]string{"--format", format}, r.args...)
			one := runInProcess(t, dir, 1, args...)
			four := runInProcess(t, dir, 4, args...)
			if diff := cmp.Diff(one, four); diff != "" {
				t.Errorf("%s, --format %s: GOMAXPROCS 4 differs from 1 (-1 +4):\n%s", r.name, format, diff)
			}
			if format == "json" && len(one) < 1000 {
				t.Errorf("%s: the JSON report says almost nothing:\n%s", r.name, one)
			}
		}
	}
}
