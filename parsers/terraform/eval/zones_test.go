package eval

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

const zonesRoot = `
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "other"
  region = "eu-west-1"
}

variable "flag" {
  type = bool
}

variable "excluded" {
  type = list(string)
}

data "aws_availability_zones" "a" {}
data "aws_availability_zones" "b" {}
data "aws_availability_zones" "s" {
  state = "available"
}
data "aws_availability_zones" "s2" {
  state = "available"
}
data "aws_availability_zones" "u" {
  exclude_names = var.excluded
}
data "aws_availability_zones" "alias" {
  provider = aws.other
}

locals {
  azs    = slice(data.aws_availability_zones.a.names, 0, 3)
  all    = data.aws_availability_zones.a.names
  picked = var.flag ? data.aws_availability_zones.a.names : ["eu-west-1c", "eu-west-1a"]
  looped = [for z in data.aws_availability_zones.a.names : z]
}

resource "t" "x" {
  a0    = data.aws_availability_zones.a.names[0]
  a1    = data.aws_availability_zones.a.names[1]
  a2    = data.aws_availability_zones.a.names[2]
  b0    = data.aws_availability_zones.b.names[0]
  s0    = data.aws_availability_zones.s.names[0]
  s20   = data.aws_availability_zones.s2.names[0]
  u0    = data.aws_availability_zones.u.names[0]
  u0bis = data.aws_availability_zones.u.names[0]
  al0   = data.aws_availability_zones.alias.names[0]
  l0    = local.azs[0]
  l1    = local.azs[1]
  all1  = local.all[1]
  e0    = element(data.aws_availability_zones.a.names, 0)
  e1    = element(data.aws_availability_zones.a.names, 1)
  e2    = element(data.aws_availability_zones.a.names, 2)
  es0   = element(data.aws_availability_zones.s.names, 0)
  es1   = element(data.aws_availability_zones.s.names, 1)
  el2   = element(local.azs, 2)
  el3   = element(local.azs, 3)
  ss0   = slice(local.azs, 1, 3)[0]
  cc2   = concat(local.azs, ["eu-west-1z"])[2]
  set0  = tolist(toset(local.azs))[0]
  set1  = tolist(toset(local.azs))[1]
  set2  = tolist(toset(local.azs))[2]
  srt0  = sort(local.azs)[0]
  dst0  = distinct(local.azs)[0]
  rev0  = reverse(local.azs)[0]
  wrap  = "${data.aws_availability_zones.a.names[0]}"
  id0   = data.aws_availability_zones.a.zone_ids[0]
  rev   = reverse(data.aws_availability_zones.a.names)[0]
  pick0 = local.picked[0]
  loop0 = local.looped[0]
  up    = upper(data.aws_availability_zones.a.names[0])
  join  = "${data.aws_availability_zones.a.names[0]}x"
  len   = length(local.azs)
  lenu  = length(data.aws_availability_zones.a.names)
  eq    = data.aws_availability_zones.a.names[0] == "eu-west-1a"
  m0    = module.m.zone0
}

resource "t" "c" {
  count = 2
  z     = data.aws_availability_zones.a.names[count.index]
}

module "m" {
  source = "./m"
}

module "o" {
  source = "./m"
  providers = {
    aws = aws.other
  }
}

module "v" {
  source = "./v"
  typed  = data.aws_availability_zones.a.names
  any    = data.aws_availability_zones.a.names
  zone   = data.aws_availability_zones.a.names[1]
}
`

const zonesVarsModule = `
variable "typed" {
  type = list(string)
}
variable "any" {}
variable "zone" {
  type = string
}

resource "t" "v" {
  typed1 = var.typed[1]
  any1   = var.any[1]
  elem0  = element(var.typed, 0)
  slice1 = slice(var.any, 0, 2)[1]
  zone   = var.zone
}
`

const zonesModule = `
data "aws_availability_zones" "a" {}

output "zone0" {
  value = data.aws_availability_zones.a.names[0]
}

resource "t" "y" {
  z = data.aws_availability_zones.a.names[0]
}
`

