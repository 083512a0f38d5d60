// Package terragrunt reads a Terragrunt unit (a directory with
// terragrunt.hcl) the way `terragrunt plan` would before it runs Terraform:
// includes merged, locals and the common functions evaluated, the module
// source resolved, inputs evaluated (docs/semantics.md#terragrunt-units). It never reads the
// environment and never fetches a remote source: what cannot be known
// offline is an unknown value with its reason. The module itself is
// evaluated by package eval, with the unit's inputs.
package terragrunt

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// FileName is the configuration file that makes a directory a unit.
const FileName = "terragrunt.hcl"

// maxIncludeDepth bounds nested includes and read_terragrunt_config calls;
// Terragrunt itself allows one level of include.
const maxIncludeDepth = 8

// Options control reading a unit.
type Options struct {
	// Tree is the read boundary: configuration files, includes and local
	// module sources are read only below it.
	Tree string
	// MaxFileBytes bounds one configuration file; zero means no limit.
	MaxFileBytes int64
	// Dependency, when non-nil, returns the evaluated module of the unit
	// in dir (absolute) that a dependency block names, or why it cannot.
	// Without it every dependency output is unknown.
	Dependency func(dir string) (*eval.RemoteRoot, *model.Unresolved)
	// Values, when non-nil, is the unit's `values`: what the
	// terragrunt.stack.hcl that generates it passes (Terragrunt writes
	// them to terragrunt.values.hcl beside the copied terragrunt.hcl).
	// Without it a reference to values is unknown.
	Values *cty.Value
	// Copies, for a unit a stack generates, are the generated directories
	// and the directories they are copies of, innermost first (see
	// StackUnit): the unit is read at its generated place, every relative
	// path resolved from there as Terragrunt resolves it, but a file that
	// place holds is read from the directory it is copied from, since
	// daslint writes nothing.
	Copies []Copy
}

// Copy says that directory Generated (absolute) is written by `terragrunt
// stack generate` as a copy of directory Source (absolute).
type Copy struct{ Generated, Source string }

// Unit is an evaluated Terragrunt unit.
type Unit struct {
	// Dir is the unit directory, File its terragrunt.hcl.
	Dir, File string
	// Range is where the unit names its module (the terraform block), else
	// the start of the file: the caller of every object of the module.
	Range hcl.Range
	// ModuleDir is the local module directory `terraform.source` names
	// (after `//`, the subdirectory), or the unit directory itself when
	// there is no source. Empty when the module is not read: Unread says
	// why.
	ModuleDir string
	// Unread, when non-nil, says why the module is not read (a remote
	// source, an unknown source).
	Unread *model.Unresolved
	// RemoteSource is the module source when it is remote: Read does not
	// warn about it, the caller does, once for the units where it matters
	// and in one summary for the others (see Unread for the unknowns).
	RemoteSource string
	// Inputs are the unit's inputs, merged over its includes.
	Inputs map[string]cty.Value
	// InputsUnknown says why the inputs of the unit or of a configuration
	// it includes could not be evaluated as a whole (nil when they were).
	InputsUnknown *model.Unresolved
	// Files are the Terragrunt configuration files read.
	Files []string
	// Included are the files the unit includes (directly or not): read
	// through the unit, they are no units of their own.
	Included []string
	// Joins are the units whose outputs the inputs read: their objects join
	// the module's evaluation (eval.Options.Joins).
	Joins []*eval.RemoteRoot
	// Generated are the files the unit's generate blocks write into the
	// module directory (only Terraform configuration files matter).
	Generated []eval.GeneratedFile
	// Backend is where the unit keeps its state, as its remote_state block
	// (merged over its includes) names it; nil when there is none.
	// BackendUnknown, when non-nil, says which of its fields is not known
	// offline: such a backend is matched by no terraform_remote_state.
	Backend        *eval.Backend
	BackendUnknown *model.Unresolved
}

