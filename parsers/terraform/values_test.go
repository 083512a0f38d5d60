package terraform

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

const valuesAddr = "aws_thing.x"

// fieldsOf reads the single argument "a" holding v (absent when v is
// cty.NilVal), with its range at line 2 and the block over lines 1-30.
func fieldsOf(v cty.Value) (*fields, *translator) {
	t := newTranslator(&model.Model{}, nil)
	a := attrs{}
	if v != cty.NilVal {
		a["a"] = v
	}
	in := resource(valuesAddr, a)
	return t.fields(in), t
}

var (
	argRange   = attrRange(0)
	blockRange = modelRange(1, 30)
)

func noExpr(name string) *model.Unresolved {
	return &model.Unresolved{Kind: model.FromExpression, Reason: name + " of " + valuesAddr + " cannot be evaluated offline", Range: argRange}
}

func invalid(name, ty string) *model.Unresolved {
	return &model.Unresolved{Kind: model.FromExpression, Reason: name + " of " + valuesAddr + " is not a valid " + ty, Range: argRange}
}

func TestStr(t *testing.T) {
	early := &model.Unresolved{Kind: model.FromVariable, Reason: "early", Range: model.Range{File: "a.tf", Line: 1}}
	late := &model.Unresolved{Kind: model.FromVariable, Reason: "late", Range: model.Range{File: "a.tf", Line: 9}}
	tests := []struct {
		name  string
		in    cty.Value
		want  model.Str
		warns int
	}{
		{"known", cty.StringVal("10.0.0.0/16"), model.KnownStr("10.0.0.0/16", argRange), 0},
		{"empty string is set", cty.StringVal(""), model.KnownStr("", argRange), 0},
		{"absent is unset with block range", cty.NilVal, model.Str{Range: blockRange}, 0},
		{"null is unset with block range", cty.NullVal(cty.String), model.Str{Range: blockRange}, 0},
		{"unknown carries its mark", unknownOf(cty.String, varVPC), model.UnknownStr(varVPC, argRange), 0},
		{"unknown of dynamic type", cty.DynamicVal.Mark(varVPC), model.UnknownStr(varVPC, argRange), 0},
		{"unknown without mark names the argument", cty.UnknownVal(cty.String), model.UnknownStr(noExpr("a"), argRange), 0},
		{"first of several marks by position", cty.UnknownVal(cty.String).Mark(late).Mark(early), model.UnknownStr(early, argRange), 0},
		{"marked known value is unmarked", cty.StringVal("vpc-1").Mark("sensitive"), model.KnownStr("vpc-1", argRange), 0},
		{"number converts like Terraform", cty.NumberIntVal(443), model.KnownStr("443", argRange), 0},
		{"bool converts like Terraform", cty.True, model.KnownStr("true", argRange), 0},
		{"list is the wrong type", strs("a"), model.UnknownStr(invalid("a", "string"), argRange), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, tr := fieldsOf(tc.in)
			got := f.str("a")
			if d := cmpWithRanges(tc.want, got); d != "" {
				t.Errorf("str (-want +got):\n%s", d)
			}
			if len(tr.ds) != tc.warns {
				t.Errorf("got %d diagnostics %v, want %d", len(tr.ds), tr.ds, tc.warns)
			}
		})
	}
}

func TestBoolean(t *testing.T) {
	tests := []struct {
		name  string
		in    cty.Value
		want  model.Bool
		warns int
	}{
		{"true", cty.True, model.KnownBool(true, argRange), 0},
		{"false", cty.False, model.KnownBool(false, argRange), 0},
		{"string true converts", cty.StringVal("true"), model.KnownBool(true, argRange), 0},
		{"string false converts", cty.StringVal("false"), model.KnownBool(false, argRange), 0},
		{"absent", cty.NilVal, model.Bool{Range: blockRange}, 0},
		{"unknown", unknownOf(cty.Bool, varVPC), model.Bool{Unknown: varVPC, Range: argRange}, 0},
		{"maybe is not a bool", cty.StringVal("maybe"), model.Bool{Unknown: invalid("a", "bool"), Range: argRange}, 1},
		{"number is not a bool", cty.NumberIntVal(1), model.Bool{Unknown: invalid("a", "bool"), Range: argRange}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, tr := fieldsOf(tc.in)
			if d := cmpWithRanges(tc.want, f.boolean("a")); d != "" {
				t.Errorf("boolean (-want +got):\n%s", d)
			}
			if len(tr.ds) != tc.warns {
				t.Errorf("got %d diagnostics %v, want %d", len(tr.ds), tr.ds, tc.warns)
			}
		})
	}
}

