package tfplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Options are the options of reading one plan or state file.
type Options struct {
	// Region is --region: the region of resources whose provider
	// configuration the document does not record.
	Region string
	// Root is the directory below which files are read (the read boundary,
	// see inputfile.Boundary): code beside the plan, and the local modules
	// it calls, are looked at only below it. Empty means no limit.
	Root string
}

// Load reads the plan or state JSON in data, read from path, into a model.
// Files are the files the model's positions point at: path, and the
// configuration files of the root module when they lie beside it.
func Load(path string, data []byte, opts Options) (m *model.Model, files []string, ds diag.Diagnostics) {
	m, _, files, ds = LoadSource(path, data, opts)
	return m, files, ds
}

// LoadSource is Load that also returns what the document offers the other
// roots of a run (see Source); src is nil when data does not decode.
func LoadSource(path string, data []byte, opts Options) (m *model.Model, src *Source, files []string, ds diag.Diagnostics) {
	file := filepath.ToSlash(path)
	doc, raw, err := decode(data)
	if err != nil {
		ds.Errorf(model.Range{File: file}, "%s is not valid Terraform JSON output: %v", path, err)
		return &model.Model{Source: model.Terraform, Root: path}, nil, []string{path}, ds
	}
	section, vals := "planned_values", doc.PlannedValues
	if vals == nil {
		section, vals = "values", doc.Values
	}
	if vals == nil {
		vals = &values{} // an empty state
	}
	b := newBuilder(path, doc, opts)
	// A state's resources, and a plan's resources that exist already,
	// carry real IDs: other resources name them by those IDs.
	b.indexIDs(&vals.RootModule)
	if raw {
		b.lines = rawLines(data)
	} else {
		b.lines = lines(data, section)
	}
	b.code, files = codeRanges(filepath.Dir(path), opts.Root, doc.Configuration)
	b.linker.code = b.code
	var walk func(vm *valuesModule, depth int)
	walk = func(vm *valuesModule, depth int) {
		if depth > maxDepth {
			return
		}
		for i := range vm.Resources {
			b.add(&vm.Resources[i])
		}
		for i := range vm.ChildModules {
			walk(&vm.ChildModules[i], depth+1)
		}
	}
	walk(&vals.RootModule, 0)
	for i := range b.resources {
		b.instances = append(b.instances, b.instance(b.resources[i]))
	}
	m, tds := terraform.Translate(&eval.Result{Dir: path, Instances: b.instances, Files: files})
	m.Root = path
	ds = append(ds, tds...)
	src = b.source(doc.PlannedValues == nil, vals)
	return m, src, append([]string{path}, files...), ds
}

