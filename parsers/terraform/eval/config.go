package eval

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/parallel"
	"github.com/daslint/daslint/model"
)

// moduleConfig is the parsed, not yet evaluated, content of one module
// directory. One directory parsed once serves every call of it.
type moduleConfig struct {
	dir   string
	files []string
	// unread are the files left out: too large, or not parsing.
	unread    []*model.Unresolved
	variables map[string]*variableDecl
	locals    map[string]*hcl.Attribute
	outputs   map[string]*hcl.Attribute
	resources []*resourceDecl
	byKey     map[string]*resourceDecl // "aws_x.y" or "data.aws_x.y"
	calls     map[string]*moduleCall
	callNames []string
	providers map[string]*providerDecl // "aws", "aws.west"
	names     attrNames
	// sharedObjects are the resources whose objects the walk keeps to
	// its end (objectReaders); nil keeps every object.
	sharedObjects map[string]bool
	// providerFuncs are the provider-defined functions the files call,
	// those that do not parse included (see addUnevaluated).
	providerFuncs map[string]bool
}

type variableDecl struct {
	name     string
	typ      cty.Type
	defaults *typeexpr.Defaults
	// def is the default value; cty.NilVal when there is none.
	def      cty.Value
	nullable bool
	// typedAny is true for `type = any`, whose --var values are parsed as
	// expressions; without a type they are taken literally.
	typedAny bool
	rng      hcl.Range
}

type resourceDecl struct {
	mode Mode
	typ  string
	name string
	// key is TYPE.NAME (data.TYPE.NAME), inside rootMemoKey's text.
	key string
	// rootMemoKey is resourceMemoKey in the root module instance.
	rootMemoKey string
	// meta holds the meta-arguments count, for_each and provider when any
	// is set (most resources set none): see the methods of the same names.
	meta *resourceMeta
	// body is what the evaluation reads of the block's body: its
	// compact body when the file is compact (compact.go).
	body syntaxBody
	// end is where the block ends; it starts where defRng does
	// (blockRange), in the same file.
	end    hcl.Pos
	defRng hcl.Range
}

// resourceMeta is the meta-arguments of a resource that sets any.
type resourceMeta struct {
	count, forEach hcl.Expression
	provider       string // "aws" or "aws.alias"; "" for the default
}

// count is the resource's count argument, nil when not set.
func (r *resourceDecl) count() hcl.Expression {
	if r.meta == nil {
		return nil
	}
	return r.meta.count
}

// forEach is the resource's for_each argument, nil when not set.
func (r *resourceDecl) forEach() hcl.Expression {
	if r.meta == nil {
		return nil
	}
	return r.meta.forEach
}

// provider is the provider configuration its provider argument names
// ("aws", "aws.alias"), "" when not set.
func (r *resourceDecl) provider() string {
	if r.meta == nil {
		return ""
	}
	return r.meta.provider
}

// blockRange is the range of the whole block.
func (r *resourceDecl) blockRange() hcl.Range {
	return hcl.Range{Filename: r.defRng.Filename, Start: r.defRng.Start, End: r.end}
}

type moduleCall struct {
	name      string
	source    string
	sourceRng hcl.Range
	count     hcl.Expression
	forEach   hcl.Expression
	inputs    map[string]*hcl.Attribute
	providers map[string]string // child provider key -> parent provider key
	rng       hcl.Range
	defRng    hcl.Range
}

type providerDecl struct {
	key   string
	attrs map[string]*hcl.Attribute
	rng   hcl.Range
}

var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "terraform"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "module", LabelNames: []string{"name"}},
	},
}

// configFiles lists the configuration files of dir in lexical order, and
// the override files (`override.tf`, `*_override.tf[.json]`) apart.
// Hidden files are ignored.
func configFiles(dir string) (files, overrides []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "#") || strings.HasSuffix(n, "~") {
			continue
		}
		base, ok := strings.CutSuffix(n, ".tf")
		if !ok {
			base, ok = strings.CutSuffix(n, ".tf.json")
		}
		switch {
		case !ok:
		case base == "override" || strings.HasSuffix(base, "_override"):
			overrides = append(overrides, filepath.Join(dir, n))
		default:
			files = append(files, filepath.Join(dir, n))
		}
	}
	sort.Strings(files)
	sort.Strings(overrides)
	return files, overrides, nil
}

