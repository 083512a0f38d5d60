package cloudformation

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/daslint/daslint/model"
)

// eval evaluates a template value with its intrinsic functions.
func (s *stack) eval(n *node) Value {
	if n == nil {
		return Value{}
	}
	r := s.rng(n)
	if n.unknown != nil {
		return unknownFrom(n.unknown, r)
	}
	switch n.kind {
	case scalarNode:
		return scalar(n, r)
	case seqNode:
		out := make([]Value, 0, len(n.items))
		for _, it := range n.items {
			if v := s.eval(it); v.kind != kNoValue {
				out = append(out, v)
			}
		}
		return listVal(out, r)
	}
	if len(n.keys) == 1 {
		if v, ok := s.intrinsic(n.keys[0].value, n.vals[0], n); ok {
			return v
		}
	}
	m := Value{kind: kMap, m: make(map[string]Value, len(n.keys)), rng: r}
	for i, k := range n.keys {
		v := s.eval(n.vals[i])
		if v.kind == kNoValue {
			continue
		}
		if _, dup := m.m[k.value]; !dup {
			m.keys = append(m.keys, k.value)
		}
		m.m[k.value] = v
	}
	return m
}

func scalar(n *node, r model.Range) Value {
	switch n.tag {
	case "!!null":
		return Value{kind: kNull, rng: r}
	case "!!bool":
		b, _ := strconv.ParseBool(strings.ToLower(n.value))
		return boolVal(b, r)
	case "!!int", "!!float":
		return Value{kind: kNumber, str: n.value, rng: r}
	}
	if strings.Contains(n.value, "{{resolve:") {
		// A dynamic reference: CloudFormation reads SSM parameters and
		// secrets at deploy time.
		v := unknownVal(model.FromImport, r, "dynamic reference %s is resolved at deploy time", n.value)
		v.str = n.value
		return v
	}
	return strVal(n.value, r)
}

// intrinsic evaluates a one-key mapping that is an intrinsic function call.
// ok is false when the key names no function, and the mapping is data.
func (s *stack) intrinsic(name string, arg, n *node) (v Value, ok bool) {
	switch name {
	case "Ref":
		return s.fnRef(arg, n), true
	case "Condition":
		if arg.kind != scalarNode {
			return Value{}, false // a property named Condition, as in IAM policies
		}
		t, u := s.condition(arg.value, arg)
		if t == model.Unknown {
			return unknownFrom(u, s.rng(n)), true
		}
		return boolVal(t == model.True, s.rng(n)), true
	}
	if !strings.HasPrefix(name, "Fn::") {
		return Value{}, false
	}
	f, known := intrinsic(name)
	if !known {
		return s.fail(n, "unknown intrinsic function %s", name), true
	}
	return f(s, arg, n), true
}

// intrinsic returns the Fn:: function of that name. Each gets its argument
// node and the call node (for positions).
func intrinsic(name string) (func(s *stack, arg, n *node) Value, bool) {
	switch name {
	case "Fn::GetAtt":
		return (*stack).fnGetAtt, true
	case "Fn::Sub":
		return (*stack).fnSub, true
	case "Fn::Join":
		return (*stack).fnJoin, true
	case "Fn::Select":
		return (*stack).fnSelect, true
	case "Fn::Split":
		return (*stack).fnSplit, true
	case "Fn::If":
		return (*stack).fnIf, true
	case "Fn::Equals":
		return (*stack).fnEquals, true
	case "Fn::And":
		return (*stack).fnAnd, true
	case "Fn::Or":
		return (*stack).fnOr, true
	case "Fn::Not":
		return (*stack).fnNot, true
	case "Fn::FindInMap":
		return (*stack).fnFindInMap, true
	case "Fn::GetAZs":
		return (*stack).fnGetAZs, true
	case "Fn::ImportValue":
		return (*stack).fnImportValue, true
	case "Fn::GetStackOutput":
		return (*stack).fnGetStackOutput, true
	case "Fn::Cidr":
		return (*stack).fnCidr, true
	case "Fn::Base64":
		return (*stack).fnBase64, true
	case "Fn::Length":
		return (*stack).fnLength, true
	case "Fn::ToJsonString":
		return (*stack).fnToJSONString, true
	case "Fn::Transform":
		return (*stack).fnTransform, true
	case "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll":
		// The functions of the Rules section, which daslint does not evaluate.
		return (*stack).fnRule, true
	}
	return nil, false
}