// decode reads a `terraform show -json` document, or a format-4 state
// (raw true) into the same shape.
func decode(data []byte) (doc *document, raw bool, err error) {
	if !bytes.Contains(data, []byte(`"format_version"`)) && claimsRaw(bytes.TrimSpace(data)) {
		doc, err = rawDocument(data)
		return doc, true, err
	}
	doc = &document{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(doc); err != nil {
		return nil, false, err
	}
	return doc, false, nil
}

// builder turns the resources of a document into eval instances.
type builder struct {
	path      string
	doc       *document
	opts      Options
	linker    *linker
	unknown   map[string]any // after_unknown by instance address
	lines     map[string][2]int
	code      map[string]codeRange
	resources []*valuesResource
	instances []*eval.Instance
	// ids maps the known IDs and ARNs of the document's resources to their
	// identity tokens (see indexIDs).
	ids map[string]string
	// region is, in a state, the one region all its ARNs name, if any.
	stateRegion string
}

func newBuilder(path string, doc *document, opts Options) *builder {
	b := &builder{path: path, doc: doc, opts: opts, unknown: map[string]any{},
		linker: &linker{modules: map[string]*configModule{}, calls: map[string]*moduleCall{},
			instances: map[string][]string{}, types: map[string]string{}}}
	for _, rc := range doc.ResourceChanges {
		b.unknown[rc.Address] = rc.Change.AfterUnknown
	}
	if doc.Configuration != nil {
		var walk func(path string, cm *configModule, depth int)
		walk = func(path string, cm *configModule, depth int) {
			if depth > maxDepth {
				return
			}
			b.linker.modules[path] = cm
			for _, name := range sortedKeys(cm.ModuleCalls) {
				call := cm.ModuleCalls[name]
				sub := join(path, "module."+name)
				b.linker.calls[sub] = &call
				walk(sub, &call.Module, depth+1)
			}
		}
		walk("", &doc.Configuration.RootModule, 0)
	}
	return b
}

// add records one resource instance of the document.
func (b *builder) add(r *valuesResource) {
	b.resources = append(b.resources, r)
	base := baseOf(r.Address)
	b.linker.instances[base] = append(b.linker.instances[base], r.Address)
	b.linker.types[base] = r.Type
}

// rangeOf is where an instance is reported: its block in the code beside
// the plan, else its object in the plan file.
func (b *builder) rangeOf(addr string) (whole, def hcl.Range) {
	if c, ok := b.code[configAddr(addr)]; ok {
		return c.whole, c.def
	}
	pos := b.lines[addr]
	r := hcl.Range{Filename: b.path, Start: hcl.Pos{Line: max(pos[0], 1), Column: max(pos[1], 1)}}
	r.End = r.Start
	return r, r
}

// instance builds the eval instance of one resource.
func (b *builder) instance(r *valuesResource) *eval.Instance {
	in := &eval.Instance{Address: r.Address, Type: r.Type, Name: r.Name}
	if r.Mode == "data" {
		in.Mode = eval.Data
	}
	in.Range, in.DefRange = b.rangeOf(r.Address)
	if c, ok := b.code[configAddr(r.Address)]; ok {
		in.Callers = c.callers
	}
	cr := b.configResource(r.Address)
	in.Region = b.region(cr, in)
	body := &eval.Body{Blocks: map[string][]*eval.Block{}}
	unk, _ := b.unknown[r.Address].(map[string]any)
	names := map[string]bool{}
	for k := range r.Values {
		names[k] = true
	}
	for k := range unk {
		names[k] = true
	}
	for _, name := range sortedKeys(names) { // sorted, as Body.Attrs are
		v := b.value(r, cr, in, []any{name}, r.Values[name], unk[name])
		if v.IsNull() {
			continue
		}
		body.Attrs = append(body.Attrs, eval.Attr{Name: name, Value: v, Range: in.Range})
	}
	in.Body = body
	return in
}

// configResource is the configuration of the resource of an instance.
func (b *builder) configResource(addr string) *configResource {
	mod := b.linker.modules[configAddr(moduleOf(addr))]
	if mod == nil {
		return nil
	}
	want := configAddr(addr)
	if p := configAddr(moduleOf(addr)); p != "" {
		want = strings.TrimPrefix(want, p+".")
	}
	for i := range mod.Resources {
		if mod.Resources[i].Address == want {
			return &mod.Resources[i]
		}
	}
	return nil
}

// value is the value of the attribute at path: the planned value, with
// every part unknown until apply settled through the configuration's
// references or left unknown with the reason.
func (b *builder) value(r *valuesResource, cr *configResource, in *eval.Instance, path []any, v, unk any) cty.Value {
	if unk == true {
		return b.settle(r, cr, in, path)
	}
	switch u := unk.(type) {
	case map[string]any:
		obj, _ := v.(map[string]any)
		attrs := map[string]cty.Value{}
		for k := range obj {
			attrs[k] = cty.NilVal
		}
		for k := range u {
			attrs[k] = cty.NilVal
		}
		for k := range attrs {
			attrs[k] = b.value(r, cr, in, append(append([]any{}, path...), k), obj[k], u[k])
		}
		return cty.ObjectVal(attrs)
	case []any:
		list, _ := v.([]any)
		n := max(len(list), len(u))
		if n == 0 {
			return cty.EmptyTupleVal
		}
		if idList(path) && allTrue(u) && len(u) == n {
			// A list of identities all unknown: settled as a whole.
			return b.settle(r, cr, in, path)
		}
		elems := make([]cty.Value, n)
		for i := range elems {
			var ev, eu any
			if i < len(list) {
				ev = list[i]
			}
			if i < len(u) {
				eu = u[i]
			}
			elems[i] = b.value(r, cr, in, append(append([]any{}, path...), i), ev, eu)
		}
		return cty.TupleVal(elems)
	}
	return b.known(path, v)
}

// known converts a known value; in a state, an ID or ARN of another
// resource of the state, in an argument that names one, becomes that
// resource's identity token, as a reference in code would.
func (b *builder) known(path []any, v any) cty.Value {
	if b.ids == nil {
		return toCty(v)
	}
	return b.tokenised(path, v, namesResource)
}

// tokenised converts v, found at path, turning each string that is the ID
// or ARN of a resource of the document into that resource's identity
// token where names says the path holds a reference. Values nested deeper
// than maxDepth are not followed (unknown).
func (b *builder) tokenised(path []any, v any, names func([]any) bool) cty.Value {
	if len(path) > maxDepth {
		return cty.DynamicVal
	}
	switch x := v.(type) {
	case string:
		if tok, ok := b.ids[x]; ok && names(path) {
			return cty.StringVal(tok)
		}
	case []any:
		if len(x) == 0 {
			return cty.EmptyTupleVal
		}
		elems := make([]cty.Value, len(x))
		for i, e := range x {
			elems[i] = b.tokenised(append(slices.Clip(path), i), e, names)
		}
		return cty.TupleVal(elems)
	case map[string]any:
		if len(x) == 0 {
			return cty.EmptyObjectVal
		}
		attrs := make(map[string]cty.Value, len(x))
		for k, e := range x {
			attrs[k] = b.tokenised(append(slices.Clip(path), k), e, names)
		}
		return cty.ObjectVal(attrs)
	}
	return toCty(v)
}

// settle gives the value of an attribute unknown until apply.
func (b *builder) settle(r *valuesResource, cr *configResource, in *eval.Instance, path []any) cty.Value {
	refs, ok := b.refsAt(cr, path)
	if !ok {
		// The configuration does not set it: the provider computes it, as
		// when the code leaves an argument unset.
		return cty.NullVal(cty.DynamicPseudoType)
	}
	what := in.Address + "." + pathText(path)
	var l link
	if mod := moduleOf(r.Address); strings.Contains(mod, "[") {
		l.problem = "it is set inside " + mod + ", a module instance of count or for_each"
	} else {
		b.linker.steps = 0
		l = b.linker.resolve(refs, mod, r.Index, 0)
		if l.problem != "" || len(l.tokens) == 0 {
			if all, ok := b.everyInstance(r, mod, path, refs); ok {
				l = all
			} else if one, ok := b.eachValue(r, mod, path, refs); ok {
				l = one
			}
		}
	}
	if l.problem == "" && len(l.tokens) == 0 {
		l.problem = "its expression names no resource"
	}
	if l.problem == "" {
		if idList(path) {
			elems := make([]cty.Value, len(l.tokens))
			for i, t := range l.tokens {
				elems[i] = cty.StringVal(t)
			}
			return cty.TupleVal(elems)
		}
		if len(l.tokens) == 1 {
			return cty.StringVal(l.tokens[0])
		}
		l.problem = fmt.Sprintf("it could be any of %d resources", len(l.tokens))
	}
	u := &model.Unresolved{
		Kind:   model.FromComputed,
		Reason: fmt.Sprintf("%s is known only after apply and the plan's references do not settle it: %s", what, l.problem),
		Range:  rangeModel(in.DefRange),
	}
	return cty.UnknownVal(cty.DynamicPseudoType).Mark(u)
}

// everyInstance settles, from the code beside the plan, a top-level
// argument of r whose expression lists one attribute of every instance of a
// resource (see linker.everyInstanceIn).
func (b *builder) everyInstance(r *valuesResource, mod string, path []any, refs []string) (link, bool) {
	name, _ := path[0].(string)
	if len(path) != 1 {
		return link{}, false
	}
	return b.linker.everyInstanceIn(mod, r.Type+"."+r.Name, name, refs)
}

// eachValue settles, from the code beside the plan, an argument
// `each.value.id` of a resource whose for_each is a whole resource
// (`for_each = aws_subnet.db`): each.value is then the instance of that
// resource with the same key. The plan records only `each.value`, and its
// for_each references only `aws_subnet.db`, which a map built from it with
// other keys or values would record too.
func (b *builder) eachValue(r *valuesResource, mod string, path []any, refs []string) (link, bool) {
	c, ok := b.code[join(mod, r.Type+"."+r.Name)]
	if len(path) != 1 || !ok || c.attrs["for_each"] == nil || r.Index == nil {
		return link{}, false
	}
	attr := ""
	for _, ref := range refs {
		if a, ok := strings.CutPrefix(ref, "each.value."); ok && !strings.ContainsAny(a, ".[") {
			attr = a
		}
	}
	res, ok := resourceTraversal(c.attrs["for_each"].Expr)
	if attr == "" || !ok {
		return link{}, false
	}
	base := join(mod, res)
	addr := base + keySuffix(r.Index)
	if !slices.Contains(b.linker.instances[base], addr) {
		return link{}, false
	}
	tok, problem := b.linker.token(addr, b.linker.types[base], attr, false)
	if problem != "" {
		return link{problem: problem}, true
	}
	return link{tokens: []string{tok}}, true
}

// refsAt returns the references of the expression that sets the attribute
// at path; ok is false when the configuration sets nothing there.
func (b *builder) refsAt(cr *configResource, path []any) ([]string, bool) {
	if cr == nil || len(path) == 0 {
		return nil, false
	}
	name, _ := path[0].(string)
	raw, ok := cr.Expressions[name]
	if !ok {
		return nil, false
	}
	var cur any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&cur) != nil {
		return nil, false
	}
	for _, step := range path[1:] {
		if e, ok := cur.(map[string]any); ok {
			if _, has := e["references"]; has {
				break
			}
			if _, has := e["constant_value"]; has {
				break
			}
		}
		switch s := step.(type) {
		case int:
			list, ok := cur.([]any)
			if !ok || s >= len(list) {
				return nil, false
			}
			cur = list[s]
		case string:
			obj, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = obj[s]; !ok {
				return nil, false
			}
		}
	}
	e, ok := cur.(map[string]any)
	if !ok {
		return nil, false
	}
	list, ok := e["references"].([]any)
	if !ok {
		return nil, false
	}
	refs := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			refs = append(refs, s)
		}
	}
	return refs, true
}

