package report

import (
	"slices"
	"strconv"
)

// graph is the network a cluster's verdict rests on, for the diagram
// formats: one node per object that some placement's chain passes
// through, one edge per step between two objects. It is built from the
// links as given (their addresses, else their texts), never by recognising
// what kind of object a link names, so the picture follows the analysis
// whatever the source.
type graph struct {
	Nodes []graphNode
	Edges []graphEdge
}

// graphNode is one object. Key identifies it (a link's address, else its
// text); Label is what the diagram prints.
type graphNode struct {
	Key   string
	Label string
	File  string
	Line  int
	// Source names the kind of source the object came from ("AWS
	// facts", "Terraform root") when it joined from outside the
	// cluster's own code (docs/semantics.md#where-a-link-came-from); empty for the code's own.
	Source string
	// Start marks an instance, where chains begin.
	Start bool
	// State is the worst status of a broken link at this node.
	State linkState
}

// graphEdge is one step from Nodes[From] to Nodes[To]. For the step into a
// broken link, State is its status and Paths the paths that break there.
type graphEdge struct {
	From, To int
	State    linkState
	Paths    []string
}

// linkState orders what can be said of a step: it holds, it may not
// (unknown), it does not (false). Merging keeps the worst.
type linkState int

const (
	stateHeld linkState = iota
	stateUnknown
	stateFalse
)

func stateOf(status string) linkState {
	if status == "false" {
		return stateFalse
	}
	return stateUnknown
}

// graphBuilder deduplicates nodes and edges across the placements of one
// cluster.
type graphBuilder struct {
	g     graph
	nodes map[string]int
	edges map[[2]int]int
}

// clusterGraph draws every placement of c: instance → the witness chain of
// the path that holds, and for each path that breaks, instance → the links
// that held before the break → the broken link.
func clusterGraph(c Cluster) graph {
	b := &graphBuilder{nodes: map[string]int{}, edges: map[[2]int]int{}}
	for _, in := range c.Instances {
		start := b.node(in.ID, in.ID, "", 0, nil)
		b.g.Nodes[start].Start = true
		if len(in.Witness) > 0 {
			b.chain(start, in.Subnet, in.Witness)
		}
		for _, p := range pathOrder(in.Broken) {
			br := in.Broken[p]
			last, into := b.chain(start, in.Subnet, in.Held[p])
			to := b.node(keyOf(br.Address, br.Link), labelOf(br.Address, br.Link), br.File, br.Line, br.From)
			b.mark(to, stateOf(br.Status))
			if e, ok := into[to]; ok {
				// The break is a fact about an object the chain already
				// passed (a NAT gateway that held as the route's target,
				// then fails for sitting in a private subnet): the step
				// onto that object is where the path breaks.
				b.g.Edges[e].State = max(b.g.Edges[e].State, stateOf(br.Status))
				b.addPath(e, p)
				continue
			}
			b.edge(last, to, stateOf(br.Status), p)
		}
	}
	return b.g
}

// chain adds the steps of links after start. It returns the last node and,
// for each node the chain stepped onto, the index of that step. An
// instance sits in its subnet, so a chain that does not begin there (a
// break before any link held) begins with it. A chain that comes back to
// an object it already passed (the network ACL of the subnet a NAT gateway
// sits in is also the DB subnet's) continues from where it was: drawing
// the step back would make a cycle that no packet takes.
func (b *graphBuilder) chain(start int, subnet string, links []Link) (last int, into map[int]int) {
	into = map[int]int{}
	last = start
	step := func(to int) {
		if _, ok := into[to]; ok || to == start {
			return
		}
		into[to] = b.edge(last, to, stateHeld, "")
		last = to
	}
	if subnet != "" && (len(links) == 0 || keyOf(links[0].Address, links[0].Text) != subnet) {
		step(b.node(subnet, subnet, "", 0, nil))
	}
	for _, l := range links {
		step(b.node(keyOf(l.Address, l.Text), labelOf(l.Address, l.Text), l.File, l.Line, l.Source))
	}
	return last, into
}

// node returns the index of the node with key, adding it on first sight;
// a later sighting supplies a position or a source the first lacked.
func (b *graphBuilder) node(key, label, file string, line int, from *Source) int {
	source := ""
	if from != nil {
		source = from.Noun()
	}
	if i, ok := b.nodes[key]; ok {
		n := &b.g.Nodes[i]
		if n.File == "" && file != "" {
			n.File, n.Line = file, line
		}
		if n.Source == "" {
			n.Source = source
		}
		return i
	}
	b.nodes[key] = len(b.g.Nodes)
	b.g.Nodes = append(b.g.Nodes, graphNode{Key: key, Label: label, File: file, Line: line, Source: source})
	return len(b.g.Nodes) - 1
}

func (b *graphBuilder) mark(i int, s linkState) {
	b.g.Nodes[i].State = max(b.g.Nodes[i].State, s)
}

// edge adds the step from → to, or merges it into the existing one (the
// worst state, the union of the paths that break there), and returns its
// index. A break on the instance itself (it is not publicly accessible)
// is drawn as a step back from its subnet: the only way to show it.
func (b *graphBuilder) edge(from, to int, s linkState, path string) int {
	i, ok := b.edges[[2]int{from, to}]
	if !ok {
		i = len(b.g.Edges)
		b.edges[[2]int{from, to}] = i
		b.g.Edges = append(b.g.Edges, graphEdge{From: from, To: to})
	}
	b.g.Edges[i].State = max(b.g.Edges[i].State, s)
	b.addPath(i, path)
	return i
}

func (b *graphBuilder) addPath(i int, path string) {
	if e := &b.g.Edges[i]; path != "" && !slices.Contains(e.Paths, path) {
		e.Paths = append(e.Paths, path)
	}
}

// keyOf identifies the object of a link: its address, or for a fact that
// belongs to no declared object, its text.
func keyOf(address, text string) string {
	if address != "" {
		return address
	}
	return text
}

// labelOf names a node. A link's text is its address followed by the fact
// the path relies on (`aws_route_table.private 0.0.0.0/0`); several facts
// rest on one object, so the node shows the address alone.
func labelOf(address, text string) string {
	if address != "" {
		return address
	}
	return text
}

// fileLine is "file:line", "file" when the line is unknown, or "".
func fileLine(file string, line int) string {
	if file == "" || line <= 0 {
		return file
	}
	return file + ":" + strconv.Itoa(line)
}

// nodePlace is the second line of a node's label: its position, and the
// kind of source it came from when that is not the cluster's own code
// ("network/main.tf:58 (Terraform root)").
func nodePlace(n graphNode) string {
	pos := fileLine(n.File, n.Line)
	switch {
	case n.Source == "":
		return pos
	case pos == "":
		return "(" + n.Source + ")"
	default:
		return pos + " (" + n.Source + ")"
	}
}