// parseModule reads every configuration file of dir. A file that does not
// parse is reported and left out; the other files are still read.
//
// Files are read through package inputfile: only regular files inside tree
// (an absolute, symlink-free directory), at most maxBytes long (0: no
// limit), UTF-8 text nested at most inputfile.MaxNesting deep.
//
// generated are files that Terragrunt writes into dir: they replace the
// files of the same name and are not in cfg.files (no file on disk holds
// them, so nothing else reads them).
func parseModule(c *ParseCache, p *hclparse.Parser, dir, tree string, maxBytes int64, ds *diag.Diagnostics, generated ...GeneratedFile) *moduleConfig {
	cfg := &moduleConfig{
		dir:       dir,
		variables: map[string]*variableDecl{},
		locals:    map[string]*hcl.Attribute{},
		outputs:   map[string]*hcl.Attribute{},
		byKey:     map[string]*resourceDecl{},
		calls:     map[string]*moduleCall{},
		providers: map[string]*providerDecl{},
		names:     newAttrNames(),

		providerFuncs: map[string]bool{},
	}
	files, overrides, err := configFiles(dir)
	if err != nil {
		ds.Errorf(rangeOf(dir), "cannot read module directory: %v; check that it exists and that daslint may read it", err)
		return cfg
	}
	// Terraform merges override files into the blocks they override.
	// daslint does not implement the merge; reading them as ordinary files
	// would declare everything twice, so they are left out, with a warning.
	for _, o := range overrides {
		ds.Warnf(rangeOf(o), "override files are not merged by daslint; %s is ignored", filepath.Base(o))
	}
	replaced := map[string]bool{}
	for _, g := range generated {
		replaced[filepath.Clean(g.Name)] = true
	}
	read := make([]string, 0, len(files))
	for _, name := range files {
		if !replaced[filepath.Clean(name)] {
			read = append(read, name)
		}
	}
	// The files are parsed at once; what they give is taken in file-name
	// order, so that the configuration and the diagnostics do not depend
	// on which finished first.
	parsed := parseFiles(c, p, read, tree, maxBytes)
	var readers objectReaders
	// Sized for the blocks parsed, most of them resources: a large root's
	// map would otherwise grow step by step.
	if blocks := parsedBlocks(parsed); blocks > 0 {
		cfg.byKey = make(map[string]*resourceDecl, blocks)
		cfg.resources = make([]*resourceDecl, 0, blocks)
	}
	for i, name := range read {
		var f *hcl.File
		var problem *unreadFile
		if pf := parsed[i].file; pf != nil {
			f, problem = pf.use(p, name, ds)
			for n := range parsed[i].funcs {
				cfg.providerFuncs[n] = true
			}
		} else {
			f, problem = parseFileWith(p, name, tree, maxBytes, ds)
			cfg.addProviderFuncs(p, name)
		}
		if f == nil {
			kind := model.FromInput
			if problem.Severity == diag.Warning {
				kind = model.FromLimit
			}
			cfg.unread = append(cfg.unread, &model.Unresolved{Kind: kind, Reason: problem.Reason, Range: problem.Range})
			continue
		}
		cfg.files = append(cfg.files, name)
		if parsed[i].file != nil {
			cfg.names.merge(parsed[i].names)
			readers.add(name, parsed[i].reads)
		} else {
			cfg.names.collectFile(f)
			readers.add(name, nil)
		}
		cfg.addFile(f, ds)
	}
	for _, g := range generated {
		var f *hcl.File
		var hds hcl.Diagnostics
		if strings.HasSuffix(g.Name, ".json") {
			f, hds = p.ParseJSON(g.Data, g.Name)
		} else {
			f, hds = p.ParseHCL(g.Data, g.Name)
		}
		cfg.addProviderFuncs(p, g.Name)
		if hds.HasErrors() || f == nil {
			addHCLDiags(ds, hds, hcl.Range{Filename: g.Name, Start: hcl.InitialPos, End: hcl.InitialPos})
			cfg.unread = append(cfg.unread, &model.Unresolved{Kind: model.FromInput, Range: rangeOf(g.Name),
				Reason: "the file a Terragrunt generate block writes (" + filepath.Base(g.Name) + ") does not parse, so what it declares is missing"})
			continue
		}
		cfg.names.collectFile(f)
		readers.add(g.Name, nil)
		cfg.addFile(f, ds)
	}
	cfg.sharedObjects = readers.sharedObjects(cfg.byKey)
	return cfg
}

