package network

import (
	"fmt"
	"net/netip"
	"sync"

	"github.com/daslint/daslint/model"
)

// nonPublic are IPv4 ranges that can never hold the public address of the
// regional KMS endpoint: RFC 1918 private space, shared address space (RFC
// 6598), loopback, link-local, multicast and reserved space. A CIDR inside
// one of them cannot match traffic to KMS's public IPs.
var nonPublic = sync.OnceValue(func() []netip.Prefix {
	return []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"),
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("100.64.0.0/10"),
		netip.MustParsePrefix("127.0.0.0/8"),
		netip.MustParsePrefix("169.254.0.0/16"),
		netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("192.168.0.0/16"),
		netip.MustParsePrefix("224.0.0.0/3"),
	}
})

// anyIPv4 is the IPv4 default route destination.
const anyIPv4 = "0.0.0.0/0"

// parseCIDR reads an IPv4 CIDR attribute. An unknown value returns its
// reason; a value that is not an IPv4 CIDR is reported as unknown too,
// since daslint cannot tell what AWS would make of it.
func parseCIDR(s model.Str) (netip.Prefix, *model.Unresolved) {
	if s.Unknown != nil {
		return netip.Prefix{}, s.Unknown
	}
	if !s.Set {
		return netip.Prefix{}, &model.Unresolved{Kind: model.FromExpression, Reason: "CIDR block is not set", Range: s.Range}
	}
	p, err := netip.ParsePrefix(s.Value)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, &model.Unresolved{Kind: model.FromExpression, Reason: fmt.Sprintf("%q is not an IPv4 CIDR block", s.Value), Range: s.Range}
	}
	return p.Masked(), nil
}

// covers says whether every address of inner lies in outer: True when it
// does, False when the two are disjoint, Unknown when they only overlap (the
// address in question may or may not be in the shared part).
func covers(outer, inner netip.Prefix) model.Tri {
	switch {
	case outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr()):
		return model.True
	case outer.Overlaps(inner):
		return model.Unknown
	default:
		return model.False
	}
}

// coversInternet says whether a CIDR matches traffic to the public IP of
// the regional KMS endpoint, which daslint does not know: only 0.0.0.0/0
// certainly does, a non-public range certainly does not, and any other
// public range might.
func coversInternet(p netip.Prefix) model.Tri {
	if p.Bits() == 0 {
		return model.True
	}
	for _, np := range nonPublic() {
		if covers(np, p) == model.True {
			return model.False
		}
	}
	return model.Unknown
}

// peerAddr is the address of the far end of a connection: either somewhere
// on the internet (a KMS public IP) or inside a known prefix (a subnet).
type peerAddr struct {
	internet bool
	prefix   netip.Prefix
	// unk is set when the prefix is not known.
	unk *model.Unresolved
	// name is how messages name the peer.
	name string
}

// internetPeer is the public KMS endpoint.
var internetPeer = peerAddr{internet: true, name: anyIPv4}

// match says whether a rule CIDR matches the peer address.
func (p peerAddr) match(rule netip.Prefix) model.Tri {
	if p.internet {
		return coversInternet(rule)
	}
	if p.unk != nil {
		if rule.Bits() == 0 {
			return model.True
		}
		return model.Unknown
	}
	return covers(rule, p.prefix)
}
