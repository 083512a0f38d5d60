package parsers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/awsfacts"
)

// One join mechanism for every source of real objects (SPEC §7.2.1): an
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
	// ids maps each real ID (and ARN) the source holds to the address of
	// its object in model. An ID may name an implicit object of a VPC
	// (model.MainRouteTableAddress): the VPC then joins, and the network
	// derives the object from it.
	ids map[string]string
	// shared says that the source is one root's state or plan: complete for
	// what that root manages, never for what other roots add to the same
	// VPC (SPEC §7.1). Each VPC that joins from it gets a marker for the
	// VPC endpoints other roots may add there (see markers).
	shared bool
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
	// file names the source in reasons, the same from any working
	// directory (its path relative to its read boundary).
	file string
	// realID is the real ID of each object of a shared source, by address.
	realID map[string]string
	// settled, when non-nil, reports whether AWS facts of the run list the
	// VPC endpoints of the VPC with real ID vpc, all of them among
	// endpoints (the real IDs of the source's own): then no other root
	// added one, and the VPC needs no marker.
	settled func(vpc string, endpoints map[string]bool) bool
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
			if s.copy != nil {
				o = s.copy(o)
			}
			appendObject(m, o)
			if f := o.Base().Range.File; f != "" {
				files[f] = true
			}
		}
	}
	if s.shared {
		for _, o := range s.markers(joined, in) {
			if !declared[o.Base().Address] {
				appendObject(m, o)
			}
		}
	}
	// The source files are the source of the links that rest on their
	// objects (SPEC §7.2.7).
	m.Joined = m.Joined[:0]
	for f := range files {
		m.Joined = append(m.Joined, f)
	}
	slices.Sort(m.Joined)
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

// sharedMarkerSuffix ends the address of the marker of what other roots
// may add to a VPC that joined from a state or plan.
const sharedMarkerSuffix = "/endpoints#other-roots"

// markers stand for what one root's state cannot rule out in a VPC
// that other roots use too: a VPC endpoint that another root creates
// there and that takes over the KMS name (SPEC §7.1: a state is complete
// for what its own root manages, never for what the VPC holds). Like the
// facts markers (awsfacts.MarkerSuffix), it is an endpoint that may exist,
// of unknown service, type and DNS: a path that rests on there being no
// such endpoint is unknown, never pass. AWS facts of the VPC's endpoints
// (describe-vpc-endpoints) that list only the state's own settle it.
func (s *realSource) markers(joined []model.Object, in map[string]bool) []model.Object {
	file := s.file
	var out []model.Object
	for _, o := range joined {
		v, ok := o.(*model.VPC)
		if !ok || !in[v.Address] {
			continue
		}
		if s.settled != nil && s.realID[v.Address] != "" {
			own := map[string]bool{}
			for _, e := range s.model.VPCEndpoints {
				if e.VPC.Key == v.Address && s.realID[e.Address] != "" {
					own[s.realID[e.Address]] = true
				}
			}
			if s.settled(s.realID[v.Address], own) {
				continue
			}
		}
		at := v.Range
		u := &model.Unresolved{Kind: model.FromExternal, Range: at, Reason: fmt.Sprintf(
			"%s holds what its own root manages; another root may add a VPC endpoint to %s that takes over the KMS name: give the VPC's endpoints as AWS facts (aws ec2 describe-vpc-endpoints --output json) with --context",
			file, v.Address)}
		unk := model.UnknownStr(u, at)
		out = append(out, &model.VPCEndpoint{
			Origin: model.Origin{Address: v.Address + sharedMarkerSuffix, Range: at, Maybe: u, From: v.From,
				Type: "VPC endpoints of other roots (not in " + file + ")"},
			VPC:            model.Ref{Key: v.Address, Range: at},
			ServiceName:    unk,
			Type:           unk,
			PrivateDNS:     model.Bool{Unknown: u, Range: at},
			Subnets:        model.Refs{Set: true, Incomplete: u, Range: at},
			SecurityGroups: model.Refs{Set: true, Incomplete: u, Range: at},
			Policy:         unk,
		})
	}
	return out
}
