package model

import (
	"strconv"
	"strings"
)

// Zone tokens stand for an availability zone whose name is not known
// offline but whose position in AWS's list of the region's zones is
// (`!Select [1, !GetAZs ""]`). AWS lists distinct zones, so two tokens over
// the same list name the same zone exactly when their indexes are equal.
// Like RegionToken, a zone token is not an address.
const zonePrefix = "?az:"

// ZoneToken returns the token for the zone at index i of the zone list
// named list (for example the list of the deployment region).
func ZoneToken(list string, i int) string {
	return tokenOpen + zonePrefix + list + "#" + strconv.Itoa(i) + tokenClose
}

// parseZoneToken splits a zone token into its list and index.
func parseZoneToken(s string) (list string, i int, ok bool) {
	inner, ok := ParseToken(s)
	if !ok {
		return "", 0, false
	}
	rest, ok := strings.CutPrefix(inner, zonePrefix)
	if !ok {
		return "", 0, false
	}
	at := strings.LastIndex(rest, "#")
	if at < 0 {
		return "", 0, false
	}
	i, err := strconv.Atoi(rest[at+1:])
	if err != nil || i < 0 {
		return "", 0, false
	}
	return rest[:at], i, true
}

// SameZone says whether two availability zone values name the same zone:
// known names compare case-insensitively, zone tokens over the same list
// by index; anything else (an unknown, a name against a token, tokens over
// different lists) is Unknown.
func SameZone(a, b Str) Tri {
	if !a.Known() || !b.Known() {
		return Unknown
	}
	la, ia, za := parseZoneToken(a.Value)
	lb, ib, zb := parseZoneToken(b.Value)
	switch {
	case !za && !zb:
		return TriOf(strings.EqualFold(a.Value, b.Value))
	case za && zb && la == lb:
		return TriOf(ia == ib)
	default:
		return Unknown
	}
}
