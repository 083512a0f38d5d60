package eval

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

const networkRoot = `
terraform {
  backend "s3" {
    bucket = "b"
    key    = "net"
  }
}
variable "cidr" { type = string }
resource "aws_vpc" "main" { cidr_block = var.cidr }
resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(var.cidr, 8, count.index)
}
resource "aws_rds_cluster" "ops" {}
output "vpc_id" { value = aws_vpc.main.id }
output "subnet_ids" { value = aws_subnet.private[*].id }
output "cidr" { value = var.cidr }
output "workspace" { value = terraform.workspace }
`

// remoteFixture evaluates the network root (with its own tfvars) in the
// workspace asked for, as parsers does, recording what was asked.
func remoteFixture(t *testing.T, asked *[]string) func(Backend, string) (*RemoteRoot, *model.Unresolved) {
	dir := writeTree(t, map[string]string{"main.tf": networkRoot, "terraform.tfvars": `cidr = "10.1.0.0/16"`})
	have := RootBackend(dir, "", 0)
	results := map[string]*RemoteRoot{}
	return func(b Backend, ws string) (*RemoteRoot, *model.Unresolved) {
		*asked = append(*asked, b.String()+" "+ws)
		w, ok := Match(b, ws, have)
		if !ok {
			return nil, &model.Unresolved{Reason: "no root keeps " + b.String()}
		}
		if r, ok := results[w]; ok {
			return r, nil
		}
		res, _ := Evaluate(dir, Options{Workspace: w})
		results[w] = &RemoteRoot{Name: "network@" + w, Result: res}
		return results[w], nil
	}
}

func TestRemoteStateOutputs(t *testing.T) {
	const reader = `
data "terraform_remote_state" "net" {
  backend   = "s3"
  workspace = var.ws
  config = {
    bucket = "b"
    key    = var.key
  }
  defaults = {
    extra   = "from-defaults"
    vpc_id  = "shadowed"
  }
}
variable "key" {
  type    = string
  default = "net"
}
variable "ws" {
  type    = string
  default = "default"
}
resource "aws_security_group" "db" {
  vpc_id      = data.terraform_remote_state.net.outputs.vpc_id
  subnets     = data.terraform_remote_state.net.outputs.subnet_ids
  description = data.terraform_remote_state.net.outputs.cidr
  name        = data.terraform_remote_state.net.outputs.workspace
  tags        = { extra = data.terraform_remote_state.net.outputs.extra }
}
`
	const prefix = "network@default::"
	t.Run("matched", func(t *testing.T) {
		var asked []string
		res, ds := run(t, map[string]string{"main.tf": reader}, Options{RemoteState: remoteFixture(t, &asked)})
		noErrors(t, ds)
		sg := instance(t, res, "aws_security_group.db")
		if got := str(t, sg.Body.Attr("vpc_id").Value); got != model.Token(prefix+"aws_vpc.main") {
			t.Errorf("vpc_id = %q", got)
		}
		if got := str(t, sg.Body.Attr("description").Value); got != "10.1.0.0/16" {
			t.Errorf("cidr = %q, want the network root's own tfvars", got)
		}
		if got := str(t, sg.Body.Attr("name").Value); got != "default" {
			t.Errorf("workspace = %q", got)
		}
		subnets := sg.Body.Attr("subnets").Value
		if n := subnets.LengthInt(); n != 2 || subnets.Index(cty.NumberIntVal(1)).AsString() != model.Token(prefix+"aws_subnet.private[1]") {
			t.Errorf("subnets = %#v", subnets)
		}
		extra := sg.Body.Attr("tags").Value.GetAttr("extra")
		if extra.AsString() != "from-defaults" {
			t.Errorf("an output the root does not declare takes its default; got %#v", extra)
		}
		got := strings.Join(addresses(res), " ")
		for _, want := range []string{prefix + "aws_vpc.main", prefix + "aws_subnet.private[0]", prefix + "aws_subnet.private[1]"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s not joined: %s", want, got)
			}
		}
		if strings.Contains(got, "aws_rds_cluster.ops") {
			t.Errorf("the other root's cluster joined: %s", got)
		}
		sub := instance(t, res, prefix+"aws_subnet.private[1]")
		if got := str(t, sub.Body.Attr("vpc_id").Value); got != model.Token(prefix+"aws_vpc.main") {
			t.Errorf("joined subnet's vpc_id = %q", got)
		}
		if !strings.HasSuffix(sub.DefRange.Filename, "main.tf") || sub.DefRange.Filename == instance(t, res, "aws_security_group.db").DefRange.Filename {
			t.Errorf("joined subnet's range %s is not in the network root", sub.DefRange)
		}
		if len(res.RemoteFiles) != 1 {
			t.Errorf("RemoteFiles = %v", res.RemoteFiles)
		}
	})
	t.Run("workspace", func(t *testing.T) {
		var asked []string
		res, ds := run(t, map[string]string{"main.tf": reader}, Options{RemoteState: remoteFixture(t, &asked), Vars: []string{"ws=prod"}})
		noErrors(t, ds)
		if got := str(t, instance(t, res, "aws_security_group.db").Body.Attr("name").Value); got != "prod" {
			t.Errorf("the other root evaluates in workspace %q, want prod", got)
		}
	})
	unknownCases := []struct {
		name   string
		opts   Options
		vars   []string
		reason string
	}{
		{"no match", Options{}, []string{"key=other"}, `no root keeps s3 backend (bucket "b", key "other")`},
		{"no callback", Options{}, nil, "no roots are known to match it"},
	}
	for _, tt := range unknownCases {
		t.Run(tt.name, func(t *testing.T) {
			var asked []string
			opts := tt.opts
			opts.Vars = tt.vars
			if tt.name != "no callback" {
				opts.RemoteState = remoteFixture(t, &asked)
			}
			res, _ := run(t, map[string]string{"main.tf": reader}, opts)
			v := instance(t, res, "aws_security_group.db").Body.Attr("vpc_id").Value
			if v.IsKnown() {
				t.Fatalf("vpc_id = %#v, want unknown", v)
			}
			rs := Reasons(v)
			if len(rs) == 0 || !strings.Contains(rs[0].Reason, tt.reason) || rs[0].Range.File == "" {
				t.Errorf("reasons = %v, want %q with a range", rs, tt.reason)
			}
			for _, a := range addresses(res) {
				if strings.Contains(a, RemoteSeparator) {
					t.Errorf("%s joined without a match", a)
				}
			}
		})
	}
	t.Run("config not known", func(t *testing.T) {
		var asked []string
		src := strings.Replace(reader, `default = "net"`, "", 1)
		res, _ := run(t, map[string]string{"main.tf": src}, Options{RemoteState: remoteFixture(t, &asked)})
		v := instance(t, res, "aws_security_group.db").Body.Attr("vpc_id").Value
		if v.IsKnown() || len(asked) != 0 {
			t.Fatalf("vpc_id = %#v after asking %v; want unknown without asking", v, asked)
		}
		if rs := Reasons(v); len(rs) == 0 || !strings.Contains(rs[0].Reason, "config key is not known") {
			t.Errorf("reasons = %v", rs)
		}
	})
}

