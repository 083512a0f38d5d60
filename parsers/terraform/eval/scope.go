package eval

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// modInst is one instance of a module: the root, or a module call expanded
// by its count or for_each.
type modInst struct {
	// path is the address prefix: "" for the root, `module.a["k"].module.b`.
	path    string
	tree    *moduleTree
	parent  *modInst
	call    *moduleCall
	rep     repetition
	maybe   *model.Unresolved
	callers []hcl.Range
	// cohort is the cohort of a symbolic module instance (or of one inside
	// a symbolic module instance): everything declared in it exists with it.
	cohort string
}

func (m *modInst) cfg() *moduleConfig { return m.tree.cfg }

// prefix returns the address prefix for objects declared in m.
func (m *modInst) prefix() string {
	if m.path == "" {
		return ""
	}
	return m.path + "."
}

// repetition is what count.index or each.key/each.value stand for in one
// instance of a resource or module.
type repetition struct {
	countIndex cty.Value // cty.NilVal without count
	eachKey    cty.Value // cty.NilVal without for_each
	eachValue  cty.Value
	// cohort is the cohort of a symbolic instance, empty otherwise.
	cohort string
	// maybe says why a symbolic instance may not exist; nil otherwise.
	maybe *model.Unresolved
}

// scope is where an expression is evaluated: a module instance, the
// repetition of the block it is in, and the iterators of enclosing dynamic
// blocks.
type scope struct {
	mod   *modInst
	rep   repetition
	extra map[string]cty.Value
}

// mayNotExist returns why the block evaluated in sc may not exist: it is a
// symbolic instance, or inside a symbolic module instance; nil otherwise.
func (sc *scope) mayNotExist() *model.Unresolved {
	if sc.rep.maybe != nil {
		return sc.rep.maybe
	}
	return sc.mod.maybe
}

func (sc *scope) with(name string, v cty.Value) *scope {
	extra := make(map[string]cty.Value, len(sc.extra)+1)
	for k, x := range sc.extra {
		extra[k] = x
	}
	extra[name] = v
	return &scope{mod: sc.mod, rep: sc.rep, extra: extra}
}

// eval evaluates expr in sc. It never fails: an expression that cannot be
// evaluated is reported and becomes an unknown value with the reason, and
// every unknown in the result carries a reason.
func (e *evaluator) eval(expr hcl.Expression, sc *scope) cty.Value {
	// pairIndexed does not enter for expressions: the rewritten expression
	// holds those of expr, whose work countedFors counts.
	fors, travs := scanExpr(expr)
	if sc.rep.cohort != "" {
		expr, sc = e.pairIndexed(expr, sc)
		travs = variables(expr)
	}
	ctx := e.context(travs, sc)
	expr = e.zoneIndexes(expr, ctx)
	counted := expr
	if sx, ok := expr.(hclsyntax.Expression); ok && len(fors) > 0 {
		counted = countedFors(sx)
	}
	e.forWork, e.refused = 0, nil
	v, hds := counted.Value(ctx)
	if le := e.refused; le != nil {
		e.refused = nil
		return unknown(cty.DynamicPseudoType, e.limitAt(le.msg, expr))
	}
	if hds.HasErrors() {
		if u := e.limitReached(hds, expr); u != nil {
			return unknown(cty.DynamicPseudoType, u)
		}
		msg := "expression cannot be evaluated"
		for _, d := range hds {
			if d.Severity == hcl.DiagError {
				msg = d.Summary
				break
			}
		}
		if maybe := sc.mayNotExist(); maybe != nil && valueDependent(hds) {
			// Terraform evaluates a block only for the instances that
			// exist: with an empty for_each, `aws_eks_cluster.this[0]` of
			// a cluster whose count is 0 is never read. A symbolic instance
			// stands for instances that may not exist, so what fails in it
			// is unknown, not an error in the input.
			return unknown(cty.DynamicPseudoType, &model.Unresolved{
				Kind:   model.FromCondition,
				Reason: fmt.Sprintf("%s, in a block that may not exist (%s)", msg, maybe.Reason),
				Range:  Range(expr.Range()),
			})
		}
		if u := e.unreadableUnknown(hds); u != nil {
			return unknown(cty.DynamicPseudoType, u)
		}
		if u := e.nullDefaultUnknown(expr, sc, hds, msg); u != nil {
			return unknown(cty.DynamicPseudoType, u)
		}
		addHCLDiags(&e.ds, hds, expr.Range())
		return unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromExpression, Reason: msg, Range: Range(expr.Range())})
	}
	if v.IsWhollyKnown() {
		return v
	}
	reasons := append(inputReasons(expr, ctx), e.callReasons(expr)...)
	if len(reasons) == 0 {
		reasons = []*model.Unresolved{{Kind: model.FromExpression, Reason: "value cannot be determined offline", Range: Range(expr.Range())}}
	}
	return markUnknowns(v, reasons)
}

