package terragrunt

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// StackFileName is the file that makes a directory an explicit stack.
const StackFileName = "terragrunt.stack.hcl"

// StackDir is the directory, beside a stack file, that `terragrunt stack
// generate` writes the stack's units and nested stacks into.
const StackDir = ".terragrunt-stack"

// maxStackDepth bounds nested stack blocks.
const maxStackDepth = 8

// maxStackComponents bounds the unit and stack blocks one stack expands
// to, nested ones included: a few blocks per level over maxStackDepth
// levels would otherwise multiply.
const maxStackComponents = 256

// StackUnit is one unit a stack generates.
type StackUnit struct {
	// Name is the unit block's label, prefixed by the labels of the stack
	// blocks that lead to it ("app.db"); Kind is "unit", or "stack" for a
	// remote nested stack.
	Name, Kind string
	// Dir is where Terragrunt generates the unit (absolute):
	// .terragrunt-stack/<path> beside the stack file, or <path> with
	// no_dot_terragrunt_stack.
	Dir string
	// Source is the unit block's source as evaluated (an absolute path
	// relative to the read boundary); SourceDir is the local directory it
	// names (absolute), empty when the source is remote.
	Source, SourceDir string
	// Values are the unit block's values; nil when it sets none.
	Values *cty.Value
	// Callers are the blocks that generate the unit, outermost first: the
	// stack blocks of the enclosing stack files, then the unit block.
	Callers []hcl.Range
	// Copies map the generated directories the unit lives in to their
	// sources, innermost first (Options.Copies).
	Copies []Copy
}

// Stack is what the stack files below one terragrunt.stack.hcl generate.
type Stack struct {
	// Units are the units whose source is local, to be read as units.
	Units []StackUnit
	// Remote are the units and stacks whose source is remote: not read.
	Remote []StackUnit
	// Files are the stack files read (real paths).
	Files []string
}

// ReadStack reads the terragrunt.stack.hcl in dir as `terragrunt stack
// generate` expands it, without writing anything: its locals, its unit
// blocks and, recursively, the stacks its stack blocks name. A source is
// local when it names a directory that exists (relative to the stack's
// directory), as Terragrunt decides; other sources are remote and not
// read: one warning per stack file names them.
func ReadStack(dir string, opts Options) (*Stack, diag.Diagnostics) {
	s := &stackReader{opts: opts, out: &Stack{}, dests: map[string]string{}, collided: map[string]bool{}}
	d := absDir(dir)
	s.read(d, filepath.Join(dir, StackFileName), nil, nil, nil, "", 0)
	s.dropCollisions()
	return s.out, s.ds
}

// dropCollisions leaves out every unit generated at, or below, a place
// that two blocks name: Terragrunt refuses a stack whose blocks share a
// path, and which block's files would be there is not known, so neither
// is read (the first one read is not assumed).
func (s *stackReader) dropCollisions() {
	if len(s.collided) == 0 {
		return
	}
	at := func(u StackUnit) bool {
		for d := range s.collided {
			if u.Dir == d || inputfile.Inside(d, u.Dir) {
				return true
			}
		}
		return false
	}
	s.out.Units = slices.DeleteFunc(s.out.Units, at)
	s.out.Remote = slices.DeleteFunc(s.out.Remote, at)
}

type stackReader struct {
	opts Options
	out  *Stack
	ds   diag.Diagnostics
	// components counts the blocks read, against maxStackComponents.
	components int
	stopped    bool
	// dests are the places the blocks read generate into, with the name of
	// the block; collided the places two blocks name.
	dests    map[string]string
	collided map[string]bool
}

// component is a unit or stack block, evaluated.
type component struct {
	// shown is source as messages name it: an absolute path (from
	// get_repo_root()) relative to the read boundary, so that a message is
	// the same wherever the repository lies (docs/semantics.md#where-a-run-starts-does-not-matter).
	kind, name, source, shown, path string
	values                          *cty.Value
	noDot                           bool
	rng                             hcl.Range
}

