package network

import (
	"cmp"
	"slices"

	"github.com/daslint/daslint/model"
)

// chain is the evaluation of one path, link by link from the instance
// outward: the Kleene AND of the links so far, the links that held (the
// witness), the first broken link and the unknowns met on the way.
type chain struct {
	val      model.Tri
	links    []Link
	n        int // links examined
	broken   *Broken
	unknowns []Unknown
	// nat is the NAT gateway the chain passes through, once it holds.
	nat *natUse
}

func newChain() *chain { return &chain{val: model.True} }

// ok reports whether the chain can still hold, so that dependent links are
// worth evaluating.
func (c *chain) ok() bool { return c.val != model.False }

// hold records a link that holds.
func (c *chain) hold(l Link) {
	c.links = appendLinks(c.links, []Link{l})
	c.n++
}

// check records a link with its truth value; reason and fix explain it when
// it does not hold, and us are the unknowns it rests on.
func (c *chain) check(v model.Tri, l Link, reason, fix string, us ...Unknown) {
	if v == model.True {
		c.hold(l)
		return
	}
	c.breakAt(&Broken{Link: l, Status: v, Reason: reason, Fix: fix, Depth: c.n, Held: heldSoFar(c.links)})
	c.unknowns = append(c.unknowns, us...)
	c.n++
	c.val = c.val.And(v)
}

// whether is the reason of a link that does not hold: no, the reason it
// breaks, when v is False; when v is Unknown, that it is not known whether
// yes holds, so that an unknown link never states a failure as a fact.
func whether(v model.Tri, no, yes string) string {
	if v == model.Unknown {
		return "it is not known whether " + yes
	}
	return no
}

// breakAt records b as the first broken link unless one is already known;
// a certain break replaces an earlier unknown one, since it decides the
// path.
func (c *chain) breakAt(b *Broken) {
	if c.broken == nil || (c.broken.Status == model.Unknown && b.Status == model.False) {
		c.broken = b
	}
}

// then appends a sub-chain evaluated after the links of c. The links of c
// grow in place: what was taken of them before (heldSoFar) keeps its own
// length and capacity.
func (c *chain) then(sub *chain) {
	prefix := c.links
	c.links = appendLinks(growLinks(c.links, len(sub.links)), sub.links)
	if sub.broken != nil {
		b := *sub.broken
		b.Depth += c.n
		b.Held = appendLinks(cloneWithRoom(prefix, len(sub.broken.Held)), sub.broken.Held)
		c.breakAt(&b)
	}
	c.n += sub.n
	c.unknowns = append(c.unknowns, sub.unknowns...)
	c.val = c.val.And(sub.val)
	if c.nat == nil {
		c.nat = sub.nat
	}
}

// heldSoFar is the links of a chain so far, for a Broken's Held. A chain
// only ever appends to its links and never changes one in place, so the
// slice shares their array; it is clipped, so that an append to it copies
// rather than writing over the chain's later links.
func heldSoFar(links []Link) []Link { return slices.Clip(links) }

// growLinks makes room for n more links, to the size needed when the
// array must grow: a chain is appended to a few times, and append's
// doubling would leave much of each array unused.
func growLinks(links []Link, n int) []Link {
	if len(links)+n <= cap(links) {
		return links
	}
	return cloneWithRoom(links, n)
}

// cloneWithRoom copies links into a new array with room for n more.
func cloneWithRoom(links []Link, n int) []Link {
	out := make([]Link, len(links), len(links)+n)
	copy(out, links)
	return out
}

// appendLinks appends links to chain, dropping a link that repeats the one
// before it (two checks on one object in a row are one step).
func appendLinks(chain, links []Link) []Link {
	for _, l := range links {
		if n := len(chain); n == 0 || chain[n-1] != l {
			chain = append(chain, l)
		}
	}
	return chain
}

// alt is an alternative way the world may be: a sub-chain evaluated under
// an assumption (a maybe association, a route whose destination is
// unknown) that may or may not hold.
type alt struct {
	ch *chain
	// why the alternative may apply.
	why Unknown
}

// choose combines a base evaluation with alternatives that each may
// replace it: the result is the common value when all agree, else unknown,
// explained at link at by the reason the alternatives exist.
func choose(base *chain, alts []alt, at Link, reason, fix string) *chain {
	v := base.val
	for _, a := range alts {
		v = model.Unknown.If(a.ch.val, v)
	}
	if v == base.val {
		// Every way holds alike, but an alternative may go through another
		// NAT gateway: which one carries the traffic is then not known.
		for _, a := range alts {
			if base.nat != nil && (a.ch.nat == nil || a.ch.nat.gw != base.nat.gw) {
				base.nat = nil
			}
		}
		return base
	}
	out := newChain()
	us := []Unknown{}
	for _, a := range alts {
		if a.ch.val != base.val {
			us = append(us, a.why)
			us = append(us, a.ch.unknowns...)
		}
	}
	us = append(us, base.unknowns...)
	out.check(model.Unknown, at, reason, fix, us...)
	return out
}

// unknownOf turns an unresolved value into an Unknown used at a place.
func unknownOf(u *model.Unresolved, used model.Range, subject string) Unknown {
	out := Unknown{Unresolved: u, Used: used, Subject: subject}
	if u != nil {
		out.Fix = u.Fix
	}
	return out
}

// dedupUnknowns sorts unknowns by source position, kind and reason and
// drops repetitions, so that output does not depend on evaluation order.
func dedupUnknowns(us []Unknown) []Unknown {
	us = slices.DeleteFunc(slices.Clone(us), func(u Unknown) bool { return u.Unresolved == nil })
	slices.SortFunc(us, compareUnknowns)
	return slices.CompactFunc(us, func(a, b Unknown) bool { return compareUnknowns(a, b) == 0 })
}

func compareUnknowns(a, b Unknown) int {
	return cmp.Or(
		compareRanges(a.Range, b.Range),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Reason, b.Reason),
		compareRanges(a.Used, b.Used),
		cmp.Compare(a.Subject, b.Subject),
	)
}

func compareRanges(a, b model.Range) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.EndLine, b.EndLine),
		cmp.Compare(a.EndColumn, b.EndColumn),
	)
}

// linkTo is the link for an object, named by its address.
func linkTo(o model.Object, text string) Link {
	b := o.Base()
	if text == "" {
		text = b.Address
	}
	return Link{Address: b.Address, Text: text, Range: b.Range, From: b.From}
}