// valueErrors are hcl's summaries of the errors that depend on the values
// evaluated (an index out of range, a null, a function refusing its
// argument), not on the configuration's shape, which Terraform reports
// whatever the values (`count.index` in a block without count).
var valueErrors = map[string]bool{
	"Invalid index": true, "Missing map element": true, "Attempt to index null value": true,
	"Attempt to get attribute from null value": true, "Error in function call": true,
	"Invalid function argument": true, "Iteration over null value": true, "Splat of null value": true,
	"Null condition": true, "Condition is null": true, "Null value as key": true,
	"Duplicate object key": true, "Invalid template interpolation value": true, "Invalid operand": true,
}

// valueDependent reports whether every error in ds depends on the values
// evaluated.
func valueDependent(ds hcl.Diagnostics) bool {
	for _, d := range ds {
		if d.Severity == hcl.DiagError && !valueErrors[d.Summary] {
			return false
		}
	}
	return true
}

// inputReasons collects the reasons of the values expr refers to, for
// unknowns whose marks hcl did not carry through.
func inputReasons(expr hcl.Expression, ctx *hcl.EvalContext) []*model.Unresolved {
	var all []*model.Unresolved
	seen := map[*model.Unresolved]bool{}
	for _, tr := range variables(expr) {
		v, diags := tr.TraverseAbs(ctx)
		if diags.HasErrors() {
			v, _ = hcl.Traversal{tr[0]}.TraverseAbs(ctx)
		}
		for _, u := range Reasons(v) {
			if !seen[u] {
				seen[u] = true
				all = append(all, u)
			}
		}
	}
	return all
}