// Read reads the unit in dir.
func Read(dir string, opts Options) (*Unit, diag.Diagnostics) {
	r := &reader{opts: opts, parser: hclparse.NewParser(), unitDir: absDir(dir)}
	r.funcs = eval.Functions(r.resolve(dir), opts.Tree)
	file := filepath.Join(dir, FileName)
	real := r.resolve(file)
	u := &Unit{Dir: dir, File: real, Range: hcl.Range{Filename: real, Start: hcl.InitialPos, End: hcl.InitialPos}}
	cfg := r.read(file, r.unitDir, false, 0)
	u.Files = r.files
	u.Included = r.included
	u.Joins = r.joins
	if cfg == nil {
		u.Unread = &model.Unresolved{Kind: model.FromInput, Reason: inputfile.Key(opts.Tree, file) + " could not be read"}
		return u, r.ds
	}
	u.Inputs, u.InputsUnknown = cfg.inputs, cfg.inputsUnknown
	if r.ownRange != nil {
		u.Range = *r.ownRange
	}
	u.ModuleDir, u.RemoteSource, u.Unread = r.module(cfg)
	if u.ModuleDir != "" {
		u.Generated = r.generatedFiles(cfg, u.ModuleDir)
	}
	if cfg.remoteState != nil {
		u.Backend, u.BackendUnknown = cfg.remoteState.backend(r.unitDir)
		if u.BackendUnknown == nil && cfg.source != nil {
			u.BackendUnknown = localStateInCache(u.Backend)
		}
	}
	return u, r.ds
}

// generateBlock reads a generate block: path and contents must be known.
func (r *reader) generateBlock(b *hclsyntax.Block, ctx *hcl.EvalContext) (generated, bool) {
	if len(b.Labels) != 1 {
		return generated{}, false
	}
	g := generated{ifExists: "overwrite_terragrunt", rng: b.DefRange()}
	var ok1, ok2 bool
	g.path, ok1 = r.str(b.Body.Attributes["path"], ctx)
	g.contents, ok2 = r.str(b.Body.Attributes["contents"], ctx)
	if s, ok := r.str(b.Body.Attributes["if_exists"], ctx); ok {
		g.ifExists = s
	}
	if !ok1 || !ok2 {
		if strings.HasSuffix(g.path, ".tf") || strings.HasSuffix(g.path, ".tf.json") || !ok1 {
			r.ds.Warnf(rng(g.rng), "the path or contents of generate block %q are not known offline; the file it writes is not read, so what it declares is missing", b.Labels[0])
		}
		return generated{}, false
	}
	return g, true
}

