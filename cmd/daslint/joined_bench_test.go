package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/internal/stress"
)

// Joined worlds (docs/semantics.md#the-world-beyond-one-root): the benchmarks below lint generated trees whose
// clusters settle through another source of the run. Each size N is run
// next to 2N or 5N, so that the growth is visible in one run:
//
//	go test ./cmd/daslint -run '^$' -bench 'Joined' -benchmem

// lintJoined runs the whole command with args and checks that it passed
// and that the report holds clusters passing clusters.
func lintJoined(tb testing.TB, args []string, clusters int) {
	tb.Helper()
	var out, errs strings.Builder
	if code := run(append([]string{"--format", "json"}, args...), &out, &errs); code != 0 {
		tb.Fatalf("exit status %d: %s", code, errs.String())
	}
	if got := strings.Count(out.String(), `"verdict": "pass",`+"\n      \"path\""); got != clusters {
		tb.Fatalf("%d clusters passed, want %d\n%.2000s", got, clusters, out.String())
	}
}

// writeJoined writes a generated tree into a temporary directory.
func writeJoined(tb testing.TB, write func(dir string) error) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := write(dir); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// TestJoinedWorlds lints small versions of the benchmarks' trees: every
// cluster passes only if each joined source settled its references.
func TestJoinedWorlds(t *testing.T) {
	t.Run("monorepo", func(t *testing.T) {
		dir := writeJoined(t, func(d string) error { return stress.WriteMonorepo(d, 3) })
		lintJoined(t, []string{dir}, 3)
	})
	t.Run("facts", func(t *testing.T) {
		w := stress.FactsWorld{VPCs: 4, Subnets: 20, RouteTables: 10, SecurityGroups: 20, Roots: 4}
		dir := writeJoined(t, func(d string) error { return stress.WriteFactsWorld(d, w) })
		lintJoined(t, []string{"--context", filepath.Join(dir, "facts"), filepath.Join(dir, "roots")}, 4)
	})
	t.Run("terragrunt", func(t *testing.T) {
		dir := writeJoined(t, func(d string) error { return stress.WriteTerragrunt(d, 4, 2) })
		lintJoined(t, []string{dir}, 4)
	})
	t.Run("hook", func(t *testing.T) {
		dir := writeJoined(t, func(d string) error { return stress.WriteMonorepo(d, 3) })
		t.Chdir(dir)
		lintJoined(t, []string{"--hook", "database-001/main.tf"}, 1)
		// A change to a network root re-lints the database root reading it.
		lintJoined(t, []string{"--hook", "network-002/main.tf"}, 1)
	})
}

// BenchmarkJoinedMonorepo lints N network roots and N database roots, each
// database root reading one network root's state with an s3
// terraform_remote_state.
func BenchmarkJoinedMonorepo(b *testing.B) {
	for _, n := range []int{10, 100, 200, 500} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := writeJoined(b, func(d string) error { return stress.WriteMonorepo(d, n) })
			b.ReportAllocs()
			for b.Loop() {
				lintJoined(b, []string{dir}, n)
			}
		})
	}
}

// BenchmarkJoinedFacts lints database roots that name their network by
// literal IDs and data sources, settled by a facts folder of 200 VPCs,
// 2,000 subnets, 500 route tables and 2,000 security groups (and, at 2x,
// twice each).
func BenchmarkJoinedFacts(b *testing.B) {
	for _, k := range []int{1, 2} {
		w := stress.DefaultFactsWorld
		w.VPCs, w.Subnets, w.RouteTables, w.SecurityGroups, w.Roots = k*w.VPCs, k*w.Subnets, k*w.RouteTables, k*w.SecurityGroups, k*w.Roots
		b.Run(fmt.Sprintf("%dx", k), func(b *testing.B) {
			dir := writeJoined(b, func(d string) error { return stress.WriteFactsWorld(d, w) })
			b.ReportAllocs()
			for b.Loop() {
				lintJoined(b, []string{"--context", filepath.Join(dir, "facts"), filepath.Join(dir, "roots")}, w.Roots)
			}
		})
	}
}

// BenchmarkJoinedTerragrunt lints Terragrunt units that include a shared
// root configuration, each with a dependency block on one of 20 network
// units (200: the size; 400: twice that, on 40 network units).
func BenchmarkJoinedTerragrunt(b *testing.B) {
	for _, k := range []int{1, 2} {
		units, networks := 200*k, 20*k
		b.Run(fmt.Sprint(units), func(b *testing.B) {
			dir := writeJoined(b, func(d string) error { return stress.WriteTerragrunt(d, units, networks) })
			b.ReportAllocs()
			for b.Loop() {
				lintJoined(b, []string{dir}, units)
			}
		})
	}
}

