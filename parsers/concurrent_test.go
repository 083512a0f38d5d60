package parsers_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/rules"
)

// TestConcurrentUse loads and lints golden cases on several goroutines at
// once, each case on every goroutine, in a different order on each: the
// library packages keep no shared mutable state, so `go test -race` finds
// no race and every goroutine gets the result of a lone run.
func TestConcurrentUse(t *testing.T) {
	cases := goldenCases(t, 12)
	want := map[string]string{}
	for _, c := range cases {
		want[c] = lint(c)
	}
	const workers = 4
	var wg sync.WaitGroup
	got := make([]map[string]string, workers)
	for w := range workers {
		got[w] = map[string]string{}
		wg.Go(func() {
			for i := range cases {
				c := cases[(i+w*len(cases)/workers)%len(cases)]
				got[w][c] = lint(c)
			}
		})
	}
	wg.Wait()
	for w := range workers {
		for _, c := range cases {
			if got[w][c] != want[c] {
				t.Errorf("goroutine %d, %s: got\n%s\nwant\n%s", w, c, got[w][c], want[c])
			}
		}
	}
}

// goldenCases returns about n of the repository's golden cases, spread
// over all of them (sorted by name, so Terraform and CloudFormation).
func goldenCases(t *testing.T, n int) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, e := range entries {
		if e.IsDir() {
			all = append(all, filepath.Join("..", "testdata", e.Name()))
		}
	}
	if len(all) < n {
		t.Fatalf("%d golden cases, want at least %d", len(all), n)
	}
	var out []string
	for i := 0; i < len(all); i += len(all) / n {
		out = append(out, all[i])
	}
	return out
}

// lint loads dir and runs every rule over it, and returns what the run
// decided: diagnostics, verdicts of clusters and instances, findings.
func lint(dir string) string {
	set, ds := parsers.Load([]string{dir}, parsers.Options{Region: "eu-west-1", MaxFileBytes: 10 << 20})
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintln(&b, d)
	}
	for _, r := range rules.Run(set.Models, rules.All(), rules.Options{}) {
		fmt.Fprintln(&b, "root", r.Model.Root)
		for _, c := range r.Clusters {
			fmt.Fprintln(&b, " ", c.Subject().Address, c.Verdict, c.Path, len(c.Unknowns))
			for _, in := range c.Instances {
				fmt.Fprintln(&b, "   ", in.Instance, in.Verdict, in.Path, len(in.Witness), len(in.Unknowns))
			}
		}
		for _, f := range r.Findings {
			fmt.Fprintln(&b, " ", f.Rule, f.Severity, f.Fingerprint, f.Message)
		}
	}
	return b.String()
}

// TestParallelRootsShareEvaluations lints, with Jobs 1 and then 2, trees
// whose roots are read at the same time as the roots they read: a
// database root and the network root whose state it reads, side by side
// in path order, so that the network's own lint takes the evaluation made
// for the database (takeEvaluation) while the database still joins it;
// and two database roots reading one network. Under -race it is the test
// that a shared evaluation is only read; every run must give the same
// models.
func TestParallelRootsShareEvaluations(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"pair": {"database/main.tf": fmt.Sprintf(stress.MonorepoDatabase, "net", "db"), "network/main.tf": fmt.Sprintf(stress.MonorepoNetwork, "net")},
		"two readers": {"a/main.tf": fmt.Sprintf(stress.MonorepoDatabase, "net", "a"), "b/main.tf": fmt.Sprintf(stress.MonorepoDatabase, "net", "b"),
			"network/main.tf": fmt.Sprintf(stress.MonorepoNetwork, "net")},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for f, src := range files {
				p := filepath.Join(dir, filepath.FromSlash(f))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			want := lintJobs(dir, 1)
			if strings.Count(want, "aws_rds_cluster.db true nat") != len(files)-1 {
				t.Fatalf("the database root does not pass through the network root:\n%s", want)
			}
			for range 10 {
				if got := lintJobs(dir, 2); got != want {
					t.Fatalf("Jobs 2:\n%s\nJobs 1:\n%s", got, want)
				}
			}
		})
	}
}

// lintJobs is lint with Options.Jobs.
func lintJobs(dir string, jobs int) string {
	set, ds := parsers.Load([]string{dir}, parsers.Options{Region: "eu-west-1", Jobs: jobs})
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintln(&b, d)
	}
	for _, r := range rules.Run(set.Models, rules.All(), rules.Options{}) {
		fmt.Fprintln(&b, "root", r.Model.Root)
		for _, c := range r.Clusters {
			fmt.Fprintln(&b, " ", c.Subject().Address, c.Verdict, c.Path, len(c.Unknowns))
		}
	}
	return b.String()
}
