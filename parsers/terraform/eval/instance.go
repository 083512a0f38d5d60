package eval

import (
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// Mode tells managed resources from data sources.
type Mode uint8

// Resource modes.
const (
	Managed Mode = iota
	Data
)

// Instance is one evaluated resource or data source instance, the boundary
// between evaluation (which knows HCL, modules, count and for_each) and the
// translation into the model (which knows what each AWS resource type means).
type Instance struct {
	// Address as `terraform plan` prints it:
	// `module.vpc.aws_subnet.private["eu-west-1a"]`, `aws_vpc.this[0]`. The
	// address of a symbolic instance (unknown count or for_each) ends in
	// `[?]`.
	Address string
	Mode    Mode
	Type    string
	Name    string
	// Body holds the evaluated arguments and nested blocks.
	Body *Body
	// Range is the whole block; DefRange the `resource "t" "n"` header.
	Range    hcl.Range
	DefRange hcl.Range
	// Callers are the module blocks through which the resource was reached,
	// outermost first.
	Callers []hcl.Range
	// Maybe is non-nil when the instance may not exist (unknown count or
	// for_each, or a module instantiated that way).
	Maybe *model.Unresolved
	// Cohort is non-empty for a maybe instance whose existence it shares
	// with the other instances of the same cohort (model.Origin.Cohort): the
	// symbolic instances of the same unknown count or for_each expression
	// in the same module instance, and everything inside a symbolic module
	// instance. See SameIndexOf for the links between them.
	Cohort string
	// Region is the region of the resource: its `region` argument (AWS
	// provider v6), else its provider's, else --region; unknown (with a mark)
	// when none is known.
	Region cty.Value
	// From is set on an instance of another root or unit joined to this
	// evaluation (model.Origin.From); nil for the root's own.
	From *model.Provenance
	// provider names the provider configuration of an
	// aws_availability_zones instance (see zoneListKey); empty otherwise.
	provider string
}

// Body is an evaluated block body.
type Body struct {
	// Attrs are the arguments that the configuration sets, sorted by
	// name, each name once: Attr finds one, SetAttr adds or replaces one.
	// A slice, not a map: a large root evaluates tens of thousands of
	// bodies of a few arguments each, and a map per body was a quarter of
	// what its evaluation kept alive.
	Attrs []Attr
	// Blocks are the nested blocks by type, in source order, with `dynamic`
	// blocks expanded.
	Blocks map[string][]*Block
}

// Attr is one evaluated argument.
type Attr struct {
	// Name is the argument's name.
	Name string
	// Value is the evaluated value. Unknown parts carry, as cty marks of type
	// *model.Unresolved, the reasons they are unknown; known identity tokens
	// (model.Token) stand for computed attributes of declared resources.
	Value cty.Value
	Range hcl.Range
	// Partial is set when Value is an unknown string whose known parts can
	// still be read: the string with every unknown part replaced by
	// UnknownRegion (`com.amazonaws.⟨unknown-region⟩.kms`), so that the
	// translator sees which service an endpoint is for even when the region
	// is not known. Empty when Value is known or nothing of it is known.
	Partial string
	// Complete is set when Value is a list of unknown length that holds
	// exactly the identity tokens of every instance of resources whose count
	// or for_each is unknown (`aws_subnet.db[*].id`): ElementTokens(Value)
	// then names everything the list can hold.
	Complete bool
}

// Block is one evaluated nested block.
type Block struct {
	Body
	Range hcl.Range
	// Maybe is non-nil when the block comes from a dynamic block whose
	// for_each is unknown.
	Maybe *model.Unresolved
}

// Attr returns the argument name, or nil when the body does not set it.
// The pointer is into b.Attrs: valid until the next SetAttr.
func (b *Body) Attr(name string) *Attr {
	if b == nil {
		return nil
	}
	i, found := slices.BinarySearchFunc(b.Attrs, name, compareAttrName)
	if !found {
		return nil
	}
	return &b.Attrs[i]
}

// SetAttr sets the argument a.Name to a, replacing the one of that name.
func (b *Body) SetAttr(a Attr) {
	i, found := slices.BinarySearchFunc(b.Attrs, a.Name, compareAttrName)
	if found {
		b.Attrs[i] = a
		return
	}
	b.Attrs = slices.Insert(b.Attrs, i, a)
}

func compareAttrName(a Attr, name string) int { return strings.Compare(a.Name, name) }

// sortAttrs sorts attrs by name in place and keeps, of arguments of one
// name, the last: what setting each in turn would leave.
func sortAttrs(attrs []Attr) []Attr {
	slices.SortStableFunc(attrs, func(a, b Attr) int { return strings.Compare(a.Name, b.Name) })
	out := attrs[:0]
	for i, a := range attrs {
		if i+1 < len(attrs) && attrs[i+1].Name == a.Name {
			continue
		}
		out = append(out, a)
	}
	clear(attrs[len(out):])
	return out
}