// generatedFiles are the Terraform files the generate blocks write into
// the module directory, by name; if_exists = "skip" keeps a file the
// module has. Files that are no Terraform configuration do not matter.
func (r *reader) generatedFiles(cfg *config, moduleDir string) []eval.GeneratedFile {
	names := make([]string, 0, len(cfg.generate))
	for n := range cfg.generate {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []eval.GeneratedFile
	for _, n := range names {
		g := cfg.generate[n]
		if !strings.HasSuffix(g.path, ".tf") && !strings.HasSuffix(g.path, ".tf.json") {
			continue
		}
		p := filepath.Join(moduleDir, filepath.FromSlash(g.path))
		if filepath.Dir(p) != filepath.Clean(moduleDir) {
			continue // a file in another directory is no file of the module
		}
		if _, err := os.Stat(r.resolve(p)); err == nil && g.ifExists == "skip" {
			continue
		}
		out = append(out, eval.GeneratedFile{Name: p, Data: []byte(g.contents)})
	}
	return out
}

// reader reads one unit's configuration files.
type reader struct {
	opts    Options
	parser  *hclparse.Parser
	unitDir string // absolute
	funcs   map[string]function.Function
	depth   int // of read_terragrunt_config calls
	files   []string
	// included are the files read through include blocks.
	included []string
	joins    []*eval.RemoteRoot
	ds       diag.Diagnostics
	// ownRange is where the unit's own file names its module: its
	// terraform block, else the include that brings one.
	ownRange *hcl.Range
}

// config is one configuration file, evaluated, its includes merged.
type config struct {
	dir            string // absolute directory of the file
	source         *cty.Value
	sourceRange    hcl.Range
	terraformRange *hcl.Range
	inputs         map[string]cty.Value
	inputsUnknown  *model.Unresolved
	locals         map[string]cty.Value
	// deps are the dependency blocks' values (`outputs`), by name.
	deps map[string]cty.Value
	// generate are the generate blocks, by name.
	generate map[string]generated
	// remoteState is the remote_state block (or attribute), nil when none.
	remoteState *remoteState
}

// generated is one generate block.
type generated struct {
	path, contents, ifExists string
	rng                      hcl.Range
}

// read evaluates the configuration file path. self is the directory of
// the configuration Terragrunt is parsing (get_terragrunt_dir): the unit's,
// or that of a file read with read_terragrunt_config, also inside the files
// either includes. included says path is read through an include block.
func (r *reader) read(path, self string, included bool, depth int) *config {
	if depth > maxIncludeDepth {
		r.ds.Warnf(model.Range{File: filepath.ToSlash(path)}, "includes nest deeper than %d levels; %s is not read", maxIncludeDepth, path)
		return nil
	}
	// path is where Terragrunt reads the file (a generated unit's copy);
	// real is the file daslint reads, and positions name it.
	real := r.resolve(path)
	data, problem := inputfile.Read(real, r.opts.Tree, r.opts.MaxFileBytes)
	if problem != nil {
		r.ds = append(r.ds, diag.Diagnostic{Severity: problem.Severity, Message: problem.Message,
			Range: model.Range{File: filepath.ToSlash(real), Line: problem.Line, Column: problem.Column}})
		return nil
	}
	f, hds := r.parser.ParseHCL(data, real)
	if hds.HasErrors() {
		r.hclDiags(hds)
		return nil
	}
	r.files = append(r.files, real)
	if included {
		r.included = append(r.included, real)
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil
	}
	cfg := &config{dir: absDir(filepath.Dir(path))}
	// In an included file, the include is the one that brought the file
	// in, whatever label a function names; in the including file, the
	// include blocks below, once read.
	incDirs := map[string]string{}
	selectInclude := func(label string, named bool) (string, error) {
		if included {
			return cfg.dir, nil
		}
		return pickInclude(incDirs, label, named)
	}
	fns := r.functions(self, selectInclude)

	// Includes first: their locals may be exposed to this file.
	type include struct {
		label    string
		cfg      *config
		strategy string
		expose   bool
	}
	var includes []include
	for _, b := range body.Blocks {
		if b.Type != "include" {
			continue
		}
		ctx := &hcl.EvalContext{Functions: fns}
		inc := include{strategy: "shallow"}
		if len(b.Labels) > 0 {
			inc.label = b.Labels[0]
		}
		p, ok := r.str(b.Body.Attributes["path"], ctx)
		if !ok {
			r.ds.Warnf(rng(b.DefRange()), "the path of this include is not known offline; what it merges is missing")
			continue
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(cfg.dir, p)
		}
		if s, ok := r.str(b.Body.Attributes["merge_strategy"], ctx); ok {
			inc.strategy = s
		}
		if a := b.Body.Attributes["expose"]; a != nil {
			if v, d := a.Expr.Value(ctx); !d.HasErrors() && v.IsKnown() && v.Type() == cty.Bool {
				inc.expose = v.True()
			}
		}
		inc.cfg = r.read(p, self, true, depth+1)
		if inc.cfg != nil {
			incDirs[inc.label] = inc.cfg.dir
		}
		includes = append(includes, inc)
	}
	includeVal := map[string]cty.Value{}
	for _, inc := range includes {
		if inc.cfg == nil || !inc.expose {
			continue
		}
		obj := cty.ObjectVal(map[string]cty.Value{"locals": cty.ObjectVal(inc.cfg.locals), "inputs": cty.ObjectVal(inc.cfg.inputs)})
		if inc.label == "" {
			includeVal = obj.AsValueMap()
		} else {
			includeVal[inc.label] = obj
		}
	}
	vars := map[string]cty.Value{"include": cty.ObjectVal(includeVal)}
	if r.opts.Values != nil {
		vars["values"] = *r.opts.Values
	}

	cfg.locals = r.locals(body, vars, fns)
	vars["local"] = cty.ObjectVal(cfg.locals)
	ctx := &hcl.EvalContext{Functions: fns, Variables: vars}
	// Dependency blocks are read after locals, which cannot use them; an
	// included file's are merged under this file's (a block of the same
	// name here wins).
	cfg.deps = map[string]cty.Value{}
	for _, inc := range includes {
		if inc.cfg != nil && inc.strategy != "no_merge" {
			for n, v := range inc.cfg.deps {
				cfg.deps[n] = v
			}
		}
	}
	for _, b := range body.Blocks {
		if b.Type == "dependency" && len(b.Labels) == 1 {
			cfg.deps[b.Labels[0]] = r.dependency(b, ctx, self)
		}
	}
	vars["dependency"] = cty.ObjectVal(cfg.deps)
	for _, b := range body.Blocks {
		switch b.Type {
		case "terraform":
			br := b.DefRange()
			cfg.terraformRange = &br
			if a := b.Body.Attributes["source"]; a != nil {
				v := r.value(a.Expr, ctx)
				cfg.source, cfg.sourceRange = &v, a.SrcRange
			}
		case "remote_state":
			cfg.remoteState = r.remoteStateBlock(b, ctx)
		case "generate":
			if g, ok := r.generateBlock(b, ctx); ok {
				if cfg.generate == nil {
					cfg.generate = map[string]generated{}
				}
				cfg.generate[b.Labels[0]] = g
			}
		}
	}
	if a := body.Attributes["remote_state"]; a != nil {
		cfg.remoteState = r.remoteStateAttr(a, ctx)
	}
	if a := body.Attributes["inputs"]; a != nil {
		v := r.value(a.Expr, ctx)
		cfg.inputs = map[string]cty.Value{}
		switch {
		case v.IsKnown() && !v.IsNull() && (v.Type().IsObjectType() || v.Type().IsMapType()):
			for k, e := range v.AsValueMap() {
				cfg.inputs[k] = e
			}
		case r.inputsByItem(a, ctx, cfg.inputs):
		default:
			why := ""
			if rs := eval.Reasons(v); len(rs) > 0 {
				why = " (" + rs[0].Reason + ")"
			}
			r.ds.Warnf(rng(a.SrcRange), "the inputs of this configuration are not known offline%s; the module's variables they may set are unknown", why)
			cfg.inputsUnknown = &model.Unresolved{Kind: model.FromInput, Range: rng(a.SrcRange),
				Reason: "the Terragrunt inputs that may set it are not known offline" + why}
		}
	}
	if !included && depth == 0 {
		r.ownRange = cfg.terraformRange
		for _, b := range body.Blocks {
			if r.ownRange == nil && b.Type == "include" {
				br := b.DefRange()
				r.ownRange = &br
			}
		}
	}
	for _, inc := range includes {
		if inc.cfg != nil {
			cfg = merge(inc.cfg, cfg, inc.strategy)
		}
	}
	return cfg
}

// inputsByItem evaluates an `inputs = { … }` whose whole value could not
// be had item by item, into in: one item that fails (an undeclared local, a
// function daslint lacks) must not drop the others, or the module's
// defaults would stand in for the values the unit sets, and a default can
// pass where the unit's value fails. Each failing item is unknown with its
// reason and an input problem. It reports false, leaving in empty, when
// inputs is not an object constructor with keys known offline.
func (r *reader) inputsByItem(a *hclsyntax.Attribute, ctx *hcl.EvalContext, in map[string]cty.Value) bool {
	obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return false
	}
	keys := make([]string, len(obj.Items))
	for i, item := range obj.Items {
		k, d := item.KeyExpr.Value(ctx)
		if d.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
			return false
		}
		keys[i] = k.AsString()
	}
	for i, item := range obj.Items {
		v := r.value(item.ValueExpr, ctx)
		in[keys[i]] = v
		if v.IsKnown() {
			continue
		}
		// Warned: what value refused here (an error, a name daslint does
		// not know), not an unknown that flows in (a dependency's mock
		// outputs, get_env without a default), which says so where used.
		at := rng(item.ValueExpr.Range())
		for _, u := range eval.Reasons(v) {
			if u.Range == at {
				r.ds.Warnf(at, "the input %s of this configuration is not known offline (%s); its other inputs keep their values", keys[i], u.Reason)
				break
			}
		}
	}
	return true
}

