package parsers

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/google/go-cmp/cmp"
)

func TestContextRootsAreNotLinted(t *testing.T) {
	tree(t, map[string]string{
		"db/main.tf":        "",
		"network/main.tf":   "",
		"shared/a/main.tf":  "",
		"shared/db/main.tf": "", // also below a linted path: linted
	})
	var calls atomic.Int32 // roots are read on several goroutines
	loader := func(ctx context.Context, dir string, o terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
		calls.Add(1)
		return fakeTerraform(nil)(ctx, dir, o)
	}
	set, ds := load(context.Background(), []string{"db", "shared/db"},
		Options{Context: []string{"network", "shared"}}, loader)
	var roots []string
	for _, m := range set.Models {
		roots = append(roots, m.Root)
	}
	if diff := cmp.Diff([]string{"db", "shared/db"}, roots); diff != "" {
		t.Errorf("linted roots (-want +got):\n%s", diff)
	}
	// Nothing asked for the context roots, so none was read, and none of
	// their diagnostics is reported.
	if n := calls.Load(); n != 2 {
		t.Errorf("loader called %d times, want 2 (context roots are read on demand)", n)
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "network") {
			t.Errorf("a diagnostic of an unread context root: %v", d)
		}
	}
}

func TestCatalogReadsOnceAndBreaksCycles(t *testing.T) {
	tree(t, map[string]string{"a/main.tf": "", "b/main.tf": ""})
	var cat *catalog
	reads := map[string]int{}
	var inner []*loaded
	loader := func(ctx context.Context, dir string, o terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
		reads[filepath.ToSlash(dir)]++
		if filepath.ToSlash(dir) == "a" {
			// a needs b, which needs a: the inner request for a is
			// refused rather than looping.
			inner = append(inner, cat.get("b"))
		} else {
			inner = append(inner, cat.get("a"))
		}
		return fakeTerraform(nil)(ctx, dir, o)
	}
	roots, _, _ := discover(context.Background(), frontEnds(Options{}), []string{"."}, nil, "")
	cat = newCatalog(context.Background(), Options{}, frontEnds(Options{}), loader, roots)
	a := cat.get("a")
	if a == nil || a.model == nil || a.model.Root != "a" {
		t.Fatalf("get(a) = %+v, want the root a", a)
	}
	if again := cat.get("./a"); again == nil || again.model != a.model {
		t.Errorf("a second get read the root again")
	}
	if reads["a"] != 1 || reads["b"] != 1 {
		t.Errorf("reads = %v, want each root once", reads)
	}
	// b was read while a was loading: b's request for a got nil (the
	// cycle) and came first; then a's request for b got b.
	if len(inner) != 2 || inner[0] != nil || inner[1] == nil || inner[1].model.Root != "b" {
		t.Errorf("inner results = %v, want [nil b]", inner)
	}
	if cat.get("nowhere") != nil {
		t.Errorf("get of a path that is no root is not nil")
	}
}
