package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/daslint/daslint/rules"
	"github.com/daslint/daslint/rules/ruletest"
)

// TestRuleFolders runs each rule over its folders, testdata/<ID>/<case>:
// real code whose expected findings are `# want` comments on the lines
// they are reported at (see package ruletest). A folder with no comment
// expects no finding of that rule.
func TestRuleFolders(t *testing.T) {
	for _, rule := range rules.All() {
		cases, err := os.ReadDir(filepath.Join("testdata", rule.ID))
		if err != nil {
			t.Errorf("%s has no rule test folder: %v", rule.ID, err)
			continue
		}
		for _, c := range cases {
			if !c.IsDir() {
				continue
			}
			t.Run(rule.ID+"/"+c.Name(), func(t *testing.T) {
				ruletest.Run(t, filepath.Join("testdata", rule.ID, c.Name()), rule)
			})
		}
	}
}
