package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// A root variable whose default is null is often one that the deployment
// sets (`terraform apply -var`, a pipeline's tfvars) and the code needs:
// `cidrsubnet(var.vpc_cidr, 8, 1)` fails offline on the null, though
// `terraform validate` accepts it and the plan, given the value, succeeds.
// So an expression that fails on a value because of such a variable is not
// an error in the input but an unknown, the variable's value at deploy
// time, with one warning per variable.

// nullDefaults tracks the root variables left at a null default.
type nullDefaults struct {
	// names are the root variables whose value is their null default.
	names map[string]*variableDecl
	// warned are those already warned about.
	warned map[string]bool
}

// maxNullHops bounds the references followed back from a failing
// expression to the variables it depends on.
const maxNullHops = 16

// nullDefaultUnknown returns, when expr in sc fails (hds) on a value and
// depends on root variables left at a null default, an unknown that names
// them, and warns once per variable; nil otherwise.
func (e *evaluator) nullDefaultUnknown(expr hcl.Expression, sc *scope, hds hcl.Diagnostics, msg string) *model.Unresolved {
	if len(e.nulls.names) == 0 || !valueDependent(hds) {
		return nil
	}
	// The variables of the part that failed (a call, its argument), so
	// that others in the same expression are not blamed.
	found := map[string]bool{}
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
		e.nullVarsIn(part, sc.mod, found, map[string]bool{}, 0)
	}
	if len(found) == 0 {
		// The failing part reads a for expression's variable, say: the
		// null came through the whole expression.
		e.nullVarsIn(expr, sc.mod, found, map[string]bool{}, 0)
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
	e.nullVarsIn(expr, sc.mod, found, map[string]bool{}, 0)
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
			"variable %q defaults to null, but the code needs a value (%s): daslint treats it as unknown, a value given at deploy time; give it with --var or a .tfvars file",
			n, msg)
	}
	return &model.Unresolved{
		Kind:   model.FromVariable,
		Reason: fmt.Sprintf("variable %q defaults to null and has no value given (%s)", names[0], msg),
		Range:  Range(e.nulls.names[names[0]].rng),
	}
}

// nullVarsIn adds to found the root variables left at a null default that
// expr, evaluated in module instance m, reads: directly, through locals, or
// through the arguments of module calls.
func (e *evaluator) nullVarsIn(expr hcl.Expression, m *modInst, found, seen map[string]bool, hops int) {
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
				if _, isNull := e.nulls.names[name]; isNull {
					found[name] = true
				}
			case m.call != nil:
				if a, given := m.call.inputs[name]; given {
					e.nullVarsIn(a.Expr, m.parent, found, seen, hops+1)
				}
			}
		case "local":
			if a, ok := m.cfg().locals[name]; ok {
				e.nullVarsIn(a.Expr, m, found, seen, hops+1)
			}
		}
	}
}

// recordNullDefault notes that root variable v takes its default, when that
// is null.
func (e *evaluator) recordNullDefault(v *variableDecl, val cty.Value) {
	if !val.IsNull() {
		return
	}
	if e.nulls.names == nil {
		e.nulls = nullDefaults{names: map[string]*variableDecl{}, warned: map[string]bool{}}
	}
	e.nulls.names[v.name] = v
}
