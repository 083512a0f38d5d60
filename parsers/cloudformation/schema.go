package cloudformation

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/daslint/daslint/internal/spelling"
	"github.com/daslint/daslint/model"
)

// The schema check. CloudFormation rejects a resource type it does not know
// and a property its type does not have, but daslint reads templates
// offline: a misspelt property is simply absent to it, and an absent
// PrivateDnsEnabled means false (docs/semantics.md#defaults-that-matter). So that such a typo is not
// silently read as a default, it is reported as a warning, with the name it
// most likely stands for. The verdict stays what docs/semantics.md#defaults-that-matter
// gives for the property absent: the warning explains it, it does not change it.
//
// The schema is goformation's generated resource types, reduced to a table
// of names by internal/schemagen; see schema_table.go and schema_later.go.

//go:generate go -C internal/schemagen run . -o ../../schema_table.go -properties AWS::CloudFormation::Stack,AWS::EC2::EIP,AWS::EC2::EgressOnlyInternetGateway,AWS::EC2::GatewayRouteTableAssociation,AWS::EC2::InternetGateway,AWS::EC2::NatGateway,AWS::EC2::NetworkAcl,AWS::EC2::NetworkAclEntry,AWS::EC2::PrefixList,AWS::EC2::Route,AWS::EC2::RouteTable,AWS::EC2::SecurityGroup,AWS::EC2::SecurityGroupEgress,AWS::EC2::SecurityGroupIngress,AWS::EC2::Subnet,AWS::EC2::SubnetNetworkAclAssociation,AWS::EC2::SubnetRouteTableAssociation,AWS::EC2::VPC,AWS::EC2::VPCEndpoint,AWS::EC2::VPCGatewayAttachment,AWS::EC2::VPNGatewayRoutePropagation,AWS::KMS::Alias,AWS::KMS::Key,AWS::RDS::DBCluster,AWS::RDS::DBInstance,AWS::RDS::DBSubnetGroup

// samTransform is the transform that turns AWS::Serverless::* resources into
// CloudFormation ones.
const samTransform = "AWS::Serverless-2016-10-31"

// unknownPropertyNote ends every unknown-property warning: why it matters.
const unknownPropertyNote = "(an unknown property is ignored by daslint and rejected by CloudFormation)"

// transforms says what the template's Transform section may do to the
// resources the schema check looks at.
type transforms struct {
	sam bool
	// macro is set when a transform other than AWS's own is declared: a
	// macro may rewrite any resource, so the text is not what CloudFormation
	// will check.
	macro bool
}

func (s *stack) transforms() transforms {
	var t transforms
	n := s.root.get("Transform")
	if n == nil {
		return t
	}
	items := []*node{n}
	if n.kind == seqNode {
		items = n.items
	}
	for _, it := range items {
		switch {
		case it.kind != scalarNode:
			t.macro = true // an intrinsic naming the transform: cannot tell
		case it.value == samTransform:
			t.sam = true
		case !strings.HasPrefix(it.value, "AWS::"):
			t.macro = true
		}
	}
	return t
}

// checkSchema warns about misspelt resource types and, on the resources of
// the types daslint reads, about keys that are no resource attribute and
// property names that the type's schema does not have.
func (s *stack) checkSchema() {
	tr := s.transforms()
	if tr.macro {
		return
	}
	for _, r := range s.order {
		if r.exists == model.False {
			// Not read by daslint: nothing it says depends on the resource.
			continue
		}
		s.checkType(r, tr)
		if !schemaChecked(r.typ) {
			continue
		}
		s.checkAttributes(r)
		if r.props != nil {
			s.checkProperties(r, r.typ, r.props, "")
		}
	}
}

// schemaChecked reports whether the attributes and properties of a resource
// type are checked: those of the types daslint translates, and nested
// stacks.
func schemaChecked(typ string) bool {
	_, read := translators()[typ]
	return read || isStack(typ)
}

// checkType warns about an AWS resource type that CloudFormation does not
// know but that closely resembles one it knows. A type with no close match
// is more likely newer than daslint's schema than misspelt: it is left
// alone. Other namespaces are custom resources (Custom::), modules
// (::MODULE) and registry extensions, which have no fixed schema here.
func (s *stack) checkType(r *resource, tr transforms) {
	typ := r.typ
	switch {
	case !strings.HasPrefix(typ, "AWS::"), strings.HasSuffix(typ, "::MODULE"):
		return
	case strings.HasPrefix(typ, "AWS::Serverless::"):
		if !tr.sam {
			s.warnf(r.node.get("Type"), "%s %s: %s needs the SAM transform (Transform: %s); without it CloudFormation rejects the type and daslint ignores the resource",
				typ, r.id, typ, samTransform)
		}
		return
	case knownType(typ):
		return
	}
	if sugg := suggestType(typ); sugg != "" {
		s.warnf(r.node.get("Type"), "%s %s: unknown resource type; did you mean %q? (daslint ignores a resource of an unknown type, and CloudFormation rejects it)",
			typ, r.id, sugg)
	}
}

// knownType reports whether CloudFormation knows typ.
func knownType(typ string) bool {
	_, found := slices.BinarySearch(knownResourceTypes, typ)
	return found || slices.Contains(laterResourceTypes, typ)
}

