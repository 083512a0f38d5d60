package parsers

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/terragrunt"
)

// A pre-commit hook passes a few changed files of a tree that may hold
// hundreds of roots, and evaluating every root to learn which ones read
// those files (touches) costs seconds. The pre-selection settles, before
// anything is evaluated, which roots *may* read a changed file, from what
// discovery found and a scan of the files' bytes (parsed, without
// evaluation, only where a byte pattern says a module call or a remote
// state is there): only those roots are read, and touches keeps the exact
// answer among them. It must never leave out a root that touches would
// keep, as that is a false pass of the hook: whatever it cannot settle
// without evaluation selects the root.
//
// The rules, for a changed file f:
//   - A Terraform root reads the directories of its own files and of the
//     local modules it calls through literal `./` or `../` sources, called
//     transitively; f in one of them selects it (touches counts any file
//     of such a directory). A module source that is no literal, a remote
//     module whose copy may be in .terraform/modules, a file function
//     (file, templatefile, fileset, …) or a file that does not parse
//     selects it whatever changed.
//   - A terraform_remote_state whose backend, config and workspace are
//     literal reads the root (or unit) that keeps that state: it selects
//     the reading root when that root is selected, transitively. One that
//     is not literal, or names a local state file, selects the reading
//     root whatever changed; one that may name a Terragrunt unit's state
//     selects it whenever a unit is selected.
//   - A Terragrunt unit reads its terragrunt.hcl, the files it includes
//     (in its parent directories, or any .hcl file), its module (a
//     directory with Terraform files) and its dependencies: f in or above
//     its directory, any .hcl file, a file in a directory with Terraform
//     or Terragrunt files, or a file whose directory no longer exists
//     selects it; so does any file function in its configuration, and
//     every unit that a stack file generates is selected.
//   - A CloudFormation template reads itself, its nested templates and
//     parameter files, and the templates whose exports it imports: f
//     itself, a template candidate when the template nests or imports
//     (TemplateURL, AWS::CloudFormation::Stack, ImportValue, …) or when f
//     no longer exists and may have been a template, a file whose name
//     the template mentions, or a CDK manifest beside it selects it.
//   - A --var-file (or a file beside it) or --parameters file, an AWS
//     facts file, a Terraform state or plan JSON, or a deleted JSON file
//     that may have been one selects every root: facts and states join
//     any root by literal IDs and data sources, which only evaluation
//     settles.
//   - Facts folders and plan or state files as roots are always selected.
//   - A deleted file is judged by what it was (preselect_deleted.go), and
//     the roots it selects are reported whatever touches says; a deleted
//     terragrunt.hcl that leaves no unit selects every root, whose
//     variables Terragrunt can then no longer pass.

// preselect returns the roots of the run worth reading for opts.Changed
// (every root when Changed is nil or EveryRoot is set), and those to
// report whatever touches says: the roots that may have read a changed
// file that no longer exists (see preselect_deleted.go).
func preselect(roots []root, opts Options) (read, keep func(root) bool) {
	all := func(root) bool { return true }
	keep = func(root) bool { return false }
	if opts.Changed == nil {
		return all, keep
	}
	p := newPreselection(roots, opts)
	if deleted := p.deleted(); len(deleted) > 0 {
		kept := p.only(deleted).run()
		keep = func(r root) bool { return kept[rootID{r.kind, r.path}] }
	}
	if opts.EveryRoot {
		return all, keep
	}
	selected := p.run()
	return func(r root) bool { return selected[rootID{r.kind, r.path}] }, keep
}

// preselection is the state of one pre-selection.
type preselection struct {
	roots []root
	opts  Options
	// changed are the changed files (absolute), files the same as a set,
	// and dirs their directories.
	changed     []string
	files, dirs map[string]bool
	// scans are the Terraform directories scanned, by absolute path; hcl
	// what each directory's .hcl files read through file functions, and
	// units what those below the units' boundaries do (preselect_hcl.go).
	scans map[string]*dirScan
	hcl   map[string]hclReads
	units *hclReads
	// hasCode caches whether a directory holds Terraform or Terragrunt
	// files.
	hasCode map[string]bool
	// paths makes paths absolute, with the working directory read once.
	paths absolutizer
	// given is each changed file as Changed names it, by absolute path
	// (for Options.Former), and formers what Former said of each.
	given   map[string]string
	formers map[string]formerText
	// orphans are the directories of the local modules that deleted
	// files called, once known.
	orphans map[string]bool
}

// abs is absPath, with the working directory asked once.
func (p *preselection) abs(path string) string { return p.paths.abs(path) }

func newPreselection(roots []root, opts Options) *preselection {
	p := &preselection{roots: roots, opts: opts, scans: map[string]*dirScan{}, hcl: map[string]hclReads{},
		hasCode: map[string]bool{}, given: map[string]string{}, formers: map[string]formerText{}}
	p.paths = newAbsolutizer()
	for _, f := range opts.Changed {
		p.given[p.abs(f)] = f
	}
	p.setChanged(opts.Changed)
	return p
}

