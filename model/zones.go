package model

import (
	"strconv"
	"strings"
)

// Zone tokens stand for an availability zone whose name is not known
// offline but whose position in a list of zones that AWS returns is
// (`!Select [1, !GetAZs ""]`, `data.aws_availability_zones.x.names[1]`).
// AWS lists distinct zones, so two tokens over the same list name the same
// zone exactly when their indexes are equal. A token also carries how the
// code wrote the zone, for messages (ZoneText). Like RegionToken, a zone
// token is not an address.
const (
	zonePrefix = "?az:"
	// zoneSep separates the list, the index and the text inside a token; it
	// is a control character that no list name or text keeps (zonePart).
	zoneSep = "\x1f"
)

// ZoneToken returns the token for the zone at index i of the zone list
// named list (the deployment region's list, a data source's list with its
// arguments), which the code writes as text.
func ZoneToken(list string, i int, text string) string {
	return tokenOpen + zonePrefix + zonePart(list) + zoneSep + strconv.Itoa(i) + zoneSep + zonePart(text) + tokenClose
}

// zonePart drops from s the characters that delimit a token and its parts,
// so that any list name or text makes a token that parses.
func zonePart(s string) string {
	return strings.NewReplacer(tokenOpen, "", tokenClose, "", zoneSep, "").Replace(s)
}

// parseZoneToken splits a zone token into its list, index and text.
func parseZoneToken(s string) (list string, i int, text string, ok bool) {
	inner, ok := ParseToken(s)
	if !ok {
		return "", 0, "", false
	}
	rest, ok := strings.CutPrefix(inner, zonePrefix)
	if !ok {
		return "", 0, "", false
	}
	parts := strings.Split(rest, zoneSep)
	if len(parts) != 3 {
		return "", 0, "", false
	}
	i, err := strconv.Atoi(parts[1])
	if err != nil || i < 0 {
		return "", 0, "", false
	}
	return parts[0], i, parts[2], true
}

// ContainsZoneToken reports whether s holds a zone token anywhere.
func ContainsZoneToken(s string) bool { return strings.Contains(s, tokenOpen+zonePrefix) }

// ZoneText returns an availability zone value as a message shows it: a zone
// token as the code writes it (`data.aws_availability_zones.available.names[0]`),
// anything else as it is.
func ZoneText(s string) string {
	if _, _, text, ok := parseZoneToken(s); ok && text != "" {
		return text
	}
	return s
}

// SameZone says whether two availability zone values name the same zone:
// known names compare case-insensitively, zone tokens over the same list
// by index; anything else (an unknown, a name against a token, tokens over
// different lists, a value built around an identity token) is Unknown.
func SameZone(a, b Str) Tri {
	if !a.Known() || !b.Known() {
		return Unknown
	}
	la, ia, _, za := parseZoneToken(a.Value)
	lb, ib, _, zb := parseZoneToken(b.Value)
	switch {
	case za && zb && la == lb:
		return TriOf(ia == ib)
	case za || zb || opaqueZone(a.Value) || opaqueZone(b.Value):
		return Unknown
	default:
		return TriOf(strings.EqualFold(a.Value, b.Value))
	}
}

// opaqueZone reports whether s holds a token other than the deployment
// region's: a name built around an identity or zone token is known only at
// apply time, so comparing its text with a zone name would be a guess. The
// region token is the same region wherever it is written in one model, so
// `${AWS::Region}a` still compares by text.
func opaqueZone(s string) bool {
	for _, t := range Tokens(s) {
		if tokenOpen+t+tokenClose != RegionToken {
			return true
		}
	}
	return false
}