// merge merges child over parent as Terragrunt's include merge strategy
// says: no_merge keeps the child alone; shallow lets each top-level
// attribute of the child replace the parent's, and merges inputs key by key;
// deep merges maps recursively and concatenates lists, the child's simple
// values winning (Terragrunt docs: "include" block, merge_strategy).
func merge(parent, child *config, strategy string) *config {
	if strategy == "no_merge" {
		return child
	}
	out := *child
	if out.source == nil {
		out.source, out.sourceRange = parent.source, parent.sourceRange
	}
	if out.terraformRange == nil {
		out.terraformRange = parent.terraformRange
	}
	// remote_state is never merged field by field, with either strategy:
	// the child's block, when it has one, replaces the parent's whole
	// (Terragrunt's include merge: RemoteState cannot be deep merged).
	if out.remoteState == nil {
		out.remoteState = parent.remoteState
	}
	if len(parent.generate) > 0 {
		out.generate = map[string]generated{}
		for k, g := range parent.generate {
			out.generate[k] = g
		}
		for k, g := range child.generate {
			out.generate[k] = g
		}
	}
	if out.inputsUnknown == nil {
		out.inputsUnknown = parent.inputsUnknown
	}
	if parent.inputs != nil {
		in := map[string]cty.Value{}
		for k, v := range parent.inputs {
			in[k] = v
		}
		for k, v := range child.inputs {
			if old, ok := in[k]; ok && strategy == "deep" {
				v = deepMerge(old, v)
			}
			in[k] = v
		}
		out.inputs = in
	}
	return &out
}