// args checks that arg is a list of between lo and hi items.
func (s *stack) args(name string, arg, n *node, lo, hi int) ([]*node, bool) {
	if arg.kind != seqNode || len(arg.items) < lo || len(arg.items) > hi {
		want := strconv.Itoa(lo)
		if hi > lo {
			want += " to " + strconv.Itoa(hi)
		}
		s.errorf(n, "%s takes a list of %s arguments", name, want)
		return nil, false
	}
	return arg.items, true
}

// pseudo returns the value of a pseudo parameter.
func (s *stack) pseudo(name string, n *node) (Value, bool) {
	r := s.rng(n)
	switch name {
	case "AWS::NoValue":
		return Value{kind: kNoValue, rng: r}, true
	case "AWS::Region":
		if s.ld.opts.Region != "" {
			return strVal(s.ld.opts.Region, r), true
		}
		v := unknownVal(model.FromVariable, r, "AWS::Region is not known offline (give it with --region)")
		v.str, v.regionOnly = model.RegionToken, true
		return v, true
	case "AWS::StackName":
		if s.stackName != "" {
			return strVal(s.stackName, r), true
		}
		return unknownVal(model.FromComputed, r, "AWS::StackName is known only at deploy time (give it with --stack-name FILE=NAME)"), true
	case "AWS::AccountId", "AWS::Partition", "AWS::URLSuffix", "AWS::StackId", "AWS::NotificationARNs":
		return unknownVal(model.FromComputed, r, "%s is known only at deploy time", name), true
	}
	return Value{}, false
}

func (s *stack) fnRef(arg, n *node) Value {
	if arg.kind != scalarNode {
		return s.fail(n, "Ref takes the name of a parameter or resource")
	}
	return s.ref(arg.value, n)
}

func (s *stack) ref(name string, n *node) Value {
	if v, ok := s.pseudo(name, n); ok {
		return v
	}
	if p, ok := s.params[name]; ok {
		v := s.param(p)
		v.rng = s.rng(n)
		return v
	}
	if _, ok := s.resources[name]; ok {
		// Ref to a resource returns its ID (or name): an opaque value that
		// identifies it, whatever its type.
		return strVal(model.Token(s.address(name)), s.rng(n))
	}
	return s.undeclared(n, name, "Ref to %s, which is not a parameter or resource of this template", name)
}

func (s *stack) fnGetAtt(arg, n *node) Value {
	var res, attr string
	switch {
	case arg.kind == scalarNode:
		res, attr, _ = strings.Cut(arg.value, ".")
	case arg.kind == seqNode && len(arg.items) == 2 && arg.items[0].kind == scalarNode:
		res = arg.items[0].value
		a := s.eval(arg.items[1])
		if a.kind == kUnknown {
			return unknownFrom(a.unknown, s.rng(n))
		}
		attr, _ = a.scalarString()
	}
	if res == "" || attr == "" {
		return s.fail(n, "Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\"")
	}
	return s.getAtt(res, attr, n)
}

