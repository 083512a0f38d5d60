package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// A root variable left at an empty default, null, "" or an empty
// collection, is often one that the deployment sets (`terraform apply
// -var`, a pipeline's tfvars), or that callers give when the directory is
// a module linted as a root: the idioms for an input without a value.
// `cidrsubnet(var.vpc_cidr, 8, 1)` then fails offline on the null,
// `coalesce(var.name, var.type)` on two empty strings, though `terraform
// validate` accepts the code and the plan, given the values, succeeds. So
// an expression that fails on a value because of such a variable is not an
// error in the input but an unknown, the variable's value at deploy time,
// with one warning per variable. A value error that no empty default
// explains (a default that holds values, the literal arguments of a module
// call) stays an error, as `terraform plan` reports it.

// nullDefaults tracks the root variables left at an empty default.
type nullDefaults struct {
	// names are the root variables whose value is their empty default.
	names map[string]*variableDecl
	// warned are those already warned about.
	warned map[string]bool
}

// maxNullHops bounds the references followed back from a failing
// expression to the variables it depends on.
const maxNullHops = 16

// nullDefaultUnknown returns, when expr in sc fails (hds) on a value and
// depends on root variables left at an empty default, an unknown that names
// them, and warns once per variable; nil otherwise.
func (e *evaluator) nullDefaultUnknown(expr hcl.Expression, sc *scope, hds hcl.Diagnostics, msg string) *model.Unresolved {
	if len(e.nulls.names) == 0 || !valueDependent(hds) {
		return nil
	}
	// The variables of the part that failed (a call, its argument), so
	// that others in the same expression are not blamed.
	found := map[string]bool{}
	others := false // a root variable read that holds a value
	for _, d := range hds {
		if d.Severity != hcl.DiagError {
			continue
		}
		if d.Detail != "" {
			// "argument must not be null" says more than the summary.
			msg = strings.TrimSuffix(d.Detail, ".")
		}
		part := d.Expression
		if part == nil {
			part = expr
		}
		e.nullVarsIn(part, sc.mod, found, map[string]bool{}, 0, false, &others)
	}
	if len(found) == 0 {
		// The failing part reads a for expression's variable, say: the
		// null came through the whole expression.
		e.nullVarsIn(expr, sc.mod, found, map[string]bool{}, 0, false, &others)
	}
	// A null explains a failure whatever else the part reads; an empty
	// string or collection only when every root variable it reads is left
	// at such a default: beside a variable that holds values (a list of
	// rule names, one missing from a map), it may be innocent.
	if others {
		null := false
		for n := range found {
			null = null || e.nulls.names[n].def.IsNull()
		}
		if !null {
			return nil
		}
	}
	return e.blameNullDefaults(found, msg)
}

// nullDefaultExpansion returns, when the count or for_each expr in sc is
// null because of root variables left at a null default, why the number of
// instances is unknown (the expansion is then symbolic), and warns once per
// variable; nil otherwise.
func (e *evaluator) nullDefaultExpansion(expr hcl.Expression, sc *scope, meta string) *model.Unresolved {
	if len(e.nulls.names) == 0 {
		return nil
	}
	found := map[string]bool{}
	e.nullVarsIn(expr, sc.mod, found, map[string]bool{}, 0, true, new(bool))
	return e.blameNullDefaults(found, meta+" must not be null")
}

// blameNullDefaults warns once for each variable found and returns the
// reason of the unknown they make; nil when none is found.
func (e *evaluator) blameNullDefaults(found map[string]bool, msg string) *model.Unresolved {
	if len(found) == 0 {
		return nil
	}
	names := make([]string, 0, len(found))
	for n := range found {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if e.nulls.warned[n] {
			continue
		}
		e.nulls.warned[n] = true
		e.ds.Warnf(Range(e.nulls.names[n].rng),
			"variable %q %s, but the code needs a value (%s): daslint treats it as unknown, a value given at deploy time; give it with --var or a .tfvars file",
			n, defaultsTo(e.nulls.names[n]), msg)
	}
	return &model.Unresolved{
		Kind:   model.FromVariable,
		Reason: fmt.Sprintf("variable %q %s and has no value given (%s)", names[0], defaultsTo(e.nulls.names[names[0]]), msg),
		Range:  Range(e.nulls.names[names[0]].rng),
	}
}

// defaultsTo says what v's empty default is, for a message.
func defaultsTo(v *variableDecl) string {
	switch {
	case v.def.IsNull():
		return "defaults to null"
	case v.def.Type() == cty.String:
		return `defaults to ""`
	}
	return "defaults to an empty " + v.def.Type().FriendlyNameForConstraint()
}

// nullVarsIn adds to found the root variables left at an empty default (at
// a null one only, with onlyNull) that expr, evaluated in module instance m,
// reads: directly, through locals, or through the arguments of module
// calls; it sets others when it meets another root variable.
func (e *evaluator) nullVarsIn(expr hcl.Expression, m *modInst, found, seen map[string]bool, hops int, onlyNull bool, others *bool) {
	if hops > maxNullHops {
		return
	}
	for _, tr := range expr.Variables() {
		if len(tr) < 2 {
			continue
		}
		step, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			continue
		}
		name := step.Name
		key := m.path + "|" + tr.RootName() + "." + name
		if seen[key] {
			continue
		}
		seen[key] = true
		switch tr.RootName() {
		case "var":
			switch {
			case m.parent == nil:
				if v, ok := e.nulls.names[name]; ok && (!onlyNull || v.def.IsNull()) {
					found[name] = true
				} else {
					*others = true
				}
			case m.call != nil:
				if a, given := m.call.inputs[name]; given {
					e.nullVarsIn(a.Expr, m.parent, found, seen, hops+1, onlyNull, others)
				}
			}
		case "local":
			if a, ok := m.cfg().locals[name]; ok {
				e.nullVarsIn(a.Expr, m, found, seen, hops+1, onlyNull, others)
			}
		}
	}
}

// recordDefault notes that root variable v takes its default, when that
// is empty (isEmptyDefault).
func (e *evaluator) recordDefault(v *variableDecl) {
	if !isEmptyDefault(v.def) {
		return
	}
	if e.nulls.names == nil {
		e.nulls = nullDefaults{names: map[string]*variableDecl{}, warned: map[string]bool{}}
	}
	e.nulls.names[v.name] = v
}

// isEmptyDefault reports whether v, a variable's default, is one of the
// idioms for no value: null, "", or a collection or object with nothing in
// it.
func isEmptyDefault(v cty.Value) bool {
	v, _ = v.Unmark()
	switch {
	case v.IsNull():
		return true
	case !v.IsKnown():
		return false
	case v.Type() == cty.String:
		return v.AsString() == ""
	case v.CanIterateElements():
		return v.LengthInt() == 0
	}
	return false
}
