package eval

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// attrNames records which attribute names the configuration reads from
// resources, so that each resource object can be built with every attribute
// anyone asks for: reading an attribute the provider computes must give an
// unknown, never an "Unsupported attribute" error.
//
// byResource holds the names read through a direct reference
// (`aws_subnet.a[0].id`, `aws_subnet.a[*].id`); generic holds names read
// through anything else (`[for s in aws_subnet.a : s.cidr_block]`,
// `values(aws_subnet.a)[*].id`, a module output holding a whole object),
// which could be any resource.
type attrNames struct {
	byResource map[string]*nameSet
	generic    map[string]bool
}

func newAttrNames() attrNames {
	return attrNames{byResource: map[string]*nameSet{}, generic: map[string]bool{}}
}

// nameSet is a set of attribute names. Most resources are read through a
// handful of names, which a short list holds in a fraction of a map's
// memory (a large root holds one set a resource through its walk); a set
// that grows past nameSetList names, as in a file written to be slow,
// moves to a map.
type nameSet struct {
	list []string
	set  map[string]bool
}

// nameSetList is the most names a nameSet keeps in its list.
const nameSetList = 16

// add adds name to s.
func (s *nameSet) add(name string) {
	switch {
	case s.set != nil:
		s.set[name] = true
	case slices.Contains(s.list, name):
	case len(s.list) < nameSetList:
		s.list = append(s.list, name)
	default:
		s.set = make(map[string]bool, 2*nameSetList)
		for _, n := range s.list {
			s.set[n] = true
		}
		s.set[name] = true
		s.list = nil
	}
}

// all calls f with each name of s, in no particular order.
func (s *nameSet) all(f func(string)) {
	if s == nil {
		return
	}
	for _, n := range s.list {
		f(n)
	}
	for n := range s.set {
		f(n)
	}
}

// len is how many names s holds.
func (s *nameSet) len() int {
	if s == nil {
		return 0
	}
	return len(s.list) + len(s.set)
}

