package cloudformation

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// mayExpand is expansion.overBudget for the document root parsed from
// data, skipped when data holds no '&', which every anchor starts with:
// a document without anchors has no alias, and converts to one value per
// node, within the converter's own budget (converter.convert).
func mayExpand(data []byte, root *yaml.Node) (*yaml.Node, bool) {
	if bytes.IndexByte(data, '&') < 0 {
		return nil, false
	}
	return newExpansion().overBudget(root)
}

// expansion counts the values a YAML document expands to, aliases
// expanded, before the converter builds any of them: an alias bomb (ten
// levels of ten aliases are 10^10 values in a few hundred bytes) is then
// refused at once, instead of after maxNodes values have been built. It
// counts as the converter does, one value per node it converts, and
// remembers the count of each node, so that counting takes time in
// proportion to the document's text, not to its expansion.
type expansion struct {
	counts map[*yaml.Node]int
	active map[*yaml.Node]bool // aliases being counted, to stop self-reference
}

func newExpansion() *expansion {
	return &expansion{counts: map[*yaml.Node]int{}, active: map[*yaml.Node]bool{}}
}

// count is how many values y expands to at depth, at most maxNodes+1.
func (e *expansion) count(y *yaml.Node, depth int) int {
	if depth > maxDepth {
		return 1
	}
	if n, ok := e.counts[y]; ok {
		return n
	}
	kids := e.children(y, depth)
	if y.Kind == yaml.AliasNode && len(kids) > 0 {
		// While an anchored value is counted through an alias, an alias
		// to it inside converts to null, as in the converter.
		e.active[y.Alias] = true
		defer delete(e.active, y.Alias)
	}
	n := 1
	for _, c := range kids {
		n = min(n+e.count(c.node, c.depth), maxNodes+1)
	}
	e.counts[y] = n
	return n
}

// child is a node the converter converts as part of another, and the depth
// it converts it at.
type child struct {
	node  *yaml.Node
	depth int
}

// children are the nodes the converter converts for y, in its order: an
// alias's anchored value, a document's content, a sequence's items, and a
// mapping's keys and values (a merge key's value alone).
func (e *expansion) children(y *yaml.Node, depth int) []child {
	var out []child
	switch y.Kind {
	case yaml.AliasNode:
		// A self-referring alias converts to null: it has no child.
		if y.Alias != nil && !e.active[y.Alias] {
			out = append(out, child{y.Alias, depth + 1})
		}
	case yaml.DocumentNode:
		if len(y.Content) > 0 {
			out = append(out, child{y.Content[0], depth})
		}
	case yaml.SequenceNode:
		for _, item := range y.Content {
			out = append(out, child{item, depth + 1})
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!merge" {
				out = append(out, child{k, depth + 1})
			}
			out = append(out, child{v, depth + 1})
		}
	}
	return out
}

// overBudget reports whether root expands to more than maxNodes values,
// and where the converter would run out: the outermost alias being
// expanded when the count passes maxNodes, or the node it passes at when
// no alias is.
func (e *expansion) overBudget(root *yaml.Node) (*yaml.Node, bool) {
	if e.count(root, 0) <= maxNodes {
		return nil, false
	}
	left := maxNodes
	var outer *yaml.Node
	y, depth := root, 0
	for {
		if y.Kind == yaml.AliasNode && outer == nil {
			outer = y
		}
		left-- // y itself
		if left < 0 {
			break
		}
		kids := e.children(y, depth)
		next := -1
		for i, c := range kids {
			n := e.count(c.node, c.depth)
			if n > left {
				next = i
				break
			}
			left -= n
		}
		if next < 0 {
			break
		}
		y, depth = kids[next].node, kids[next].depth
	}
	if outer != nil {
		return outer, true
	}
	return y, true
}
