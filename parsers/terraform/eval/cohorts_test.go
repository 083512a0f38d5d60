package eval

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
)

// cohortRoot has database subnets counted by the number of zones, which is
// unknown offline, and references to them from resources of the same and
// of other counts.
const cohortRoot = `
data "aws_availability_zones" "a" {}

locals {
  azs = data.aws_availability_zones.a.names
}

variable "subnets" {
  type = map(string)
}

resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "db" {
  count      = length(local.azs)
  vpc_id     = aws_vpc.v.id
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}

resource "aws_route_table_association" "index" {
  count     = length( local.azs ) # same text but for spaces and a comment
  subnet_id = aws_subnet.db[count.index].id
}

resource "aws_route_table_association" "element" {
  count     = length(local.azs)
  subnet_id = element(aws_subnet.db[*].id, count.index)
}

resource "aws_route_table_association" "legacy_splat" {
  count     = length(local.azs)
  subnet_id = element(aws_subnet.db.*.id, count.index)
}

resource "aws_route_table_association" "template" {
  count     = length(local.azs)
  subnet_id = "${aws_subnet.db[count.index].id}"
}

resource "aws_route_table_association" "vpc" {
  count     = length(local.azs)
  subnet_id = aws_subnet.db[count.index].vpc_id
}

resource "aws_network_acl" "list" {
  count      = length(local.azs)
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.db[count.index].id]
}

resource "aws_route_table_association" "offset" {
  count     = length(local.azs)
  subnet_id = aws_subnet.db[count.index + 1].id
}

resource "aws_route_table_association" "fixed" {
  count     = length(local.azs)
  subnet_id = aws_subnet.db[0].id
}

resource "aws_route_table_association" "other_count" {
  count     = length(local.azs) - 1
  subnet_id = aws_subnet.db[count.index].id
}

resource "aws_route_table_association" "impure" {
  count     = length(uuid())
  subnet_id = "x"
}

resource "aws_subnet" "keyed" {
  for_each = var.subnets
  vpc_id   = aws_vpc.v.id
}

resource "aws_route_table_association" "by_key" {
  for_each  = var.subnets
  subnet_id = aws_subnet.keyed[each.key].id
}

resource "aws_route_table_association" "by_value" {
  for_each  = aws_subnet.keyed
  subnet_id = each.value.id
}

resource "aws_route_table_association" "key_of_count" {
  for_each  = var.subnets
  subnet_id = aws_subnet.db[each.key].id
}

module "zone" {
  source    = "./zone"
  count     = length(local.azs)
  subnet_id = aws_subnet.db[count.index].id
  azs       = local.azs
}

module "other" {
  source    = "./zone"
  subnet_id = aws_subnet.db[0].id
  azs       = local.azs
}
`

// cohortModule is called once per zone by module.zone: its association is
// paired with the caller's subnet through the variable, and it pairs its
// own counted resources among themselves.
const cohortModule = `
variable "subnet_id" {}
variable "azs" {}

resource "aws_route_table_association" "caller" {
  subnet_id = var.subnet_id
}

resource "aws_subnet" "own" {
  count  = length(var.azs)
  vpc_id = "vpc-1"
}

resource "aws_route_table_association" "own" {
  count     = length(var.azs)
  subnet_id = aws_subnet.own[count.index].id
}
`

