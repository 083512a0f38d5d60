package cloudformation

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// stack is one template being evaluated: the root template or a nested
// stack, with its parameters, conditions, mappings and resources.
type stack struct {
	ld   *loader
	file string
	// prefix is prepended to logical IDs to form addresses: "" at the root,
	// "Parent/" inside a nested stack.
	prefix  string
	callers []model.Range
	// chain is the files from the root template down to this one, to stop a
	// template that includes itself.
	chain []string
	// maybe is set when the nested stack itself may not exist.
	maybe *model.Unresolved
	// cohort is the cohort of the nested stack resource when it may not
	// exist: every resource in the stack exists with it.
	cohort string

	root      *node
	params    map[string]*parameter
	overrides map[string]Value
	conds     map[string]*condition
	condDefs  *node
	mappings  *node
	resources map[string]*resource
	order     []*resource
	outputs   map[string]*output

	// evaluating holds the GetAtt properties being evaluated, to stop cycles.
	evaluating map[string]bool
	// generated is set when a Transform (SAM, language extensions, a macro)
	// or a Rain directive may add resources that the text does not declare:
	// references to undeclared names are then unknown, with a warning,
	// rather than errors.
	generated bool
}

// resource is one entry of the Resources section.
type resource struct {
	id  string
	typ string
	// key is the logical ID as written: where the declaration starts.
	key   *node
	node  *node
	props *node
	// exists is False when the resource's condition is false (it is then not
	// translated), Unknown when the condition is unknown (maybe says why).
	exists model.Tri
	maybe  *model.Unresolved
	// cohort is set when the condition is unknown: the resources of one
	// stack under the same condition exist together (see cohortOf).
	cohort string
	// nested is the loaded child of an AWS::CloudFormation::Stack.
	nested *nestedState
}

// output is one entry of the Outputs section.
type output struct {
	node  *node
	state uint8 // 0 not evaluated, 1 evaluating, 2 done
	value Value
}

func (s *stack) rng(n *node) model.Range {
	if n == nil {
		return model.Range{File: s.file, Line: 1}
	}
	return model.Range{File: s.file, Line: n.line, Column: n.col}
}

func (s *stack) errorf(n *node, format string, args ...any) {
	s.ld.ds.Errorf(s.rng(n), format, args...)
}

func (s *stack) warnf(n *node, format string, args ...any) {
	s.ld.ds.Warnf(s.rng(n), format, args...)
}

// fail reports an error at n and returns the unknown that stands for the
// value that could not be evaluated.
func (s *stack) fail(n *node, format string, args ...any) Value {
	msg := fmt.Sprintf(format, args...)
	s.ld.ds.Errorf(s.rng(n), "%s", msg)
	return unknownVal(model.FromExpression, s.rng(n), "%s", msg)
}

// undeclared reports a reference to a name the template does not declare
// and returns the unknown that stands for it.
func (s *stack) undeclared(n *node, format string, args ...any) Value {
	if !s.generated {
		return s.fail(n, format, args...)
	}
	msg := fmt.Sprintf(format, args...) + "; the template's Transform may generate it"
	s.ld.ds.Warnf(s.rng(n), "%s", msg)
	return unknownVal(model.FromExpression, s.rng(n), "%s", msg)
}

// address returns the model address of a logical ID of this stack.
func (s *stack) address(id string) string { return s.prefix + id }

