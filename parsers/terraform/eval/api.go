// Package eval evaluates a Terraform configuration the way `terraform plan`
// would before it talks to any provider: variables with their full
// precedence chain, locals, modules, count, for_each, dynamic blocks and the
// functions real network code uses. What cannot be known offline becomes an
// unknown value marked with the reason, never a guess. The result is a flat
// list of resource and data source instances (see Instance).
package eval

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// Options control evaluation.
type Options struct {
	// Vars are --var NAME=VALUE overrides, highest precedence, in order given.
	Vars []string
	// VarFiles are --var-file paths, in order given, after the automatic ones.
	VarFiles []string
	// Region is --region: the region when the provider configuration sets none.
	Region string
	// Root confines file access: functions such as file() and module sources
	// may read only below it. Empty means the root module directory.
	Root string
	// MaxFileBytes bounds the size of one configuration file; a larger one
	// is not read (a warning, and Result.Unread). Zero means no limit.
	MaxFileBytes int64
	// MaxInstances bounds how many instances one count or for_each may
	// create; a larger one is refused with a warning and becomes a single
	// symbolic instance. Zero means 10,000.
	MaxInstances int
	// Workspace is what terraform.workspace evaluates to; empty means
	// "default", what a fresh checkout plans with.
	Workspace string
	// RemoteState, when non-nil, returns the evaluated root module whose
	// state a terraform_remote_state data source reads: the one root whose
	// backend matches b in workspace ws (see Match), evaluated in that
	// workspace. It returns a reason instead when no root, or more than one,
	// matches, or when reading it would be a cycle. Without it every
	// terraform_remote_state is unknown.
	RemoteState func(b Backend, ws string) (*RemoteRoot, *model.Unresolved)
	// DataSources, when non-nil, settles data sources from the other
	// sources of the run (AWS facts, docs/semantics.md#data-sources-answered-by-other-sources). It gets the data
	// source's type, evaluated body and region, and returns the attributes
	// it settles, or nil and why it cannot ("" when it has nothing to say).
	// A non-nil err is an input error at the data block: Terraform itself
	// would fail to read it (a lookup that matches nothing where the
	// provider fails); the data source then stays unknown.
	DataSources func(q DataQuery) (attrs map[string]cty.Value, why string, err error)
	// Inputs are the values a Terragrunt unit gives the module's variables
	// (its `inputs`). Terragrunt passes them as TF_VAR_ environment
	// variables, which Terraform ranks below every variables file and -var:
	// they override only the defaults. An input no variable declares is
	// ignored, as Terraform ignores such an environment variable.
	Inputs map[string]cty.Value
	// InputsUnknown, when set, says why the unit's inputs could not be
	// evaluated as a whole: any variable may be among them, so a variable
	// neither Inputs nor a variables file sets is unknown with this reason,
	// never its default, which the unit may override.
	InputsUnknown *model.Unresolved
	// Joins are other roots whose objects join this evaluation before it
	// starts, under the prefix JoinPrefix(r.Name): the Terragrunt units
	// whose outputs this unit's inputs read (dependency blocks), their
	// values already prefixed with PrefixValue. Names must be distinct.
	Joins []*RemoteRoot
	// Generated are files a Terragrunt unit writes into the root module
	// before Terraform runs (generate blocks): parsed as if they were
	// there, replacing a file of the same name.
	Generated []GeneratedFile
	// Cache, when non-nil, is shared by the evaluations of one run so
	// that a module that several roots call is parsed and prepared once
	// (see ParseCache); the cache is safe for concurrent use. The root
	// module is always kept in it when SharedRoot is set: the root module
	// is one that others run too (the module of a Terragrunt unit);
	// otherwise only within the cache's budget for roots.
	Cache      *ParseCache
	SharedRoot bool
}

// GeneratedFile is a configuration file that exists only when Terragrunt
// runs: Name is its path in the root module directory.
type GeneratedFile struct {
	Name string
	Data []byte
}

// DataQuery is a data source instance as DataSources sees it.
type DataQuery struct {
	Type   string
	Body   *Body
	Region cty.Value
}

// Result is an evaluated root module.
type Result struct {
	// Dir is the root module directory as given.
	Dir string
	// Instances are all resource and data source instances of the root module
	// and its modules, in a deterministic order.
	Instances []*Instance
	// Files are the configuration files read, root and modules.
	Files []string
	// Sources holds the text of those of Files that this evaluation's
	// parser read (a module prepared by another root's evaluation is not
	// among them), so that what is read from their comments later does
	// not read them again. A file of the root whose text has no
	// suppression directive may have a nil entry (ownRoot): it was not
	// kept, and there is nothing in it to read.
	Sources map[string][]byte
	// ModuleDirs are the local module directories the root module called, so
	// that discovery does not lint them again as roots.
	ModuleDirs []string
	// Unread are the configuration files that could not be read or parsed,
	// root and modules, and the places where a limit stopped evaluation:
	// what they declare is missing from Instances, or not analysed.
	Unread []*model.Unresolved
	// Outputs are the root module's outputs, evaluated, identity tokens
	// kept (what a terraform_remote_state of this root reads).
	Outputs map[string]cty.Value
	// RemoteFiles are the configuration files of the other roots whose
	// state terraform_remote_state data sources read (docs/semantics.md#remote-state): a
	// change to one of them changes this root's result.
	RemoteFiles []string
}

