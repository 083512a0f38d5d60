package parsers

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/awsfacts"
)

// Two facts snapshots that hold the same real ID are two pictures of one
// account and region (EC2 IDs are unique across accounts and regions),
// taken at different times or in different ways; a DB subnet group name or
// a cluster identifier held by two snapshots may even be two accounts'
// objects. Nothing offline says which picture is the world now, so a
// literal whose object, or whose object's VPC, more than one snapshot
// holds is settled by none: it becomes unknown, naming the snapshots,
// rather than joining whichever snapshot comes first in path order (which
// may pass where the other fails).

// settleShared makes every literal of own that names an object held by
// more than one of the facts snapshots unknown, with the reason.
func settleShared(own []model.Object, facts []*realSource) {
	if len(facts) < 2 {
		return
	}
	for _, o := range own {
		awsfacts.WalkObject(o, func(r *model.Ref) {
			if r.Literal == "" {
				return
			}
			roots := holders(r.Literal, facts)
			if len(roots) < 2 {
				return
			}
			r.Unknown = &model.Unresolved{Kind: model.FromExternal, Range: r.Range, Reason: fmt.Sprintf(
				"%s, or its VPC, is in %d AWS facts snapshots (%s); daslint cannot tell which one is current, so none settles it (give one snapshot of each account and region)",
				r.Literal, len(roots), strings.Join(roots, ", "))}
			r.Literal = ""
		})
	}
}

// holders are the roots of the facts snapshots that hold the object the
// literal lit names (a real ID, a cluster ARN or identifier, or a DB
// subnet group name), or the VPC of that object.
func holders(lit string, facts []*realSource) []string {
	var out []string
	for _, s := range facts {
		if s.holds(lit) {
			out = append(out, s.name)
			continue
		}
		for _, t := range facts {
			if t != s && t.holds(lit) && s.holdsVPCOf(lit, t) {
				out = append(out, s.name)
				break
			}
		}
	}
	return out
}

// holds says whether the facts snapshot s holds the object lit names.
func (s *realSource) holds(lit string) bool {
	if _, ok := s.ids[lit]; ok {
		return true
	}
	_, ok := s.ids["subgrp:"+strings.ToLower(lit)]
	return ok
}

// holdsVPCOf says whether s holds the VPC of the object that lit names in
// the snapshot t.
func (s *realSource) holdsVPCOf(lit string, t *realSource) bool {
	addr, ok := t.ids[lit]
	if !ok {
		addr = t.ids["subgrp:"+strings.ToLower(lit)]
	}
	vpc := addr
	if v, _, ok := model.ImplicitOf(addr); ok {
		vpc = v
	} else if o := t.byAddr[addr]; o != nil {
		vpc = t.owner[o]
	}
	if vpc == "" {
		return false
	}
	_, held := s.ids[vpc]
	return held
}