// deepMerge merges b over a: maps and objects key by key, lists and tuples
// concatenated, anything else b.
func deepMerge(a, b cty.Value) cty.Value {
	if !a.IsWhollyKnown() || !b.IsWhollyKnown() || a.IsNull() || b.IsNull() {
		return b
	}
	at, bt := a.Type(), b.Type()
	switch {
	case (at.IsObjectType() || at.IsMapType()) && (bt.IsObjectType() || bt.IsMapType()):
		m := a.AsValueMap()
		if m == nil {
			m = map[string]cty.Value{}
		}
		for k, v := range b.AsValueMap() {
			if old, ok := m[k]; ok {
				v = deepMerge(old, v)
			}
			m[k] = v
		}
		return cty.ObjectVal(m)
	case (at.IsListType() || at.IsTupleType()) && (bt.IsListType() || bt.IsTupleType()):
		return cty.TupleVal(append(a.AsValueSlice(), b.AsValueSlice()...))
	}
	return b
}

// dependency returns the value of a dependency block: `outputs`, the
// evaluated outputs of the unit config_path names (relative to self), with
// its objects joined to this unit (docs/semantics.md#terragrunt-units). mock_outputs are
// placeholders for planning: an output known only from them is unknown,
// never its mock value. A dependency with `enabled = false` or
// `skip_outputs = true` is not read at all: Terragrunt gives it its
// mock_outputs (or no outputs), so every output is unknown.
func (r *reader) dependency(b *hclsyntax.Block, ctx *hcl.EvalContext, self string) cty.Value {
	name := b.Labels[0]
	at := rng(b.DefRange())
	var why *model.Unresolved
	var outputs map[string]cty.Value
	p, ok := r.str(b.Body.Attributes["config_path"], ctx)
	enabled := r.flag(b.Body.Attributes["enabled"], ctx, true)
	skip := r.flag(b.Body.Attributes["skip_outputs"], ctx, false)
	unresolved := func(format string, args ...any) *model.Unresolved {
		return &model.Unresolved{Kind: model.FromDataSource, Range: at, Reason: fmt.Sprintf(format, args...)}
	}
	switch {
	case enabled == flagFalse:
		why = unresolved("dependency %s is disabled (enabled = false): Terragrunt does not read its outputs", name)
	case skip == flagTrue:
		why = unresolved("dependency %s sets skip_outputs: Terragrunt does not read its outputs", name)
	case enabled == flagUnknown || skip == flagUnknown:
		// Terragrunt would use the mocks if the flag said so: the real
		// outputs cannot stand in for them.
		why = unresolved("whether Terragrunt reads the outputs of dependency %s (enabled, skip_outputs) is not known offline", name)
	case !ok:
		why = unresolved("the config_path of dependency %s is not known offline", name)
	case r.opts.Dependency == nil:
		why = unresolved("the outputs of dependency %s are not read", name)
	default:
		if !filepath.IsAbs(p) {
			p = filepath.Join(self, p)
		}
		var rr *eval.RemoteRoot
		rr, why = r.opts.Dependency(filepath.Clean(p))
		if rr != nil {
			prefix := eval.JoinPrefix(rr.Name)
			outputs = map[string]cty.Value{}
			for k, v := range rr.Result.Outputs {
				outputs[k] = eval.PrefixValue(v, prefix)
			}
			if !r.joined(rr) {
				r.joins = append(r.joins, rr)
			}
		}
	}
	if why != nil && why.Range.File == "" {
		why.Range = at
	}
	var mocks map[string]cty.Value
	if a := b.Body.Attributes["mock_outputs"]; a != nil {
		if v, _ := r.value(a.Expr, ctx).Unmark(); v.IsKnown() && !v.IsNull() && (v.Type().IsObjectType() || v.Type().IsMapType()) {
			mocks = v.AsValueMap()
		}
	}
	if outputs == nil && mocks == nil {
		return cty.ObjectVal(map[string]cty.Value{"outputs": cty.DynamicVal.Mark(why)})
	}
	if outputs == nil {
		outputs = map[string]cty.Value{}
	}
	for k := range mocks {
		if _, real := outputs[k]; real {
			continue
		}
		reason := fmt.Sprintf("mock_outputs of dependency %s: a placeholder for planning, not the unit's output %q", name, k)
		if why != nil {
			reason += " (" + why.Reason + ")"
		}
		outputs[k] = cty.DynamicVal.Mark(&model.Unresolved{Kind: model.FromDataSource, Range: at, Reason: reason})
	}
	return cty.ObjectVal(map[string]cty.Value{"outputs": cty.ObjectVal(outputs)})
}