func TestCohorts(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": cohortRoot, "zone/main.tf": cohortModule}, Options{})
	noErrors(t, ds)

	// The cohort is the module prefix, the meta-argument and the tokens of
	// the expression: `length ( local . azs )` whatever the spacing.
	const rootCount = "count=length ( local . azs )"
	cohorts := []struct {
		addr, want string
	}{
		{"aws_subnet.db[?]", rootCount},
		{"aws_route_table_association.index[?]", rootCount},
		{"aws_route_table_association.element[?]", rootCount},
		{"aws_route_table_association.other_count[?]", "count=length ( local . azs ) - 1"},
		{"aws_route_table_association.impure[?]", ""},
		{"aws_vpc.v", ""},
		{"aws_subnet.keyed[?]", "for_each=var . subnets"},
		{"aws_route_table_association.by_key[?]", "for_each=var . subnets"},
		// for_each over a resource with a for_each has that resource's keys.
		{"aws_route_table_association.by_value[?]", "for_each=var . subnets"},
		// A module call evaluates its count in its caller: same cohort as
		// the caller's resources, which everything in the module shares.
		{"module.zone[?].aws_route_table_association.caller", rootCount},
		{"module.zone[?].aws_subnet.own[?]", "module.zone[?].count=length ( var . azs )"},
		{"module.other.aws_subnet.own[?]", "module.other.count=length ( var . azs )"},
		{"module.other.aws_route_table_association.caller", ""},
	}
	for _, c := range cohorts {
		if got := instance(t, res, c.addr).Cohort; got != c.want {
			t.Errorf("%s: Cohort = %q, want %q", c.addr, got, c.want)
		}
	}

	dbTok := tok("aws_subnet.db[?]")
	paired := []struct {
		addr, attr string
		want       string // the token, or "" for an unknown value
		same       bool
	}{
		{"aws_route_table_association.index[?]", "subnet_id", dbTok, true},
		{"aws_route_table_association.element[?]", "subnet_id", dbTok, true},
		{"aws_route_table_association.legacy_splat[?]", "subnet_id", dbTok, true},
		{"aws_route_table_association.template[?]", "subnet_id", dbTok, true},
		// The subnet's VPC is known and the same for every subnet; it is
		// not the element itself.
		{"aws_route_table_association.vpc[?]", "subnet_id", tok("aws_vpc.v"), false},
		// count.index + 1 names another subnet, which may not exist.
		{"aws_route_table_association.offset[?]", "subnet_id", "", false},
		{"aws_route_table_association.fixed[?]", "subnet_id", "", false},
		{"aws_route_table_association.other_count[?]", "subnet_id", "", false},
		{"aws_route_table_association.by_key[?]", "subnet_id", tok("aws_subnet.keyed[?]"), true},
		{"aws_route_table_association.by_value[?]", "subnet_id", tok("aws_subnet.keyed[?]"), true},
		{"aws_route_table_association.key_of_count[?]", "subnet_id", "", false},
		{"module.zone[?].aws_route_table_association.caller", "subnet_id", dbTok, true},
		{"module.zone[?].aws_route_table_association.own[?]", "subnet_id", tok("module.zone[?].aws_subnet.own[?]"), true},
		{"module.other.aws_route_table_association.caller", "subnet_id", "", false},
	}
	for _, c := range paired {
		inst := instance(t, res, c.addr)
		v := attr(t, res, c.addr, c.attr)
		if c.want == "" {
			if v.IsKnown() {
				t.Errorf("%s.%s = %#v, want unknown", c.addr, c.attr, v)
			}
		} else if got := str(t, v); got != c.want {
			t.Errorf("%s.%s = %q, want %q", c.addr, c.attr, got, c.want)
		}
		if got := SameIndexOf(v, inst.Cohort); got != c.same {
			t.Errorf("%s.%s: SameIndexOf = %v, want %v", c.addr, c.attr, got, c.same)
		}
	}

	// Inside a list, the element itself is paired.
	acl := instance(t, res, "aws_network_acl.list[?]")
	ids, _ := attr(t, res, "aws_network_acl.list[?]", "subnet_ids").Unmark()
	if !ids.IsKnown() || ids.LengthInt() != 1 {
		t.Fatalf("subnet_ids = %#v, want a list of one", ids)
	}
	elem := ids.Index(cty.NumberIntVal(0))
	if str(t, elem) != dbTok || !SameIndexOf(elem, acl.Cohort) {
		t.Errorf("subnet_ids[0] = %#v, want %s paired", elem, dbTok)
	}

	// A pairing holds only in its own cohort.
	v := attr(t, res, "aws_route_table_association.index[?]", "subnet_id")
	for _, other := range []string{"", "for_each=var . subnets", "module.zone[?].count=length ( var . azs )"} {
		if SameIndexOf(v, other) {
			t.Errorf("SameIndexOf(%q) = true", other)
		}
	}
	// The subnets' own count.index arithmetic is untouched: unknown.
	if attr(t, res, "aws_subnet.db[?]", "cidr_block").IsKnown() {
		t.Error("cidr_block of a symbolic subnet should be unknown")
	}
}