// read reads the stack file file (real path) that Terragrunt sees in dir,
// with the values the enclosing stack block passes, the copies that map
// dir to real directories, the blocks that lead to it, and prefix for the
// names of its units.
func (s *stackReader) read(dir, file string, values *cty.Value, copies []Copy, callers []hcl.Range, prefix string, depth int) {
	if depth > maxStackDepth {
		s.ds.Warnf(model.Range{File: filepath.ToSlash(file)}, "stacks nest deeper than %d levels; %s is not read", maxStackDepth, inputfile.Key(inputfile.Tree(s.opts.Tree), file))
		return
	}
	data, problem := inputfile.Read(file, s.opts.Tree, s.opts.MaxFileBytes)
	if problem != nil {
		s.ds = append(s.ds, diag.Diagnostic{Severity: problem.Severity, Message: problem.Message,
			Range: model.Range{File: filepath.ToSlash(file), Line: problem.Line, Column: problem.Column}})
		return
	}
	f, hds := hclparse.NewParser().ParseHCL(data, file)
	r := &reader{opts: s.opts, unitDir: dir}
	r.opts.Values, r.opts.Copies = values, copies
	if hds.HasErrors() {
		r.hclDiags(hds)
		s.ds = append(s.ds, r.ds...)
		return
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	s.out.Files = append(s.out.Files, file)
	r.funcs = eval.Functions(resolveCopy(copies, dir), s.opts.Tree)
	fns := r.functions(dir, func(string, bool) (string, error) {
		return "", fmt.Errorf("a stack file has no include for this function to name")
	})
	vars := map[string]cty.Value{}
	if values != nil {
		vars["values"] = *values
	}
	vars["local"] = cty.ObjectVal(r.locals(body, vars, fns))
	ctx := &hcl.EvalContext{Functions: fns, Variables: vars}
	var remote []component
	for _, b := range body.Blocks {
		if (b.Type != "unit" && b.Type != "stack") || len(b.Labels) != 1 {
			continue
		}
		if s.components++; s.components > maxStackComponents {
			if !s.stopped {
				s.stopped = true
				r.ds.Warnf(rng(b.DefRange()), "the stack expands to more than %d unit and stack blocks; the rest, from here on, is not read", maxStackComponents)
			}
			break
		}
		c, ok := s.component(r, b, ctx)
		if !ok {
			continue
		}
		base := filepath.Join(dir, StackDir)
		if c.noDot {
			base = dir
		}
		dest := filepath.Join(base, filepath.FromSlash(c.path))
		if filepath.IsAbs(filepath.FromSlash(c.path)) || !inputfile.Inside(base, dest) || dest == base {
			r.ds.Warnf(rng(c.rng), "the path of %s %q leads out of the directory Terragrunt generates into; Terragrunt refuses it, and daslint does not read it", c.kind, c.name)
			continue
		}
		if other, dup := s.dests[dest]; dup {
			r.ds.Warnf(rng(c.rng), "%s %q has the path of %s; Terragrunt refuses a stack whose blocks share a path, and daslint reads neither", c.kind, prefix+c.name, other)
			s.collided[dest] = true
			continue
		}
		s.dests[dest] = fmt.Sprintf("%s %q", c.kind, prefix+c.name)
		srcDir, local := s.localSource(dir, copies, c.source)
		if !local {
			remote = append(remote, c)
			s.out.Remote = append(s.out.Remote, StackUnit{Name: prefix + c.name, Kind: c.kind, Dir: dest, Source: c.shown, Values: c.values,
				Callers: append(callers[:len(callers):len(callers)], c.rng)})
			continue
		}
		inner := append([]Copy{{Generated: dest, Source: srcDir}}, copies...)
		next := append(callers[:len(callers):len(callers)], c.rng) //nolint:gocritic // a copy: callers is shared
		want := FileName
		if c.kind == "stack" {
			want = StackFileName
		}
		if st, err := os.Stat(filepath.Join(srcDir, want)); err != nil || st.IsDir() {
			r.ds.Warnf(rng(c.rng), "the source of %s %q (%s) has no %s; Terragrunt refuses it, and daslint does not read it", c.kind, c.name, c.shown, want)
			continue
		}
		if c.kind == "stack" {
			s.read(dest, filepath.Join(srcDir, StackFileName), c.values, inner, next, prefix+c.name+".", depth+1)
			continue
		}
		s.out.Units = append(s.out.Units, StackUnit{Name: prefix + c.name, Kind: c.kind, Dir: dest, Source: c.shown, SourceDir: srcDir,
			Values: c.values, Callers: next, Copies: inner})
	}
	if len(remote) > 0 {
		r.ds.Warnf(rng(remote[0].rng), "%s", remoteStackWarning(remote))
	}
	s.ds = append(s.ds, r.ds...)
}

// component evaluates a unit or stack block: source and path must be known
// strings; enabled = false leaves the block out, as Terragrunt does.
func (s *stackReader) component(r *reader, b *hclsyntax.Block, ctx *hcl.EvalContext) (component, bool) {
	c := component{kind: b.Type, name: b.Labels[0], rng: b.DefRange()}
	if r.flag(b.Body.Attributes["enabled"], ctx, true) == flagFalse {
		return c, false
	}
	var ok1, ok2 bool
	c.source, ok1 = r.str(b.Body.Attributes["source"], ctx)
	c.path, ok2 = r.str(b.Body.Attributes["path"], ctx)
	if !ok1 || !ok2 {
		r.ds.Warnf(rng(c.rng), "the source or path of %s %q is not known offline; what it generates is not read", c.kind, c.name)
		return c, false
	}
	c.shown = c.source
	if filepath.IsAbs(filepath.FromSlash(c.source)) {
		c.shown = inputfile.Key(inputfile.Tree(s.opts.Tree), filepath.FromSlash(c.source))
	}
	switch r.flag(b.Body.Attributes["no_dot_terragrunt_stack"], ctx, false) {
	case flagTrue:
		c.noDot = true
	case flagUnknown:
		// Where the unit lands decides which units its neighbours'
		// relative paths name.
		r.ds.Warnf(rng(c.rng), "whether %s %q sets no_dot_terragrunt_stack is not known offline, so neither is where Terragrunt generates it; what it generates is not read", c.kind, c.name)
		return c, false
	}
	if a := b.Body.Attributes["values"]; a != nil {
		v := r.value(a.Expr, ctx)
		c.values = &v
	}
	return c, true
}

// localSource returns the directory a local source names: one that exists,
// as such or relative to the stack's directory (Terragrunt's isLocal), read
// through the copies when the stack is itself generated.
func (s *stackReader) localSource(dir string, copies []Copy, src string) (string, bool) {
	src = strings.TrimPrefix(src, "file://")
	p := filepath.FromSlash(src)
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	p = resolveCopy(copies, filepath.Clean(p))
	if !inputfile.Inside(inputfile.Tree(s.opts.Tree), inputfile.Tree(p)) {
		return "", false
	}
	if st, err := os.Stat(p); err != nil || !st.IsDir() {
		return "", false
	}
	return p, true
}

// remoteStackWarning is the one warning of a stack file whose blocks name
// remote sources.
func remoteStackWarning(cs []component) string {
	names := make([]string, 0, len(cs))
	for _, c := range cs {
		names = append(names, fmt.Sprintf("%s %q (%s)", c.kind, c.name, c.shown))
	}
	sort.Strings(names)
	if len(cs) == 1 {
		return fmt.Sprintf("%s of this stack has a remote or missing source: daslint does not download it, so what it generates is unknown; point source at a local copy to lint it", names[0])
	}
	return fmt.Sprintf("%d blocks of this stack have a remote or missing source: %s; daslint does not download them, so what they generate is unknown; point source at a local copy to lint them",
		len(cs), strings.Join(names, ", "))
}