func TestInteger(t *testing.T) {
	tests := []struct {
		name  string
		in    cty.Value
		want  model.Int
		warns int
	}{
		{"number", cty.NumberIntVal(443), model.KnownInt(443, argRange), 0},
		{"string number converts", cty.StringVal("443"), model.KnownInt(443, argRange), 0},
		{"negative", cty.NumberIntVal(-1), model.KnownInt(-1, argRange), 0},
		{"absent", cty.NilVal, model.Int{Range: blockRange}, 0},
		{"unknown", unknownOf(cty.Number, varVPC), model.Int{Unknown: varVPC, Range: argRange}, 0},
		{"fraction", cty.NumberFloatVal(1.5), model.Int{Unknown: invalid("a", "number"), Range: argRange}, 1},
		{"too large", cty.MustParseNumberVal("1e30"), model.Int{Unknown: invalid("a", "number"), Range: argRange}, 1},
		{"word", cty.StringVal("https"), model.Int{Unknown: invalid("a", "number"), Range: argRange}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, tr := fieldsOf(tc.in)
			if d := cmpWithRanges(tc.want, f.integer("a")); d != "" {
				t.Errorf("integer (-want +got):\n%s", d)
			}
			if len(tr.ds) != tc.warns {
				t.Errorf("got %d diagnostics %v, want %d", len(tr.ds), tr.ds, tc.warns)
			}
		})
	}
}

func TestWrongTypeWarningHasPosition(t *testing.T) {
	f, tr := fieldsOf(cty.StringVal("maybe"))
	f.boolean("a")
	d := only(t, "diagnostics", tr.ds)
	if d.Severity != "warning" || d.Range != argRange {
		t.Errorf("diagnostic = %+v, want a warning at %v", d, argRange)
	}
	for _, want := range []string{valuesAddr, "a:", `"maybe"`, "bool"} {
		if !strings.Contains(d.Message, want) {
			t.Errorf("message %q does not mention %q", d.Message, want)
		}
	}
}

func TestRef(t *testing.T) {
	symbolic := &model.Unresolved{Kind: model.FromCondition, Reason: "aws_vpc.v[?] stands for instances whose count or keys are unknown"}
	tests := []struct {
		name string
		in   cty.Value
		want model.Ref
	}{
		{"token links by identity", tok("aws_vpc.main"), model.Ref{Key: "aws_vpc.main", Range: argRange}},
		{"token inside a module", tok(`module.net.aws_vpc.this["a"]`), model.Ref{Key: `module.net.aws_vpc.this["a"]`, Range: argRange}},
		{"literal ID", cty.StringVal("vpc-0abc"), model.Ref{Literal: "vpc-0abc", Range: argRange}},
		{"string around a token is a literal", cty.StringVal("x-" + model.Token("aws_vpc.main")), model.Ref{Literal: "x-" + model.Token("aws_vpc.main"), Range: argRange}},
		{"empty string is unset", cty.StringVal(""), model.Ref{Range: argRange}},
		{"absent", cty.NilVal, model.Ref{Range: blockRange}},
		{"unknown", unknownOf(cty.String, varVPC), model.Ref{Unknown: varVPC, Range: argRange}},
		{"symbolic instance is maybe", tok("aws_vpc.v[?]"), model.Ref{Key: "aws_vpc.v[?]", Range: argRange, Maybe: symbolic}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := fieldsOf(tc.in)
			if d := cmpWithRanges(tc.want, f.ref("a")); d != "" {
				t.Errorf("ref (-want +got):\n%s", d)
			}
		})
	}
}