func (s *stack) getAtt(id, attr string, n *node) Value {
	r, ok := s.resources[id]
	if !ok {
		return s.undeclared(n, id, "Fn::GetAtt to %s, which is not a resource of this template", id)
	}
	addr := s.address(id)
	at := s.rng(n)
	if out, ok := strings.CutPrefix(attr, "Outputs."); ok && isStack(r.typ) {
		return s.stackOutput(r, out, n)
	}
	if r.typ == "AWS::EC2::VPC" {
		// The VPC's implicit objects, which a template reaches only through
		// these attributes (docs/semantics.md#defaults-that-matter).
		switch attr {
		case "DefaultSecurityGroup":
			return strVal(model.Token(model.DefaultSecurityGroupAddress(addr)), at)
		case "DefaultNetworkAcl":
			return strVal(model.Token(model.DefaultNetworkACLAddress(addr)), at)
		}
	}
	// An attribute that repeats a property (a subnet's VpcId, a VPC's
	// CidrBlock) has the property's value.
	if p := r.props.get(attr); p != nil {
		key := addr + "." + attr
		if s.evaluating[key] {
			return s.fail(n, "Fn::GetAtt %s.%s depends on itself", id, attr)
		}
		s.evaluating[key] = true
		v := s.eval(p)
		delete(s.evaluating, key)
		if v.kind != kNoValue {
			v.rng = at
			return v
		}
	}
	// IDs and ARNs identify the resource: they become its identity token.
	if strings.HasSuffix(attr, "Id") || strings.HasSuffix(attr, "Arn") || attr == "Ref" {
		return strVal(model.Token(addr), at)
	}
	v := unknownVal(model.FromComputed, at, "%s.%s is known only after deployment", addr, attr)
	v.str = model.Token(addr) // still refers to the resource, for activity stream detection
	return v
}

func (s *stack) fnSub(arg, n *node) Value {
	var tmpl *node
	var vars *node
	switch {
	case arg.kind == scalarNode:
		tmpl = arg
	case arg.kind == seqNode && len(arg.items) == 2 && arg.items[0].kind == scalarNode:
		tmpl, vars = arg.items[0], arg.items[1]
		if vars.kind != mapNode {
			return s.fail(n, "Fn::Sub variables must be a mapping")
		}
	default:
		return s.fail(n, "Fn::Sub takes a string or [string, {variables}]")
	}
	var parts []Value
	rest := tmpl.value
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			parts = append(parts, strVal(rest, s.rng(n)))
			break
		}
		parts = append(parts, strVal(rest[:i], s.rng(n)))
		rest = rest[i+2:]
		if strings.HasPrefix(rest, "!") { // ${!Literal} is the text ${Literal}
			parts = append(parts, strVal("${", s.rng(n)))
			rest = rest[1:]
			continue
		}
		j := strings.Index(rest, "}")
		if j < 0 {
			return s.fail(n, "Fn::Sub: unclosed ${ in %q", tmpl.value)
		}
		name := strings.TrimSpace(rest[:j])
		rest = rest[j+1:]
		parts = append(parts, s.subVar(name, vars, n))
	}
	return joinParts(parts, "", s.rng(n))
}

func (s *stack) subVar(name string, vars, n *node) Value {
	if v := vars.get(name); v != nil {
		return s.eval(v)
	}
	if _, ok := s.pseudo(name, n); !ok {
		if _, isParam := s.params[name]; !isParam {
			if res, attr, ok := strings.Cut(name, "."); ok {
				return s.getAtt(res, attr, n)
			}
		}
	}
	return s.ref(name, n)
}

func (s *stack) fnJoin(arg, n *node) Value {
	a, ok := s.args("Fn::Join", arg, n, 2, 2)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed Fn::Join")
	}
	sep, ok := s.eval(a[0]).scalarString()
	if !ok {
		return s.fail(a[0], "Fn::Join delimiter must be a string")
	}
	list := s.eval(a[1])
	switch list.kind {
	case kUnknown:
		return unknownFrom(list.unknown, s.rng(n))
	case kList:
	default:
		return s.fail(a[1], "Fn::Join needs a list of values, not %s", list.kind)
	}
	for _, e := range list.list {
		if _, ok := e.scalarString(); !ok && e.kind != kUnknown {
			return s.fail(a[1], "Fn::Join items must be strings, not %s", e.kind)
		}
	}
	return joinParts(list.list, sep, s.rng(n))
}

