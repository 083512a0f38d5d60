package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// moduleTree is the static shape of the configuration: which directory each
// module call reads, or why it is not read. Sources are literal, so the tree
// is known before anything is evaluated; count and for_each only multiply
// its nodes (see modInst).
type moduleTree struct {
	cfg *moduleConfig
	// relDir is the module directory relative to the root, for path.module.
	relDir   string
	children map[string]*moduleTree
	// unread holds, per call, why the module was not read; its outputs are
	// unknown with that reason.
	unread map[string]*model.Unresolved
}

// readModulesJSON reads the index `terraform init` writes of the modules it
// installed: keys are call names, nested as "a.b"; Dir is relative to the
// root module.
func (e *evaluator) readModulesJSON() {
	e.vendored = map[string]string{}
	name := filepath.Join(e.rootDir, ".terraform", "modules", "modules.json")
	data, err := os.ReadFile(name)
	if err != nil {
		return
	}
	var index struct {
		Modules []struct{ Key, Source, Dir string }
	}
	if err := json.Unmarshal(data, &index); err != nil {
		e.ds.Warnf(rangeOf(name), "cannot read the module index: %v", err)
		return
	}
	for _, m := range index.Modules {
		if m.Key != "" && m.Dir != "" {
			e.vendored[m.Key] = filepath.Join(e.rootDir, filepath.FromSlash(m.Dir))
		}
	}
}

// loadTree parses dir and, recursively, the modules it calls. chain holds
// the absolute directories of the callers, to catch a module that sources
// itself.
func (e *evaluator) loadTree(dir, key string, chain []string) *moduleTree {
	cfg, ok := e.configs[dir]
	if !ok {
		var gen []GeneratedFile
		if key == "" {
			gen = e.opts.Generated
		}
		// A module is prepared once per run, whatever the number of roots
		// that call it; a root's own directory is kept only when others
		// run it too (see ParseCache).
		keep := key != "" || e.opts.SharedRoot
		var held bool
		cfg, held = e.opts.Cache.module(e.parser, dir, e.confine, e.opts.MaxFileBytes, &e.ds, keep, gen)
		e.configs[dir] = cfg
		if key == "" && !held {
			// No other evaluation reads it (see ownRoot).
			e.owned = cfg
		}
	}
	t := &moduleTree{cfg: cfg, relDir: relDir(e.rootDir, dir), children: map[string]*moduleTree{}, unread: map[string]*model.Unresolved{}}
	for _, name := range cfg.callNames {
		if e.stopped() {
			break
		}
		c := cfg.calls[name]
		childKey := name
		if key != "" {
			childKey = key + "." + name
		}
		addr := "module." + strings.ReplaceAll(childKey, ".", ".module.")
		childDir, why := e.resolveSource(dir, childKey, addr, c)
		if why != nil {
			t.unread[name] = why
			continue
		}
		abs := absDir(childDir)
		for i, d := range chain {
			if d == abs {
				loop := make([]string, 0, len(chain)-i+1)
				for _, x := range chain[i:] {
					loop = append(loop, relDir(e.rootDir, x))
				}
				loop = append(loop, relDir(e.rootDir, childDir))
				msg := fmt.Sprintf("%s: the module sources itself (%s)", addr, strings.Join(loop, " → "))
				e.ds.Errorf(Range(c.sourceRng), "%s; point its source at another directory", msg)
				t.unread[name] = &model.Unresolved{Kind: model.FromModule, Reason: msg, Range: Range(c.sourceRng)}
				break
			}
		}
		if t.unread[name] != nil {
			continue
		}
		if len(chain) >= maxModuleDepth {
			msg := fmt.Sprintf("%s: modules nest deeper than %d", addr, maxModuleDepth)
			e.ds.Errorf(Range(c.defRng), "%s; daslint reads no deeper, so its outputs are unknown", msg)
			t.unread[name] = &model.Unresolved{Kind: model.FromLimit, Reason: msg, Range: Range(c.defRng)}
			continue
		}
		t.children[name] = e.loadTree(childDir, childKey, append(chain[:len(chain):len(chain)], abs))
		e.checkArguments(c, t.children[name].cfg, addr)
	}
	return t
}

