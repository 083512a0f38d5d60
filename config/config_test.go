package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var known = []string{"DAS001", "DAS002"}

func ptr[T any](v T) *T { return &v }

func TestParse(t *testing.T) {
	src := `rules:
  DAS002: {severity: error}
  DAS001:
    enabled: false
unknown: ignore
var_files: [env/prod.tfvars]
vars:
  region: eu-west-1
  azs: '["a", "b"]'
parameters:
  Env: prod
region: eu-west-1
root: ..
context: [../network, facts]
exclude: ["**/examples", legacy/]
all_clusters: true
`
	got, err := Parse("repo/.daslint.yaml", []byte(src), known)
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		File: "repo/.daslint.yaml",
		Rules: map[string]Rule{
			"DAS001": {Enabled: ptr(false)},
			"DAS002": {Severity: "error"},
		},
		Unknown:     "ignore",
		VarFiles:    []string{filepath.Join("repo", "env", "prod.tfvars")},
		Vars:        []string{`azs=["a", "b"]`, "region=eu-west-1"},
		Parameters:  []string{"Env=prod"},
		Region:      "eu-west-1",
		Root:        ".",
		Context:     []string{"network", filepath.Join("repo", "facts")},
		Exclude:     []string{"**/examples", "legacy/"},
		AllClusters: ptr(true),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestParseParameterList(t *testing.T) {
	got, err := Parse("cfn/.daslint.yaml", []byte("parameters: [params.json, Env=prod]\n"), known)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join("cfn", "params.json"), "Env=prod"}
	if diff := cmp.Diff(want, got.Parameters); diff != "" {
		t.Errorf("Parameters (-want +got):\n%s", diff)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", Default} {
		got, err := Parse("c.yaml", []byte(src), known)
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if diff := cmp.Diff(&Config{File: "c.yaml"}, got); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", src, diff)
		}
	}
}

// TestDefaultUncommented checks that the settings `daslint init` shows are
// valid once uncommented, so that the template teaches nothing wrong.
func TestDefaultUncommented(t *testing.T) {
	var b strings.Builder
	for _, line := range strings.Split(Default, "\n") {
		if rest, ok := strings.CutPrefix(line, "# "); ok && settingLine.MatchString(rest) {
			b.WriteString(rest)
		}
		b.WriteByte('\n')
	}
	got, err := Parse("c.yaml", []byte(b.String()), known)
	if err != nil {
		t.Fatalf("uncommented default does not parse: %v\n%s", err, b.String())
	}
	if got.Unknown != "warn" || got.Region != "eu-west-1" || got.AllClusters == nil || *got.AllClusters ||
		got.Rules["DAS001"].Severity != "error" || len(got.Exclude) != 2 || len(got.VarFiles) != 1 ||
		len(got.Vars) != 1 || len(got.Parameters) != 1 {
		t.Errorf("uncommented default = %+v, want every setting", got)
	}
}

// settingLine matches the YAML of a commented-out setting, as opposed to
// the prose around it.
var settingLine = regexp.MustCompile(`^([a-z_]+:|\s)`)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown key suggests", "uknnown: warn\n", `c.yaml:1:1: unknown setting "uknnown" (did you mean "unknown"?)`},
		{"case", "Region: x\n", `c.yaml:1:1: unknown setting "Region" (did you mean "region"?)`},
		{"far key", "colour: red\n", `c.yaml:1:1: unknown setting "colour"` + "\x00"},
		{"unknown rule", "rules:\n  DAS01: {severity: error}\n", `c.yaml:2:3: unknown rule "DAS01" (did you mean "DAS001"?)`},
		{"rule key", "rules:\n  DAS001: {severty: error}\n", `c.yaml:2:12: unknown setting "severty" of rules.DAS001 (did you mean "severity"?)`},
		{"severity value", "rules:\n  DAS001: {severity: high}\n", `c.yaml:2:22: rules.DAS001.severity must be error, warning, off, got "high"`},
		{"enabled type", "rules:\n  DAS001: {enabled: yes}\n", `c.yaml:2:21: rules.DAS001.enabled must be true or false, got "yes"`},
		{"unknown value", "unknown: fail\n", `c.yaml:1:10: unknown must be warn, error, ignore, got "fail"`},
		{"var_files type", "var_files: prod.tfvars\n", `c.yaml:1:12: var_files must be a list of strings, got "prod.tfvars"`},
		{"vars list value", "vars:\n  azs: [a, b]\n", `c.yaml:2:8: vars.azs must be a single value`},
		{"region empty", "region:\n", `c.yaml:1:8: region must be a non-empty string, got nothing`},
		{"root empty", "root: ''\n", `c.yaml:1:7: root must be a non-empty string, got`},
		{"exclude pattern", "exclude: ['[']\n", `c.yaml:1:11: exclude pattern "[": syntax error in pattern`},
		{"all_clusters type", "all_clusters: 1\n", `c.yaml:1:15: all_clusters must be true or false, got "1"`},
		{"twice", "region: a\nregion: b\n", `c.yaml:2:1: region is set twice`},
		{"not a mapping", "- a\n", `c.yaml:1:1: the configuration must be a mapping`},
		{"syntax", "region: [a\n", `c.yaml:1:1: did not find expected`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tc.src), known)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want %q", tc.src, tc.want)
			}
			got := err.Error() + "\x00"
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("Parse(%q) = %q, want prefix %q", tc.src, err, tc.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	mk := func(p string) string {
		p = filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	outer := mk(".daslint.yaml") // above the repository: never found
	mk("repo/.git/HEAD")
	repoCfg := mk("repo/.daslint.yaml")
	mk("repo/infra/prod/main.tf")
	envCfg := mk("repo/infra/dev/.daslint.yaml")
	mk("repo/infra/dev/main.tf")
	mk("other/stack.yaml")
	for _, tc := range []struct{ target, want string }{
		{"repo/infra/prod", repoCfg},
		{"repo/infra/prod/main.tf", repoCfg},
		{"repo/infra/dev/main.tf", envCfg},
		{"repo", repoCfg},
		{"other/stack.yaml", outer},
	} {
		if got := Find(filepath.Join(root, tc.target)); got != tc.want {
			t.Errorf("Find(%s) = %q, want %q", tc.target, got, tc.want)
		}
	}
	// A repository without a configuration stops the search at its root.
	mk("repo2/.git")
	mk("repo2/main.tf")
	if got := Find(filepath.Join(root, "repo2")); got != "" {
		t.Errorf("Find(repo2) = %q, want none (the search stops at .git)", got)
	}
}

func TestExcluded(t *testing.T) {
	c := &Config{File: filepath.Join("repo", FileName), Exclude: []string{"fixtures", "*.json", "envs/legacy/", "**/examples", "modules/*/test"}}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"repo/fixtures", true},
		{"repo/a/b/fixtures/main.tf", true},
		{"repo/stack.json", true},
		{"repo/stack.yaml", false},
		{"repo/envs/legacy", true},
		{"repo/envs/legacy/main.tf", true},
		{"repo/other/envs/legacy", false},
		{"repo/examples", true},
		{"repo/x/y/examples/z.tf", true},
		{"repo/modules/vpc/test", true},
		{"repo/modules/vpc/main.tf", false},
		{"repo", false},
		{"elsewhere/fixtures", false},
	} {
		if got := c.Excluded(filepath.FromSlash(tc.path)); got != tc.want {
			t.Errorf("Excluded(%s) = %v, want %v", tc.path, got, tc.want)
		}
	}
}
