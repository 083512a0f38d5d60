package eval

import (
	"slices"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func attrNamesOf(b *Body) []string {
	var out []string
	for _, a := range b.Attrs {
		out = append(out, a.Name+"="+a.Value.AsString())
	}
	return out
}

// TestBodyAttrs: arguments are kept sorted by name, each name once; Attr
// finds them and SetAttr replaces or inserts.
func TestBodyAttrs(t *testing.T) {
	s := cty.StringVal
	var nilBody *Body
	if nilBody.Attr("x") != nil {
		t.Error("a nil body has an argument")
	}
	var b Body
	if b.Attr("x") != nil {
		t.Error("an empty body has an argument")
	}
	for _, a := range []Attr{{Name: "vpc_id", Value: s("1")}, {Name: "cidr_block", Value: s("2")},
		{Name: "tags", Value: s("3")}, {Name: "vpc_id", Value: s("4")}, {Name: "arn", Value: s("5")}} {
		b.SetAttr(a)
	}
	if got, want := attrNamesOf(&b), []string{"arn=5", "cidr_block=2", "tags=3", "vpc_id=4"}; !slices.Equal(got, want) {
		t.Errorf("after SetAttr: %v, want %v", got, want)
	}
	for _, name := range []string{"arn", "cidr_block", "tags", "vpc_id"} {
		if a := b.Attr(name); a == nil || a.Name != name {
			t.Errorf("Attr(%q) = %v", name, a)
		}
	}
	for _, name := range []string{"", "a", "cidr", "vpc_id2", "zzz"} {
		if a := b.Attr(name); a != nil {
			t.Errorf("Attr(%q) = %v, want nil", name, a)
		}
	}
}

// TestSortAttrs: the arguments of a body in source order become sorted by
// name, and of two arguments of one name the later stays, as a map
// assigned in source order would keep it.
func TestSortAttrs(t *testing.T) {
	s := cty.StringVal
	for _, tt := range []struct {
		name string
		in   []Attr
		want []string
	}{
		{"none", nil, nil},
		{"one", []Attr{{Name: "a", Value: s("1")}}, []string{"a=1"}},
		{"source order", []Attr{{Name: "vpc_id", Value: s("1")}, {Name: "cidr_block", Value: s("2")}, {Name: "tags", Value: s("3")}},
			[]string{"cidr_block=2", "tags=3", "vpc_id=1"}},
		{"the later of one name", []Attr{{Name: "b", Value: s("1")}, {Name: "a", Value: s("2")}, {Name: "b", Value: s("3")}, {Name: "b", Value: s("4")}},
			[]string{"a=2", "b=4"}},
	} {
		b := Body{Attrs: sortAttrs(slices.Clone(tt.in))}
		if got := attrNamesOf(&b); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