// setChanged makes changed the changed files.
func (p *preselection) setChanged(changed []string) {
	p.changed, p.files, p.dirs, p.orphans = nil, map[string]bool{}, map[string]bool{}, nil
	for _, f := range changed {
		f = p.abs(f)
		p.changed = append(p.changed, f)
		p.files[f], p.dirs[filepath.Dir(f)] = true, true
	}
}

// rootID identifies a root of the run: discovery gives each kind and
// path one root.
type rootID struct {
	kind kind
	path string
}

// run returns the selected roots.
func (p *preselection) run() map[rootID]bool {
	selected := map[rootID]bool{}
	if p.selectsAll() {
		for _, r := range p.roots {
			selected[rootID{r.kind, r.path}] = true
		}
		return selected
	}
	// First the roots that read a changed file themselves, then those
	// that read, through a remote state, the state of a selected root.
	p.scanRoots()
	var readers []root
	for _, r := range p.roots {
		switch {
		case p.direct(r):
			selected[rootID{r.kind, r.path}] = true
		case r.kind == terraformRoot:
			readers = append(readers, r)
		}
	}
	p.throughState(readers, selected)
	return selected
}

// selectsAll reports whether a changed file may decide any root's verdict:
// a variables or parameters file every root is given, an AWS facts file,
// a Terraform state or plan, or a JSON file that no longer exists and may
// have been one.
func (p *preselection) selectsAll() bool {
	given := map[string]bool{}
	for _, f := range append(append([]string(nil), p.opts.VarFiles...), p.opts.Parameters...) {
		given[p.abs(f)] = true
	}
	for _, f := range p.opts.VarFiles {
		// Every Terraform root reads it, and touches counts any file of
		// the directory of a file a Terraform root reads.
		if p.dirs[filepath.Dir(p.abs(f))] {
			return true
		}
	}
	world := map[string]bool{}
	for _, r := range p.roots {
		switch r.kind {
		case planFile:
			world[p.abs(r.path)] = true
		case factsDir:
			for f := range p.files {
				if filepath.Dir(f) == p.abs(r.path) {
					world[f] = true
				}
			}
		}
	}
	for _, f := range p.changed {
		if given[f] || world[f] || (isStateLike(f) && !exists(f) && p.wasWorld(f)) || p.lastUnit(f) {
			return true
		}
	}
	return false
}

// lastUnit reports whether f is a deleted terragrunt.hcl and no unit is
// left: a root's variables that only Terragrunt could pass are then
// errors, not unknowns (terraform.Options, the repository's use of
// Terragrunt).
func (p *preselection) lastUnit(f string) bool {
	if filepath.Base(f) != terragrunt.FileName || exists(f) {
		return false
	}
	for _, r := range p.roots {
		if r.kind == terragruntUnit {
			return false
		}
	}
	return true
}

// isStateLike reports whether a file's name allows it to be AWS facts, a
// state or a plan: JSON (not Terraform's) or .tfstate.
func isStateLike(f string) bool {
	name := strings.ToLower(filepath.Base(f))
	return isTemplateCandidate(name) && (strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".tfstate"))
}

// direct reports whether root r may read a changed file itself, not
// counting the other roots' states it reads.
func (p *preselection) direct(r root) bool {
	switch r.kind {
	case terraformRoot:
		self := p.abs(r.path)
		dirs, open, remote := p.closure(self)
		if open || (remote && exists(filepath.Join(self, ".terraform", "modules", "modules.json"))) || p.orphaned(self) {
			return true
		}
		for d := range dirs {
			if p.dirs[d] {
				return true
			}
		}
		// Remote modules are read from the root's .terraform.
		cache := filepath.Join(self, ".terraform") + string(filepath.Separator)
		for _, f := range p.changed {
			if strings.HasPrefix(f, cache) {
				return true
			}
		}
		return false
	case terragruntUnit:
		return p.unitReads(r)
	case templateFile:
		return p.templateReads(r)
	}
	return true // facts folders, plans and states: read them
}

// throughState adds to selected the Terraform roots among readers whose
// remote states may read a selected root, until none is added.
func (p *preselection) throughState(readers []root, selected map[rootID]bool) {
	var states []eval.Backend // of the selected Terraform roots
	// unit is set when a state no scan names may have changed: a
	// Terragrunt unit's is selected, or a deleted file may have declared
	// a backend.
	unit := p.lostBackend()
	added := make([]root, 0, len(p.roots))
	for _, r := range p.roots {
		if selected[rootID{r.kind, r.path}] {
			added = append(added, r)
		}
	}
	for first := unit; len(added) > 0 || first; first = false {
		for _, r := range added {
			switch r.kind {
			case terraformRoot:
				states = append(states, eval.RootBackend(r.path, r.boundary, p.opts.MaxFileBytes))
			case terragruntUnit:
				unit = true
			}
		}
		added = added[:0]
		rest := readers[:0]
		for _, r := range readers {
			if p.readsState(r, states, unit) {
				selected[rootID{r.kind, r.path}] = true
				added = append(added, r)
			} else {
				rest = append(rest, r)
			}
		}
		readers = rest
	}
}