// region is the region of an instance: its provider configuration's
// region argument, else --region, else unknown.
func (b *builder) region(cr *configResource, in *eval.Instance) cty.Value {
	if b.doc.Configuration != nil {
		key := "aws"
		if cr != nil && cr.ProviderConfigKey != "" {
			key = cr.ProviderConfigKey
		}
		pc, ok := b.doc.Configuration.ProviderConfig[key]
		if !ok {
			if i := strings.LastIndexByte(key, ':'); i >= 0 {
				pc, ok = b.doc.Configuration.ProviderConfig[key[i+1:]]
			}
		}
		if ok {
			if raw, has := pc.Expressions["region"]; has {
				var e expression
				if json.Unmarshal(raw, &e) == nil {
					if s, ok := e.ConstantValue.(string); ok {
						return cty.StringVal(s)
					}
					if len(e.References) > 0 && strings.HasPrefix(e.References[0], "var.") && pc.ModuleAddress == "" {
						if v, ok := b.doc.Variables[split(e.References[0])[1]].(map[string]any); ok {
							if s, ok := v["value"].(string); ok {
								return cty.StringVal(s)
							}
						}
					}
				}
			}
		}
	}
	if r := arnRegion(b.arnOf(in.Address)); r != "" {
		return cty.StringVal(r)
	}
	if b.stateRegion != "" {
		return cty.StringVal(b.stateRegion)
	}
	if b.opts.Region != "" {
		return cty.StringVal(b.opts.Region)
	}
	return cty.UnknownVal(cty.String).Mark(&model.Unresolved{
		Kind:   model.FromExpression,
		Reason: "the plan or state records no region for " + in.Address + "; give --region",
		Range:  rangeModel(in.DefRange),
	})
}

