package parsers

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/daslint/daslint/parsers/terraform/eval"
)

// s3Backend is a root's terraform block keeping its state under key.
func s3Backend(key string) string {
	return "terraform {\n  backend \"s3\" {\n    bucket = \"acme\"\n    key    = \"" + key + "\"\n    region = \"eu-west-1\"\n  }\n}\n"
}

// readsS3 is a terraform_remote_state reading the state under key.
func readsS3(key string) string {
	return "data \"terraform_remote_state\" \"net\" {\n  backend = \"s3\"\n  config = {\n    bucket = \"acme\"\n    key    = \"" + key + "\"\n    region = \"eu-west-1\"\n  }\n}\n"
}

// resource is a file that declares something without reading anything.
const resource = "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n"

// TestPreselect: which roots each change pre-selects, and that the
// pre-selected load returns what the whole one does (the oracle) for that
// change.
func TestPreselect(t *testing.T) {
	network := map[string]string{
		"net/main.tf":   s3Backend("net/terraform.tfstate") + resource,
		"net2/main.tf":  s3Backend("net2/terraform.tfstate") + resource,
		"db/main.tf":    s3Backend("db/terraform.tfstate") + readsS3("net/terraform.tfstate"),
		"db2/main.tf":   readsS3("net2/terraform.tfstate"),
		"gone/main.tf":  readsS3("nobody/terraform.tfstate"),
		"chain/main.tf": readsS3("db/terraform.tfstate"),
		"README.md":     "# infrastructure\n",
	}
	with := func(base map[string]string, more map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range more {
			out[k] = v
		}
		return out
	}
	modules := map[string]string{
		"app/main.tf":       "module \"m\" {\n  source = \"../modules/m\"\n}\n",
		"modules/m/main.tf": "module \"n\" {\n  source = \"../n\"\n}\n",
		"modules/n/main.tf": resource,
		"modules/n/doc.md":  "",
		"other/main.tf":     resource,
		"README.md":         "",
	}
	templates := map[string]string{
		"stacks/parent.yaml":   "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n",
		"stacks/child.yaml":    "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
		"stacks/exporter.yaml": "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  Arn:\n    Value: !Ref Topic\n    Export:\n      Name: topic\n",
		"stacks/importer.yaml": "Resources:\n  Sub:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !ImportValue topic\n      Protocol: email\n      Endpoint: a@example.com\n",
		"stacks/solo.yaml":     "Description: see notes.txt\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
		"stacks/notes.txt":     "",
		"k8s/web.yaml":         "apiVersion: apps/v1\nkind: Deployment\n",
		"package.json":         "{}\n",
	}
	units := map[string]string{
		"root.hcl":                 "remote_state {\n  backend = \"s3\"\n  config = {\n    bucket = \"acme\"\n    key    = \"${path_relative_to_include()}/terraform.tfstate\"\n    region = \"eu-west-1\"\n  }\n}\n",
		"live/a/terragrunt.hcl":    "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\nterraform {\n  source = \"../../modules//x\"\n}\n",
		"live/b/terragrunt.hcl":    "include \"root\" {\n  path = find_in_parent_folders(\"root.hcl\")\n}\nterraform {\n  source = \"../../modules//x\"\n}\n",
		"modules/x/main.tf":        resource,
		"docs/guide.md":            "",
		"tf/reads-unit/main.tf":    readsS3("live/a/terraform.tfstate"),
		"tf/reads-nothing/main.tf": resource,
	}
	for _, tc := range []struct {
		name    string
		files   map[string]string
		opts    Options
		changed []string
		want    []string
	}{
		{"own file", network, Options{}, []string{"net2/main.tf"}, []string{"db2", "net2"}},
		{"a file beside the code", network, Options{}, []string{"db/notes.md"}, []string{"chain", "db"}},
		{"a deleted file of a root with a backend", network, Options{}, []string{"db/gone.tf"}, []string{"chain", "db"}},
		{"a deleted file of a root without a backend", network, Options{}, []string{"db2/gone.tf"}, []string{"chain", "db", "db2", "gone"}},
		{"a deleted file of a root that declared no backend", network, Options{Former: formerOf(map[string]string{
			"db/gone.tf": resource,
		})}, []string{"db/gone.tf"}, []string{"chain", "db"}},
		{"a deleted file of a root that declared its backend", network, Options{Former: formerOf(map[string]string{
			"db/gone.tf": s3Backend("old/terraform.tfstate"),
		})}, []string{"db/gone.tf"}, []string{"chain", "db", "db2", "gone"}},
		{"a deleted root", network, Options{Former: formerOf(map[string]string{
			"old/main.tf": resource,
		})}, []string{"old/main.tf"}, []string{"chain", "db", "db2", "gone"}},
		{"a file no root reads", network, Options{}, []string{"README.md", "docs/guide.md"}, []string{}},
		{"remote state: the reader and the reader of the reader", network, Options{}, []string{"net/main.tf"}, []string{"chain", "db", "net"}},
		{"remote state: a reader's own change", network, Options{}, []string{"chain/main.tf"}, []string{"chain"}},
		{"remote state not literal", with(network, map[string]string{
			"dyn/main.tf": "variable \"k\" {\n  default = \"net2/terraform.tfstate\"\n}\n" + readsS3("${var.k}"),
		}), Options{}, []string{"net2/main.tf"}, []string{"db2", "dyn", "net2"}},
		{"remote state not literal, nothing changed that keeps a state", with(network, map[string]string{
			"dyn/main.tf": readsS3("${var.k}"),
		}), Options{}, []string{"README.md"}, []string{}},
		{"remote state workspace not literal", with(network, map[string]string{
			"ws/main.tf": "data \"terraform_remote_state\" \"net\" {\n  backend   = \"s3\"\n  workspace = terraform.workspace\n  config = {\n    bucket = \"acme\"\n    key    = \"nobody\"\n  }\n}\n",
		}), Options{}, []string{"net2/main.tf"}, []string{"db2", "net2", "ws"}},
		{"remote state for_each", with(network, map[string]string{
			"each/main.tf": "data \"terraform_remote_state\" \"net\" {\n  for_each = toset([\"a\"])\n  backend  = \"s3\"\n  config = {\n    bucket = \"acme\"\n    key    = each.key\n  }\n}\n",
		}), Options{}, []string{"net2/main.tf"}, []string{"db2", "each", "net2"}},
		{"remote state of a local file", with(network, map[string]string{
			"loc/main.tf": "data \"terraform_remote_state\" \"net\" {\n  backend = \"local\"\n  config = {\n    path = \"../x/terraform.tfstate\"\n  }\n}\n",
		}), Options{}, []string{"net2/main.tf"}, []string{"db2", "loc", "net2"}},
		{"remote state in a module", with(network, map[string]string{
			"svc/main.tf":       "module \"db\" {\n  source = \"../mod/db\"\n}\n",
			"mod/db/main.tf":    readsS3("net2/terraform.tfstate"),
			"mod/db/outputs.tf": "",
		}), Options{}, []string{"net2/main.tf"}, []string{"db2", "mod/db", "net2", "svc"}},
		{"remote state in a heredoc-bearing file", with(network, map[string]string{
			"doc/main.tf": readsS3("net2/terraform.tfstate") + "locals {\n  d = <<EOT\nx\nEOT\n}\n",
		}), Options{}, []string{"net2/main.tf"}, []string{"db2", "doc", "net2"}},
		{"a module chain", modules, Options{}, []string{"modules/n/main.tf"}, []string{"app", "modules/m", "modules/n"}},
		{"a module's other file", modules, Options{}, []string{"modules/n/doc.md"}, []string{"app", "modules/m", "modules/n"}},
		{"a module directory deleted", modules, Options{}, []string{"modules/gone/main.tf"}, []string{}},
		{"a caller's change", modules, Options{}, []string{"app/main.tf"}, []string{"app"}},
		{"a module source not literal", with(modules, map[string]string{
			"dyn/main.tf": "locals {\n  s = \"../modules/n\"\n}\nmodule \"x\" {\n  source = local.s\n}\n",
		}), Options{}, []string{"other/main.tf"}, []string{"dyn", "other"}},
		{"a registry module not installed", with(modules, map[string]string{
			"reg/main.tf": "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n",
		}), Options{}, []string{"other/main.tf"}, []string{"other"}},
		{"a registry module installed", with(modules, map[string]string{
			"reg/main.tf":                         "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n",
			"reg/.terraform/modules/modules.json": `{"Modules":[{"Key":"vpc","Source":"x","Dir":"../modules/n"}]}`,
		}), Options{}, []string{"other/main.tf"}, []string{"other", "reg"}},
		{"a file function", with(modules, map[string]string{
			"fn/main.tf": "locals {\n  p = file(\"../shared/policy.json\")\n}\n",
		}), Options{}, []string{"other/main.tf"}, []string{"fn", "other"}},
		{"path.module is no module block", with(modules, map[string]string{
			"pm/main.tf": "locals {\n  d = path.module\n}\n",
		}), Options{}, []string{"other/main.tf"}, []string{"other"}},
		{"a file that does not parse", with(modules, map[string]string{
			"bad/main.tf": "module \"x\" {\n  source = \n",
		}), Options{}, []string{"other/main.tf"}, []string{"bad", "other"}},
		{"a root's variables file", with(modules, map[string]string{
			"other/terraform.tfvars": "",
		}), Options{}, []string{"other/terraform.tfvars"}, []string{"other"}},
		{"a --var-file", with(modules, map[string]string{
			"common.tfvars": "",
		}), Options{VarFiles: []string{"common.tfvars"}}, []string{"common.tfvars"}, []string{"app", "modules/m", "modules/n", "other"}},
		{"a file beside a --var-file", with(modules, map[string]string{
			"env/prod.tfvars": "",
		}), Options{VarFiles: []string{"env/prod.tfvars"}}, []string{"env/notes.md"}, []string{"app", "modules/m", "modules/n", "other"}},
		{"a deleted JSON file", modules, Options{}, []string{"facts/gone.json"}, []string{"app", "modules/m", "modules/n", "other"}},
		{"a deleted JSON file that was AWS facts", modules, Options{Former: formerOf(map[string]string{
			"facts/gone.json": `{"Vpcs": []}`,
		})}, []string{"facts/gone.json"}, []string{"app", "modules/m", "modules/n", "other"}},
		{"a deleted JSON file that was no facts", modules, Options{Former: formerOf(map[string]string{
			"package-lock.json": `{"name": "web", "lockfileVersion": 3}`,
		})}, []string{"package-lock.json"}, []string{}},
		{"a deleted caller", map[string]string{
			"modules/m/main.tf": "module \"n\" {\n  source = \"../n\"\n}\n",
			"modules/n/main.tf": resource,
		}, Options{Former: formerOf(map[string]string{
			"app/main.tf": "module \"m\" {\n  source = \"../modules/m\"\n}\n",
		})}, []string{"app/main.tf"}, []string{"modules/m"}},
		{"AWS facts", with(modules, map[string]string{
			"facts/vpcs.json": `{"Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60001", "CidrBlock": "10.0.0.0/16"}]}`,
		}), Options{}, []string{"facts/vpcs.json"}, []string{"app", "facts", "modules/m", "modules/n", "other"}},
		{"a Terraform state", with(modules, map[string]string{
			"other/terraform.tfstate": `{"version": 4, "terraform_version": "1.11.0", "serial": 1, "lineage": "x", "outputs": {}, "resources": []}`,
		}), Options{}, []string{"other/terraform.tfstate"}, []string{"app", "modules/m", "modules/n", "other", "other/terraform.tfstate"}},
		{"a nested template", templates, Options{}, []string{"stacks/child.yaml"}, []string{"stacks/child.yaml", "stacks/importer.yaml", "stacks/parent.yaml"}},
		{"an exporting template", templates, Options{}, []string{"stacks/exporter.yaml"}, []string{"stacks/exporter.yaml", "stacks/importer.yaml", "stacks/parent.yaml"}},
		{"a file a template names", templates, Options{}, []string{"stacks/notes.txt"}, []string{"stacks/solo.yaml"}},
		{"a YAML file no template is", templates, Options{}, []string{"k8s/web.yaml"}, []string{"k8s/web.yaml", "stacks/importer.yaml", "stacks/parent.yaml"}},
		{"a JSON file no root reads", templates, Options{}, []string{"package.json"}, []string{"package.json", "stacks/importer.yaml", "stacks/parent.yaml"}},
		{"a template deleted", templates, Options{}, []string{"stacks/gone.yaml"}, []string{"k8s/web.yaml", "package.json", "stacks/child.yaml", "stacks/exporter.yaml", "stacks/importer.yaml", "stacks/parent.yaml", "stacks/solo.yaml"}},
		{"a template deleted, known to be one", templates, Options{Former: formerOf(map[string]string{
			"stacks/gone.yaml": "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
		})}, []string{"stacks/gone.yaml"}, []string{"k8s/web.yaml", "package.json", "stacks/child.yaml", "stacks/exporter.yaml", "stacks/importer.yaml", "stacks/parent.yaml", "stacks/solo.yaml"}},
		{"a YAML file deleted that was no template", templates, Options{Former: formerOf(map[string]string{
			"k8s/gone.yaml": "apiVersion: v1\nkind: ConfigMap\n",
		})}, []string{"k8s/gone.yaml"}, []string{}},
		{"a deleted file a template names", with(templates, map[string]string{
			"stacks/solo2.yaml": "Description: see gone.txt\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n",
		}), Options{Former: formerOf(map[string]string{"stacks/gone.txt": ""})}, []string{"stacks/gone.txt"}, []string{"stacks/solo2.yaml"}},
		{"a --parameters file", with(templates, map[string]string{
			"params.json": `[{"ParameterKey": "A", "ParameterValue": "b"}]`,
		}), Options{Parameters: []string{"params.json"}}, []string{"params.json"}, []string{"k8s/web.yaml", "package.json", "params.json", "stacks/child.yaml", "stacks/exporter.yaml", "stacks/importer.yaml", "stacks/parent.yaml", "stacks/solo.yaml"}},
		{"an include", units, Options{}, []string{"root.hcl"}, []string{"live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "tf/reads-unit"}},
		{"a unit's module", units, Options{}, []string{"modules/x/main.tf"}, []string{"live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "modules/x", "tf/reads-unit"}},
		{"a unit's own file", units, Options{}, []string{"live/a/notes.md"}, []string{"live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "tf/reads-unit"}},
		{"a file above every unit", units, Options{}, []string{"README.md"}, []string{"live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "tf/reads-unit"}},
		{"a file beside no code", units, Options{}, []string{"docs/guide.md"}, []string{}},
		{"a file an include outside the unit's parents reads", with(units, map[string]string{
			"live/c/terragrunt.hcl": "include \"common\" {\n  path = \"../../common/db.hcl\"\n}\nterraform {\n  source = \"../../modules//x\"\n}\n",
			"common/db.hcl":         "inputs = yamldecode(file(\"${get_repo_root()}/config/db.yaml\"))\n",
			"config/db.yaml":        "name: db\n",
		}), Options{}, []string{"config/db.yaml"}, []string{"config/db.yaml", "live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "live/c/terragrunt.hcl", "tf/reads-unit"}},
		{"a file no file function names", with(units, map[string]string{
			"live/c/terragrunt.hcl": "locals {\n  env = yamldecode(file(find_in_parent_folders(\"env.yaml\")))\n  acct = read_terragrunt_config(\"${get_repo_root()}/account.hcl\")\n}\n",
			"k8s/web.yaml":          "kind: Deployment\n",
			"docs/environment.yml":  "a: 1\n",
		}), Options{}, []string{"k8s/web.yaml", "docs/environment.yml"}, []string{"docs/environment.yml", "k8s/web.yaml"}},
		{"a file whose name's end a file function names", with(units, map[string]string{
			"live/c/terragrunt.hcl": "inputs = yamldecode(file(\"${get_terragrunt_dir()}/${local.env}.yaml\"))\n",
			"k8s/web.yaml":          "kind: Deployment\n",
		}), Options{}, []string{"k8s/web.yaml"}, []string{"k8s/web.yaml", "live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "live/c/terragrunt.hcl", "tf/reads-unit"}},
		{"a file function whose path is not literal", with(units, map[string]string{
			"common/db.hcl": "inputs = yamldecode(file(local.path))\n",
			"k8s/web.yaml":  "kind: Deployment\n",
		}), Options{}, []string{"k8s/web.yaml"}, []string{"k8s/web.yaml", "live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "tf/reads-unit"}},
		{"a deleted file beside no code", units, Options{}, []string{"docs/gone.yaml"}, []string{}},
		{"a deleted file in a deleted directory", units, Options{}, []string{"gone/x.yaml"}, []string{"live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "tf/reads-unit"}},
		{"a unit reading a file", with(units, map[string]string{
			"live/c/terragrunt.hcl": "inputs = jsondecode(file(\"../../docs/inputs.json\"))\n",
			"docs/inputs.json":      "{}\n",
		}), Options{}, []string{"docs/inputs.json"}, []string{"docs/inputs.json", "live/a/terragrunt.hcl", "live/b/terragrunt.hcl", "live/c/terragrunt.hcl", "tf/reads-unit"}},
		{"a file beside one a unit reads", with(units, map[string]string{
			"live/c/terragrunt.hcl": "inputs = jsondecode(file(\"../../docs/inputs.json\"))\n",
		}), Options{}, []string{"docs/guide.md"}, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tree(t, tc.files)
			opts := tc.opts
			opts.Templates, opts.Changed = cloudFormation{}, tc.changed
			roots, _, _ := discover(context.Background(), frontEnds(opts), []string{"."}, nil, "")
			selected, _ := preselect(roots, opts)
			got := []string{}
			for _, r := range roots {
				if selected(r) {
					got = append(got, filepath.ToSlash(r.path))
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("pre-selected roots (-want +got):\n%s", diff)
			}
			want := loadHook(t, []string{"."}, tc.opts, tc.changed, true)
			if diff := cmp.Diff(want, loadHook(t, []string{"."}, tc.opts, tc.changed, false)); diff != "" {
				t.Errorf("pre-selected load differs from the whole one (-whole +pre-selected):\n%s", diff)
			}
		})
	}
}

// formerOf is an Options.Former that knows texts, by path as given.
func formerOf(texts map[string]string) func(string) ([]byte, bool) {
	return func(p string) ([]byte, bool) {
		t, ok := texts[filepath.ToSlash(p)]
		return []byte(t), ok
	}
}

// TestPreselectAll: without changed files every root is read.
func TestPreselectAll(t *testing.T) {
	roots := []root{{kind: terraformRoot, path: "a"}, {kind: templateFile, path: "b.yaml"}}
	for _, opts := range []Options{{}, {Changed: []string{"x"}, EveryRoot: true}} {
		selected, _ := preselect(roots, opts)
		for _, r := range roots {
			if !selected(r) {
				t.Errorf("%+v: %s not selected", opts, r.path)
			}
		}
	}
}

func TestTopBlocks(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
		ok   bool
	}{
		{"one", "terraform {\n  backend \"s3\" {}\n}\nresource \"x\" \"y\" {}\n", []string{"terraform {\n  backend \"s3\" {}\n}"}, true},
		{"none", "resource \"x\" \"y\" {\n  a = terraform.workspace\n}\n# terraform {\n", nil, true},
		{"strings and comments with braces", "terraform {\n  # }\n  // }\n  /* } */\n  a = \"}\"\n}\n", []string{"terraform {\n  # }\n  // }\n  /* } */\n  a = \"}\"\n}"}, true},
		{"indented", "  terraform {\n}\n", []string{"  terraform {\n}"}, true},
		{"a template in a string", "terraform {\n  a = \"${x}\"\n}\n", nil, false},
		{"a heredoc", "terraform {\n  a = <<EOT\n}\nEOT\n}\n", nil, false},
		{"after a comment", "/* x */ terraform {\n}\n", nil, false},
		{"a comment after the brace", "terraform { # x\n}\n", nil, false},
		{"not closed", "terraform {\n", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks, ok := topBlocks([]byte(tc.src), "terraform")
			var got []string
			for _, b := range blocks {
				got = append(got, string(b))
			}
			if ok != tc.ok || !cmp.Equal(tc.want, got) {
				t.Errorf("topBlocks = %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestLiteralBlock(t *testing.T) {
	for src, want := range map[string]bool{
		readsS3("net/terraform.tfstate"): true,
		"data \"terraform_remote_state\" \"n\" {\n  backend = \"s3\" # why\n\n  // more\n}\n": true,
		readsS3("${var.k}"): false,
		readsS3(`a\"b`):     false,
		"data \"terraform_remote_state\" \"n\" {\n  backend = var.b\n}\n":                                  false,
		"data \"terraform_remote_state\" \"n\" {\n  config = merge(local.c, {})\n}\n":                      false,
		"data \"terraform_remote_state\" \"n\" {\n  backend = \"s3\" config = {}\n}\n":                     false,
		"data \"terraform_remote_state\" \"n\" {\n  count = 1\n}\n":                                        false,
		"data \"terraform_remote_state\" \"n\" {\n  config = {\n    key = \"a\", bucket = \"b\"\n  }\n}\n": false,
	} {
		if got := literalBlock([]byte(src)); got != want {
			t.Errorf("literalBlock(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestCallsAny(t *testing.T) {
	for src, want := range map[string]bool{
		`a = file("x")`:                    true,
		`a = filebase64 ("x")`:             true,
		`a = templatefile("x", {})`:        true,
		`a = "${file("x")}"`:               true,
		`a = provider::p::file("x")`:       true,
		`a = var.file("x")`:                false,
		`filename = "x"`:                   false,
		`a = profile("x")`:                 false,
		`a = my_file("x")`:                 false,
		`a = read_terragrunt_config("x")`:  false, // Terraform has no such function
		`# file is mentioned, not called`:  false,
		`locals { file = "policy.json" }`:  false,
		`a = length(fileset(path.module))`: true,
	} {
		if got := callsAny([]byte(src), fileFunctions); got != want {
			t.Errorf("callsAny(%q) = %v, want %v", src, got, want)
		}
	}
	if !callsAny([]byte(`x = read_terragrunt_config("a.hcl")`), terragruntFunctions) {
		t.Error("read_terragrunt_config is not seen in Terragrunt configuration")
	}
}

func TestStateBlocks(t *testing.T) {
	src := s3Backend("db") + readsS3("net") + "output \"x\" {\n  value = data.terraform_remote_state.net.outputs.x\n}\n"
	blocks, ok := stateBlocks([]byte(src))
	if !ok || len(blocks) != 1 || string(blocks[0]) != readsS3("net")[:len(readsS3("net"))-1] {
		t.Errorf("stateBlocks = %q, %v; want the data block alone", blocks, ok)
	}
	for _, src := range []string{
		"locals {\n  d = \"terraform_remote_state\"\n}\n",              // not a header
		"data \"terraform_remote_state\" \"n\" { backend = \"s3\" }\n", // one line
	} {
		if _, ok := stateBlocks([]byte(src)); ok {
			t.Errorf("stateBlocks(%q) is sure; it should leave it to the parser", src)
		}
	}
}

// TestKeyed: a read by key finds the roots the whole index finds, without
// reading the backend of the roots whose terraform blocks cannot spell the
// key.
func TestKeyed(t *testing.T) {
	tree(t, map[string]string{
		"net/main.tf":       s3Backend("net/terraform.tfstate"),
		"twin/main.tf":      s3Backend("net/terraform.tfstate"),
		"other/main.tf":     s3Backend("other/terraform.tfstate") + readsS3("net/terraform.tfstate"),
		"escaped/main.tf":   s3Backend(`n\u0065t/terraform.tfstate`),
		"json/main.tf.json": `{"terraform": {"backend": {"s3": {"bucket": "acme", "key": "net/terraform.tfstate"}}}}`,
		"local/main.tf":     resource,
	})
	roots, _, _ := discover(context.Background(), frontEnds(Options{}), []string{"."}, nil, "")
	cat := newCatalog(context.Background(), Options{}, frontEnds(Options{}), nil, roots)
	want := eval.Backend{Type: "s3", Config: map[string]string{"bucket": "acme", "key": "net/terraform.tfstate"}}
	names := func(cs []candidate) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, filepath.ToSlash(c.r.path))
		}
		return out
	}
	got := names(cat.remote().keyed(want))
	if diff := cmp.Diff([]string{"escaped", "json", "net", "twin"}, got); diff != "" {
		t.Errorf("keyed (-want +got):\n%s", diff)
	}
	if read := len(cat.remote().backends); read != 4 {
		t.Errorf("%d backends read, want 4 (not other's, nor local's)", read)
	}
	if diff := cmp.Diff(names(cat.remote().index().byKey[want.MatchKey()]), got); diff != "" {
		t.Errorf("keyed differs from the index (-index +keyed):\n%s", diff)
	}
}

func TestBlockOf(t *testing.T) {
	for src, want := range map[string]bool{
		"module \"vpc\" {\n}\n":          true,
		"  module {\n":                   true,
		"a = path.module\n":              false,
		"a = module.vpc.id\n":            false,
		"module_name = \"x\"\n":          false,
		"a = my-module\n":                false,
		"# a module is called elsewhere": true, // only a reason to parse
	} {
		if got := blockOf([]byte(src), "module"); got != want {
			t.Errorf("blockOf(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestFormerModules: the module directories a deleted file's text calls.
func TestFormerModules(t *testing.T) {
	for _, tc := range []struct {
		file, text string
		want       []string
	}{
		{"/r/app/main.tf", "module \"m\" {\n  source = \"../modules/m\"\n}\nmodule \"v\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n", []string{"/r/modules/m"}},
		{"/r/app/main.tf", "module \"m\" {\n  source = \n", nil},
		{"/r/live/a/terragrunt.hcl", "terraform {\n  source = \"../../modules//x\"\n}\n", []string{"/r/modules/x"}},
		{"/r/live/terragrunt.hcl", "terraform {\n  source = \"${get_parent_terragrunt_dir()}/..//modules/db\"\n}\n", []string{"*/modules/db"}},
		{"/r/live/a/terragrunt.hcl", "terraform {\n  source = \"${get_repo_root()}/modules//database\"\n}\n", []string{"*/modules/database"}},
		{"/r/live/a/terragrunt.hcl", "terraform {\n  source = \"git::https://example.com/m.git//db?ref=v1\"\n}\nx = \"${local.a}/\"\n", nil},
		{"/r/k8s/web.yaml", "source: ../modules/m\n", nil},
	} {
		var got []string
		for _, m := range formerModules(filepath.FromSlash(tc.file), []byte(tc.text)) {
			got = append(got, filepath.ToSlash(m))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s %q (-want +got):\n%s", tc.file, tc.text, diff)
		}
	}
}

// TestHCLFileReads: what the file functions of a .hcl file read, by the
// literal end of their paths.
func TestHCLFileReads(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       hclReads
	}{
		{"none", "inputs = {\n  a = 1\n}\n", hclReads{}},
		{"find_in_parent_folders", "locals {\n  env = yamldecode(file(find_in_parent_folders(\"env.yaml\")))\n}\n", hclReads{ends: []string{"env.yaml"}}},
		{"a template", "locals {\n  a = read_terragrunt_config(\"${get_repo_root()}/_envcommon/db.hcl\")\n}\n", hclReads{ends: []string{"db.hcl"}}},
		{"a name's end", "inputs = yamldecode(file(\"${get_terragrunt_dir()}/${local.env}.yaml\"))\n", hclReads{ends: []string{".yaml"}}},
		{"a literal", "inputs = jsondecode(file(\"inputs.json\"))\n", hclReads{ends: []string{"inputs.json"}}},
		{"a variable", "inputs = yamldecode(file(local.path))\n", hclReads{open: true}},
		{"a directory's end", "inputs = yamldecode(file(\"${local.dir}/\"))\n", hclReads{open: true}},
		{"another function", "inputs = yamldecode(file(format(\"%s.yaml\", local.env)))\n", hclReads{open: true}},
		{"does not parse", "inputs = file(\"a.yaml\"\n", hclReads{open: true}},
		{"the name in a string only", "description = \"file(x) reads\"\n", hclReads{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "terragrunt.hcl")
			if err := os.WriteFile(name, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := hclFileReads(name); !cmp.Equal(tc.want, got, cmp.AllowUnexported(hclReads{})) {
				t.Errorf("hclFileReads = %+v, want %+v", got, tc.want)
			}
		})
	}
}
