package rules_test

import (
	"path/filepath"
	"testing"

	"github.com/daslint/daslint/rules"
	"github.com/daslint/daslint/rules/ruletest"
)

// TestRuleFolders runs every rule over every rule test folder,
// testdata/<ID>/<case>, and over the bundled example: real code whose
// expected findings are `# want` comments on the lines they are reported
// at (see package ruletest). A folder expects no finding of a rule it has
// no comment for, so DAS001's folders also check that DAS002 stays silent
// on a fail, and the passing example that neither rule fires.
func TestRuleFolders(t *testing.T) {
	folders, err := filepath.Glob(filepath.Join("testdata", "DAS*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(folders) == 0 {
		t.Fatal("no rule test folders")
	}
	folders = append(folders, filepath.Join("..", "examples", "terraform-nat"))
	for _, rule := range rules.All() {
		for _, dir := range folders {
			t.Run(rule.ID+"/"+filepath.ToSlash(dir), func(t *testing.T) {
				ruletest.Run(t, dir, rule)
			})
		}
	}
}