func TestRefMaybeFromInstance(t *testing.T) {
	subnet := resource("aws_subnet.db[?]", attrs{})
	subnet.Maybe = countUnknown
	group := resource("aws_db_subnet_group.g", attrs{"subnet_ids": cty.TupleVal([]cty.Value{tok("aws_subnet.db[?]")})})
	m, _ := translateAll(t, subnet, group)
	g := only(t, "subnet groups", m.DBSubnetGroups)
	ref := only(t, "subnets", g.Subnets.Items)
	if ref.Key != "aws_subnet.db[?]" || ref.Maybe != countUnknown {
		t.Errorf("ref = %+v, want aws_subnet.db[?] with the instance's own Maybe", ref)
	}
}

func TestRefs(t *testing.T) {
	tests := []struct {
		name  string
		in    cty.Value
		want  model.Refs
		warns int
	}{
		{"known list", cty.ListVal([]cty.Value{tok("aws_subnet.a"), cty.StringVal("subnet-1")}),
			model.Refs{Set: true, Range: argRange, Items: []model.Ref{
				{Key: "aws_subnet.a", Range: argRange}, {Literal: "subnet-1", Range: argRange}}}, 0},
		{"set", cty.SetVal([]cty.Value{tok("aws_subnet.a")}),
			model.Refs{Set: true, Range: argRange, Items: []model.Ref{{Key: "aws_subnet.a", Range: argRange}}}, 0},
		{"empty list is set and empty", cty.ListValEmpty(cty.String), model.Refs{Set: true, Range: argRange}, 0},
		{"absent", cty.NilVal, model.Refs{Range: blockRange}, 0},
		{"null", cty.NullVal(cty.List(cty.String)), model.Refs{Range: blockRange}, 0},
		{"unknown element keeps the known ones", cty.TupleVal([]cty.Value{tok("aws_subnet.a"), unknownOf(cty.String, dataAZ)}),
			model.Refs{Set: true, Range: argRange, Items: []model.Ref{
				{Key: "aws_subnet.a", Range: argRange}, {Unknown: dataAZ, Range: argRange}}}, 0},
		{"unknown list is incomplete", unknownOf(cty.List(cty.String), dataAZ),
			model.Refs{Set: true, Incomplete: dataAZ, Range: argRange}, 0},
		{"null and empty elements are skipped", cty.TupleVal([]cty.Value{cty.NullVal(cty.String), cty.StringVal(""), tok("aws_subnet.a")}),
			model.Refs{Set: true, Range: argRange, Items: []model.Ref{{Key: "aws_subnet.a", Range: argRange}}}, 0},
		{"a string is not a list", tok("aws_subnet.a"),
			model.Refs{Set: true, Range: argRange, Incomplete: &model.Unresolved{Kind: model.FromExpression,
				Reason: "a of " + valuesAddr + " is not a list", Range: argRange}}, 1},
		{"an object element is not a string", cty.TupleVal([]cty.Value{cty.EmptyObjectVal}),
			model.Refs{Set: true, Range: argRange, Items: []model.Ref{{Unknown: invalid("a", "string"), Range: argRange}}}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, tr := fieldsOf(tc.in)
			if d := cmpWithRanges(tc.want, f.refs("a")); d != "" {
				t.Errorf("refs (-want +got):\n%s", d)
			}
			if len(tr.ds) != tc.warns {
				t.Errorf("got %d diagnostics %v, want %d", len(tr.ds), tr.ds, tc.warns)
			}
		})
	}
}

func TestStrList(t *testing.T) {
	tests := []struct {
		name string
		in   cty.Value
		want model.StrList
	}{
		{"known", strs("10.0.0.0/8", "0.0.0.0/0"), model.StrList{Set: true, Range: argRange,
			Items: []model.Str{model.KnownStr("10.0.0.0/8", argRange), model.KnownStr("0.0.0.0/0", argRange)}}},
		{"absent", cty.NilVal, model.StrList{Range: blockRange}},
		{"unknown element", cty.TupleVal([]cty.Value{unknownOf(cty.String, varVPC)}), model.StrList{Set: true, Range: argRange,
			Items: []model.Str{model.UnknownStr(varVPC, argRange)}}},
		{"unknown list", unknownOf(cty.List(cty.String), varVPC), model.StrList{Set: true, Incomplete: varVPC, Range: argRange}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := fieldsOf(tc.in)
			if d := cmpWithRanges(tc.want, f.strList("a")); d != "" {
				t.Errorf("strList (-want +got):\n%s", d)
			}
		})
	}
}