// checkArguments reports the arguments of call c that the module it reads
// (child) declares no variable for: Terraform refuses them ("Unsupported
// argument"), and daslint would otherwise ignore them in silence, a typo
// (`nme`) leaving the variable at its default. Meta-arguments never reach
// c.inputs. A module with a file that was not read (a syntax error, a size
// limit) may declare the variable there, so it is not checked. Override
// files cannot add a variable (Terraform requires the block they override),
// so leaving them out cannot hide one.
//
// A local module is what Terraform reads, so the argument is an error (exit
// 2, as for any configuration Terraform rejects). A vendored copy may be
// older than the version the call asks for until terraform init runs
// again, so there it is a warning.
func (e *evaluator) checkArguments(c *moduleCall, child *moduleConfig, addr string) {
	if child == nil || len(child.unread) > 0 {
		return
	}
	names := make([]string, 0, len(c.inputs))
	for n := range c.inputs {
		if _, ok := child.variables[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		at := Range(c.inputs[n].NameRange)
		if isLocalSource(c.source) {
			e.ds.Errorf(at, "%s: the module at %s declares no variable %q, so Terraform rejects the argument (Unsupported argument)%s", addr, c.source, n, didYouMean(n, child.variables))
		} else {
			e.ds.Warnf(at, "%s: the vendored copy of %s declares no variable %q, so Terraform rejects the argument unless another version declares it (run terraform init to refresh the copy)%s", addr, c.source, n, didYouMean(n, child.variables))
		}
	}
}

// didYouMean suggests the declared variable closest to a misspelt name
// (at most two edits away), as "; did you mean \"name\"?", or "".
func didYouMean(name string, vars map[string]*variableDecl) string {
	best, bestD := "", 3
	for v := range vars {
		if d := editDistance(name, v); d < bestD || d == bestD && v < best {
			best, bestD = v, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// editDistance is the Levenshtein distance of a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// resolveSource finds the directory a module call reads, or says why it
// reads none.
func (e *evaluator) resolveSource(dir, key, addr string, c *moduleCall) (string, *model.Unresolved) {
	unread := func(r hcl.Range, format string, args ...any) *model.Unresolved {
		return &model.Unresolved{Kind: model.FromModule, Reason: fmt.Sprintf(format, args...), Range: Range(r)}
	}
	if c.source == "" {
		return "", unread(c.defRng, "%s: the module has no literal source", addr)
	}
	if isLocalSource(c.source) {
		childDir := filepath.Join(dir, filepath.FromSlash(c.source))
		if !e.inside(childDir) {
			// The reason feeds fingerprints: it names the source as
			// written, not the boundary, whose form depends on the working
			// directory.
			u := unread(c.sourceRng, "%s: source %s is outside the read boundary; it is not read", addr, c.source)
			e.ds.Warnf(u.Range, "%s: files are read only below %q (the top of the git repository, or --root DIR)", u.Reason, diag.Path(e.confine))
			return "", u
		}
		if st, err := os.Stat(childDir); err != nil || !st.IsDir() {
			u := unread(c.sourceRng, "%s: module directory %s does not exist", addr, inputfile.Key(e.confine, childDir))
			// The advice goes to the diagnostic only: the reason feeds
			// unknowns, and through them finding fingerprints.
			e.ds.Errorf(u.Range, "%s; fix the source path", u.Reason)
			return "", u
		}
		e.moduleDirs = append(e.moduleDirs, childDir)
		return childDir, nil
	}
	childDir, ok := e.vendored[key]
	if ok {
		if st, err := os.Stat(childDir); err != nil || !st.IsDir() {
			ok = false
		}
	}
	if !ok {
		u := unread(c.defRng, "%s: source %s is not vendored; run terraform init -backend=false (no backend, no credentials) to download it", addr, c.source)
		e.notVendored = append(e.notVendored, &notVendored{addr: addr, call: c, reason: u})
		return "", u
	}
	if !e.inside(childDir) {
		u := unread(c.defRng, "%s: vendored directory %s is outside the read boundary; it is not read", addr, inputfile.Key(e.confine, childDir))
		e.ds.Warnf(u.Range, "%s", u.Reason)
		return "", u
	}
	return childDir, nil
}

// isLocalSource reports whether a module source is a local path, which
// Terraform recognises by its leading ./ or ../.
func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "." || s == ".."
}

// moduleExpansion expands a module call of m by its count or for_each,
// once.
func (e *evaluator) moduleExpansion(m *modInst, name string) []*modInst {
	key := m.path + "|module." + name
	if x, ok := e.expansions[key]; ok {
		return x.insts
	}
	c := m.cfg().calls[name]
	label := m.prefix() + "module." + name
	e.compute(key, label, &c.defRng, func() cty.Value {
		exp := e.expand(c.count, c.forEach, &scope{mod: m}, label)
		child := m.tree.children[name]
		var insts []*modInst
		for _, it := range exp.items {
			mi := &modInst{
				path:    label + it.suffix,
				tree:    child,
				parent:  m,
				call:    c,
				rep:     it.rep,
				maybe:   exp.maybe,
				callers: append(m.callers[:len(m.callers):len(m.callers)], c.defRng),
			}
			if mi.maybe == nil {
				mi.maybe, mi.cohort = m.maybe, m.cohort
			} else {
				mi.cohort = exp.cohort
			}
			insts = append(insts, mi)
		}
		e.expansions[key] = &moduleExpansion{kind: exp.kind, maybe: exp.maybe, insts: insts}
		return cty.NilVal
	})
	if x, ok := e.expansions[key]; ok {
		return x.insts
	}
	return nil
}

// moduleValue returns what `module.name` evaluates to in m: an object of
// the outputs the traversals read (all when one reads the module whole), a
// tuple or object of such objects for count and for_each, or an unknown.
func (e *evaluator) moduleValue(m *modInst, name string, trs []hcl.Traversal, use hcl.Range) cty.Value {
	c, ok := m.cfg().calls[name]
	if !ok {
		e.ds.Errorf(Range(use), "reference to undeclared module %q", name)
		return unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromExpression, Reason: "module." + name + " is not declared", Range: Range(use)})
	}
	if why := m.tree.unread[name]; why != nil {
		return unknown(cty.DynamicPseudoType, why)
	}
	insts := e.moduleExpansion(m, name)
	x := e.expansions[m.path+"|module."+name]
	if x == nil {
		return unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromExpression, Reason: "module." + name + " depends on itself", Range: Range(c.defRng)})
	}
	if x.kind == symbolic {
		return unknown(cty.DynamicPseudoType, x.maybe)
	}
	wanted := wantedOutputs(trs, m.tree.children[name].cfg)
	objs := make([]cty.Value, 0, len(insts))
	byKey := map[string]cty.Value{}
	for _, mi := range insts {
		attrs := make(map[string]cty.Value, len(wanted))
		for _, o := range wanted {
			attrs[o] = e.output(mi, o)
		}
		obj := cty.ObjectVal(attrs)
		objs = append(objs, obj)
		byKey[mi.rep.eachKeyString()] = obj
	}
	switch x.kind {
	case counted:
		return cty.TupleVal(objs)
	case keyed:
		return cty.ObjectVal(byKey)
	default:
		if len(objs) == 0 {
			return cty.EmptyObjectVal
		}
		return objs[0]
	}
}

