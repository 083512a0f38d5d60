package eval

import (
	"fmt"
	"iter"
	"slices"
	"sort"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/internal/spelling"
	"github.com/daslint/daslint/model"
)

// resourceValue returns what a reference to a resource or data source
// (key "aws_x.y" or "data.aws_x.y") evaluates to in module instance m: an
// object, a tuple of objects (count), an object of objects (for_each), or an
// unknown value marked with the reason when the number of instances is not
// known.
func (e *evaluator) resourceValue(m *modInst, key string, use hcl.Range) cty.Value {
	r, ok := m.cfg().byKey[key]
	if !ok {
		e.ds.Errorf(Range(use), "reference to undeclared resource %s%s", key, undeclaredHint(key, m.cfg().byKey))
		return unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromExpression, Reason: key + " is not declared", Range: Range(use)})
	}
	return e.resource(m, r)
}

// resource evaluates every instance of r in m once, records the instances,
// and returns the value references to r see.
func (e *evaluator) resource(m *modInst, r *resourceDecl) cty.Value {
	return e.resourceOf(m, r, true)
}

// evaluateResource evaluates every instance of r in m once and records
// them, as resource does, without building the value references see when
// nothing has read it yet: the walk's way to evaluate a resource.
func (e *evaluator) evaluateResource(m *modInst, r *resourceDecl) {
	e.resourceOf(m, r, false)
}

// resourceOf is resource; without value, the object of a resource of one
// instance is left to be built when something reads it (node.later). A
// large root's objects would otherwise all live until its walk ends, and
// many resources are read by nothing (an activity stream, a cluster
// instance): the object is built from the instance alone (objectOf), which
// does not change once evaluated, so building it later gives the same
// value.
func (e *evaluator) resourceOf(m *modInst, r *resourceDecl, value bool) cty.Value {
	key := resourceMemoKey(m, r)
	if n, ok := e.memo[key]; ok && !value && !n.busy {
		return cty.NilVal
	}
	label := m.prefix() + r.key
	return e.compute(key, label, &r.defRng, func() cty.Value {
		names := forResource(r.key, m.cfg(), e.generic)
		if r.count() == nil && r.forEach() == nil {
			// One instance, as expand's single expansion would give
			// (most resources): without its slices and map.
			if e.stopped() {
				return cty.DynamicVal
			}
			inst := e.newInstance(m, r, label, repetition{}, nil)
			n := e.memo[key]
			n.build = func() cty.Value { return e.objectOf(inst, names) }
			if value || inst.Mode == Data {
				return n.build()
			}
			e.addTokenOrigins(inst)
			n.later = n.build
			return cty.NilVal
		}
		exp := e.expand(r.count(), r.forEach(), &scope{mod: m}, label)
		objs := make([]cty.Value, 0, len(exp.items))
		var attrs map[string]cty.Value
		if exp.kind == keyed {
			attrs = make(map[string]cty.Value, len(exp.items))
		}
		for _, it := range exp.items {
			if e.stopped() {
				// The result is discarded (see EvaluateContext); what
				// references see no longer matters.
				return cty.DynamicVal
			}
			inst := e.newInstance(m, r, label+it.suffix, it.rep, exp.maybe)
			obj := e.objectOf(inst, names)
			objs = append(objs, obj)
			if attrs != nil {
				attrs[it.key] = obj
			}
			if exp.kind == symbolic {
				e.symbolic[m.path+"|"+r.key] = symbolicElem{cohort: exp.cohort, address: inst.Address, obj: obj, keyed: r.forEach() != nil}
			}
		}
		switch exp.kind {
		case counted:
			return cty.TupleVal(objs)
		case keyed:
			return cty.ObjectVal(attrs)
		case symbolic:
			// The collection has an unknown number of elements; the mark
			// names the symbolic instance so that lists built from it still
			// say what they hold (ElementTokens).
			return cty.DynamicVal.Mark(exp.maybe).Mark(&symbolicMark{address: label + "[?]"})
		default:
			if len(objs) == 0 {
				return cty.DynamicVal
			}
			return objs[0]
		}
	})
}

// resourceMemoKey is the key of r's value in m in the evaluator's memo.
func resourceMemoKey(m *modInst, r *resourceDecl) string {
	if m.path == "" {
		return r.rootMemoKey
	}
	return m.path + "|" + r.key
}

// resourceDone returns r's value in m once it is evaluated, and false
// while it is not yet or is being evaluated (a reference cycle).
func (e *evaluator) resourceDone(m *modInst, r *resourceDecl) (cty.Value, bool) {
	n, ok := e.memo[resourceMemoKey(m, r)]
	if !ok || n.busy {
		return cty.NilVal, false
	}
	return n.value(), true
}

// resourceEvaluated reports whether r in m is evaluated, as resourceDone
// does, without building its value.
func (e *evaluator) resourceEvaluated(m *modInst, r *resourceDecl) bool {
	n, ok := e.memo[resourceMemoKey(m, r)]
	return ok && !n.busy
}

func (e *evaluator) newInstance(m *modInst, r *resourceDecl, addr string, rep repetition, maybe *model.Unresolved) *Instance {
	sc := &scope{mod: m, rep: rep}
	inst := &Instance{
		Address:  addr,
		Mode:     r.mode,
		Type:     r.typ,
		Name:     r.name,
		Range:    r.blockRange(),
		DefRange: r.defRng,
		Callers:  m.callers,
		Maybe:    maybe,
		Cohort:   rep.cohort,
	}
	if inst.Maybe == nil {
		inst.Maybe, inst.Cohort = m.maybe, m.cohort
	}
	inst.Body = e.evalBody(r.body, sc, true, 0)
	inst.Region = e.regionOf(m, r, inst.Body)
	if r.typ == "aws_availability_zones" {
		inst.provider = providerConfig(m, providerOf(r))
	}
	e.instances = append(e.instances, inst)
	return inst
}