// flagValue is a boolean attribute as far as it is known.
type flagValue int

const (
	flagUnknown flagValue = iota
	flagTrue
	flagFalse
)

// flag evaluates a boolean attribute; def when it is absent.
func (r *reader) flag(a *hclsyntax.Attribute, ctx *hcl.EvalContext, def bool) flagValue {
	if a == nil {
		if def {
			return flagTrue
		}
		return flagFalse
	}
	v, _ := r.value(a.Expr, ctx).Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Bool {
		return flagUnknown
	}
	if v.True() {
		return flagTrue
	}
	return flagFalse
}

func (r *reader) joined(rr *eval.RemoteRoot) bool {
	for _, j := range r.joins {
		if j.Name == rr.Name {
			return true
		}
	}
	return false
}

// locals evaluates the locals blocks of body; a local that refers to
// another is evaluated after it, a cycle or unknown reference is unknown.
func (r *reader) locals(body *hclsyntax.Body, vars map[string]cty.Value, fns map[string]function.Function) map[string]cty.Value {
	attrs := map[string]*hclsyntax.Attribute{}
	for _, b := range body.Blocks {
		if b.Type == "locals" {
			for n, a := range b.Body.Attributes {
				attrs[n] = a
			}
		}
	}
	out := map[string]cty.Value{}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	// Each pass evaluates the locals whose references are all evaluated;
	// len(attrs) passes settle any acyclic order.
	for range len(attrs) + 1 {
		progress := false
		for _, n := range names {
			if _, done := out[n]; done {
				continue
			}
			if !refsReady(attrs[n].Expr, out) {
				continue
			}
			v := make(map[string]cty.Value, len(vars)+1)
			for k, x := range vars {
				v[k] = x
			}
			v["local"] = cty.ObjectVal(out)
			out[n] = r.value(attrs[n].Expr, &hcl.EvalContext{Functions: fns, Variables: v})
			progress = true
		}
		if !progress {
			break
		}
	}
	for _, n := range names {
		if _, ok := out[n]; !ok {
			out[n] = cty.DynamicVal.Mark(&model.Unresolved{Kind: model.FromInput, Range: rng(attrs[n].SrcRange),
				Reason: fmt.Sprintf("local.%s refers to itself through other locals", n)})
		}
	}
	return out
}

func refsReady(e hcl.Expression, done map[string]cty.Value) bool {
	for _, t := range e.Variables() {
		if t.RootName() != "local" || len(t) < 2 {
			continue
		}
		if a, ok := t[1].(hcl.TraverseAttr); ok {
			if _, ok := done[a.Name]; !ok {
				return false
			}
		}
	}
	return true
}

// value evaluates e; a reference to something daslint does not evaluate
// (dependency outputs, an unknown function) is unknown with the reason.
func (r *reader) value(e hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	for _, t := range e.Variables() {
		switch t.RootName() {
		case "local", "include", "dependency":
		case "values":
			if r.opts.Values != nil {
				continue
			}
			return cty.DynamicVal.Mark(&model.Unresolved{Kind: model.FromInput, Range: rng(e.Range()),
				Reason: "values are known only in a unit that a terragrunt.stack.hcl generates, and no linted stack generates this one"})
		default:
			return cty.DynamicVal.Mark(&model.Unresolved{Kind: model.FromInput, Range: rng(e.Range()),
				Reason: fmt.Sprintf("%s is not known to daslint in a Terragrunt configuration", t.RootName())})
		}
	}
	v, d := e.Value(ctx)
	if d.HasErrors() {
		return cty.DynamicVal.Mark(&model.Unresolved{Kind: model.FromInput, Range: rng(e.Range()),
			Reason: "a Terragrunt expression could not be evaluated: " + firstError(d)})
	}
	return v
}