func (s *stack) fnSelect(arg, n *node) Value {
	a, ok := s.args("Fn::Select", arg, n, 2, 2)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed Fn::Select")
	}
	idx, list := s.eval(a[0]), s.eval(a[1])
	if idx.kind == kUnknown {
		return unknownFrom(idx.unknown, s.rng(n))
	}
	i, ok := idx.asInt()
	if !ok {
		return s.fail(a[0], "Fn::Select index must be a number")
	}
	switch list.kind {
	case kUnknown:
		if list.zones != "" && i >= 0 {
			return strVal(model.ZoneToken(list.zones, int(i), zoneText(list.zones, i)), s.rng(n))
		}
		return unknownFrom(list.unknown, s.rng(n))
	case kList:
	default:
		return s.fail(a[1], "Fn::Select needs a list, not %s", list.kind)
	}
	if i < 0 || i >= int64(len(list.list)) {
		return s.fail(n, "Fn::Select index %d is out of range for a list of %d", i, len(list.list))
	}
	v := list.list[i]
	v.rng = s.rng(n)
	return v
}

func (s *stack) fnSplit(arg, n *node) Value {
	a, ok := s.args("Fn::Split", arg, n, 2, 2)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed Fn::Split")
	}
	sep, ok := s.eval(a[0]).scalarString()
	if !ok || sep == "" {
		return s.fail(a[0], "Fn::Split delimiter must be a non-empty string")
	}
	str := s.eval(a[1])
	if str.kind == kUnknown {
		return unknownFrom(str.unknown, s.rng(n))
	}
	text, ok := str.scalarString()
	if !ok {
		return s.fail(a[1], "Fn::Split needs a string, not %s", str.kind)
	}
	var out []Value
	for _, p := range strings.Split(text, sep) {
		out = append(out, strVal(p, s.rng(n)))
	}
	return listVal(out, s.rng(n))
}

func (s *stack) fnIf(arg, n *node) Value {
	a, ok := s.args("Fn::If", arg, n, 3, 3)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed Fn::If")
	}
	if a[0].kind != scalarNode {
		return s.fail(a[0], "Fn::If takes a condition name first")
	}
	t, u := s.condition(a[0].value, a[0])
	switch t {
	case model.True:
		return s.eval(a[1])
	case model.False:
		return s.eval(a[2])
	}
	if u != nil && u.Kind == model.FromExpression {
		return unknownFrom(u, s.rng(n)) // already reported
	}
	x, y := s.eval(a[1]), s.eval(a[2])
	if x.firstUnknown() == nil && y.firstUnknown() == nil && x.equal(y) {
		return x
	}
	v := unknownVal(model.FromCondition, s.rng(n), "Fn::If on condition %s, which is unknown: %s", a[0].value, reasonOf(u))
	var sb strings.Builder
	x.text(&sb)
	y.text(&sb)
	v.str = sb.String()
	return v
}

func (s *stack) fnEquals(arg, n *node) Value {
	a, ok := s.args("Fn::Equals", arg, n, 2, 2)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed Fn::Equals")
	}
	x, y := s.eval(a[0]), s.eval(a[1])
	for _, v := range []Value{x, y} {
		if u := v.firstUnknown(); u != nil {
			return unknownFrom(u, s.rng(n))
		}
	}
	eq := x.equal(y)
	if !eq && (x.holdsZone() || y.holdsZone()) {
		// A zone token is a zone whose name is known only at deploy time:
		// it may be the name it is compared with.
		return unknownVal(model.FromDataSource, s.rng(n), "Fn::Equals compares an availability zone of Fn::GetAZs, known only at deploy time")
	}
	return boolVal(eq, s.rng(n))
}

// logic evaluates Fn::And / Fn::Or in Kleene logic: a false operand decides
// And even when another is unknown.
func (s *stack) logic(name string, arg, n *node, and bool) Value {
	a, ok := s.args(name, arg, n, 1, 10)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed %s", name)
	}
	acc := model.TriOf(and)
	var why *model.Unresolved
	for _, item := range a {
		t, u := triOf(s, s.eval(item), item)
		if t == model.Unknown && why == nil {
			why = u
		}
		if and {
			acc = acc.And(t)
		} else {
			acc = acc.Or(t)
		}
	}
	if acc == model.Unknown {
		return unknownFrom(why, s.rng(n))
	}
	return boolVal(acc == model.True, s.rng(n))
}