// TestRemoteStateJoinedOnce: two data sources that read the same root and
// workspace (one in a module) see the same objects, joined once.
func TestRemoteStateJoinedOnce(t *testing.T) {
	const ds = `
data "terraform_remote_state" "net" {
  backend = "s3"
  config  = { bucket = "b", key = "net" }
}
`
	files := map[string]string{
		"main.tf": ds + `
module "m" { source = "./m" }
resource "aws_security_group" "a" { vpc_id = data.terraform_remote_state.net.outputs.vpc_id }
`,
		"m/main.tf": ds + `
resource "aws_security_group" "b" { vpc_id = data.terraform_remote_state.net.outputs.vpc_id }
`,
	}
	var asked []string
	res, ds2 := run(t, files, Options{RemoteState: remoteFixture(t, &asked)})
	noErrors(t, ds2)
	a := str(t, instance(t, res, "aws_security_group.a").Body.Attr("vpc_id").Value)
	b := str(t, instance(t, res, "module.m.aws_security_group.b").Body.Attr("vpc_id").Value)
	if a != b || a != model.Token("network@default::aws_vpc.main") {
		t.Errorf("vpc_id %q and %q, want both the joined VPC", a, b)
	}
	n := 0
	for _, addr := range addresses(res) {
		if strings.HasSuffix(addr, "::aws_vpc.main") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the VPC joined %d times: %v", n, addresses(res))
	}
}

// TestRemoteStateProvenanceCallers checks that an object of another root
// keeps, in its provenance, the module calls of that root that reached it
// (the place the user edits, docs/semantics.md#where-a-run-starts-does-not-matter), and that one at the root's top
// level has none.
func TestRemoteStateProvenanceCallers(t *testing.T) {
	other := writeTree(t, map[string]string{
		"network/main.tf": "resource \"aws_vpc\" \"top\" { cidr_block = \"10.0.0.0/16\" }\n" +
			"module \"vpc\" {\n  source = \"../modules/vpc\"\n}\n" +
			"output \"ids\" { value = [aws_vpc.top.id, module.vpc.id] }\n",
		"modules/vpc/main.tf": "resource \"aws_vpc\" \"this\" { cidr_block = \"10.1.0.0/16\" }\noutput \"id\" { value = aws_vpc.this.id }\n",
	})
	netRes, _ := Evaluate(other+"/network", Options{Root: other})
	remote := func(Backend, string) (*RemoteRoot, *model.Unresolved) {
		return &RemoteRoot{Name: "network", Result: netRes}, nil
	}
	res, _ := run(t, map[string]string{"main.tf": `
data "terraform_remote_state" "net" {
  backend = "local"
}
output "ids" { value = data.terraform_remote_state.net.outputs.ids }
`}, Options{RemoteState: remote})
	froms := map[string]*model.Provenance{}
	for _, in := range res.Instances {
		if in.From != nil {
			froms[in.From.ID] = in.From
		}
	}
	top, mod := froms["aws_vpc.top"], froms["module.vpc.aws_vpc.this"]
	if top == nil || mod == nil {
		t.Fatalf("joined objects %v, want aws_vpc.top and module.vpc.aws_vpc.this", froms)
	}
	if len(top.Callers) != 0 {
		t.Errorf("aws_vpc.top: callers %v, want none", top.Callers)
	}
	if len(mod.Callers) != 1 || !strings.HasSuffix(mod.Callers[0].File, "network/main.tf") || mod.Callers[0].Line != 2 ||
		!strings.HasSuffix(mod.File, "modules/vpc/main.tf") {
		t.Errorf("module.vpc.aws_vpc.this: from %s:%d callers %v, want modules/vpc/main.tf called at network/main.tf:2", mod.File, mod.Line, mod.Callers)
	}
}