// suggestType returns the known resource type that typ most likely
// misspells, or "". The service and the type name are compared apart: a
// short service name has few letters to spare (AWS::PCS is not AWS::ECS),
// and a long type name may differ by a letter or two.
func suggestType(typ string) string {
	all := append(slices.Clip(knownResourceTypes), laterResourceTypes...)
	for _, k := range all {
		if strings.EqualFold(k, typ) {
			return k
		}
	}
	svc, name, ok := splitType(typ)
	if !ok {
		return ""
	}
	best, bestDist := "", -1
	for _, k := range all {
		if strings.HasPrefix(k, "AWS::Serverless::") {
			continue
		}
		ksvc, kname, _ := splitType(k)
		ds := spelling.Distance(svc, ksvc)
		if ds > len(svc)/4 {
			continue
		}
		dn := spelling.Distance(name, kname)
		if dn > typoBudget(len(name)) {
			continue
		}
		if bestDist < 0 || ds+dn < bestDist {
			best, bestDist = k, ds+dn
		}
	}
	return best
}

// splitType splits "AWS::EC2::Subnet" into "EC2" and "Subnet".
func splitType(typ string) (service, name string, ok bool) {
	parts := strings.Split(typ, "::")
	if len(parts) != 3 || parts[1] == "" || parts[2] == "" {
		return "", "", false
	}
	return parts[1], parts[2], true
}

// resourceAttributes are the keys a resource declaration may have: Type,
// Properties and the resource attributes (CloudFormation User Guide,
// "Resources template section" and "Resource attribute reference"), sorted.
var resourceAttributes = []string{"Condition", "CreationPolicy", "DeletionPolicy", "DependsOn", "Metadata",
	"Properties", "Type", "UpdatePolicy", "UpdateReplacePolicy"}

// checkAttributes warns about a key of a resource declaration that is no
// resource attribute: a misspelt Properties would leave every property at
// its default.
func (s *stack) checkAttributes(r *resource) {
	for _, k := range r.node.keys {
		if slices.Contains(resourceAttributes, k.value) {
			continue
		}
		hint := ""
		if sugg := spelling.Closest(k.value, resourceAttributes, typoBudget); sugg != "" {
			hint = fmt.Sprintf("; did you mean %q?", sugg)
		}
		s.warnf(k, "%s %s: unknown resource attribute %q%s (CloudFormation rejects it, and daslint reads nothing in it)", r.typ, r.id, k.value, hint)
	}
}

// checkProperties checks the keys of the mapping m against the properties
// of typ, a resource or property type; path names where m is, for messages
// ("" for a resource's Properties).
func (s *stack) checkProperties(r *resource, typ string, m *node, path string) {
	if m.get("Fn::Transform") != nil {
		// AWS::Include or a macro fills in this mapping at deploy time.
		return
	}
	for i, k := range m.keys {
		name := k.value
		if strings.HasPrefix(name, "Fn::") {
			continue
		}
		nested, ok := propertyOf(typ, name)
		if !ok {
			s.unknownProperty(r, typ, k, path)
			continue
		}
		if nested != "" {
			s.checkValue(r, nested, m.vals[i], joinPath(path, name))
		}
	}
}

// checkValue checks a property value whose type (or whose items' type) is
// the property type typ.
func (s *stack) checkValue(r *resource, typ string, v *node, path string) {
	switch v.kind {
	case seqNode:
		for _, it := range v.items {
			s.checkValue(r, typ, it, path)
		}
	case mapNode:
		if len(v.keys) != 1 || !isIntrinsicKey(v.keys[0].value) {
			s.checkProperties(r, typ, v, path)
			return
		}
		// Fn::If chooses between two values of the property's type; any
		// other function computes a value that is not written here.
		if v.keys[0].value == "Fn::If" && v.vals[0].kind == seqNode && len(v.vals[0].items) == 3 {
			s.checkValue(r, typ, v.vals[0].items[1], path)
			s.checkValue(r, typ, v.vals[0].items[2], path)
		}
	case scalarNode:
		// A scalar where a mapping belongs is a type error that
		// CloudFormation reports; names are all this check is about.
	}
}

func isIntrinsicKey(k string) bool { return k == "Ref" || strings.HasPrefix(k, "Fn::") }

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// propertyOf looks a property up in the schema of typ: whether the type has
// it, and the property type of its value ("" when it has no properties of
// its own to check).
func propertyOf(typ, name string) (nested string, ok bool) {
	if nested, ok := schemaProperties()[typ][name]; ok {
		return nested, true
	}
	return "", slices.Contains(laterProperties()[typ], name)
}

// propertyNames returns the properties of typ, sorted.
func propertyNames(typ string) []string {
	names := make([]string, 0, len(schemaProperties()[typ])+len(laterProperties()[typ]))
	for n := range schemaProperties()[typ] {
		names = append(names, n)
	}
	names = append(names, laterProperties()[typ]...)
	sort.Strings(names)
	return names
}

func (s *stack) unknownProperty(r *resource, typ string, k *node, path string) {
	where := ""
	if path != "" {
		where = " in " + path
	}
	hint := ""
	if sugg := spelling.Closest(k.value, propertyNames(typ), typoBudget); sugg != "" {
		hint = fmt.Sprintf("; did you mean %q?", sugg)
	}
	s.warnf(k, "%s %s: unknown property %q%s%s %s", r.typ, r.id, k.value, where, hint, unknownPropertyNote)
}