func TestSymbolicZones(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": zonesRoot, "m/main.tf": zonesModule, "v/main.tf": zonesVarsModule}, Options{})
	noErrors(t, ds)
	zone := func(addr, name string) model.Str {
		v := attr(t, res, addr, name)
		if tok, ok := ZoneOf(v); ok {
			return model.KnownStr(tok, model.Range{})
		}
		if v.IsKnown() {
			t.Errorf("%s.%s is known: %#v", addr, name, v)
		}
		if len(Reasons(v)) == 0 {
			t.Errorf("%s.%s is unknown without a reason", addr, name)
		}
		return model.Str{}
	}
	x := func(name string) model.Str { return zone("t.x", name) }
	same := []struct {
		name string
		a, b model.Str
		want model.Tri
	}{
		{"one position written twice", x("a0"), zone("t.x", "a0"), model.True},
		{"different positions", x("a0"), x("a1"), model.False},
		{"equal arguments, one list", x("a0"), x("b0"), model.True},
		{"equal narrowing arguments, one list", x("s0"), x("s20"), model.True},
		{"other arguments, other list", x("a0"), x("s0"), model.Unknown},
		{"an unknown argument: the instance's own list", x("u0"), x("u0bis"), model.True},
		{"an unknown argument: another list", x("u0"), x("a0"), model.Unknown},
		{"another provider configuration", x("al0"), x("a0"), model.Unknown},
		{"slice through a local", x("l1"), x("a1"), model.True},
		{"slice through a local, other position", x("l0"), x("a1"), model.False},
		{"the list through a local", x("all1"), x("a1"), model.True},
		{"element 0", x("e0"), x("a0"), model.True},
		{"element 1 of a list of every zone", x("e1"), x("a1"), model.True},
		{"element 0 of a narrowed list", x("es0"), x("s0"), model.True},
		{"element of a slice, known length", x("el2"), x("a2"), model.True},
		{"element of a slice wraps by its length", x("el3"), x("a0"), model.True},
		{"a slice of a slice", x("ss0"), x("a1"), model.True},
		{"an element of a known list that holds zones", x("cc2"), x("a2"), model.True},
		{"reverse of a known list moves its zones", x("rev0"), x("a2"), model.True},
		{"a template that only wraps the zone", x("wrap"), x("a0"), model.True},
		{"zone IDs are another list", x("id0"), x("a0"), model.Unknown},
		{"count.index, first", zone("t.c[0]", "z"), x("a0"), model.True},
		{"count.index, second", zone("t.c[1]", "z"), x("a1"), model.True},
		{"a module's data source, same provider", zone("module.m.t.y", "z"), x("a0"), model.True},
		{"a module output", x("m0"), x("a0"), model.True},
		{"a module given another provider", zone("module.o.t.y", "z"), x("a0"), model.Unknown},
		{"a typed module variable", zone("module.v.t.v", "typed1"), x("a1"), model.True},
		{"an untyped module variable", zone("module.v.t.v", "any1"), x("a1"), model.True},
		{"element of a module variable", zone("module.v.t.v", "elem0"), x("a0"), model.True},
		{"slice of a module variable", zone("module.v.t.v", "slice1"), x("a1"), model.True},
		{"a zone as a module variable", zone("module.v.t.v", "zone"), x("a1"), model.True},
	}
	for _, tt := range same {
		if got := model.SameZone(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: SameZone = %v, want %v", tt.name, got, tt.want)
		}
	}
	// Not a zone: what wraps around an unknown length, and whatever is
	// computed from the list or a zone rather than passed on.
	for _, name := range []string{"e2", "es1", "rev", "pick0", "loop0", "up", "join", "set0", "set1", "set2", "srt0", "dst0"} {
		if z := x(name); z.Known() {
			t.Errorf("%s is the zone %q, want unknown", name, model.ZoneText(z.Value))
		}
	}
	if n, _ := attr(t, res, "t.x", "len").Unmark(); !n.IsKnown() || !n.Equals(cty.NumberIntVal(3)).True() {
		t.Errorf("length of a slice of 3 = %#v, want 3", n)
	}
	for _, name := range []string{"lenu", "eq"} {
		if v := attr(t, res, "t.x", name); v.IsKnown() {
			t.Errorf("%s = %#v, want unknown", name, v)
		}
	}
	if got := model.ZoneText(x("a1").Value); got != "data.aws_availability_zones.a.names[1]" {
		t.Errorf("ZoneText = %q", got)
	}
	if got := model.ZoneText(x("m0").Value); got != "module.m.data.aws_availability_zones.a.names[0]" {
		t.Errorf("ZoneText of the module's zone = %q", got)
	}
}

// TestZoneListIdentity: a zone list is the very value made for it, so that
// what cty derives from it, which carries its marks, is not taken for it.
func TestZoneListIdentity(t *testing.T) {
	z := &zoneList{key: "k", why: &model.Unresolved{Reason: "r"}, minLen: 2,
		val: cty.UnknownVal(cty.List(cty.String)).RefineNotNull()}
	v := z.val.Mark(z.why).Mark(z)
	if zoneListOf(v) != z {
		t.Fatal("the list is not recognised")
	}
	other := cty.UnknownVal(cty.List(cty.String)).RefineNotNull().WithMarks(v.Marks())
	if zoneListOf(other) != nil {
		t.Error("another unknown list with the same marks is taken for the list")
	}
	if zoneListOf(cty.UnknownVal(cty.String).WithMarks(v.Marks())) != nil {
		t.Error("an unknown string with the list's marks is taken for the list")
	}
	e1, e2 := z.elem(1), z.elem(1)
	if a, b := zoneOf(e1), zoneOf(e2); a == nil || b == nil || a == b || a.index != 1 || b.index != 1 {
		t.Errorf("elements: %v %v", a, b)
	}
	if zoneOf(cty.UnknownVal(cty.String).RefineNotNull().WithMarks(e1.Marks())) != nil {
		t.Error("another unknown string with a zone's marks is taken for the zone")
	}
}