// index reads the template's sections. It reports what is malformed and
// keeps what it can.
func (s *stack) index() {
	if s.root.kind != mapNode {
		s.errorf(s.root, "template must be a mapping with a Resources section, not %s", describe(s.root))
		return
	}
	s.params = map[string]*parameter{}
	if ps := s.root.get("Parameters"); ps != nil && !ps.isNull() {
		if ps.kind != mapNode {
			s.errorf(ps, "Parameters must be a mapping")
		} else {
			for i, k := range ps.keys {
				s.params[k.value] = &parameter{name: k.value, node: ps.vals[i]}
			}
		}
	}
	s.conds = map[string]*condition{}
	if cs := s.root.get("Conditions"); cs != nil && !cs.isNull() {
		if cs.kind != mapNode {
			s.errorf(cs, "Conditions must be a mapping")
		} else {
			s.condDefs = cs
		}
	}
	s.mappings = s.root.get("Mappings")
	if s.root.get("Transform") != nil {
		s.generated = true
	}
	s.resources = map[string]*resource{}
	res := s.root.get("Resources")
	switch {
	case res == nil:
		s.errorf(s.root, "template has no Resources section")
	case res.kind != mapNode:
		s.errorf(res, "Resources must be a mapping of logical IDs to resources, not %s", describe(res))
	default:
		s.indexResources(res)
	}
	s.outputs = map[string]*output{}
	if os := s.root.get("Outputs"); os != nil && os.kind == mapNode {
		for i, k := range os.keys {
			s.outputs[k.value] = &output{node: os.vals[i]}
		}
	}
}

func (s *stack) indexResources(res *node) {
	for i, k := range res.keys {
		id, body := k.value, res.vals[i]
		if strings.HasPrefix(id, "Fn::ForEach::") {
			s.warnf(k, "Fn::ForEach (AWS::LanguageExtensions) is not expanded; the resources it declares are not checked")
			continue
		}
		if body.kind != mapNode {
			s.errorf(body, "resource %s must be a mapping with a Type, not %s", id, describe(body))
			continue
		}
		t := body.get("Type")
		if t == nil || t.kind != scalarNode || t.value == "" {
			if !s.generated {
				s.errorf(body, "resource %s has no Type", id)
			}
			continue
		}
		if _, dup := s.resources[id]; dup {
			s.errorf(k, "resource %s is declared twice", id)
		}
		if strings.HasSuffix(t.value, "::MODULE") {
			// A CloudFormation module declares resources named after it.
			s.generated = true
		}
		r := &resource{id: id, typ: t.value, key: k, node: body, props: body.get("Properties"), exists: model.True}
		if r.props != nil && r.props.kind != mapNode && !r.props.isNull() {
			s.errorf(r.props, "Properties of %s must be a mapping", id)
			r.props = nil
		}
		s.resources[id] = r
		s.order = append(s.order, r)
		s.ld.byAddr[s.address(id)] = r
	}
}

// decideExistence evaluates each resource's Condition.
func (s *stack) decideExistence() {
	for _, r := range s.order {
		r.maybe = s.maybe
		c := r.node.get("Condition")
		if c == nil {
			continue
		}
		if c.kind != scalarNode {
			s.errorf(c, "Condition of %s must be a condition name", r.id)
			continue
		}
		t, u := s.condition(c.value, c)
		switch t {
		case model.False:
			r.exists = model.False
		case model.Unknown:
			r.exists = model.Unknown
			r.maybe = &model.Unresolved{Kind: model.FromCondition, Range: s.rng(c),
				Reason: fmt.Sprintf("%s exists only if condition %s holds, which is unknown: %s", s.address(r.id), c.value, reasonOf(u))}
			r.cohort = "condition:" + s.prefix + c.value
		}
	}
}

// cohortOf names the group of maybe resources that r exists together with
// (model.Origin.Cohort): the resources of the same stack under the same
// unknown condition, which has one value per deployment; or, for a
// resource that may not exist only because its nested stack may not, the
// cohort of that stack. Empty when r exists for certain.
func (s *stack) cohortOf(r *resource) string {
	switch {
	case r.cohort != "":
		return r.cohort
	case r.maybe != nil && r.maybe == s.maybe:
		return s.cohort
	}
	return ""
}

func reasonOf(u *model.Unresolved) string {
	if u == nil {
		return "it cannot be evaluated"
	}
	return u.Reason
}

// describe names the shape of a node for messages.
func describe(n *node) string {
	switch {
	case n.isNull():
		return "empty"
	case n.kind == seqNode:
		return "a list"
	case n.kind == mapNode:
		return "a mapping"
	}
	return fmt.Sprintf("the scalar %q", n.value)
}
