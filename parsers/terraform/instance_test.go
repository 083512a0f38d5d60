package terraform

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Test instances are built by hand, the way eval hands them over: every
// instance spans lines 1-30 of main.tf, its arguments start at line 2 in
// name order, and its nested blocks start at line 20.

const testFile = "main.tf"

func hclRange(line, endLine int) hcl.Range {
	return hcl.Range{
		Filename: testFile,
		Start:    hcl.Pos{Line: line, Column: 3},
		End:      hcl.Pos{Line: endLine, Column: 4},
	}
}

// modelRange is the model range of hclRange(line, endLine).
func modelRange(line, endLine int) model.Range {
	return model.Range{File: testFile, Line: line, Column: 3, EndLine: endLine, EndColumn: 4}
}

type attrs map[string]cty.Value

// nested is a nested block of a test instance.
type nested struct {
	typ   string
	attrs attrs
	maybe *model.Unresolved
}

func bodyOf(a attrs, firstLine int) eval.Body {
	names := make([]string, 0, len(a))
	for n := range a {
		names = append(names, n)
	}
	sort.Strings(names)
	b := eval.Body{Blocks: map[string][]*eval.Block{}}
	for i, n := range names {
		line := firstLine + i
		b.Attrs = append(b.Attrs, eval.Attr{Name: n, Value: a[n], Range: hclRange(line, line)})
	}
	return b
}

// resource builds a managed resource instance at addr (`aws_vpc.main`,
// `module.net.aws_subnet.a[0]`); its type is the address's resource type.
func resource(addr string, a attrs, blocks ...nested) *eval.Instance {
	body := bodyOf(a, 2)
	for i, nb := range blocks {
		line := 20 + i
		b := &eval.Block{Body: bodyOf(nb.attrs, line), Range: hclRange(line, line), Maybe: nb.maybe}
		body.Blocks[nb.typ] = append(body.Blocks[nb.typ], b)
	}
	return &eval.Instance{
		Address:  addr,
		Mode:     eval.Managed,
		Type:     resourceType(addr),
		Body:     &body,
		Range:    hclRange(1, 30),
		DefRange: hclRange(1, 1),
		Region:   cty.StringVal("eu-west-1"),
	}
}

// attrRange is the model range of the i-th argument (in name order) of a
// test instance.
func attrRange(i int) model.Range { return modelRange(2+i, 2+i) }

func tok(addr string) cty.Value { return cty.StringVal(model.Token(addr)) }

func strs(vs ...string) cty.Value {
	out := make([]cty.Value, len(vs))
	for i, v := range vs {
		out[i] = cty.StringVal(v)
	}
	return cty.ListVal(out)
}

// Reasons as eval marks unknown values with them.
var (
	varVPC = &model.Unresolved{Kind: model.FromVariable, Reason: `variable "vpc_id" has no value`,
		Range: model.Range{File: "variables.tf", Line: 1, Column: 1}}
	dataAZ = &model.Unresolved{Kind: model.FromDataSource, Reason: "data.aws_availability_zones.all is read at apply time",
		Range: model.Range{File: "main.tf", Line: 40, Column: 1}}
	countUnknown = &model.Unresolved{Kind: model.FromCondition, Reason: "count of aws_subnet.db depends on var.n",
		Range: model.Range{File: "main.tf", Line: 50, Column: 11}}
)

func unknownOf(ty cty.Type, u *model.Unresolved) cty.Value { return cty.UnknownVal(ty).Mark(u) }

// translateAll runs the translation over hand-built instances.
func translateAll(t *testing.T, ins ...*eval.Instance) (*model.Model, diag.Diagnostics) {
	t.Helper()
	m, ds := toModel(&eval.Result{Dir: ".", Instances: ins}, Options{})
	if m == nil {
		t.Fatal("toModel returned no model")
	}
	return m, ds
}

// ignoreRanges compares model objects without their source ranges, which
// have tests of their own.
var ignoreRanges = cmpopts.IgnoreTypes(model.Range{}, []model.Range(nil))

// only returns the one element of a slice, failing the test otherwise.
func only[T any](t *testing.T, what string, xs []T) T {
	t.Helper()
	if len(xs) != 1 {
		t.Fatalf("got %d %s, want 1", len(xs), what)
	}
	return xs[0]
}

func diff(want, got any) string { return cmp.Diff(want, got, ignoreRanges) }

// cmpWithRanges compares values including their ranges.
func cmpWithRanges(want, got any) string { return cmp.Diff(want, got) }

// org is the expected origin of a test instance, ranges aside.
func org(addr string) model.Origin { return model.Origin{Address: addr, Type: resourceType(addr)} }

// key and lit are expected links, ranges aside.
func key(addr string) model.Ref { return model.Ref{Key: addr} }
func lit(s string) model.Ref    { return model.Ref{Literal: s} }

func known(s string) model.Str { return model.Str{Value: s, Set: true} }
func knownBool(b bool) model.Bool {
	return model.Bool{Value: b, Set: true}
}
func knownInt(i int64) model.Int { return model.Int{Value: i, Set: true} }

func keys(addrs ...string) model.Refs {
	out := model.Refs{Set: true}
	for _, a := range addrs {
		out.Items = append(out.Items, key(a))
	}
	return out
}

func lits(vs ...string) model.Refs {
	out := model.Refs{Set: true}
	for _, v := range vs {
		out.Items = append(out.Items, lit(v))
	}
	return out
}

func strList(vs ...string) model.StrList {
	out := model.StrList{Set: true}
	for _, v := range vs {
		out.Items = append(out.Items, known(v))
	}
	return out
}
