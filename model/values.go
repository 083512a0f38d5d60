package model

import "strings"

// Str is a string attribute. Exactly one of these holds: Unknown is non-nil
// (the value cannot be known offline), Set is true (Value is the value), or
// neither (the attribute is not set and its default applies).
type Str struct {
	Value   string
	Set     bool
	Unknown *Unresolved
	Range   Range
}

// Known reports whether the value is set and known.
func (s Str) Known() bool { return s.Set && s.Unknown == nil }

// Or returns the value, or def when the attribute is unset. It must not be
// called on an unknown Str.
func (s Str) Or(def string) string {
	if s.Set {
		return s.Value
	}
	return def
}

// KnownStr returns a set, known Str.
func KnownStr(v string, r Range) Str { return Str{Value: v, Set: true, Range: r} }

// UnknownStr returns an unknown Str.
func UnknownStr(u *Unresolved, r Range) Str { return Str{Unknown: u, Range: r} }

// Bool is a boolean attribute, with the same three states as Str.
type Bool struct {
	Value   bool
	Set     bool
	Unknown *Unresolved
	Range   Range
}

// Tri returns the value as a Tri, using def when the attribute is unset.
func (b Bool) Tri(def bool) Tri {
	switch {
	case b.Unknown != nil:
		return Unknown
	case b.Set:
		return TriOf(b.Value)
	default:
		return TriOf(def)
	}
}

// KnownBool returns a set, known Bool.
func KnownBool(v bool, r Range) Bool { return Bool{Value: v, Set: true, Range: r} }

// Int is an integer attribute, with the same three states as Str.
type Int struct {
	Value   int64
	Set     bool
	Unknown *Unresolved
	Range   Range
}

// Known reports whether the value is set and known.
func (i Int) Known() bool { return i.Set && i.Unknown == nil }

// KnownInt returns a set, known Int.
func KnownInt(v int64, r Range) Int { return Int{Value: v, Set: true, Range: r} }

// Ref is a link from one object to another. Exactly one of these holds:
//   - Key is set: the link points, by identity, at the object with that
//     Address in the same Model (the object may still be absent if the
//     parser's token named something that was never declared);
//   - Literal is set: the code gives a literal ID or name (`"vpc-0abc"`,
//     `"catalog"`). Where AWS links by a user-chosen name, the consumer matches
//     it against declared names; anything else is an external resource;
//   - Unknown is set: the value cannot be resolved offline;
//   - none: the attribute is not set.
type Ref struct {
	Key     string
	Literal string
	Unknown *Unresolved
	Range   Range
	// Maybe is non-nil when this element of a list may not exist (it stands
	// for the elements of an unknown count or for_each).
	Maybe *Unresolved
	// SameIndex says that the ref names, in a collection of the referrer's
	// own cohort (Origin.Cohort), the element with the referrer's own index
	// or key: `aws_subnet.db[count.index].id` in a resource with the same
	// count as aws_subnet.db. Such an element exists whenever the referrer
	// does.
	SameIndex bool
}

// IsSet reports whether the attribute was given at all.
func (r Ref) IsSet() bool { return r.Key != "" || r.Literal != "" || r.Unknown != nil }

// Refs is a list of links, such as a subnet group's subnets.
type Refs struct {
	Items []Ref
	// Set is false when the attribute was not given (its default applies).
	Set bool
	// Incomplete is non-nil when the list may hold further items that are not
	// in Items (its length is unknown); it says why.
	Incomplete *Unresolved
	Range      Range
}

// StrList is a list of strings, such as a rule's CIDR blocks.
type StrList struct {
	Items      []Str
	Set        bool
	Incomplete *Unresolved
	Range      Range
}

// Identity tokens stand for the computed attributes of declared resources
// (`aws_vpc.main.id`, `!Ref VPC`). A parser puts a token wherever the value
// of such an attribute flows, so that links survive locals, module outputs,
// nested stacks and string functions, and are then followed by identity,
// never by guessing from names.
const (
	tokenOpen  = "⟪"
	tokenClose = "⟫"
)

// Token returns the identity token for the object with the given address.
func Token(address string) string { return tokenOpen + address + tokenClose }

// ParseToken returns the address inside s when s is exactly one identity
// token.
func ParseToken(s string) (address string, ok bool) {
	if !strings.HasPrefix(s, tokenOpen) || !strings.HasSuffix(s, tokenClose) {
		return "", false
	}
	inner := s[len(tokenOpen) : len(s)-len(tokenClose)]
	if inner == "" || strings.Contains(inner, tokenOpen) || strings.Contains(inner, tokenClose) {
		return "", false
	}
	return inner, true
}

// ContainsToken reports whether s holds a token for address anywhere, as
// when an ARN or a JSON payload is built around a reference.
func ContainsToken(s, address string) bool { return strings.Contains(s, Token(address)) }

// Tokens returns every address tokenised inside s, in order.
func Tokens(s string) []string {
	var out []string
	for {
		i := strings.Index(s, tokenOpen)
		if i < 0 {
			return out
		}
		s = s[i+len(tokenOpen):]
		j := strings.Index(s, tokenClose)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j+len(tokenClose):]
	}
}

// RefFromString classifies a resolved string value: an identity token
// becomes a Key, anything else a Literal, and "" an unset Ref.
func RefFromString(s string, r Range) Ref {
	if s == "" {
		return Ref{Range: r}
	}
	if addr, ok := ParseToken(s); ok {
		return Ref{Key: addr, Range: r}
	}
	return Ref{Literal: s, Range: r}
}

// Implicit objects: every VPC comes with a main route table, a default
// security group and a default network ACL that code can reach only through
// the VPC's attributes. Their addresses are derived from the VPC's address.
const (
	mainRouteTableSuffix       = "#main-route-table"
	defaultSecurityGroupSuffix = "#default-security-group"
	defaultNetworkACLSuffix    = "#default-network-acl"
)

// MainRouteTableAddress is the address of a VPC's own main route table.
func MainRouteTableAddress(vpc string) string { return vpc + mainRouteTableSuffix }

// DefaultSecurityGroupAddress is the address of a VPC's default security group.
func DefaultSecurityGroupAddress(vpc string) string { return vpc + defaultSecurityGroupSuffix }

// DefaultNetworkACLAddress is the address of a VPC's default network ACL.
func DefaultNetworkACLAddress(vpc string) string { return vpc + defaultNetworkACLSuffix }

// ImplicitOf splits the address of an implicit object into the VPC address
// and the kind of object ("main-route-table", "default-security-group",
// "default-network-acl").
func ImplicitOf(address string) (vpc, kind string, ok bool) {
	for _, suffix := range []string{mainRouteTableSuffix, defaultSecurityGroupSuffix, defaultNetworkACLSuffix} {
		if v, found := strings.CutSuffix(address, suffix); found && v != "" {
			return v, suffix[1:], true
		}
	}
	return "", "", false
}

// RegionToken stands for the deployment region inside a string that is
// otherwise known when the region itself is not (CloudFormation
// `com.amazonaws.${AWS::Region}.kms` without --region): such a service name
// still names that service in the endpoint's own region (docs/semantics.md#an-active-kms-endpoint). It is
// not an address: no object is ever declared with it.
const RegionToken = tokenOpen + "?region" + tokenClose
