package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPreCommitFilesSelectEveryInput checks the `files` pattern of
// .pre-commit-hooks.yaml against the names of the files daslint reads:
// pre-commit passes the hook only the changed files the pattern matches, so
// a kind of input it misses (a Terragrunt unit, stack or included file) is
// never linted when it alone changes, and a change that breaks a cluster's
// path lands unchecked. pre-commit searches the pattern in the path with
// Python's re, whose syntax the pattern shares with Go's here.
func TestPreCommitFilesSelectEveryInput(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID        string `yaml:"id"`
		Files     string `yaml:"files"`
		AlwaysRun bool   `yaml:"always_run"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].ID != "daslint" {
		t.Fatalf("want one hook with id daslint, got %+v", hooks)
	}
	if !hooks[0].AlwaysRun {
		// pre-commit passes no deleted file and skips a hook with no
		// file: a commit that only deletes the file holding a KMS
		// endpoint would not be checked.
		t.Error("always_run is not set")
	}
	files, err := regexp.Compile(hooks[0].Files)
	if err != nil {
		t.Fatalf("files pattern %q: %v", hooks[0].Files, err)
	}
	tests := []struct {
		path string
		want bool
	}{
		{"live/network/main.tf", true},
		{"live/network/main.tf.json", true},
		{"live/network/terraform.tfvars", true},
		{"live/network/prod.auto.tfvars.json", true},
		{"live/network/plan.json", true},
		{"live/network/terraform.tfstate", true},
		{"facts/describe-subnets.json", true},
		{"stacks/network.yaml", true},
		{"stacks/network.yml", true},
		{"stacks/network.template", true},
		{"cdk.out/manifest.json", true},
		{"live/prod/network/terragrunt.hcl", true},
		{"live/prod/terragrunt.stack.hcl", true},
		{"root.hcl", true},
		{"live/prod/account.hcl", true},
		{"live/prod/eu-west-1/region.hcl", true},
		{"README.md", false},
		{"src/handler.js", false},
		{"main.go", false},
	}
	for _, tt := range tests {
		if got := files.MatchString(tt.path); got != tt.want {
			t.Errorf("files pattern %q matches %s: %v, want %v", hooks[0].Files, tt.path, got, tt.want)
		}
	}
}
