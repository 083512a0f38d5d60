package eval

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/internal/goldenroots"
	"github.com/daslint/daslint/model"
)

// TestObjectsReleased: once the walk leaves a file, the objects of the
// file's resources of one instance that only the file's resource bodies
// read are let go, to be built again on use; every other object stays.
func TestObjectsReleased(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.tf": `
resource "aws_vpc" "local_only" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.local_only.id
  cidr_block = cidrsubnet(aws_vpc.local_only.cidr_block, 8, 1)
}

resource "aws_vpc" "read_by_b" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc" "read_by_local" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_kms_key" "read_by_output" {
  description = "k"
}

resource "aws_security_group" "counted" {
  count  = 2
  vpc_id = aws_vpc.local_only.id
}

resource "aws_subnet" "reads_counted" {
  vpc_id = aws_security_group.counted[0].vpc_id
}

locals {
  cidr = aws_vpc.read_by_local.cidr_block
}

output "key" {
  value = aws_kms_key.read_by_output.key_id
}

module "child" {
  source = "./child"
}
`,
		"b.tf": `
resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.read_by_b.id
  cidr_block = local.cidr
}
`,
		"child/main.tf": `
resource "aws_vpc" "in_module" {
  cidr_block = "10.9.0.0/16"
}

resource "aws_subnet" "in_module" {
  vpc_id = aws_vpc.in_module.id
}
`,
	})
	e := newEvaluator(context.Background(), dir, Options{Root: dir})
	res, ds := e.evaluate()
	noErrors(t, ds)
	for key, released := range map[string]bool{
		"|aws_vpc.local_only":            true,
		"|aws_vpc.read_by_b":             false,
		"|aws_vpc.read_by_local":         false,
		"|aws_kms_key.read_by_output":    false,
		"|aws_security_group.counted":    false,
		"module.child|aws_vpc.in_module": false,
	} {
		n := e.memo[key]
		if n == nil {
			t.Errorf("%s: not evaluated", key)
			continue
		}
		got := n.later != nil && n.val == cty.NilVal
		if got != released {
			t.Errorf("%s: released %t, want %t", key, got, released)
		}
	}
	if e.rebuilt != 0 {
		t.Errorf("%d objects built again after their release: read by something sharedObjects missed", e.rebuilt)
	}
	for k := range e.refObjs {
		if k.r.key == "aws_vpc.local_only" {
			t.Error("the {NAME = value} object of a released resource stays")
		}
	}
	// The values read before the release are what they were; a read
	// after it builds the object again, the same.
	bodies := map[string]*Body{}
	for _, in := range res.Instances {
		bodies[in.Address] = in.Body
	}
	if got, want := bodies["aws_subnet.a"].Attr("cidr_block").Value, cty.StringVal("10.0.1.0/24"); !got.RawEquals(want) {
		t.Errorf("aws_subnet.a cidr_block = %#v, want %#v", got, want)
	}
	if got, want := bodies["aws_subnet.b"].Attr("vpc_id").Value, cty.StringVal(model.Token("aws_vpc.read_by_b")); !got.RawEquals(want) {
		t.Errorf("aws_subnet.b vpc_id = %#v, want %#v", got, want)
	}
	v := e.memo["|aws_vpc.local_only"].value()
	if got, want := v.GetAttr("id"), cty.StringVal(model.Token("aws_vpc.local_only")); !got.RawEquals(want) {
		t.Errorf("rebuilt object id = %#v, want %#v", got, want)
	}
	if e.rebuilt != 1 {
		t.Errorf("rebuilt = %d after one read of a released object, want 1", e.rebuilt)
	}
}

// TestObjectsReleasedInJSONConfigStay: a configuration with a file whose
// reads the index cannot place (JSON syntax) lets no object go.
func TestObjectsReleasedInJSONConfigStay(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.tf": `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id = aws_vpc.v.id
}
`,
		"b.tf.json": `{"resource": {"aws_subnet": {"b": {"vpc_id": "${aws_vpc.v.id}"}}}}`,
	})
	e := newEvaluator(context.Background(), dir, Options{Root: dir})
	_, ds := e.evaluate()
	noErrors(t, ds)
	if n := e.memo["|aws_vpc.v"]; n == nil || n.later != nil {
		t.Errorf("aws_vpc.v: released or not evaluated (%v)", n)
	}
}

// TestObjectReleaseKeepsValues evaluates every Terraform root of the
// golden cases with objects released and with every object kept, and
// requires the same instances, bodies and outputs, marks included: a
// release that something reads again builds fresh marks, which would
// show here as the same reason twice (sameValues). Two evaluations make
// marks of their own, so marks compare by what they say.
func TestObjectReleaseKeepsValues(t *testing.T) {
	top := filepath.Join("..", "..", "..", "testdata")
	roots, err := goldenroots.Terraform(top)
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) < 100 {
		t.Fatalf("found %d Terraform roots under %s, want the golden cases'", len(roots), top)
	}
	released, rebuilt := 0, 0
	for _, dir := range roots {
		abs, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		evaluate := func(keep bool) (*evaluator, *Result) {
			e := newEvaluator(context.Background(), abs, Options{Root: abs})
			e.keepObjects = keep
			res, _ := e.evaluate()
			return e, res
		}
		e, got := evaluate(false)
		_, want := evaluate(true)
		for _, n := range e.memo {
			if n.build != nil && n.later != nil && n.val == cty.NilVal {
				released++
			}
		}
		rebuilt += e.rebuilt
		if msg := sameResults(got, want); msg != "" {
			t.Errorf("%s: %s", dir, msg)
		}
	}
	if released == 0 {
		t.Error("no object was released in any golden case")
	}
	if rebuilt != 0 {
		t.Errorf("%d objects were built again after their release", rebuilt)
	}
}

// sameResults says how two evaluations differ, or "".
func sameResults(a, b *Result) string {
	if len(a.Instances) != len(b.Instances) {
		return "instance counts differ"
	}
	for i := range a.Instances {
		x, y := a.Instances[i], b.Instances[i]
		if x.Address != y.Address {
			return "instance " + x.Address + " against " + y.Address
		}
		if msg := sameBodies(x.Body, y.Body); msg != "" {
			return x.Address + ": " + msg
		}
	}
	if len(a.Outputs) != len(b.Outputs) {
		return "output counts differ"
	}
	for name, v := range a.Outputs {
		if w, ok := b.Outputs[name]; !ok || !sameValues(v, w) {
			return "output " + name + " differs"
		}
	}
	return ""
}

func sameBodies(a, b *Body) string {
	if (a == nil) != (b == nil) {
		return "one body is nil"
	}
	if a == nil {
		return ""
	}
	if len(a.Attrs) != len(b.Attrs) || len(a.Blocks) != len(b.Blocks) {
		return "bodies differ in size"
	}
	for _, x := range a.Attrs {
		y := b.Attr(x.Name)
		if y == nil || !sameValues(x.Value, y.Value) || x.Partial != y.Partial || x.Complete != y.Complete || x.Range != y.Range {
			return "argument " + x.Name + " differs"
		}
	}
	for typ, xs := range a.Blocks {
		ys := b.Blocks[typ]
		if len(xs) != len(ys) {
			return "blocks " + typ + " differ in number"
		}
		for i := range xs {
			if msg := sameBodies(&xs[i].Body, &ys[i].Body); msg != "" {
				return typ + ": " + msg
			}
		}
	}
	return ""
}

// sameValues compares a and b, their marks by what they say: the values
// without marks, and the reasons of each (Reasons, one per mark) in
// order.
func sameValues(a, b cty.Value) bool {
	ua, _ := a.UnmarkDeep()
	ub, _ := b.UnmarkDeep()
	if !ua.RawEquals(ub) {
		return false
	}
	ra, rb := Reasons(a), Reasons(b)
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		if *ra[i] != *rb[i] {
			return false
		}
	}
	return true
}
