package cloudformation

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/daslint/daslint/model"
)

// kind is the kind of an evaluated value.
type kind uint8

const (
	kNull kind = iota
	kString
	kNumber
	kBool
	kList
	kMap
	// kUnknown is a value that cannot be known offline; Value.unknown says why.
	kUnknown
	// kNoValue is AWS::NoValue: the property, list item or key is removed.
	kNoValue
)

// Value is the result of evaluating a template value: a known scalar, list
// or map, an unknown with its reason, or AWS::NoValue. Identity tokens
// (model.Token) are ordinary strings.
type Value struct {
	kind kind
	// str is the text of a string or number. For an unknown, it is the text
	// of the known parts of a string built around it (by Fn::Join or
	// Fn::Sub), kept so that identity tokens and keywords inside it can still
	// be found; it is never used as the value itself.
	str     string
	b       bool
	list    []Value
	keys    []string // map keys in template order; m holds the values
	m       map[string]Value
	unknown *model.Unresolved
	// regionOnly marks an unknown whose only unknown part is AWS::Region;
	// its str then holds model.RegionToken in place of the region.
	regionOnly bool
	// zones is set on the unknown result of Fn::GetAZs: the region whose
	// zone list it is ("region" for the stack's own), for zone tokens.
	zones string
	rng   model.Range
}

func strVal(s string, r model.Range) Value   { return Value{kind: kString, str: s, rng: r} }
func boolVal(b bool, r model.Range) Value    { return Value{kind: kBool, b: b, rng: r} }
func listVal(l []Value, r model.Range) Value { return Value{kind: kList, list: l, rng: r} }

func unknownVal(kind model.UnknownKind, r model.Range, format string, args ...any) Value {
	return Value{kind: kUnknown, unknown: &model.Unresolved{Kind: kind, Reason: fmt.Sprintf(format, args...), Range: r}, rng: r}
}

// unknownFrom returns an unknown that carries the reason u.
func unknownFrom(u *model.Unresolved, r model.Range) Value {
	return Value{kind: kUnknown, unknown: u, rng: r}
}

// scalarString reads a scalar the way CloudFormation does: numbers and
// booleans are strings to a property that wants one.
func (v Value) scalarString() (string, bool) {
	switch v.kind {
	case kString, kNumber:
		return v.str, true
	case kBool:
		return strconv.FormatBool(v.b), true
	}
	return "", false
}

// holdsZone reports whether v is, or holds, a string with a zone token.
func (v Value) holdsZone() bool {
	switch v.kind {
	case kString:
		return model.ContainsZoneToken(v.str)
	case kList:
		return slices.ContainsFunc(v.list, Value.holdsZone)
	case kMap:
		for _, x := range v.m {
			if x.holdsZone() {
				return true
			}
		}
	}
	return false
}

// asBool reads a boolean; CloudFormation accepts the strings "true" and
// "false" (any case) wherever a boolean is expected.
func (v Value) asBool() (bool, bool) {
	switch v.kind {
	case kBool:
		return v.b, true
	case kString:
		switch strings.ToLower(v.str) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// asInt reads an integer; "443" is a number to CloudFormation.
func (v Value) asInt() (int64, bool) {
	if v.kind != kString && v.kind != kNumber {
		return 0, false
	}
	s := strings.TrimSpace(v.str)
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int64(f)) {
		return int64(f), true
	}
	return 0, false
}

// text returns every string inside v, known or partial, joined; used to look
// for identity tokens and keywords.
func (v Value) text(sb *strings.Builder) {
	switch v.kind {
	case kString, kNumber, kUnknown:
		sb.WriteString(v.str)
		sb.WriteByte('\n')
	case kList:
		for _, e := range v.list {
			e.text(sb)
		}
	case kMap:
		for _, k := range v.keys {
			sb.WriteString(k)
			sb.WriteByte('\n')
			v.m[k].text(sb)
		}
	}
}

// equal compares two known values the way Fn::Equals does: scalars by their
// string form ("true" equals true, "443" equals 443).
func (v Value) equal(w Value) bool {
	if a, ok := v.scalarString(); ok {
		b, ok := w.scalarString()
		return ok && a == b
	}
	switch {
	case v.kind == kList && w.kind == kList:
		if len(v.list) != len(w.list) {
			return false
		}
		for i := range v.list {
			if !v.list[i].equal(w.list[i]) {
				return false
			}
		}
		return true
	case v.kind == kMap && w.kind == kMap:
		if len(v.m) != len(w.m) {
			return false
		}
		for k, x := range v.m {
			y, ok := w.m[k]
			if !ok || !x.equal(y) {
				return false
			}
		}
		return true
	}
	return v.kind == w.kind && (v.kind == kNull || v.kind == kNoValue)
}

// firstUnknown returns the first unknown inside v, or nil.
func (v Value) firstUnknown() *model.Unresolved {
	switch v.kind {
	case kUnknown:
		return v.unknown
	case kList:
		for _, e := range v.list {
			if u := e.firstUnknown(); u != nil {
				return u
			}
		}
	case kMap:
		for _, k := range v.keys {
			if u := v.m[k].firstUnknown(); u != nil {
				return u
			}
		}
	}
	return nil
}

// String names a kind for messages.
func (k kind) String() string {
	switch k {
	case kString:
		return "a string"
	case kNumber:
		return "a number"
	case kBool:
		return "a boolean"
	case kList:
		return "a list"
	case kMap:
		return "a mapping"
	case kUnknown:
		return "unknown"
	case kNoValue:
		return "AWS::NoValue"
	}
	return "null"
}

// joinParts concatenates evaluated parts into one string. When a part is
// unknown the result is unknown, with the first reason, and keeps the known
// text (see Value.str); regionOnly stays true while every unknown part is
// the region alone.
func joinParts(parts []Value, sep string, r model.Range) Value {
	var sb strings.Builder
	var u *model.Unresolved
	regionOnly := true
	for i, p := range parts {
		if i > 0 {
			sb.WriteString(sep)
		}
		if p.kind == kUnknown {
			if u == nil {
				u = p.unknown
			}
			regionOnly = regionOnly && p.regionOnly
			sb.WriteString(p.str)
			continue
		}
		s, _ := p.scalarString()
		sb.WriteString(s)
	}
	if u == nil {
		return strVal(sb.String(), r)
	}
	return Value{kind: kUnknown, unknown: u, str: sb.String(), regionOnly: regionOnly, rng: r}
}