// BenchmarkJoinedUndeclared lints a monorepo of N network and N database
// roots where every database root references a variable it does not
// declare, in a repository that uses Terragrunt elsewhere (a
// terragrunt.hcl that sorts last): each such reference is reported with
// the hint that Terragrunt may declare it, which searches the repository
// for a terragrunt.hcl.
func BenchmarkJoinedUndeclared(b *testing.B) {
	for _, n := range []int{100, 200} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := writeJoined(b, func(d string) error { return stress.WriteUndeclared(d, n) })
			b.ReportAllocs()
			for b.Loop() {
				var out strings.Builder
				if code := run([]string{"--format", "json", dir}, &out, io.Discard); code != 0 {
					b.Fatalf("exit status %d, want 0 (warnings only)", code)
				}
				if got := strings.Count(out.String(), "the repository uses Terragrunt (zz-live/terragrunt.hcl)"); got != n {
					b.Fatalf("%d hints, want %d", got, n)
				}
			}
		})
	}
}

// BenchmarkJoinedHook is the pre-commit hook on one changed file of a
// monorepo of N network and N database roots (Options.Changed): a
// database root's file selects that root; a network root's file selects
// it and the database root that reads its state; a file no root reads
// (README.md, a Kubernetes manifest) selects nothing. A deleted file of a
// network root selects that root and its reader, whether named outside
// git (deleted-nogit: the root's main.tf declares the backend, so the
// deleted file did not) or staged in a git repository (deleted: git says
// what it held).
func BenchmarkJoinedHook(b *testing.B) {
	for _, n := range []int{250, 500} {
		dir := writeJoined(b, func(d string) error { return stress.WriteMonorepo(d, n) })
		for name, text := range map[string]string{"README.md": "# infrastructure\n", "k8s/web.yaml": "apiVersion: apps/v1\nkind: Deployment\n"} {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		gone := fmt.Sprintf("network-%03d/tags.tf", n/2)
		for _, c := range []struct {
			name, file string
			clusters   int
		}{
			{"database", fmt.Sprintf("database-%03d/main.tf", n/2), 1},
			{"network", fmt.Sprintf("network-%03d/main.tf", n/2), 1},
			{"none", "README.md", 0},
			{"yaml", "k8s/web.yaml", 0},
			{"deleted-nogit", gone, 1},
		} {
			b.Run(fmt.Sprintf("%d/%s", n, c.name), func(b *testing.B) {
				b.Chdir(dir)
				b.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
				b.ReportAllocs()
				for b.Loop() {
					lintJoined(b, []string{"--hook", c.file}, c.clusters)
				}
			})
		}
		b.Run(fmt.Sprintf("%d/deleted", n), func(b *testing.B) {
			gitDir := writeJoined(b, func(d string) error { return stress.WriteMonorepo(d, n) })
			b.Chdir(gitDir)
			if err := os.WriteFile(gone, []byte("locals {\n  tags = {}\n}\n"), 0o644); err != nil {
				b.Fatal(err)
			}
			benchGit(b, "init", "-q")
			benchGit(b, "add", "-A")
			benchGit(b, "commit", "-qm", "init")
			benchGit(b, "rm", "-q", gone)
			b.ReportAllocs()
			for b.Loop() {
				lintJoined(b, []string{"--hook"}, 1)
			}
		})
	}
}

// benchGit runs git in the working directory, or skips when there is no
// git.
func benchGit(b *testing.B, args ...string) {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// BenchmarkJoinedHookTerragrunt is the pre-commit hook in a Terragrunt
// repository of 200 database units whose root configuration reads
// env.yaml through yamldecode(file(find_in_parent_folders("env.yaml"))):
// a change to env.yaml reads every unit; one to a Kubernetes manifest,
// whose name no file function names, none.
func BenchmarkJoinedHookTerragrunt(b *testing.B) {
	dir := writeJoined(b, func(d string) error { return stress.WriteTerragrunt(d, 200, 20) })
	root := filepath.Join(dir, "live", "terragrunt.hcl")
	data, err := os.ReadFile(root)
	if err != nil {
		b.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "locals {\n", "locals {\n  env = yamldecode(file(find_in_parent_folders(\"env.yaml\")))\n", 1))
	for name, text := range map[string][]byte{
		root:                                data,
		filepath.Join(dir, "live/env.yaml"): []byte("name: prod\n"),
		filepath.Join(dir, "k8s/web.yaml"):  []byte("apiVersion: apps/v1\nkind: Deployment\n"),
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(name, text, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range []struct {
		name, file string
		clusters   int
	}{
		{"env", "live/env.yaml", 200},
		{"yaml", "k8s/web.yaml", 0},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.Chdir(dir)
			b.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
			b.ReportAllocs()
			for b.Loop() {
				lintJoined(b, []string{"--hook", c.file}, c.clusters)
			}
		})
	}
}
