package cloudformation

import (
	"github.com/daslint/daslint/model"
)

// props reads the evaluated properties of one resource into model values,
// reporting properties of the wrong shape.
type props struct {
	s *stack
	r *resource
}

// value evaluates property name; ok is false when it is absent or
// AWS::NoValue.
func (p props) value(name string) (Value, *node, bool) {
	n := p.r.props.get(name)
	if n == nil {
		return Value{}, nil, false
	}
	v := p.s.eval(n)
	if v.kind == kNoValue || v.kind == kNull {
		return Value{}, n, false
	}
	return v, n, true
}

func (p props) wrong(n *node, name, want string, v Value) *model.Unresolved {
	u := p.s.fail(n, "%s.%s must be %s, not %s", p.r.id, name, want, v.kind)
	return u.unknown
}

// str reads a string property.
func (p props) str(name string) model.Str {
	v, n, ok := p.value(name)
	if !ok {
		return model.Str{}
	}
	r := p.s.rng(n)
	if v.kind == kUnknown {
		return model.UnknownStr(v.unknown, r)
	}
	s, ok := v.scalarString()
	if !ok {
		return model.UnknownStr(p.wrong(n, name, "a string", v), r)
	}
	return model.KnownStr(s, r)
}

// boolean reads a boolean property; "true"/"false" strings count.
func (p props) boolean(name string) model.Bool {
	v, n, ok := p.value(name)
	if !ok {
		return model.Bool{}
	}
	r := p.s.rng(n)
	if v.kind == kUnknown {
		return model.Bool{Unknown: v.unknown, Range: r}
	}
	b, ok := v.asBool()
	if !ok {
		return model.Bool{Unknown: p.wrong(n, name, "a boolean", v), Range: r}
	}
	return model.KnownBool(b, r)
}

// integer reads an integer property; "443" counts.
func (p props) integer(name string) model.Int {
	v, n, ok := p.value(name)
	if !ok {
		return model.Int{}
	}
	return p.s.intOf(v, n, p.r.id+"."+name)
}

func (s *stack) intOf(v Value, n *node, what string) model.Int {
	r := s.rng(n)
	if v.kind == kUnknown {
		return model.Int{Unknown: v.unknown, Range: r}
	}
	i, ok := v.asInt()
	if !ok {
		u := s.fail(n, "%s must be a number, not %s", what, v.kind)
		return model.Int{Unknown: u.unknown, Range: r}
	}
	return model.KnownInt(i, r)
}

// ref reads a property that names another resource.
func (p props) ref(name string) model.Ref {
	v, n, ok := p.value(name)
	if !ok {
		return model.Ref{}
	}
	return p.s.refOf(v, p.s.rng(n), p.r.id+"."+name, n)
}

func (s *stack) refOf(v Value, r model.Range, what string, n *node) model.Ref {
	if v.kind == kUnknown {
		return model.Ref{Unknown: v.unknown, Range: r}
	}
	str, ok := v.scalarString()
	if !ok {
		u := s.fail(n, "%s must be a string, not %s", what, v.kind)
		return model.Ref{Unknown: u.unknown, Range: r}
	}
	ref := model.RefFromString(str, r)
	ref.Maybe = s.ld.maybeOf(ref.Key)
	return ref
}

// maybeOf returns why the object at addr may not exist, if it may not.
func (ld *loader) maybeOf(addr string) *model.Unresolved {
	if addr == "" {
		return nil
	}
	if vpc, _, ok := model.ImplicitOf(addr); ok {
		addr = vpc
	}
	if r := ld.byAddr[addr]; r != nil {
		return r.maybe
	}
	return nil
}

// refs reads a list property of references.
func (p props) refs(name string) model.Refs {
	v, n, ok := p.value(name)
	if !ok {
		return model.Refs{}
	}
	r := p.s.rng(n)
	out := model.Refs{Set: true, Range: r}
	switch v.kind {
	case kUnknown:
		out.Incomplete = v.unknown
	case kList:
		for i, e := range v.list {
			item := n
			if n.kind == seqNode && i < len(n.items) {
				item = n.items[i]
			}
			at := e.rng
			if at.Line == 0 {
				at = p.s.rng(item)
			}
			out.Items = append(out.Items, p.s.refOf(e, at, p.r.id+"."+name, item))
		}
	default:
		out.Incomplete = p.wrong(n, name, "a list", v)
	}
	return out
}

// strList reads a list of strings, or a single string as a one-item list.
func (s *stack) strList(v Value, n *node) model.StrList {
	r := s.rng(n)
	out := model.StrList{Set: true, Range: r}
	switch v.kind {
	case kUnknown:
		out.Incomplete = v.unknown
	case kList:
		for _, e := range v.list {
			out.Items = append(out.Items, s.strOf(e, n))
		}
	default:
		out.Items = []model.Str{s.strOf(v, n)}
	}
	return out
}

func (s *stack) strOf(v Value, n *node) model.Str {
	r := s.rng(n)
	if v.kind == kUnknown {
		return model.UnknownStr(v.unknown, r)
	}
	str, ok := v.scalarString()
	if !ok {
		u := s.fail(n, "expected a string, not %s", v.kind)
		return model.UnknownStr(u.unknown, r)
	}
	return model.KnownStr(str, r)
}