// TestCohortsDynamicIteratorShadows checks that a dynamic block iterator
// named count is not taken for the resource's own count.index (the
// iterator has no index: Terraform reports the reference, and so does eval).
func TestCohortsDynamicIteratorShadows(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "n" { type = number }
resource "aws_subnet" "s" {
  count = var.n
}
resource "aws_security_group" "g" {
  count = var.n
  dynamic "ingress" {
    for_each = [1]
    iterator = count
    content {
      description = aws_subnet.s[count.index].id
    }
  }
  description = aws_subnet.s[count.index].id
}
`}, Options{})
	if !hasDiag(ds, diag.Error, `attribute named "index"`) {
		t.Errorf("want an error for count.index on the iterator, got %v", ds)
	}
	g := instance(t, res, "aws_security_group.g[?]")
	if v := g.Body.Attr("description").Value; !SameIndexOf(v, g.Cohort) {
		t.Errorf("description = %#v, want paired", v)
	}
	in := g.Body.Blocks["ingress"]
	if len(in) != 1 {
		t.Fatalf("ingress blocks = %d", len(in))
	}
	if v := in[0].Attr("description").Value; v.IsKnown() || SameIndexOf(v, g.Cohort) {
		t.Errorf("ingress description = %#v, want unknown and unpaired", v)
	}
}

// TestCompleteLists checks which lists of unknown length hold exactly the
// instances of a symbolic resource, and which may hold something else.
func TestCompleteLists(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "n" { type = number }
variable "m" { type = map(string) }
resource "aws_vpc" "v" {}
resource "aws_subnet" "counted" {
  count  = var.n
  vpc_id = aws_vpc.v.id
}
resource "aws_subnet" "keyed" {
  for_each = var.m
  vpc_id   = aws_vpc.v.id
}
resource "aws_network_acl" "lists" {
  splat         = aws_subnet.counted[*].id
  legacy        = aws_subnet.counted.*.id
  wrapped       = toset((aws_subnet.counted[*].arn))
  values_splat  = values(aws_subnet.keyed)[*].id
  for_keyed     = [for s in aws_subnet.keyed : s.id]
  for_counted   = [for k, s in aws_subnet.counted : s.id]
  other_attr    = aws_subnet.counted[*].vpc_id
  concat        = concat(aws_subnet.counted[*].id, [aws_vpc.v.id])
  sliced        = slice(aws_subnet.counted[*].id, 0, 1)
  mapped        = [for s in aws_subnet.counted : aws_vpc.v.id]
  filtered      = [for s in aws_subnet.counted : s.id if s.vpc_id != ""]
  splat_keyed   = aws_subnet.keyed[*].id
  values_counted = values(aws_subnet.counted)[*].id
}
`}, Options{})
	_ = ds // values() of a tuple and a splat of an object are Terraform errors; only Complete matters here
	want := map[string]bool{
		"splat": true, "legacy": true, "wrapped": true, "values_splat": true, "for_keyed": true, "for_counted": true,
		"other_attr": false, "concat": false, "sliced": false, "mapped": false, "filtered": false,
		"splat_keyed": false, "values_counted": false,
	}
	acl := instance(t, res, "aws_network_acl.lists")
	for name, complete := range want {
		a := acl.Body.Attr(name)
		if a == nil {
			t.Errorf("no attribute %s", name)
			continue
		}
		if a.Complete != complete {
			t.Errorf("%s: Complete = %v, want %v (value %#v)", name, a.Complete, complete, a.Value)
		}
	}
}