// parsedBlocks counts the top-level blocks of the native files parsed.
func parsedBlocks(parsed []fileParse) int {
	n := 0
	for _, fp := range parsed {
		if fp.file == nil || fp.file.f == nil {
			continue
		}
		if b, ok := fp.file.f.Body.(*hclsyntax.Body); ok {
			n += len(b.Blocks)
		}
	}
	return n
}

// fileParse is what parseFiles gives for one file: the outcome of parsing
// it and the attribute names it reads; file is nil for a file p has parsed
// before, which p answers itself.
type fileParse struct {
	file  *parsedFile
	names attrNames
	funcs map[string]bool
	reads *fileReads
}

// parseFiles parses names, each on a parser of its own (through the cache
// c when non-nil), on up to GOMAXPROCS goroutines (parallel.ForEach), and indexes the
// attribute names each reads and the provider-defined functions it calls.
// The outcomes are in the order of names.
func parseFiles(c *ParseCache, p *hclparse.Parser, names []string, tree string, maxBytes int64) []fileParse {
	out := make([]fileParse, len(names))
	seen := p.Files() // only read while the goroutines run
	parse := func(i int) {
		if _, ok := seen[names[i]]; ok {
			return
		}
		pf := c.parsed(names[i], tree, maxBytes)
		out[i].file = pf
		switch {
		case pf.f != nil:
			out[i].names, out[i].funcs = newAttrNames(), map[string]bool{}
			out[i].reads = out[i].names.index(pf.f, out[i].funcs)
		case pf.parsed:
			// What hcl made of a file that does not parse is looked
			// through for provider functions all the same.
			out[i].funcs = providerFunctions(map[string]*hcl.File{names[i]: pf.added})
		}
	}
	parallel.ForEach(len(names), 0, parse)
	return out
}

// addProviderFuncs adds the provider-defined functions that the file p
// recorded under name calls.
func (cfg *moduleConfig) addProviderFuncs(p *hclparse.Parser, name string) {
	if f, ok := p.Files()[name]; ok {
		for n := range providerFunctions(map[string]*hcl.File{name: f}) {
			cfg.providerFuncs[n] = true
		}
	}
}

func (cfg *moduleConfig) addFile(f *hcl.File, ds *diag.Diagnostics) {
	if sb, ok := f.Body.(*hclsyntax.Body); ok && rootLabelsFit(sb) {
		// What decoding with rootSchema would give, without a copy of
		// every block: it would report nothing (no block has a label
		// too many or too few), and a resource block is read only as
		// addResource reads it, through a block header on the stack.
		for _, blk := range sb.Blocks {
			switch blk.Type {
			case "resource", "data":
				b := hcl.Block{Type: blk.Type, Labels: blk.Labels, Body: blk.Body, DefRange: blk.DefRange(),
					TypeRange: blk.TypeRange, LabelRanges: blk.LabelRanges}
				cfg.addResource(&b, resourceBody(f, &b), ds)
			default:
				if _, wanted := rootLabels(blk.Type); wanted {
					cfg.addBlock(f, blk.AsHCLBlock(), ds)
				}
			}
		}
		return
	}
	content, _, hds := f.Body.PartialContent(rootSchema)
	addHCLDiags(ds, hds, hcl.Range{})
	for _, b := range content.Blocks {
		cfg.addBlock(f, b, ds)
	}
}

// rootLabels returns how many labels a top-level block of type typ takes,
// and false for a type that rootSchema does not read.
func rootLabels(typ string) (int, bool) {
	for _, s := range rootSchema.Blocks {
		if s.Type == typ {
			return len(s.LabelNames), true
		}
	}
	return 0, false
}

// rootLabelsFit reports whether every block of body that rootSchema reads
// has the number of labels it takes: decoding then reports nothing.
func rootLabelsFit(body *hclsyntax.Body) bool {
	for _, blk := range body.Blocks {
		if n, wanted := rootLabels(blk.Type); wanted && len(blk.Labels) != n {
			return false
		}
	}
	return true
}

