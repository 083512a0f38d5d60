package parsers_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

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