func (s *stack) fnAnd(arg, n *node) Value { return s.logic("Fn::And", arg, n, true) }
func (s *stack) fnOr(arg, n *node) Value  { return s.logic("Fn::Or", arg, n, false) }

func (s *stack) fnNot(arg, n *node) Value {
	a, ok := s.args("Fn::Not", arg, n, 1, 1)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed Fn::Not")
	}
	t, u := triOf(s, s.eval(a[0]), a[0])
	if t == model.Unknown {
		return unknownFrom(u, s.rng(n))
	}
	return boolVal(t == model.False, s.rng(n))
}

func (s *stack) fnFindInMap(arg, n *node) Value {
	a, ok := s.args("Fn::FindInMap", arg, n, 3, 4)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed Fn::FindInMap")
	}
	keys := make([]string, 3)
	for i := range keys {
		k := s.eval(a[i])
		if k.kind == kUnknown {
			return unknownFrom(k.unknown, s.rng(n))
		}
		str, ok := k.scalarString()
		if !ok {
			return s.fail(a[i], "Fn::FindInMap keys must be strings")
		}
		keys[i] = str
	}
	v := s.mappings.get(keys[0]).get(keys[1]).get(keys[2])
	if v != nil {
		return s.eval(v)
	}
	if len(a) == 4 { // AWS::LanguageExtensions: {DefaultValue: ...}
		if d := a[3].get("DefaultValue"); d != nil {
			return s.eval(d)
		}
	}
	return s.fail(n, "Fn::FindInMap: Mappings has no %s/%s/%s", keys[0], keys[1], keys[2])
}

// fnGetAZs returns the region's availability zones, which are known only at
// deploy time. The result still remembers which region's list it is, so
// that Fn::Select of it yields a zone token: AWS lists distinct zones, so
// `!Select [0, !GetAZs ""]` names the same zone wherever it is written, and a
// different one from index 1. The empty string and `!Ref AWS::Region` (known
// or not) both mean the stack's own region: one list.
func (s *stack) fnGetAZs(arg, n *node) Value {
	v := unknownVal(model.FromDataSource, s.rng(n), "Fn::GetAZs: the availability zones are known only at deploy time")
	r := s.eval(arg)
	region, ok := r.scalarString()
	switch {
	case r.kind == kUnknown && r.regionOnly && r.str == model.RegionToken:
		v.zones = stackRegion
	case !ok:
		return v
	case region == "" || region == s.ld.opts.Region:
		v.zones = stackRegion
	default:
		v.zones = region
	}
	return v
}

// stackRegion names the zone list of the stack's own region (Value.zones).
const stackRegion = "region"

// zoneText is how a template writes the zone at index i of the zone list
// of region (stackRegion for the stack's own), for messages.
func zoneText(region string, i int64) string {
	if region == stackRegion {
		region = ""
	}
	return "Fn::Select [" + strconv.FormatInt(i, 10) + ", Fn::GetAZs " + strconv.Quote(region) + "]"
}

func (s *stack) fnBase64(arg, n *node) Value {
	v := s.eval(arg)
	if v.kind == kUnknown {
		return v
	}
	str, ok := v.scalarString()
	if !ok {
		return s.fail(n, "Fn::Base64 needs a string, not %s", v.kind)
	}
	return strVal(base64.StdEncoding.EncodeToString([]byte(str)), s.rng(n))
}

func (s *stack) fnLength(arg, n *node) Value {
	v := s.eval(arg)
	switch v.kind {
	case kUnknown:
		return unknownFrom(v.unknown, s.rng(n))
	case kList:
		return Value{kind: kNumber, str: strconv.Itoa(len(v.list)), rng: s.rng(n)}
	}
	return s.fail(n, "Fn::Length needs a list, not %s", v.kind)
}

func (s *stack) fnRule(_, n *node) Value {
	return unknownVal(model.FromExpression, s.rng(n), "%s belongs in the Rules section and is not evaluated", n.keys[0].value)
}

func (s *stack) fnTransform(_, n *node) Value {
	return unknownVal(model.FromExpression, s.rng(n), "Fn::Transform runs a macro at deploy time")
}