// context builds the evaluation context of an expression from the
// traversals it reads (variables): only the names it refers to are
// evaluated (lazily, memoised), so that evaluating one expression never
// drags in unrelated values or cycles.
func (e *evaluator) context(travs []hcl.Traversal, sc *scope) *hcl.EvalContext {
	if len(travs) == 0 {
		// Shared: hcl only reads a context (for expressions make children
		// of it), and so does eval.
		if e.bareCtx == nil {
			e.bareCtx = &hcl.EvalContext{Functions: e.funcs}
		}
		return e.bareCtx
	}
	// The maps are made on first use, sized for the one or two names a
	// typical expression reads: this runs once per argument evaluated.
	var vars map[string]cty.Value
	setVar := func(root string, v cty.Value) {
		if vars == nil {
			vars = make(map[string]cty.Value, len(travs))
		}
		vars[root] = v
	}
	var groups map[string]map[string]cty.Value
	// refs are the roots under which expr reads one resource only (the
	// common `aws_vpc.main.id`): their objects are built once per resource
	// (refObject), not once per expression. Most expressions read one or
	// two, which the array holds without allocating.
	var refBuf [2]resourceRef
	refs := refBuf[:0]
	put := func(root, name string, v cty.Value) {
		for i, ref := range refs {
			if ref.root == root {
				// A second name under this root: the object is built here.
				refs = slices.Delete(refs, i, i+1)
				if groups == nil {
					groups = make(map[string]map[string]cty.Value, 1)
				}
				groups[root] = map[string]cty.Value{ref.name: ref.val}
				break
			}
		}
		g := groups[root]
		if g == nil {
			if groups == nil {
				groups = make(map[string]map[string]cty.Value, 1)
			}
			g = make(map[string]cty.Value, 1)
			groups[root] = g
		}
		g[name] = v
	}
	var dataGroups, resGroups map[string]map[string]cty.Value // resource.TYPE.NAME
	var modTravs map[string][]hcl.Traversal
	var modNames []string
	for _, tr := range travs {
		root := tr.RootName()
		rng := tr.SourceRange()
		if v, ok := sc.extra[root]; ok {
			setVar(root, v)
			continue
		}
		switch root {
		case "var", "local", "module":
			name, ok := stepName(tr, 1)
			if !ok {
				e.ds.Errorf(Range(rng), "invalid reference: %s must be followed by a name", root)
				continue
			}
			switch root {
			case "var":
				put(root, name, e.variable(sc.mod, name, rng))
			case "local":
				put(root, name, e.local(sc.mod, name, rng))
			default:
				// Every traversal of one module is gathered first: the
				// object built for it must hold each output the expression
				// reads (module.vpc.a and module.vpc.b in one expression).
				if modTravs == nil {
					modTravs = map[string][]hcl.Traversal{}
				}
				if modTravs[name] == nil {
					modNames = append(modNames, name)
				}
				modTravs[name] = append(modTravs[name], tr)
			}
		case "count":
			if sc.rep.countIndex == cty.NilVal {
				e.ds.Errorf(Range(rng), "count.index is only valid in a block that sets count")
				put(root, "index", unknown(cty.Number, &model.Unresolved{Kind: model.FromExpression, Reason: "count.index used outside count", Range: Range(rng)}))
				continue
			}
			put(root, "index", sc.rep.countIndex)
		case "each":
			if sc.rep.eachKey == cty.NilVal {
				e.ds.Errorf(Range(rng), "each.key and each.value are only valid in a block that sets for_each")
				u := &model.Unresolved{Kind: model.FromExpression, Reason: "each used outside for_each", Range: Range(rng)}
				put(root, "key", unknown(cty.String, u))
				put(root, "value", unknown(cty.DynamicPseudoType, u))
				continue
			}
			put(root, "key", sc.rep.eachKey)
			put(root, "value", sc.rep.eachValue)
		case "path":
			put(root, "module", cty.StringVal(sc.mod.tree.relDir))
			put(root, "root", cty.StringVal("."))
			put(root, "cwd", cty.StringVal("."))
		case "terraform":
			// Offline there is no selected workspace; "default" is what a
			// fresh checkout plans with.
			ws := e.opts.Workspace
			if ws == "" {
				ws = defaultWorkspace
			}
			put(root, "workspace", cty.StringVal(ws))
		case "self":
			setVar(root, unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromComputed, Reason: "self is known only after apply", Range: Range(rng)}))
		case "data", "resource":
			key, _ := resourceKeyOf(tr)
			if key == "" {
				e.ds.Errorf(Range(rng), "invalid reference: expected %s.TYPE.NAME", root)
				continue
			}
			t, n := tr[1].(hcl.TraverseAttr).Name, tr[2].(hcl.TraverseAttr).Name
			byType := &dataGroups
			if root == "resource" {
				byType = &resGroups
			}
			if *byType == nil {
				*byType = map[string]map[string]cty.Value{}
			}
			g := (*byType)[t]
			if g == nil {
				g = map[string]cty.Value{}
				(*byType)[t] = g
			}
			g[n] = e.resourceValue(sc.mod, key, rng)
		default:
			key, _ := resourceKeyOf(tr)
			if key == "" {
				e.ds.Errorf(Range(rng), "unknown reference %q", root)
				setVar(root, unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromExpression, Reason: fmt.Sprintf("%q is not declared", root), Range: Range(rng)}))
				continue
			}
			name, _ := stepName(tr, 1)
			v := e.resourceValue(sc.mod, key, rng)
			if _, grouped := groups[root]; !grouped && !slices.ContainsFunc(refs, func(r resourceRef) bool { return r.root == root && r.name != name }) {
				if ref, ok := e.refObject(sc.mod, key); ok {
					if !slices.ContainsFunc(refs, func(r resourceRef) bool { return r.root == root }) {
						refs = append(refs, resourceRef{root: root, name: name, val: v, ref: ref})
					}
					continue
				}
			}
			put(root, name, v)
		}
	}
	for _, name := range modNames {
		trs := modTravs[name]
		put("module", name, e.moduleValue(sc.mod, name, trs, trs[0].SourceRange()))
	}
	if vars == nil && groups == nil && dataGroups == nil && resGroups == nil && len(refs) == 1 {
		// The common case, an expression that reads one resource only:
		// its context is the same for every such expression.
		return e.refContext(refs[0])
	}
	if vars == nil {
		// Never nil: hcl reports references in a context without
		// variables differently.
		vars = make(map[string]cty.Value, len(travs))
	}
	for root, g := range groups {
		vars[root] = cty.ObjectVal(g)
	}
	for _, ref := range refs {
		vars[ref.root] = ref.ref.obj
	}
	groupsOfTypes(vars, "data", dataGroups)
	groupsOfTypes(vars, "resource", resGroups)
	return &hcl.EvalContext{Variables: vars, Functions: e.funcs}
}

