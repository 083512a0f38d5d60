package parsers

import (
	"slices"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/awsfacts"
)

// One join mechanism for every source of real objects (docs/semantics.md#literal-ids-and-names): an
// AWS facts snapshot, or a Terraform state or plan JSON. A literal ID in a
// root's code (`subnet_ids = ["subnet-0abc"]`, `VpcId: vpc-123`) or a DB
// subnet group name that such a source holds joins that source's object,
// with everything it links to and everything of each VPC reached, to the
// root's model, and the literal becomes a link by identity.

// realSource is a source of objects known by their real IDs.
type realSource struct {
	// model holds the source's objects under their addresses: a facts
	// object's real ID, or `<state file>::<resource address>` for a state.
	model *model.Model
	// name names a facts snapshot in messages the same way from any
	// working directory (inputfile.Key); "" for a state.
	name string
	// ids maps each real ID (and ARN) the source holds to the address of
	// its object in model. An ID may name an implicit object of a VPC
	// (model.MainRouteTableAddress): the VPC then joins, and the network
	// derives the object from it.
	ids map[string]string
	// copy, when non-nil, is what joins a model for an object of the
	// source: a copy that says where it came from (model.Origin.From), for
	// a facts snapshot, whose own objects carry no provenance. A state's
	// objects carry it already (they exist only to be joined).
	copy func(model.Object) model.Object
	// byAddr are the joinable objects by address, owner the address of
	// the VPC of each object, byVPC the joinable objects of each VPC, and
	// order each object's position in model.Objects(): indexed once per
	// source, not once per root that joins it (newRealSource).
	byAddr map[string]model.Object
	owner  map[model.Object]string
	byVPC  map[string][]model.Object
	order  map[model.Object]int
	// clusters are the source's DB clusters by address, and instances the
	// instances of each (join_clusters.go); noInstances says that the
	// source has no instance list (AWS facts without describe-db-instances).
	clusters    map[string]*model.DBCluster
	instances   map[string][]*model.DBInstance
	noInstances bool
}

// factsSource is the realSource of a facts snapshot's model: every
// object's address is its real ID.
func factsSource(facts *model.Model) *realSource {
	s := newRealSource(facts)
	s.copy = joinedCopy
	for addr := range s.byAddr {
		s.ids[addr] = addr
	}
	return s
}

// newRealSource indexes the objects of m; the caller fills in ids.
func newRealSource(m *model.Model) *realSource {
	s := &realSource{model: m, ids: map[string]string{}, byAddr: map[string]model.Object{},
		owner: owners(m), byVPC: map[string][]model.Object{}, order: map[model.Object]int{}}
	for i, o := range m.Objects() {
		s.order[o] = i
		if !isJoinable(o) {
			continue
		}
		s.byAddr[o.Base().Address] = o
		if v := s.owner[o]; v != "" {
			s.byVPC[v] = append(s.byVPC[v], o)
		}
	}
	s.indexClusters()
	return s
}

// joinInto adds to m the objects of s that the literals of own (the
// objects the root itself declares) name, with their closure, and rewrites
// those literals into links. Objects joined from another source are shared
// and never changed.
func joinInto(m *model.Model, own []model.Object, s *realSource) {
	if s == nil || s.model == nil || m.Source == model.AWSFacts {
		return
	}
	byAddr := s.byAddr
	declared := map[string]bool{}
	groupNames := map[string]bool{}
	for _, o := range m.Objects() {
		declared[o.Base().Address] = true
		if g, ok := o.(*model.DBSubnetGroup); ok && g.Name.Known() {
			groupNames[strings.ToLower(g.Name.Value)] = true
		}
	}
	var seeds []model.Object
	links := map[string]string{} // literal → address, for the literals seen
	for _, o := range own {
		awsfacts.WalkObject(o, func(r *model.Ref) {
			addr, ok := s.ids[r.Literal]
			if !ok || r.Literal == "" {
				return
			}
			if t := byAddr[addr]; t != nil {
				seeds, links[r.Literal] = append(seeds, t), addr
			} else if vpc, _, ok := model.ImplicitOf(addr); ok && byAddr[vpc] != nil {
				seeds, links[r.Literal] = append(seeds, byAddr[vpc]), addr
			}
		})
	}
	for _, n := range subnetGroupNames(m) {
		if groupNames[strings.ToLower(n)] {
			continue // the code declares a group of that name
		}
		for _, g := range s.model.DBSubnetGroups {
			if g.Name.Known() && strings.EqualFold(g.Name.Value, n) {
				seeds = append(seeds, g)
			}
		}
	}
	cj := s.clusterSeeds(m, own)
	seeds = append(seeds, cj.seeds...)
	for lit, addr := range cj.links {
		links[lit] = addr
	}
	if len(seeds) == 0 {
		return
	}
	joined := s.closure(seeds)
	in := map[string]bool{}
	for _, o := range joined {
		if !declared[o.Base().Address] {
			in[o.Base().Address] = true
		}
	}
	// A literal links to its object once the object is in m: joined now,
	// or before under the same address (a remote state of the same file).
	for lit, addr := range links {
		if vpc, _, ok := model.ImplicitOf(addr); ok {
			addr = vpc
		}
		if !in[addr] && !declared[addr] {
			delete(links, lit)
		}
	}
	for _, o := range own {
		linkLiterals(o, links)
	}
	files := map[string]bool{}
	for _, f := range m.Joined {
		files[f] = true
	}
	for _, o := range joined {
		if in[o.Base().Address] {
			switch c := o.(type) {
			case *model.DBCluster:
				o = placeCluster(c, cj.at[c.Address], s.copy)
			default:
				if s.copy != nil {
					o = s.copy(o)
				}
			}
			appendObject(m, o)
			if c, ok := o.(*model.DBCluster); ok && s.noInstances {
				appendObject(m, instancesMarker(c))
			}
			if f := sourceFile(o); f != "" {
				files[f] = true
			}
		}
	}
	// The source files are the source of the links that rest on their
	// objects (docs/semantics.md#where-a-link-came-from).
	m.Joined = m.Joined[:0]
	for f := range files {
		m.Joined = append(m.Joined, f)
	}
	slices.Sort(m.Joined)
}

// sourceFile is the file of the source that holds o: where it is
// declared, or for a cluster placed at the stream that names it, where it
// came from.
func sourceFile(o model.Object) string {
	if c, ok := o.(*model.DBCluster); ok && c.From != nil {
		return c.From.File
	}
	return o.Base().Range.File
}

// linkLiterals turns every literal of o that links names into a link by
// identity to that address.
func linkLiterals(o model.Object, links map[string]string) {
	awsfacts.WalkObject(o, func(r *model.Ref) {
		if addr, ok := links[r.Literal]; ok && r.Literal != "" {
			r.Key, r.Literal = addr, ""
		}
	})
}