// Evaluate evaluates the root module in dir. It always returns a result:
// files that do not parse are reported and skipped, and values that cannot
// be evaluated are unknown, with the reason, while the rest is evaluated.
func Evaluate(dir string, opts Options) (*Result, diag.Diagnostics) {
	return EvaluateContext(context.Background(), dir, opts)
}

// EvaluateContext is Evaluate with a context: once ctx is done, evaluation
// stops at the next resource, instance or module call and the result is
// incomplete. The caller must then discard it (ctx.Err() says so); nothing
// keeps running after EvaluateContext returns.
func EvaluateContext(ctx context.Context, dir string, opts Options) (*Result, diag.Diagnostics) {
	return newEvaluator(ctx, dir, opts).evaluate()
}

// newEvaluator returns the evaluator of one EvaluateContext call.
func newEvaluator(ctx context.Context, dir string, opts Options) *evaluator {
	if opts.MaxInstances <= 0 {
		opts.MaxInstances = defaultMaxInstances
	}
	root := opts.Root
	if root == "" {
		root = dir
	}
	return &evaluator{
		ctx:        ctx,
		opts:       opts,
		rootDir:    dir,
		confine:    absDir(root),
		parser:     hclparse.NewParser(),
		configs:    map[string]*moduleConfig{},
		memo:       map[string]*node{},
		symbolic:   map[string]symbolicElem{},
		expansions: map[string]*moduleExpansion{},
	}
}

// evaluate evaluates the root module e was made for (EvaluateContext).
func (e *evaluator) evaluate() (*Result, diag.Diagnostics) {
	dir, opts := e.rootDir, e.opts
	e.funcs = e.functions()
	e.readModulesJSON()
	tree := e.loadTree(dir, "", []string{absDir(dir)})
	e.ownRoot(tree)
	e.presize(declaredResources(tree))
	// The provider functions of every file parsed, indexed when the
	// files were (see moduleConfig).
	called := map[string]bool{}
	for _, cfg := range e.configs {
		for n := range cfg.providerFuncs {
			called[n] = true
		}
	}
	e.addUnevaluated(e.funcs, called)
	e.generic = map[string]bool{}
	for _, cfg := range e.configs {
		for n := range cfg.names.generic {
			e.generic[n] = true
		}
	}
	e.rootVars = e.rootVariables(tree.cfg)
	rootInst := &modInst{tree: tree}
	for _, r := range opts.Joins {
		e.join(r)
	}
	e.walk(rootInst)
	e.reportUndeclared()
	e.reportNotVendored()

	res := &Result{Dir: dir, Instances: e.instances, ModuleDirs: dedupe(e.moduleDirs),
		Outputs: map[string]cty.Value{}, RemoteFiles: dedupe(e.remoteFiles)}
	for name := range tree.cfg.outputs {
		res.Outputs[name] = e.output(rootInst, name)
	}
	for _, d := range sortedKeys(e.configs) {
		res.Files = append(res.Files, e.configs[d].files...)
		res.Unread = append(res.Unread, e.configs[d].unread...)
	}
	res.Sources = make(map[string][]byte, len(res.Files))
	for _, name := range res.Files {
		if f := e.parser.Files()[name]; f != nil {
			res.Sources[name] = f.Bytes
		}
	}
	res.Unread = append(res.Unread, e.limits...)
	sortInstances(res.Instances)
	return res, e.ds.Sort()
}

// presize makes the evaluator's tables that grow with every resource
// evaluated ready for at least n resources: a large root (20,000
// resources) otherwise spends a tenth of its walk growing them, in steps
// that rehash every entry. Entries made while loading are kept.
func (e *evaluator) presize(n int) {
	if n <= len(e.memo) {
		return
	}
	memo := make(map[string]*node, n)
	maps.Copy(memo, e.memo)
	e.memo = memo
	origins := make(map[string]*hcl.Range, n)
	maps.Copy(origins, e.tokenOrigins)
	e.tokenOrigins = origins
	e.instances = slices.Grow(e.instances, n)
}

// declaredResources counts the resource and data blocks of every module
// of t, once per call: a lower bound of the instances the walk makes.
func declaredResources(t *moduleTree) int {
	n := len(t.cfg.resources)
	for _, c := range t.children {
		n += declaredResources(c)
	}
	return n
}

// sortInstances orders instances by module path, then file and line; the
// instances of one block keep their index or key order. The module paths
// are read once each, not at every comparison.
func sortInstances(insts []*Instance) {
	type keyed struct {
		path string
		inst *Instance
	}
	ks := make([]keyed, len(insts))
	for i, in := range insts {
		ks[i] = keyed{modulePath(in), in}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.path, b.path); c != 0 {
			return c
		}
		if c := strings.Compare(a.inst.DefRange.Filename, b.inst.DefRange.Filename); c != 0 {
			return c
		}
		return cmp.Compare(a.inst.DefRange.Start.Line, b.inst.DefRange.Start.Line)
	})
	for i, k := range ks {
		insts[i] = k.inst
	}
}

// modulePath is the module part of an instance address.
func modulePath(inst *Instance) string {
	local := inst.Type + "." + inst.Name
	if inst.Mode == Data {
		local = "data." + local
	}
	for i := len(inst.Address) - len(local); i >= 0; i-- {
		if inst.Address[i:i+len(local)] == local && (i == 0 || inst.Address[i-1] == '.') {
			return inst.Address[:i]
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// convertTo converts an unmarked value to ty.
func convertTo(v cty.Value, ty cty.Type) (cty.Value, error) {
	return convert.Convert(v, ty)
}