// str evaluates a, which must be a known string.
func (r *reader) str(a *hclsyntax.Attribute, ctx *hcl.EvalContext) (string, bool) {
	if a == nil {
		return "", false
	}
	v := r.value(a.Expr, ctx)
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// module resolves terraform.source: a local path (relative to the unit's
// directory, `//` separating the directory to copy from the module's
// subdirectory) is read; a remote one is not, and is returned as remote.
func (r *reader) module(cfg *config) (dir, remote string, why *model.Unresolved) {
	if cfg.source == nil {
		return r.resolve(r.unitDir), "", nil
	}
	v, _ := cfg.source.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		u := &model.Unresolved{Kind: model.FromInput, Range: rng(cfg.sourceRange), Reason: "the unit's terraform.source is not known offline, so its module is not read"}
		// The first reason in eval.Reasons' stable order: the marks are
		// a set, and naming whichever comes first would make the message
		// differ from run to run.
		if rs := eval.Reasons(*cfg.source); len(rs) > 0 {
			u.Reason += " (" + rs[0].Reason + ")"
		}
		// Never silent (docs/semantics.md#never-silent): a cluster in that module would
		// otherwise vanish from the report without a word.
		r.ds.Warnf(u.Range, "%s: everything the unit creates is unknown; give the source a value daslint can evaluate (a local path, or get_env with a default)", u.Reason)
		return "", "", u
	}
	src := v.AsString()
	dir, ok := LocalSource(src)
	if !ok {
		return "", src, &model.Unresolved{Kind: model.FromModule, Range: rng(cfg.sourceRange),
			Reason: fmt.Sprintf("the unit's module %q is remote, which daslint does not read", src)}
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(r.unitDir, dir)
	}
	return r.resolve(filepath.Clean(dir)), "", nil
}

// RemoteModuleWarning is the warning for one unit whose module is remote.
func RemoteModuleWarning(src string) string {
	return fmt.Sprintf("the unit's module %q is remote and not vendored: daslint does not download modules, so everything the unit creates is unknown; point terraform.source at a local copy to lint it", src)
}

// resolve maps a path inside a generated directory (Options.Copies) to
// the file it is a copy of; any other path is returned as it is.
func (r *reader) resolve(p string) string {
	return resolveCopy(r.opts.Copies, p)
}

func resolveCopy(copies []Copy, p string) string {
	if len(copies) == 0 {
		return p
	}
	abs := absDir(p)
	for _, c := range copies {
		if inputfile.Inside(c.Generated, abs) {
			rel, err := filepath.Rel(c.Generated, abs)
			if err == nil {
				return filepath.Join(c.Source, rel)
			}
		}
	}
	return p
}

// LocalSource returns the module directory of a local Terragrunt source:
// a path starting with ./, ../ or /, with `//` joining the part Terragrunt
// copies and the subdirectory that is the module. ok is false for any
// remote source (git::, tfr://, a registry address, a URL).
func LocalSource(src string) (string, bool) {
	local := strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || strings.HasPrefix(src, "/") || src == "." || src == ".."
	if !local {
		return "", false
	}
	if i := strings.Index(src, "//"); i >= 0 && !strings.HasPrefix(src, "//") {
		src = src[:i] + "/" + src[i+2:]
	}
	if i := strings.IndexAny(src, "?"); i >= 0 {
		src = src[:i]
	}
	return filepath.FromSlash(src), true
}

func (r *reader) hclDiags(hds hcl.Diagnostics) {
	for _, d := range hds {
		if d.Severity != hcl.DiagError {
			continue
		}
		at := model.Range{}
		if d.Subject != nil {
			at = rng(*d.Subject)
		}
		r.ds.Errorf(at, "%s: %s", d.Summary, d.Detail)
	}
}

func firstError(d hcl.Diagnostics) string {
	for _, x := range d {
		if x.Severity == hcl.DiagError {
			return x.Summary + ": " + x.Detail
		}
	}
	return ""
}

func rng(r hcl.Range) model.Range { return eval.Range(r) }

func absDir(d string) string {
	a, err := filepath.Abs(d)
	if err != nil {
		return filepath.Clean(d)
	}
	return a
}