// readsState reports whether a Terraform root's remote states may read
// one of states, or a unit's state when unit is set.
func (p *preselection) readsState(r root, states []eval.Backend, unit bool) bool {
	dirs, _, _ := p.closure(p.abs(r.path))
	for d := range dirs {
		for _, ref := range p.scan(d).states(states, unit) {
			if ref.unclear || unit {
				return true
			}
			for _, have := range states {
				if _, ok := eval.Match(ref.b, ref.ws, have); ok {
					return true
				}
			}
		}
	}
	return false
}

// closure returns the directories a Terraform module in dir reads code
// from, itself and its local modules transitively, whether it may read
// files beyond them (open), and whether one of them calls a remote module,
// read from .terraform/modules when it was installed.
func (p *preselection) closure(dir string) (dirs map[string]bool, open, remote bool) {
	dirs = map[string]bool{}
	todo := []string{dir}
	for len(todo) > 0 {
		d := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if dirs[d] {
			continue
		}
		dirs[d] = true
		s := p.scan(d)
		open, remote = open || s.open, remote || s.remote
		todo = append(todo, s.modules...)
	}
	return dirs, open, remote
}

// unitReads reports whether a Terragrunt unit may read a changed file.
func (p *preselection) unitReads(r root) bool {
	if r.stack != nil {
		return true // generated: its source may be anywhere
	}
	dir := p.abs(filepath.Dir(r.path))
	// Its includes may be any .hcl file below the boundary, or above it
	// (find_in_parent_folders goes up to the top, and the boundary may
	// be named through a symbolic link): what their file functions read.
	if p.unitsRead().readsAny(p.changed) {
		return true
	}
	for d := dir; ; d = filepath.Dir(d) {
		if r := p.hclReadsIn(d); r.readsAny(p.changed) {
			return true
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	for _, f := range p.changed {
		fd := filepath.Dir(f)
		switch {
		case !exists(fd), strings.HasSuffix(f, ".hcl"), strings.HasSuffix(f, ".hcl.json"),
			isTerraformFile(f), isVarsFile(f),
			fd == dir || strings.HasPrefix(fd, dir+string(filepath.Separator)), // in it or below
			strings.HasPrefix(dir, fd+string(filepath.Separator)),              // above it: includes
			p.codeIn(fd):
			return true
		}
	}
	return false
}

// codeIn reports whether dir holds Terraform or Terragrunt files.
func (p *preselection) codeIn(dir string) bool {
	if v, ok := p.hasCode[dir]; ok {
		return v
	}
	code := false
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (isTerraformFile(n) || strings.HasSuffix(n, ".hcl") || n == terragrunt.FileName) {
			code = true
			break
		}
	}
	p.hasCode[dir] = code
	return code
}

// templateRefs find what makes a template read other templates: nested
// stacks, SAM applications, includes, imports of exports, other stacks'
// outputs.
var templateRefs = [][]byte{
	[]byte("TemplateURL"), []byte("AWS::CloudFormation::Stack"), []byte("AWS::Serverless::Application"),
	[]byte("AWS::Include"), []byte("ImportValue"), []byte("GetStackOutput"), []byte("Location"), []byte("Transform"), []byte("Rain::Module"),
}

// templateReads reports whether a template candidate may read a changed
// file.
func (p *preselection) templateReads(r root) bool {
	self := p.abs(r.path)
	if p.files[self] {
		return true
	}
	if st, err := os.Stat(self); err != nil || st.Size() > maxTemplateSize {
		return true // the front end reports it, or passes it over by its head
	}
	data, err := os.ReadFile(self)
	if err != nil {
		return true
	}
	refs := false
	for _, t := range templateRefs {
		if bytes.Contains(data, t) {
			refs = true
			break
		}
	}
	for _, f := range p.changed {
		name := filepath.Base(f)
		switch {
		case bytes.Contains(data, []byte(name)),
			isTemplateCandidate(name) && exists(f) && refs,
			isTemplateCandidate(name) && !exists(f) && p.wasTemplate(f),
			name == "manifest.json" && strings.HasPrefix(self, filepath.Dir(f)+string(filepath.Separator)):
			return true
		}
	}
	return false
}

// exists reports whether a changed file is still there: a deleted file
// can be classified by its name only.
func exists(f string) bool {
	_, err := os.Lstat(f)
	return err == nil
}