// idList reports whether the attribute at path is a list of identities
// (`subnet_ids`, `vpc_security_group_ids`, `security_groups`).
func idList(path []any) bool {
	for i := len(path) - 1; i >= 0; i-- {
		if s, ok := path[i].(string); ok {
			return strings.HasSuffix(s, "_ids") || s == "security_groups"
		}
	}
	return false
}

func allTrue(xs []any) bool {
	for _, x := range xs {
		if x != true {
			return false
		}
	}
	return true
}

func pathText(path []any) string {
	var sb strings.Builder
	for i, p := range path {
		switch s := p.(type) {
		case string:
			if i > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(s)
		case int:
			fmt.Fprintf(&sb, "[%d]", s)
		}
	}
	return sb.String()
}

// toCty converts a decoded JSON value. An empty string is null: the
// provider writes "" for an optional argument the configuration leaves
// unset, which the translator must read as unset.
func toCty(v any) cty.Value {
	switch x := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case string:
		if x == "" {
			return cty.NullVal(cty.String)
		}
		return cty.StringVal(x)
	case bool:
		return cty.BoolVal(x)
	case json.Number:
		if n, err := cty.ParseNumberVal(x.String()); err == nil {
			return n
		}
		return cty.NullVal(cty.Number)
	case []any:
		if len(x) == 0 {
			return cty.EmptyTupleVal
		}
		elems := make([]cty.Value, len(x))
		for i, e := range x {
			elems[i] = toCty(e)
		}
		return cty.TupleVal(elems)
	case map[string]any:
		if len(x) == 0 {
			return cty.EmptyObjectVal
		}
		attrs := make(map[string]cty.Value, len(x))
		for k, e := range x {
			attrs[k] = toCty(e)
		}
		return cty.ObjectVal(attrs)
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

func rangeModel(r hcl.Range) model.Range {
	return model.Range{File: filepath.ToSlash(r.Filename), Line: r.Start.Line, Column: r.Start.Column,
		EndLine: r.End.Line, EndColumn: r.End.Column}
}