// identityAttrs are the attributes AWS derives from a resource's identity
// when the configuration leaves them unset (a generated name or identifier).
// They are identity tokens, like id and arn, because other resources link
// through them: a cluster names its DB subnet group by name.
var identityAttrs = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"aws_db_subnet_group":             {"name"},
		"aws_rds_cluster":                 {"cluster_identifier"},
		"aws_rds_cluster_instance":        {"identifier"},
		"aws_db_instance":                 {"identifier"},
		"aws_security_group":              {"name"},
		"aws_kms_key":                     {"key_id"},
		"aws_rds_cluster_parameter_group": {"name"},
		"aws_db_parameter_group":          {"name"},
		// A gateway endpoint's prefix list is AWS's managed list for its
		// service: security group rules and routes name it by identity, so
		// that daslint knows it holds only that service's addresses.
		"aws_vpc_endpoint": {"prefix_list_id"},
	}
})

// implicitVPC are the aws_vpc attributes that name the objects AWS creates
// with every VPC, each with the address of that object given the VPC's.
var implicitVPC = []struct {
	attr    string
	address func(vpc string) string
}{
	{"main_route_table_id", model.MainRouteTableAddress},
	{"default_route_table_id", model.MainRouteTableAddress},
	{"default_security_group_id", model.DefaultSecurityGroupAddress},
	{"default_network_acl_id", model.DefaultNetworkACLAddress},
}

// IdentityAttribute reports whether attr is, beyond id and arn, an
// attribute of a resource of type typ whose value is the resource's
// identity token when the configuration leaves it unset (identityAttrs).
// The plan front end reads references the same way.
func IdentityAttribute(typ, attr string) bool {
	return slices.Contains(identityAttrs()[typ], attr)
}

// ImplicitVPCObjects yields the aws_vpc attributes that name the objects
// AWS creates with every VPC, each with the address of that object for the
// VPC at vpc, in a fixed order.
func ImplicitVPCObjects(vpc string) iter.Seq2[string, string] {
	return func(yield func(attr, address string) bool) {
		for _, o := range implicitVPC {
			if !yield(o.attr, o.address(vpc)) {
				return
			}
		}
	}
}

// ImplicitVPCObject returns the address of the object that attribute attr
// of the aws_vpc at vpc names, and whether attr names one.
func ImplicitVPCObject(vpc, attr string) (string, bool) {
	for a, address := range ImplicitVPCObjects(vpc) {
		if a == attr {
			return address, true
		}
	}
	return "", false
}

// objectOf builds the value a reference to inst sees: its configured
// arguments, identity tokens for its computed identity attributes, and an
// unknown (marked) for every other attribute the configuration reads.
func (e *evaluator) objectOf(inst *Instance, names []string) cty.Value {
	if inst.Mode == Data {
		return e.dataObject(inst, names)
	}
	attrs := make(map[string]cty.Value, len(inst.Body.Attrs)+len(names)+2)
	for _, a := range inst.Body.Attrs {
		// A null argument leaves the attribute to the provider (computed).
		if !a.Value.IsNull() {
			attrs[a.Name] = a.Value
		}
	}
	e.addTokenOrigins(inst)
	tok := cty.StringVal(model.Token(inst.Address))
	attrs["id"], attrs["arn"] = tok, tok
	for _, n := range identityAttrs()[inst.Type] {
		if _, set := attrs[n]; !set {
			attrs[n] = tok
		}
	}
	if inst.Type == "aws_vpc" {
		for n, address := range ImplicitVPCObjects(inst.Address) {
			attrs[n] = cty.StringVal(model.Token(address))
		}
	}
	for _, n := range names {
		if _, set := attrs[n]; !set {
			attrs[n] = unknown(cty.DynamicPseudoType, &model.Unresolved{
				Kind:   model.FromComputed,
				Reason: fmt.Sprintf("%s.%s is known only after apply", inst.Address, n),
				Range:  Range(inst.DefRange),
			})
		}
	}
	return cty.ObjectVal(attrs)
}

// addTokenOrigins records where the identity tokens of inst's object come
// from (objectOf), whether or not the object is built now.
func (e *evaluator) addTokenOrigins(inst *Instance) {
	if e.tokenOrigins == nil {
		e.tokenOrigins = map[string]*hcl.Range{}
	}
	// The instance's own range: it does not change once the instance is
	// made, and the instance outlives the map.
	e.tokenOrigins[inst.Address] = &inst.DefRange
	if inst.Type == "aws_vpc" {
		for _, address := range ImplicitVPCObjects(inst.Address) {
			e.tokenOrigins[address] = &inst.DefRange
		}
	}
}

// undeclaredHint says what to do about a reference to an undeclared
// resource: the declared name it most likely misspells, or to declare it.
func undeclaredHint(key string, declared map[string]*resourceDecl) string {
	names := make([]string, 0, len(declared))
	for k := range declared {
		names = append(names, k)
	}
	sort.Strings(names)
	if near := spelling.Closest(key, names, func(n int) int { return max(1, n/6) }); near != "" {
		return fmt.Sprintf(" (did you mean %s?)", near)
	}
	return "; declare it in this module, or correct the name"
}
