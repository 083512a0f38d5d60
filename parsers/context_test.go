package parsers

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// TestLoadContextStops cancels the scan while root b is read: a is kept
// (and was handed to Loaded), b and c are stopped, none of their
// diagnostics is kept.
func TestLoadContextStops(t *testing.T) {
	tree(t, map[string]string{"a/main.tf": "", "b/main.tf": "", "c/main.tf": ""})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fake := fakeTerraform(nil)
	loader := func(ctx context.Context, dir string, opts terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
		if dir == "b" {
			cancel()
		}
		return fake(ctx, dir, opts)
	}
	var handed []string
	// One root at a time: b is read after a, and c is not started.
	opts := Options{Jobs: 1, Loaded: func(m *model.Model) { handed = append(handed, m.Root) }}
	set, ds := load(ctx, []string{"."}, opts, loader)
	var roots []string
	for _, m := range set.Models {
		roots = append(roots, m.Root)
	}
	if diff := cmp.Diff([]string{"a"}, roots); diff != "" {
		t.Errorf("models (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a"}, handed); diff != "" {
		t.Errorf("models handed to Loaded (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"b", "c"}, set.Stopped); diff != "" {
		t.Errorf("stopped (-want +got):\n%s", diff)
	}
	if len(set.Unwalked) != 0 || set.Files != 1 {
		t.Errorf("unwalked = %v, files = %d; want none and 1 (a/main.tf)", set.Unwalked, set.Files)
	}
	if len(ds) != 1 || ds[0].Message != "loaded a" {
		t.Errorf("diagnostics = %v, want only a's", ds)
	}
}

// TestLoadContextAbandonsBlockedRoot: a root whose reading does not end
// (an expression that runs long, here a loader blocked on a channel) does
// not hold LoadContext past its context. load returns while the loader is
// still blocked; the roots read before are kept and the blocked one and
// those after it are stopped.
func TestLoadContextAbandonsBlockedRoot(t *testing.T) {
	tree(t, map[string]string{"a/main.tf": "", "b/main.tf": "", "c/main.tf": ""})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	entered, release, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	fake := fakeTerraform(nil)
	loader := func(ctx context.Context, dir string, opts terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
		if dir == "b" {
			defer close(finished)
			close(entered)
			<-release
		}
		return fake(ctx, dir, opts)
	}
	go func() {
		<-entered
		cancel()
	}()
	set, ds := load(ctx, []string{"."}, Options{Jobs: 1}, loader)
	select {
	case <-finished:
		t.Fatal("load waited for the blocked loader")
	default:
	}
	close(release)
	<-finished
	if len(set.Models) != 1 || set.Models[0].Root != "a" {
		t.Errorf("models = %v, want only a", set.Models)
	}
	if diff := cmp.Diff([]string{"b", "c"}, set.Stopped); diff != "" {
		t.Errorf("stopped (-want +got):\n%s", diff)
	}
	if len(ds) != 1 || ds[0].Message != "loaded a" {
		t.Errorf("diagnostics = %v, want only a's", ds)
	}
}

// TestLoadContextDone: a context that is already done stops discovery
// before it reads anything.
func TestLoadContextDone(t *testing.T) {
	tree(t, map[string]string{"a/main.tf": "", "t.yaml": "Resources: {}\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	loader := func(context.Context, string, terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
		calls++
		return nil, nil, nil
	}
	set, ds := load(ctx, []string{".", "t.yaml"}, Options{Templates: fakeTemplates{}}, loader)
	if calls != 0 || len(set.Models) != 0 || len(set.Stopped) != 0 || len(ds) != 0 {
		t.Errorf("load read %d roots, %d models, stopped %v, diagnostics %v; want nothing", calls, len(set.Models), set.Stopped, ds)
	}
	if diff := cmp.Diff([]string{".", "t.yaml"}, set.Unwalked); diff != "" {
		t.Errorf("unwalked (-want +got):\n%s", diff)
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Fatal("the context should be cancelled")
	}
}
