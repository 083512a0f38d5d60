package terraform

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/daslint/daslint/internal/goldenroots"
	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// TestTranslationPartsAgree translates the instances of every golden case's
// Terraform roots, and of a generated tree of 300 stacks, at once and in
// parts (two, three, seven, one per instance): the models and the
// diagnostics must be the same.
func TestTranslationPartsAgree(t *testing.T) {
	roots := goldenRoots(t)
	stacks := t.TempDir()
	if err := stress.WriteStacks(stacks, 300); err != nil {
		t.Fatal(err)
	}
	roots = append(roots, stacks)
	compared := 0
	for _, dir := range roots {
		res, _ := eval.Evaluate(dir, eval.Options{Root: dir})
		if res == nil || len(res.Instances) < 2 {
			continue
		}
		want, wantDs := translateIn(&model.Model{}, res.Instances, 1)
		for _, parts := range []int{2, 3, 7, len(res.Instances)} {
			if parts > len(res.Instances) {
				continue
			}
			got, gotDs := translateIn(&model.Model{}, res.Instances, parts)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: the model translated in %d parts differs from the one translated at once", dir, parts)
			}
			if !reflect.DeepEqual(gotDs, wantDs) {
				t.Errorf("%s: diagnostics in %d parts %v, at once %v", dir, parts, gotDs, wantDs)
			}
			compared++
		}
	}
	if compared < 200 {
		t.Errorf("compared %d translations, want the golden roots'", compared)
	}
}

// TestTranslationParts checks how many parts a translation is split in.
func TestTranslationParts(t *testing.T) {
	for _, c := range []struct{ n, workers, want int }{
		{0, 2, 1}, {10, 2, 1}, {2*translatePart - 1, 2, 1}, {2 * translatePart, 2, 2},
		{18_000, 2, 8}, {18_000, 1, 4}, {18_000, 64, 17},
	} {
		if got := translationParts(c.n, c.workers); got != c.want {
			t.Errorf("translationParts(%d, %d) = %d, want %d", c.n, c.workers, got, c.want)
		}
	}
}

// goldenRoots are the directories of the repository's testdata that hold
// .tf files.
func goldenRoots(t *testing.T) []string {
	t.Helper()
	top, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	roots, err := goldenroots.Terraform(top)
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) < 100 {
		t.Fatalf("found %d Terraform roots under %s, want the golden cases'", len(roots), top)
	}
	return roots
}