// TestZonesOfAnotherRoot: a zone that another root's outputs pass on is a
// position of that root's list (its account may be another), never of the
// reading root's own list, even with the same arguments.
func TestZonesOfAnotherRoot(t *testing.T) {
	const network = `
terraform {
  backend "s3" {
    bucket = "b"
    key    = "net"
  }
}
data "aws_availability_zones" "a" {}
resource "aws_subnet" "a" {
  availability_zone = data.aws_availability_zones.a.names[0]
}
output "azs" {
  value = slice(data.aws_availability_zones.a.names, 0, 2)
}
output "all" {
  value = data.aws_availability_zones.a.names
}
`
	const reader = `
data "terraform_remote_state" "net" {
  backend = "s3"
  config = {
    bucket = "b"
    key    = "net"
  }
}
data "aws_availability_zones" "a" {}
resource "t" "x" {
  remote0 = data.terraform_remote_state.net.outputs.azs[0]
  remote1 = data.terraform_remote_state.net.outputs.azs[1]
  own0    = data.aws_availability_zones.a.names[0]
}
`
	netDir := writeTree(t, map[string]string{"main.tf": network})
	netRes, ds := Evaluate(netDir, Options{})
	noErrors(t, ds)
	remote := func(b Backend, ws string) (*RemoteRoot, *model.Unresolved) {
		if _, ok := Match(b, ws, RootBackend(netDir, "", 0)); !ok {
			return nil, &model.Unresolved{Reason: "no root keeps " + b.String()}
		}
		return &RemoteRoot{Name: "network", Result: netRes}, nil
	}
	res, ds := run(t, map[string]string{"main.tf": reader}, Options{RemoteState: remote})
	noErrors(t, ds)
	zone := func(addr, name string) model.Str {
		tok, ok := ZoneOf(attr(t, res, addr, name))
		if !ok {
			t.Fatalf("%s.%s is not a zone", addr, name)
		}
		return model.KnownStr(tok, model.Range{})
	}
	subnet := ""
	for _, in := range res.Instances {
		if strings.HasSuffix(in.Address, "aws_subnet.a") {
			subnet = in.Address
		}
	}
	if subnet == "" {
		t.Fatalf("the network's subnet did not join: %v", addresses(res))
	}
	tests := []struct {
		name string
		a, b model.Str
		want model.Tri
	}{
		{"the other root's zone and its subnet's", zone("t.x", "remote0"), zone(subnet, "availability_zone"), model.True},
		{"another position of the other root's list", zone("t.x", "remote1"), zone(subnet, "availability_zone"), model.False},
		{"the other root's list and this root's own", zone("t.x", "own0"), zone("t.x", "remote0"), model.Unknown},
	}
	for _, tt := range tests {
		if got := model.SameZone(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: SameZone = %v, want %v", tt.name, got, tt.want)
		}
	}

	// A root with no zone list of its own indexes the other root's.
	const plain = `
data "terraform_remote_state" "net" {
  backend = "s3"
  config = {
    bucket = "b"
    key    = "net"
  }
}
resource "t" "y" {
  all0 = data.terraform_remote_state.net.outputs.all[0]
}
`
	res, ds = run(t, map[string]string{"main.tf": plain}, Options{RemoteState: remote})
	noErrors(t, ds)
	if got := model.SameZone(zone("t.y", "all0"), zone(subnet, "availability_zone")); got != model.True {
		t.Errorf("the other root's list, indexed in a root without one: SameZone = %v, want true", got)
	}
}

// TestZonesInJSON: .tf.json expressions are not rewritten, so an index
// there stays unknown, while element and slice, functions, still work.
func TestZonesInJSON(t *testing.T) {
	const src = `{
  "data": {"aws_availability_zones": {"a": {}}},
  "resource": {"t": {"x": {
    "index": "${data.aws_availability_zones.a.names[0]}",
    "elem":  "${element(data.aws_availability_zones.a.names, 0)}",
    "slice": "${slice(data.aws_availability_zones.a.names, 0, 2)[1]}"
  }}}
}`
	res, ds := run(t, map[string]string{"main.tf.json": src}, Options{})
	noErrors(t, ds)
	if _, ok := ZoneOf(attr(t, res, "t.x", "index")); ok {
		t.Error("an index in JSON syntax is a zone")
	}
	for _, name := range []string{"elem", "slice"} {
		if _, ok := ZoneOf(attr(t, res, "t.x", name)); !ok {
			t.Errorf("%s in JSON syntax is not a zone", name)
		}
	}
}
