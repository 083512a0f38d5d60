package eval

import (
	"context"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// TestObjectBuiltOnUse: the walk leaves the object of a resource of one
// instance to be built when something reads it, and whatever reads it,
// before or after the walk reaches the resource, sees the object an
// eager build gives; a resource nothing reads never has one built.
func TestObjectBuiltOnUse(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_subnet" "early" {
  # reads a resource the walk has not reached yet
  vpc_id = aws_vpc.late.id
}

resource "aws_vpc" "late" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "after" {
  # reads a resource the walk has evaluated, object not built yet
  name   = aws_subnet.unread_until_now.cidr_block
  vpc_id = aws_vpc.late.main_route_table_id
}

resource "aws_subnet" "unread_until_now" {
  cidr_block = "10.0.1.0/24"
}

resource "aws_rds_cluster_activity_stream" "read_by_nothing" {
  mode = "async"
}

resource "aws_kms_key" "output_only" {
  description = "k"
}

output "key" {
  value = aws_kms_key.output_only.key_id
}
`})
	e := newEvaluator(context.Background(), dir, Options{Root: dir})
	e.keepObjects = true // what is built stays (see TestObjectsReleased)
	res, ds := e.evaluate()
	noErrors(t, ds)
	bodies := map[string]*Body{}
	for _, in := range res.Instances {
		bodies[in.Address] = in.Body
	}
	for addr, want := range map[string]cty.Value{
		"aws_subnet.early":         cty.StringVal(model.Token("aws_vpc.late")),
		"aws_security_group.after": cty.StringVal("10.0.1.0/24"),
	} {
		attr := "vpc_id"
		if addr == "aws_security_group.after" {
			attr = "name"
		}
		if got := bodies[addr].Attr(attr).Value; !got.RawEquals(want) {
			t.Errorf("%s.%s = %#v, want %#v", addr, attr, got, want)
		}
	}
	if got, want := bodies["aws_security_group.after"].Attr("vpc_id").Value, cty.StringVal(model.Token(model.MainRouteTableAddress("aws_vpc.late"))); !got.RawEquals(want) {
		t.Errorf("main route table id = %#v, want %#v", got, want)
	}
	if got, want := res.Outputs["key"], cty.StringVal(model.Token("aws_kms_key.output_only")); !got.RawEquals(want) {
		t.Errorf("output key = %#v, want %#v", got, want)
	}
	for key, built := range map[string]bool{
		"|aws_rds_cluster_activity_stream.read_by_nothing": false,
		"|aws_vpc.late":                true,
		"|aws_subnet.unread_until_now": true,
		"|aws_kms_key.output_only":     true,
		"|aws_security_group.after":    false,
	} {
		n := e.memo[key]
		if n == nil {
			t.Errorf("%s: not evaluated", key)
			continue
		}
		if got := n.later == nil; got != built {
			t.Errorf("%s: object built %t, want %t", key, got, built)
		}
	}
	if _, ok := e.tokenOrigins["aws_rds_cluster_activity_stream.read_by_nothing"]; !ok {
		t.Error("the token origin of an object not built is missing")
	}
}