// addBlock declares what the top-level block b of file f declares.
func (cfg *moduleConfig) addBlock(f *hcl.File, b *hcl.Block, ds *diag.Diagnostics) {
	switch b.Type {
	case "variable":
		cfg.addVariable(b, ds)
	case "locals":
		attrs, hds := b.Body.JustAttributes()
		addHCLDiags(ds, hds, b.DefRange)
		for _, a := range sortedAttrs(attrs) {
			if prev, dup := cfg.locals[a.Name]; dup {
				ds.Errorf(Range(a.NameRange), "duplicate local value %q, first defined at %s", a.Name, Range(prev.NameRange))
				continue
			}
			cfg.locals[a.Name] = a
		}
	case "output":
		attrs, _, hds := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}}})
		addHCLDiags(ds, hds, b.DefRange)
		if a, ok := attrs.Attributes["value"]; ok {
			cfg.outputs[b.Labels[0]] = a
		}
	case "provider":
		cfg.addProvider(b, ds)
	case "resource", "data":
		cfg.addResource(b, resourceBody(f, b), ds)
	case "module":
		cfg.addCall(b, ds)
	}
}

func (cfg *moduleConfig) addVariable(b *hcl.Block, ds *diag.Diagnostics) {
	content, _, hds := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "default"}, {Name: "type"}, {Name: "nullable"},
	}})
	addHCLDiags(ds, hds, b.DefRange)
	v := &variableDecl{name: b.Labels[0], typ: cty.DynamicPseudoType, nullable: true, rng: b.DefRange}
	if a, ok := content.Attributes["type"]; ok {
		ty, defs, tds := typeexpr.TypeConstraintWithDefaults(a.Expr)
		addHCLDiags(ds, tds, a.Range)
		if !tds.HasErrors() {
			v.typ, v.defaults = ty, defs
			v.typedAny = ty == cty.DynamicPseudoType
		}
	}
	if a, ok := content.Attributes["nullable"]; ok {
		if nv, nds := a.Expr.Value(nil); !nds.HasErrors() && nv.Type() == cty.Bool && nv.IsKnown() && !nv.IsNull() {
			v.nullable = nv.True()
		}
	}
	if a, ok := content.Attributes["default"]; ok {
		dv, dds := a.Expr.Value(nil)
		addHCLDiags(ds, dds, a.Range)
		if !dds.HasErrors() {
			v.def = v.convert(dv, a.Range, ds)
		}
	}
	if _, dup := cfg.variables[v.name]; dup {
		ds.Errorf(Range(b.DefRange), "duplicate variable %q", v.name)
		return
	}
	cfg.variables[v.name] = v
}

func (cfg *moduleConfig) addProvider(b *hcl.Block, ds *diag.Diagnostics) {
	attrs, hds := b.Body.JustAttributes()
	if hds.HasErrors() {
		// Provider blocks may hold nested blocks (assume_role, default_tags);
		// only their attributes matter here.
		content, _, pds := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "region"}, {Name: "alias"}}})
		addHCLDiags(ds, pds, b.DefRange)
		attrs = content.Attributes
	}
	key := b.Labels[0]
	if a, ok := attrs["alias"]; ok {
		if v, vds := a.Expr.Value(nil); !vds.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			key += "." + v.AsString()
		}
	}
	cfg.providers[key] = &providerDecl{key: key, attrs: attrs, rng: b.DefRange}
}

var metaSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "count"}, {Name: "for_each"}, {Name: "provider"},
}}

// metaExprs returns the expressions of the meta-arguments of a resource
// body (metaSchema), nil for those it does not set. A body cut down by the
// compact form holds nothing else, which decoding would report nothing of,
// so its arguments are read as they are, without a copy: hcl's decoding
// copies the whole body, and converting each argument allocates, once per
// resource.
func metaExprs(body hcl.Body, def hcl.Range, ds *diag.Diagnostics) (count, forEach, provider hcl.Expression) {
	if sb, ok := body.(*hclsyntax.Body); ok && len(sb.Blocks) == 0 && onlyMeta(sb.Attributes) {
		expr := func(name string) hcl.Expression {
			if a, ok := sb.Attributes[name]; ok {
				return a.Expr
			}
			return nil
		}
		return expr("count"), expr("for_each"), expr("provider")
	}
	meta, _, hds := body.PartialContent(metaSchema)
	addHCLDiags(ds, hds, def)
	expr := func(name string) hcl.Expression {
		if a, ok := meta.Attributes[name]; ok {
			return a.Expr
		}
		return nil
	}
	return expr("count"), expr("for_each"), expr("provider")
}

// onlyMeta reports whether every argument of attrs is a meta-argument.
func onlyMeta(attrs hclsyntax.Attributes) bool {
	for name := range attrs {
		if !slices.ContainsFunc(metaSchema.Attributes, func(s hcl.AttributeSchema) bool { return s.Name == name }) {
			return false
		}
	}
	return true
}

