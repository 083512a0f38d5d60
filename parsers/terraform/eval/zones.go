package eval

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/daslint/daslint/model"
)

// Symbolic zones (docs/semantics.md#symbolic-zones). The zones that
// data.aws_availability_zones lists are read at apply time: how many there
// are and their names are unknown. What is known is that AWS lists distinct
// zones, so `names[0]` and `names[1]` of one list are different zones, and
// `names[0]` written twice is the same zone. The translator turns such a
// zone into a model zone token (ZoneOf), which placement compares by index.
//
// The list and the zones taken from it by position stay unknown values, so
// that everything else keeps today's meaning: the list's length is unknown
// (`count = length(...names)`), and a comparison, a string function or a
// for_each key over a zone is unknown. Each is an unknown of its own,
// created once (a refined unknown is a distinct value in cty), and a mark
// says what it is. The mark alone would not do: cty and hcl carry marks
// into whatever is derived from a value (`reverse(names)`, `[for z in
// names : z if ...]`, a conditional whose condition is unknown), which is
// another list. So a value is a zone list or a zone only when it is the
// very value the mark was made for (zoneListOf, zoneOf): locals, module
// variables and outputs, lists and templates that hold it pass it on
// unchanged, and anything that computes a new value makes a new unknown.

// zoneList is the names (or zone_ids) attribute of one instance of
// data.aws_availability_zones.
type zoneList struct {
	// key names the list: two data sources whose keys are equal return
	// the same list (see zoneListKey).
	key string
	// text is how the code names it: data.aws_availability_zones.x.names.
	text string
	// minLen is how many elements the list has at least (see minZones).
	minLen int
	why    *model.Unresolved
	// val is the list itself, unmarked.
	val cty.Value
}

// zoneElem is the zone at index of list.
type zoneElem struct {
	list  *zoneList
	index int
	val   cty.Value
}

// zoneListValue returns the attribute attr ("names" or "zone_ids") of inst,
// an aws_availability_zones instance: an unknown list that knows which
// list it is.
func (e *evaluator) zoneListValue(inst *Instance, attr string, why *model.Unresolved) cty.Value {
	z := &zoneList{
		key:    e.zoneListKey(inst) + "|" + attr,
		text:   inst.Address + "." + attr,
		minLen: minZones(inst.Body),
		why:    why,
		val:    cty.UnknownVal(cty.List(cty.String)).RefineNotNull(),
	}
	e.zoneLists++
	return z.val.Mark(why).Mark(z)
}

// elem returns the zone at index i of z.
func (z *zoneList) elem(i int) cty.Value {
	el := &zoneElem{list: z, index: i, val: cty.UnknownVal(cty.String).RefineNotNull()}
	return el.val.Mark(z.why).Mark(el)
}

// zoneListOf returns the zone list v is, or nil when v is not exactly one.
func zoneListOf(v cty.Value) *zoneList {
	inner, marks := v.Unmark()
	if inner.IsKnown() || !inner.Type().Equals(cty.List(cty.String)) {
		return nil
	}
	for m := range marks {
		// Values of type list(string) compare with ==: an unknown is the
		// same value only when it is the same unknown.
		if z, ok := m.(*zoneList); ok && z.val == inner {
			return z
		}
	}
	return nil
}

// zoneOf returns the zone v is, or nil when v is not exactly one.
func zoneOf(v cty.Value) *zoneElem {
	inner, marks := v.Unmark()
	if inner.IsKnown() || !inner.Type().Equals(cty.String) {
		return nil
	}
	for m := range marks {
		if el, ok := m.(*zoneElem); ok && el.val == inner {
			return el
		}
	}
	return nil
}

// ZoneOf returns the model zone token (model.ZoneToken) of v when v is a
// zone taken by position from a data.aws_availability_zones list
// (`names[0]`, `element(names, 1)`, `slice(names, 0, 3)[2]`).
func ZoneOf(v cty.Value) (string, bool) {
	el := zoneOf(v)
	if el == nil {
		return "", false
	}
	return model.ZoneToken(el.list.key, el.index, el.list.text+"["+strconv.Itoa(el.index)+"]"), true
}

// zoneListKey names the list an aws_availability_zones instance returns.
// The zones a data source lists depend on the account and region it asks,
// which are those of its provider configuration (or its own region
// argument), and on its arguments: two instances with the same root, the
// same provider configuration and the same arguments return the same list,
// whichever module instance they are in. An argument that is not known
// makes the list the instance's own.
func (e *evaluator) zoneListKey(inst *Instance) string {
	if e.zoneRoot == "" {
		e.zoneRoot = e.rootDir
		if abs, err := filepath.Abs(e.rootDir); err == nil {
			e.zoneRoot = abs
		}
	}
	args, ok := zoneArgs(inst.Body)
	if !ok {
		return e.zoneRoot + "|" + inst.Address
	}
	return e.zoneRoot + "|" + inst.provider + "|" + args
}

// zoneArgs is a canonical text of the arguments of an aws_availability_zones
// body (its `region` among them, with AWS provider v6), and false when one is
// not known.
func zoneArgs(b *Body) (string, bool) {
	var sb strings.Builder
	for _, a := range b.Attrs { // sorted by name
		s, ok := canonical(a.Value)
		if !ok {
			return "", false
		}
		sb.WriteString(a.Name + "=" + s + ";")
	}
	for _, blk := range b.Blocks["filter"] {
		if blk.Maybe != nil {
			return "", false
		}
		inner, ok := zoneArgs(&blk.Body)
		if !ok {
			return "", false
		}
		sb.WriteString("filter{" + inner + "}")
	}
	if len(model.Tokens(sb.String())) > 0 {
		// A value known only after apply (a zone, an ID) stands in
		// the text: the argument is not known.
		return "", false
	}
	return sb.String(), true
}

// canonical is the JSON text of a wholly known value.
func canonical(v cty.Value) (string, bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsWhollyKnown() {
		return "", false
	}
	b, err := ctyjson.Marshal(v, v.Type())
	return string(b), err == nil
}

// minZones is how many zones an aws_availability_zones list holds at least.
// Without arguments that narrow it (state, exclusions, filters), it holds
// every availability zone of its region (all_availability_zones adds local
// and Wavelength zones), and every AWS region has at least two (an Aurora DB
// subnet group needs two); a narrowed list may hold one.
func minZones(b *Body) int {
	for _, a := range b.Attrs {
		if a.Name != "all_availability_zones" && a.Name != "region" {
			return 1
		}
	}
	if len(b.Blocks["filter"]) > 0 {
		return 1
	}
	return 2
}
