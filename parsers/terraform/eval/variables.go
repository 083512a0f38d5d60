package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// rootVariables resolves the root module's variables with Terraform's
// precedence, lowest first: default, terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars[.json] in lexical order, --var-file
// in order, --var in order. A later source overrides an earlier one.
func (e *evaluator) rootVariables(cfg *moduleConfig) map[string]cty.Value {
	raw := map[string]cty.Value{}
	rawRange := map[string]hcl.Range{}
	for name, v := range e.opts.Inputs {
		if _, ok := cfg.variables[name]; ok {
			raw[name] = v
			rawRange[name] = cfg.variables[name].rng
		}
	}
	if u := e.opts.InputsUnknown; u != nil {
		for name, v := range cfg.variables {
			if _, ok := raw[name]; !ok {
				raw[name], rawRange[name] = unknown(v.typ, u), v.rng
			}
		}
	}
	files := []string{filepath.Join(e.rootDir, "terraform.tfvars"), filepath.Join(e.rootDir, "terraform.tfvars.json")}
	if entries, err := os.ReadDir(e.rootDir); err == nil {
		var auto []string
		for _, en := range entries {
			n := en.Name()
			if !en.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
				auto = append(auto, filepath.Join(e.rootDir, n))
			}
		}
		sort.Strings(auto)
		files = append(files, auto...)
	}
	for i, f := range files {
		if i < 2 {
			if _, err := os.Stat(f); err != nil {
				continue // the default files are optional
			}
		}
		e.readVarFile(f, true, cfg, raw, rawRange)
	}
	for _, f := range e.opts.VarFiles {
		e.readVarFile(f, false, cfg, raw, rawRange)
	}
	for _, kv := range e.opts.Vars {
		e.readVarFlag(kv, cfg, raw, rawRange)
	}

	out := map[string]cty.Value{}
	for name, v := range cfg.variables {
		val, ok := raw[name]
		switch {
		case ok:
			out[name] = v.convert(val, rawRange[name], &e.ds)
			if out[name].IsNull() && !v.nullable && v.def != cty.NilVal {
				out[name] = v.def
			}
		case v.def != cty.NilVal:
			out[name] = v.def
			e.recordDefault(v)
		default:
			out[name] = unknown(v.typ, &model.Unresolved{
				Kind: model.FromVariable, Reason: fmt.Sprintf("variable %q has no value", name), Range: Range(v.rng),
			})
		}
	}
	return out
}

// readVarFile reads a variables file through the same checks as a
// configuration file (parseFile); the files Terraform loads by itself are
// confined to the tree, a --var-file is the user's choice.
func (e *evaluator) readVarFile(name string, confined bool, cfg *moduleConfig, raw map[string]cty.Value, rng map[string]hcl.Range) {
	tree := ""
	if confined {
		tree = e.confine
	}
	f, _ := parseFile(nil, e.parser, name, tree, e.opts.MaxFileBytes, &e.ds)
	if f == nil {
		return
	}
	attrs, hds := f.Body.JustAttributes()
	addHCLDiags(&e.ds, hds, hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos})
	for _, a := range sortedAttrs(attrs) {
		// Variable files hold constant values: no references, no functions.
		v, vds := a.Expr.Value(nil)
		if vds.HasErrors() {
			addHCLDiags(&e.ds, vds, a.Range)
			continue
		}
		if _, declared := cfg.variables[a.Name]; !declared {
			e.noteUndeclared(cfg.dir, a.Name, true, a.NameRange)
			continue
		}
		raw[a.Name], rng[a.Name] = v, a.Range
	}
}

// readVarFlag reads one --var NAME=VALUE. As with `terraform -var`, the
// value of a variable with a primitive type (or no type) is taken
// literally; any other value is parsed as an HCL expression.
func (e *evaluator) readVarFlag(kv string, cfg *moduleConfig, raw map[string]cty.Value, rng map[string]hcl.Range) {
	pos := hcl.Range{Filename: "<--var " + kv + ">", Start: hcl.InitialPos, End: hcl.InitialPos}
	name, value, ok := strings.Cut(kv, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		e.ds.Errorf(Range(pos), "--var %q: expected NAME=VALUE", kv)
		return
	}
	v, declared := cfg.variables[name]
	if !declared {
		e.ds.Warnf(Range(pos), "--var for undeclared variable %q", name)
		return
	}
	if v.typ.IsPrimitiveType() || (v.typ == cty.DynamicPseudoType && !v.typedAny) {
		raw[name], rng[name] = cty.StringVal(value), pos
		return
	}
	expr, hds := hclsyntax.ParseExpression([]byte(value), pos.Filename, hcl.InitialPos)
	if hds.HasErrors() {
		addHCLDiags(&e.ds, hds, pos)
		return
	}
	val, hds := expr.Value(nil)
	if hds.HasErrors() {
		addHCLDiags(&e.ds, hds, pos)
		return
	}
	raw[name], rng[name] = val, pos
}

// convert applies the variable's optional attribute defaults and type
// constraint to val.
func (v *variableDecl) convert(val cty.Value, rng hcl.Range, ds *diag.Diagnostics) cty.Value {
	if v.defaults != nil {
		val = v.defaults.Apply(val)
	}
	out, err := convert.Convert(val, v.typ)
	if err != nil {
		ds.Errorf(Range(rng), "invalid value for variable %q: %s", v.name, err)
		return unknown(v.typ, &model.Unresolved{
			Kind: model.FromVariable, Reason: fmt.Sprintf("variable %q has an invalid value", v.name), Range: Range(rng),
		})
	}
	return out
}

// variable returns var.name in module instance m: for the root, from the
// resolved values; for a module, from the argument of the module call,
// evaluated in the caller's scope.
func (e *evaluator) variable(m *modInst, name string, use hcl.Range) cty.Value {
	decl, ok := m.cfg().variables[name]
	if !ok {
		e.noteUndeclared(m.cfg().dir, name, false, use)
		return unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromExpression, Reason: fmt.Sprintf("variable %q is not declared", name), Range: Range(use)})
	}
	if m.parent == nil {
		return e.rootVars[name]
	}
	return e.compute(m.path+"|var."+name, m.prefix()+"var."+name, &decl.rng, func() cty.Value {
		a, given := m.call.inputs[name]
		if !given {
			if decl.def != cty.NilVal {
				return decl.def
			}
			e.ds.Errorf(Range(m.call.defRng), "module %q: missing required argument %q", m.call.name, name)
			return unknown(decl.typ, &model.Unresolved{Kind: model.FromVariable, Reason: fmt.Sprintf("variable %q has no value", name), Range: Range(decl.rng)})
		}
		v := e.eval(a.Expr, &scope{mod: m.parent, rep: m.rep})
		if v.IsNull() && !decl.nullable && decl.def != cty.NilVal {
			return decl.def
		}
		return decl.convert(v, a.Expr.Range(), &e.ds)
	})
}

// local returns local.name in module instance m.
func (e *evaluator) local(m *modInst, name string, use hcl.Range) cty.Value {
	a, ok := m.cfg().locals[name]
	if !ok {
		e.ds.Errorf(Range(use), "reference to undeclared local value %q", name)
		return unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromExpression, Reason: fmt.Sprintf("local.%s is not declared", name), Range: Range(use)})
	}
	return e.compute(m.path+"|local."+name, m.prefix()+"local."+name, &a.NameRange, func() cty.Value {
		return e.eval(a.Expr, &scope{mod: m})
	})
}