// resourceRef is a resource that an expression reads under its type
// (root), by name, with its value and the object {name = val} that the
// expression's context gives the type.
type resourceRef struct {
	root, name string
	val        cty.Value
	ref        *refObj
}

// refObj is the object {NAME = value} through which references see a
// resource, and the context of the expressions that read that resource
// only (made on first use, see refContext).
type refObj struct {
	obj cty.Value
	ctx *hcl.EvalContext
}

// refObject returns the object {NAME = value} through which references to
// the resource key ("TYPE.NAME") in m see it, built once per resource. It
// has none (false) while the resource is being evaluated, in a reference
// cycle, or when it is not declared: each use reports those again.
func (e *evaluator) refObject(m *modInst, key string) (*refObj, bool) {
	r, ok := m.cfg().byKey[key]
	if !ok {
		return nil, false
	}
	k := refKey{mod: m, r: r}
	if ro, ok := e.refObjs[k]; ok {
		return ro, true
	}
	v, done := e.resourceDone(m, r)
	if !done {
		return nil, false
	}
	ro := &refObj{obj: cty.ObjectVal(map[string]cty.Value{r.name: v})}
	if e.refObjs == nil {
		e.refObjs = map[refKey]*refObj{}
	}
	e.refObjs[k] = ro
	return ro, true
}

// refContext returns the context of an expression that reads one resource
// only, ref, under its type: {TYPE = {NAME = value}}. It depends on
// nothing else (not on the scope: a name of the scope's own, such as an
// iterator, is never read through refs), so it is made once per resource.
func (e *evaluator) refContext(ref resourceRef) *hcl.EvalContext {
	if ref.ref.ctx == nil {
		ref.ref.ctx = &hcl.EvalContext{Variables: map[string]cty.Value{ref.root: ref.ref.obj}, Functions: e.funcs}
	}
	return ref.ref.ctx
}

// refKey names a resource declaration in a module instance.
type refKey struct {
	mod *modInst
	r   *resourceDecl
}

// groupsOfTypes sets vars[root] to the object of byType's objects, by
// type and name (`data.TYPE.NAME`), when it holds any.
func groupsOfTypes(vars map[string]cty.Value, root string, byType map[string]map[string]cty.Value) {
	if len(byType) == 0 {
		return
	}
	d := make(map[string]cty.Value, len(byType))
	for t, g := range byType {
		d[t] = cty.ObjectVal(g)
	}
	vars[root] = cty.ObjectVal(d)
}

// stepName returns the attribute name at step i of tr.
func stepName(tr hcl.Traversal, i int) (string, bool) {
	if len(tr) <= i {
		return "", false
	}
	if a, ok := tr[i].(hcl.TraverseAttr); ok {
		return a.Name, true
	}
	return "", false
}

// relDir is dir relative to the root module directory, as path.module
// reads in Terraform.
func relDir(root, dir string) string {
	if rel, err := filepath.Rel(root, dir); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(dir)
}