type moduleExpansion struct {
	kind  expansionKind
	maybe *model.Unresolved
	insts []*modInst
}

func (r repetition) eachKeyString() string {
	if r.eachKey == cty.NilVal || !r.eachKey.IsKnown() {
		return ""
	}
	k, _ := r.eachKey.Unmark()
	return k.AsString()
}

// wantedOutputs lists the outputs traversals of `module.name` read: each
// one named after the module (and its optional index), or all of them when
// a traversal reads the module whole.
func wantedOutputs(trs []hcl.Traversal, cfg *moduleConfig) []string {
	set := map[string]bool{}
	for _, tr := range trs {
		name, whole := wantedOutput(tr)
		if whole {
			return sortedKeys(cfg.outputs)
		}
		if _, declared := cfg.outputs[name]; declared {
			set[name] = true
		}
	}
	return sortedKeys(set)
}

// wantedOutput returns the output a traversal of `module.name` reads, or
// whole when it reads the module object itself.
func wantedOutput(tr hcl.Traversal) (name string, whole bool) {
	rest := tr[min(2, len(tr)):]
	if len(rest) > 0 {
		if _, isIndex := rest[0].(hcl.TraverseIndex); isIndex {
			rest = rest[1:]
		}
	}
	if len(rest) > 0 {
		if a, ok := rest[0].(hcl.TraverseAttr); ok {
			return a.Name, false
		}
	}
	return "", true
}

// output returns the value of output name of module instance m.
func (e *evaluator) output(m *modInst, name string) cty.Value {
	a := m.cfg().outputs[name]
	return e.compute(m.path+"|output."+name, m.prefix()+"output."+name, &a.NameRange, func() cty.Value {
		return e.eval(a.Expr, &scope{mod: m})
	})
}

// walk evaluates every resource, data source, output and module call of m.
func (e *evaluator) walk(m *modInst) {
	cfg := m.cfg()
	// The resources of one file are next to each other (addFile): the
	// objects of a file's resources that only the file reads go once
	// the walk leaves it (releaseObjects).
	var file []*resourceDecl
	for _, r := range cfg.resources {
		if e.stopped() {
			return
		}
		if len(file) > 0 && file[0].defRng.Filename != r.defRng.Filename {
			e.releaseObjects(m, file)
			file = file[:0]
		}
		e.evaluateResource(m, r)
		e.releaseResource(m, r)
		file = append(file, r)
	}
	e.releaseObjects(m, file)
	for _, name := range sortedKeys(cfg.outputs) {
		e.output(m, name)
	}
	for _, name := range cfg.callNames {
		if m.tree.children[name] == nil {
			continue
		}
		for _, child := range e.moduleExpansion(m, name) {
			if e.stopped() {
				return
			}
			e.walk(child)
		}
	}
}
