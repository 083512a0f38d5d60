package cloudformation

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSchemaCorpus runs the schema check over the real-world corpus: valid
// templates get no schema warning, so the table is not stale for what real
// templates use. The warnings it does give are the ones below, each of which
// cfn-lint 1.51.0 reports as well (E3006 unknown type, E3002 unexpected
// property): the corpus holds a few templates that CloudFormation rejects.
func TestSchemaCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus %s is absent (%v)", root, err)
	}
	want := []string{
		// A test template of cfn-lint's, of templates CloudFormation rejects.
		`cfn-lint-templates/bad/generic.yaml:24: AWS::EC2::Instance1 MyEC2Instance1: unknown resource type; did you mean "AWS::EC2::Instance"?`,
		// A cfn-lint test of Fn::Sub that gives a nested stack the
		// properties of a Service Catalog provisioned product.
		`cfn-lint-templates/good/functions/sub.yaml:67: AWS::CloudFormation::Stack MyStack: unknown property "ProductName"`,
		`cfn-lint-templates/good/functions/sub.yaml:68: AWS::CloudFormation::Stack MyStack: unknown property "ProvisioningArtifactName"`,
	}
	var got []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml", ".json", ".template":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil || !IsTemplate(path, data) {
			return err
		}
		_, _, ds := Load(path, Options{Root: root, Region: "us-east-1"})
		for _, w := range schemaWarnings(ds) {
			line, msg, _ := strings.Cut(w, ": ")
			msg, _, _ = strings.Cut(msg, "? (")
			msg, _, _ = strings.Cut(msg, " (")
			if strings.Contains(msg, "; did you mean") {
				msg += "?"
			}
			rel, _ := filepath.Rel(root, path)
			got = append(got, fmt.Sprintf("%s:%s: %s", filepath.ToSlash(rel), line, msg))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("schema warnings on the corpus:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