// addResource declares the resource block b, whose body the evaluation
// reads as body.
func (cfg *moduleConfig) addResource(b *hcl.Block, body syntaxBody, ds *diag.Diagnostics) {
	r := &resourceDecl{typ: b.Labels[0], name: b.Labels[1], body: body, end: blockRange(b).End, defRng: b.DefRange}
	prefix := "|"
	if b.Type == "data" {
		r.mode = Data
		prefix = "|data."
	}
	r.rootMemoKey = prefix + r.typ + "." + r.name
	r.key = r.rootMemoKey[1:]
	var m resourceMeta
	count, forEach, provider := metaExprs(b.Body, b.DefRange, ds)
	m.count, m.forEach = count, forEach
	if m.count != nil && m.forEach != nil {
		ds.Errorf(Range(b.DefRange), "%s: count and for_each cannot both be set", r.key)
		m.forEach = nil
	}
	if provider != nil {
		m.provider = providerKey(provider)
	}
	if m != (resourceMeta{}) {
		r.meta = &m
	}
	if prev, dup := cfg.byKey[r.key]; dup {
		ds.Errorf(Range(b.DefRange), "duplicate %s, first declared at %s", r.key, Range(prev.defRng))
		return
	}
	cfg.byKey[r.key] = r
	cfg.resources = append(cfg.resources, r)
}

func (cfg *moduleConfig) addCall(b *hcl.Block, ds *diag.Diagnostics) {
	attrs, hds := b.Body.JustAttributes()
	addHCLDiags(ds, hds, b.DefRange)
	c := &moduleCall{name: b.Labels[0], inputs: map[string]*hcl.Attribute{}, providers: map[string]string{}, rng: blockRange(b), defRng: b.DefRange}
	for name, a := range attrs {
		switch name {
		case "source":
			c.sourceRng = a.Expr.Range()
			v, vds := a.Expr.Value(nil)
			if vds.HasErrors() || v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
				ds.Errorf(Range(a.Expr.Range()), "module %q: source must be a literal string", c.name)
				continue
			}
			c.source = v.AsString()
		case "count":
			c.count = a.Expr
		case "for_each":
			c.forEach = a.Expr
		case "providers":
			pairs, pds := hcl.ExprMap(a.Expr)
			addHCLDiags(ds, pds, a.Range)
			for _, p := range pairs {
				c.providers[providerKey(p.Key)] = providerKey(p.Value)
			}
		case "version", "depends_on":
		default:
			c.inputs[name] = a
		}
	}
	if c.source == "" && c.sourceRng.Filename == "" {
		ds.Errorf(Range(b.DefRange), "module %q has no source", c.name)
	}
	if _, dup := cfg.calls[c.name]; dup {
		ds.Errorf(Range(b.DefRange), "duplicate module call %q", c.name)
		return
	}
	cfg.calls[c.name] = c
	cfg.callNames = append(cfg.callNames, c.name)
	sort.Strings(cfg.callNames)
}

// providerKey reads a provider reference such as `aws.west` (or the string
// "aws.west" in JSON) as "aws.west".
func providerKey(expr hcl.Expression) string {
	if tr, diags := hcl.AbsTraversalForExpr(expr); !diags.HasErrors() {
		parts := make([]string, 0, len(tr))
		for _, step := range tr {
			switch s := step.(type) {
			case hcl.TraverseRoot:
				parts = append(parts, s.Name)
			case hcl.TraverseAttr:
				parts = append(parts, s.Name)
			}
		}
		return strings.Join(parts, ".")
	}
	if v, diags := expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
		return v.AsString()
	}
	return ""
}

// blockRange covers the whole block, header to closing brace.
func blockRange(b *hcl.Block) hcl.Range {
	if r, ok := b.Body.(interface{ Range() hcl.Range }); ok {
		return hcl.RangeBetween(b.DefRange, r.Range())
	}
	return b.DefRange
}

func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Start.Byte < b.Start.Byte
	})
	return out
}

// addHCLDiags converts hcl diagnostics, giving each a position.
func addHCLDiags(ds *diag.Diagnostics, hds hcl.Diagnostics, fallback hcl.Range) {
	for _, d := range hds {
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		r := Range(subjectOf(d, fallback))
		if d.Severity == hcl.DiagError {
			*ds = append(*ds, diag.Diagnostic{Severity: diag.Error, Range: r, Message: msg})
		} else {
			*ds = append(*ds, diag.Diagnostic{Severity: diag.Warning, Range: r, Message: msg})
		}
	}
}
