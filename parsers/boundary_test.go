package parsers

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/internal/inputfile"
)

// TestDiscoverBoundaries: each root gets the read boundary of the PATH it
// was found below (the repository top, else the PATH), the widest when
// several PATHs hold it, whatever their order; --root gives every root the
// same one, and a PATH outside it is an error and is not searched.
func TestDiscoverBoundaries(t *testing.T) {
	tree(t, map[string]string{
		"repo/.git/HEAD":           "",
		"repo/envs/prod/main.tf":   "",
		"repo/modules/vpc/main.tf": "",
		"plain/stack.yaml":         "",
		"plain/nested/main.tf":     "",
		"plain/nested/deeper/x.tf": "",
		"elsewhere/main.tf":        "",
	})
	wd := inputfile.Tree(".")
	repo, plain := filepath.Join(wd, "repo"), filepath.Join(wd, "plain")
	boundaries := func(roots []root) map[string]string {
		out := map[string]string{}
		for _, r := range roots {
			out[filepath.ToSlash(r.path)] = r.boundary
		}
		return out
	}
	tests := []struct {
		name    string
		paths   []string
		rootDir string
		want    map[string]string
		errs    []string
	}{
		{"repository top from below", []string{"repo/envs/prod"}, "",
			map[string]string{"repo/envs/prod": repo}, nil},
		{"no repository: the PATH", []string{"plain/nested"}, "",
			map[string]string{"plain/nested": filepath.Join(plain, "nested"), "plain/nested/deeper": filepath.Join(plain, "nested")}, nil},
		{"the widest of several", []string{"plain/nested", "plain"}, "",
			map[string]string{"plain/nested": plain, "plain/nested/deeper": plain, "plain/stack.yaml": plain}, nil},
		{"the widest, in the other order", []string{"plain", "plain/nested"}, "",
			map[string]string{"plain/nested": plain, "plain/nested/deeper": plain, "plain/stack.yaml": plain}, nil},
		{"a file's directory", []string{"plain/stack.yaml"}, "",
			map[string]string{"plain/stack.yaml": plain}, nil},
		{"--root", []string{"plain/nested/deeper", "repo/envs/prod"}, ".",
			map[string]string{"plain/nested/deeper": wd, "repo/envs/prod": wd}, nil},
		{"a PATH outside --root", []string{"repo/envs/prod", "elsewhere"}, "repo",
			map[string]string{"repo/envs/prod": repo}, []string{"elsewhere is outside --root repo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			roots, _, ds := discover(context.Background(), frontEnds(Options{}), tt.paths, nil, tt.rootDir)
			if diff := cmp.Diff(tt.want, boundaries(roots)); diff != "" {
				t.Errorf("boundaries (-want +got):\n%s", diff)
			}
			if len(ds) != len(tt.errs) {
				t.Fatalf("diagnostics %v, want %d", ds, len(tt.errs))
			}
			for i, want := range tt.errs {
				if !strings.Contains(ds[i].Message, want) {
					t.Errorf("diagnostic %q, want it to contain %q", ds[i].Message, want)
				}
			}
		})
	}
}

// TestModelKey: a model's Key is its root relative to the read boundary,
// the same from any working directory, while Root stays relative to it.
func TestModelKey(t *testing.T) {
	tree(t, map[string]string{
		"repo/.git":              "gitdir: /elsewhere\n",
		"repo/envs/prod/main.tf": "",
		"repo/cfn/stack.yaml":    "Resources",
	})
	top := inputfile.Tree(".")
	for _, tc := range []struct{ wd, path string }{
		{".", "repo/envs/prod"}, {"repo/envs/prod", "."}, {"repo", filepath.Join(top, "repo", "envs", "prod")},
	} {
		t.Run(tc.wd, func(t *testing.T) {
			t.Chdir(filepath.Join(top, tc.wd))
			set, _ := load(context.Background(), []string{tc.path}, Options{}, fakeTerraform(nil))
			if len(set.Models) != 1 {
				t.Fatalf("%d models, want 1", len(set.Models))
			}
			if got := set.Models[0].Key; got != "envs/prod" {
				t.Errorf("Key %q, want envs/prod", got)
			}
		})
	}
	t.Chdir(top)
	set, _ := load(context.Background(), []string{"repo/cfn"}, Options{Templates: fakeTemplates{}}, fakeTerraform(nil))
	if len(set.Models) != 1 || set.Models[0].Key != "cfn/stack.yaml" {
		var keys []string
		for _, m := range set.Models {
			keys = append(keys, m.Key)
		}
		t.Errorf("template keys %v, want [cfn/stack.yaml]", keys)
	}
}
