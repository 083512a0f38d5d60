package cloudformation

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/daslint/daslint/model"
)

// Fn::ForEach (AWS::LanguageExtensions transform, "Fn::ForEach" in the
// CloudFormation template reference) is a macro, not a function: the
// transform rewrites the template before CloudFormation reads it. daslint
// does the same before indexing, so that the resources, conditions and
// outputs a loop generates are checked like any other; a generated
// standalone rule or association can break a path that the rest of the
// template builds.
//
//	Fn::ForEach::LoopName: [Identifier, Collection, {OutputKey: OutputValue}]
//
// Every ${Identifier} and &{Identifier} (the value with its
// non-alphanumeric characters removed) in the keys and strings of the
// fragment, and every {Ref: Identifier}, is replaced by each value of the
// collection in turn. Loops nest; an inner collection may use an outer
// identifier.

// forEachPrefix starts the key of a loop.
const forEachPrefix = "Fn::ForEach::"

// maxExpanded bounds the nodes that loops may generate in one template;
// CloudFormation limits the transformed template to 1 MB.
const maxExpanded = 1 << 18

// loop is one Fn::ForEach being expanded.
type loop struct {
	name  string // LoopName, for messages and cohorts
	ident string
	// value is the identifier's value; unknown is set instead when the
	// collection cannot be evaluated offline.
	value   string
	unknown *model.Unresolved
}

// expander rewrites the loops of one template section.
type expander struct {
	s *stack
	// nodes counts the nodes generated so far (see maxExpanded).
	nodes int
	over  bool
}

// expandLoops expands the loops in the Conditions, Resources and Outputs
// sections, where the transform allows them.
func (s *stack) expandLoops() {
	e := &expander{s: s}
	for i, k := range s.root.keys {
		switch k.value {
		case "Conditions", "Resources", "Outputs":
			s.root.vals[i] = e.expand(s.root.vals[i], 0)
		}
	}
}

// expand returns n with the loops in it expanded.
func (e *expander) expand(n *node, depth int) *node {
	if n == nil || depth > maxDepth {
		return n
	}
	switch n.kind {
	case seqNode:
		for i, it := range n.items {
			n.items[i] = e.expand(it, depth+1)
		}
	case mapNode:
		var keys, vals []*node
		for i, k := range n.keys {
			if !strings.HasPrefix(k.value, forEachPrefix) {
				keys = append(keys, k)
				vals = append(vals, e.expand(n.vals[i], depth+1))
				continue
			}
			ks, vs := e.loop(k, n.vals[i], depth)
			keys, vals = append(keys, ks...), append(vals, vs...)
		}
		n.keys, n.vals = keys, vals
	}
	return n
}

// loop expands one Fn::ForEach entry into the entries it generates.
func (e *expander) loop(k, body *node, depth int) (keys, vals []*node) {
	s := e.s
	name := strings.TrimPrefix(k.value, forEachPrefix)
	if body.kind != seqNode || len(body.items) != 3 || body.items[0].kind != scalarNode || body.items[2].kind != mapNode {
		s.errorf(body, "%s takes [Identifier, Collection, {OutputKey: OutputValue}]", k.value)
		return nil, nil
	}
	ident, frag := body.items[0].value, body.items[2]
	coll := s.eval(body.items[1])
	var loops []loop
	// maybe is set when the collection may be empty: what the loop
	// generates may not exist.
	var maybe *model.Unresolved
	switch coll.kind {
	case kUnknown:
		maybe = &model.Unresolved{Kind: coll.unknown.Kind, Range: s.rng(body.items[1]),
			Reason: fmt.Sprintf("the collection of Fn::ForEach::%s is not known offline: %s", name, coll.unknown.Reason)}
		loops = append(loops, loop{name: name, ident: ident, unknown: maybe})
	case kList:
		var unknown *model.Unresolved
		for _, it := range coll.list {
			if str, ok := it.scalarString(); ok {
				loops = append(loops, loop{name: name, ident: ident, value: str})
			} else if unknown == nil {
				unknown = it.unknown
				if unknown == nil {
					unknown = s.fail(body.items[1], "the collection of %s must be a list of strings, not one holding %s", k.value, it.kind).unknown
				}
			}
		}
		if unknown != nil {
			// One symbolic instance stands for every unknown member.
			loops = append(loops, loop{name: name, ident: ident, unknown: unknown})
		}
	default:
		s.errorf(body.items[1], "the collection of %s must be a list, not %s", k.value, coll.kind)
		return nil, nil
	}
	for _, l := range loops {
		gen := &node{kind: mapNode, line: frag.line, col: frag.col, endLine: frag.endLine}
		for i, fk := range frag.keys {
			gen.keys = append(gen.keys, e.substKey(fk, l))
			gen.vals = append(gen.vals, e.subst(frag.vals[i], l, false, depth))
			if e.over {
				return keys, vals
			}
		}
		// The fragment may hold loops of its own, which may use l.
		gen = e.expand(gen, depth+1)
		for _, v := range gen.vals {
			if _, marked := s.loopMaybe[v]; maybe != nil && !marked {
				s.loopMaybe[v] = loopOrigin{name: name, maybe: maybe}
			}
		}
		keys, vals = append(keys, gen.keys...), append(vals, gen.vals...)
	}
	return keys, vals
}