// identRe finds `.name` steps in JSON configuration text, where expressions
// are strings and a syntax walk is not available.
var identRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_-]*)`)
})

func (n attrNames) collectFile(f *hcl.File) {
	n.index(f, nil)
}

// index records the attribute names f reads and, when funcs is not nil,
// the provider-defined functions (`provider::NAME::FUNCTION`) it calls, in
// one walk of its syntax. It returns which resources f reads from where
// (see fileReads); a file that is not native syntax reads nothing known.
func (n attrNames) index(f *hcl.File, funcs map[string]bool) *fileReads {
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		for _, m := range identRe().FindAllSubmatch(f.Bytes, -1) {
			n.generic[string(m[1])] = true
		}
		return nil
	}
	// The walk gathers the traversals and the names iterators bind; the
	// traversals are read once every iterator name of the file is known.
	// Those found after inner is the first are in the bodies of resource
	// and data blocks (visitFileParts).
	iters := map[string]bool{}
	var nodes []hclsyntax.Node
	inner := -1
	visitFileParts(f, body, func() { inner = len(nodes) }, func(node hclsyntax.Node) {
		switch x := node.(type) {
		case *hclsyntax.ScopeTraversalExpr, *hclsyntax.RelativeTraversalExpr, *hclsyntax.SplatExpr:
			nodes = append(nodes, node)
		case *hclsyntax.FunctionCallExpr:
			if funcs != nil && strings.HasPrefix(x.Name, "provider::") {
				funcs[x.Name] = true
			}
		default:
			addIteratorNames(node, iters)
		}
	})
	reads := &fileReads{compacted: inner >= 0}
	for i, node := range nodes {
		switch e := node.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			if iters[e.Traversal.RootName()] {
				// `n.public_ip` in `[for n in aws_nat_gateway.this : …]`
				// reads a resource object through an iterator: like a
				// local, it could hold any resource.
				n.collectSteps(e.Traversal[1:])
			}
			// An iterator spelled like a resource type counts as a read
			// from elsewhere: that keeps objects, never lets one go early.
			reads.add(e.Traversal, inner >= 0 && i >= inner && !iters[e.Traversal.RootName()])
			n.collectTraversal(e.Traversal)
		case *hclsyntax.RelativeTraversalExpr:
			n.collectSteps(e.Traversal)
		case *hclsyntax.SplatExpr:
			if src, ok := e.Source.(*hclsyntax.ScopeTraversalExpr); ok {
				if key, _ := resourceKeyOf(src.Traversal); key != "" {
					if rel, ok := e.Each.(*hclsyntax.RelativeTraversalExpr); ok && len(rel.Traversal) > 0 {
						if a, ok := rel.Traversal[0].(hcl.TraverseAttr); ok {
							n.add(key, a.Name)
						}
					}
				}
			}
		}
	}
	return reads
}

// addIteratorNames adds to names the names that node binds, when it is a
// for expression or a dynamic block. A traversal rooted at one of them
// reads whatever the iterated collection holds, not a resource of that
// type, though it is spelled like one.
func addIteratorNames(node hclsyntax.Node, names map[string]bool) {
	switch x := node.(type) {
	case *hclsyntax.ForExpr:
		for _, v := range []string{x.KeyVar, x.ValVar} {
			if v != "" {
				names[v] = true
			}
		}
	case *hclsyntax.Block:
		if x.Type != "dynamic" || len(x.Labels) == 0 {
			break
		}
		names[x.Labels[0]] = true
		if it, ok := x.Body.Attributes["iterator"]; ok {
			if tr, diags := hcl.AbsTraversalForExpr(it.Expr); !diags.HasErrors() && len(tr) == 1 {
				names[tr.RootName()] = true
			}
		}
	}
}

// merge adds the names of o to n, which takes over o's sets of names
// of the resources n has none for: o is not used after.
func (n attrNames) merge(o attrNames) {
	for key, names := range o.byResource {
		have := n.byResource[key]
		if have == nil {
			n.byResource[key] = names
			continue
		}
		names.all(have.add)
	}
	for name := range o.generic {
		n.generic[name] = true
	}
}

func (n attrNames) add(key, name string) {
	s := n.byResource[key]
	if s == nil {
		s = &nameSet{}
		n.byResource[key] = s
	}
	s.add(name)
}

// collectTraversal records the attribute read right after a resource
// reference, and, as generic, the attributes read from whatever a variable,
// local, module output, each.value or iterator holds (which may be a
// resource object): `local.vpc.cidr_block` records cidr_block.
func (n attrNames) collectTraversal(tr hcl.Traversal) {
	key, rest := resourceKeyOf(tr)
	if key != "" {
		rest = skipIndex(rest)
		if len(rest) > 0 {
			if a, ok := rest[0].(hcl.TraverseAttr); ok {
				n.add(key, a.Name)
			}
		}
		return
	}
	switch tr.RootName() {
	case "count", "path", "terraform", "self":
	case "var", "local", "each":
		if len(tr) > 2 {
			n.collectSteps(tr[2:])
		}
	case "module":
		// module.NAME[KEY].OUTPUT...: what follows the output.
		rest := skipIndex(tr[min(2, len(tr)):])
		if len(rest) > 1 {
			n.collectSteps(rest[1:])
		}
	default:
		n.collectSteps(tr[1:])
	}
}

func skipIndex(tr hcl.Traversal) hcl.Traversal {
	if len(tr) > 0 {
		if _, isIndex := tr[0].(hcl.TraverseIndex); isIndex {
			return tr[1:]
		}
	}
	return tr
}

func (n attrNames) collectSteps(tr hcl.Traversal) {
	for _, step := range tr {
		if a, ok := step.(hcl.TraverseAttr); ok {
			n.generic[a.Name] = true
		}
	}
}

// resourceKeyOf returns the resource key ("aws_x.y", "data.aws_x.y") that a
// traversal starts with (`resource.aws_x.y` is aws_x.y), and the steps
// after it; "" when the traversal does not name a resource.
func resourceKeyOf(tr hcl.Traversal) (string, hcl.Traversal) {
	if len(tr) < 2 {
		return "", nil
	}
	root := tr.RootName()
	switch root {
	case "var", "local", "count", "each", "path", "terraform", "module", "self":
		return "", nil
	case "data", "resource":
		// resource.aws_x.y is Terraform's explicit spelling of aws_x.y.
		if len(tr) < 3 {
			return "", nil
		}
		t, ok1 := tr[1].(hcl.TraverseAttr)
		nm, ok2 := tr[2].(hcl.TraverseAttr)
		if !ok1 || !ok2 {
			return "", nil
		}
		key := t.Name + "." + nm.Name
		if root == "data" {
			key = "data." + key
		}
		return key, tr[3:]
	}
	nm, ok := tr[1].(hcl.TraverseAttr)
	if !ok {
		return "", nil
	}
	return root + "." + nm.Name, tr[2:]
}

// forResource lists the names to build an object of resource key with:
// those read directly from it in its module, and the generic names of the
// whole configuration (an object passed into or out of a module is read
// there).
func forResource(key string, cfg *moduleConfig, generic map[string]bool) []string {
	own := cfg.names.byResource[key]
	set := make(map[string]bool, len(generic)+own.len())
	own.all(func(k string) { set[k] = true })
	for k := range generic {
		set[k] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
