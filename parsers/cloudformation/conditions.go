package cloudformation

import (
	"strings"

	"github.com/daslint/daslint/model"
)

// condition is the memoised value of one entry of the Conditions section.
type condition struct {
	state uint8 // 0 not evaluated, 1 evaluating, 2 done
	value model.Tri
	why   *model.Unresolved
}

// condition evaluates the named condition, reporting an undefined or
// circular one at the node that uses it.
func (s *stack) condition(name string, at *node) (model.Tri, *model.Unresolved) {
	def := s.condDefs.get(name)
	if def == nil {
		v := s.fail(at, "condition %s is not defined in Conditions", name)
		return model.Unknown, v.unknown
	}
	c := s.conds[name]
	if c == nil {
		c = &condition{}
		s.conds[name] = c
	}
	switch c.state {
	case 1:
		v := s.fail(at, "condition %s depends on itself (%s)", name, strings.Join(s.condChain(name), " -> "))
		c.why = v.unknown
		return model.Unknown, v.unknown
	case 2:
		return c.value, c.why
	}
	c.state = 1
	v := s.eval(def)
	c.value, c.why = triOf(s, v, def)
	c.state = 2
	return c.value, c.why
}

// condChain lists the conditions being evaluated, for a cycle message.
func (s *stack) condChain(last string) []string {
	var out []string
	for _, k := range s.condDefs.keys {
		if c := s.conds[k.value]; c != nil && c.state == 1 {
			out = append(out, k.value)
		}
	}
	return append(out, last)
}

// triOf reads a condition value as a Tri.
func triOf(s *stack, v Value, at *node) (model.Tri, *model.Unresolved) {
	if v.kind == kUnknown {
		return model.Unknown, v.unknown
	}
	b, ok := v.asBool()
	if !ok {
		u := s.fail(at, "condition must be a boolean, not %s", v.kind)
		return model.Unknown, u.unknown
	}
	return model.TriOf(b), nil
}