// substKey returns a copy of key k with loop l's identifier replaced; an
// unknown value becomes "[?]", as for other symbolic instances.
func (e *expander) substKey(k *node, l loop) *node {
	c := *k
	if text, used := l.replace(k.value); used {
		c.value = text
		if l.unknown != nil {
			c.value = l.replaceWith(k.value, "[?]")
		}
	}
	return &c
}

// subst returns a copy of n with loop l's identifier replaced. For an
// unknown value, a Ref to the identifier and a plain string that uses it
// become unknown; inside Fn::Sub the placeholder is left for Fn::Sub to
// report.
func (e *expander) subst(n *node, l loop, inSub bool, depth int) *node {
	e.nodes++
	if e.nodes > maxExpanded {
		if !e.over {
			e.over = true
			e.s.errorf(n, "Fn::ForEach loops generate more than %d values; the rest of the template is not expanded", maxExpanded)
		}
		return n
	}
	c := *n
	if depth > maxDepth {
		return &c
	}
	switch n.kind {
	case scalarNode:
		text, used := l.replace(n.value)
		switch {
		case !used:
		case l.unknown == nil || inSub:
			c.value, c.tag = text, "!!str"
		default:
			c.unknown = l.unknown
		}
	case seqNode:
		c.items = make([]*node, len(n.items))
		for i, it := range n.items {
			c.items[i] = e.subst(it, l, inSub, depth+1)
		}
	case mapNode:
		if len(n.keys) == 1 && n.keys[0].value == "Ref" && n.vals[0].kind == scalarNode && n.vals[0].value == l.ident {
			return l.node(n)
		}
		sub := inSub || (len(n.keys) == 1 && n.keys[0].value == "Fn::Sub")
		c.keys = make([]*node, len(n.keys))
		c.vals = make([]*node, len(n.vals))
		for i := range n.keys {
			c.keys[i] = e.substKey(n.keys[i], l)
			c.vals[i] = e.subst(n.vals[i], l, sub, depth+1)
		}
	}
	return &c
}

// loopOrigin says which loop over an unknown collection generated a
// value: it may not exist.
type loopOrigin struct {
	name  string
	maybe *model.Unresolved
}

// replace substitutes ${ident} and &{ident} in text; used says whether it
// appears.
func (l loop) replace(text string) (string, bool) {
	if !strings.Contains(text, "${"+l.ident+"}") && !strings.Contains(text, "&{"+l.ident+"}") {
		return text, false
	}
	return l.replaceWith(text, l.value), true
}

func (l loop) replaceWith(text, value string) string {
	text = strings.ReplaceAll(text, "${"+l.ident+"}", value)
	return strings.ReplaceAll(text, "&{"+l.ident+"}", alphanumeric(value))
}

// node is the value of the identifier where a Ref to it stood.
func (l loop) node(at *node) *node {
	return &node{kind: scalarNode, tag: "!!str", value: l.value, unknown: l.unknown, line: at.line, col: at.col, endLine: at.endLine}
}

// alphanumeric keeps the letters and digits of s, as &{Identifier} does.
func alphanumeric(s string) string {
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, s)
}
