package parsers

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/internal/parallel"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/awsfacts"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/tfplan"
)

// Options are the input options of a run.
type Options struct {
	// Vars are --var NAME=VALUE overrides, in order given.
	Vars []string
	// VarFiles are --var-file paths, in order given.
	VarFiles []string
	// Parameters are --parameters values for CloudFormation, in order given.
	Parameters []string
	// Context are --context paths: discovered like the paths to lint, their
	// roots are read only when a linted root needs them (another root's
	// outputs, another stack's exports, AWS facts) and are never reported
	// (docs/semantics.md#sources-of-one-run). A root found under both is linted.
	Context []string
	// StackNames are --stack-name FILE=NAME values: the AWS::StackName of a
	// template (docs/semantics.md#sources-of-one-run). A template in a CDK cloud assembly (cdk.out) is
	// named by its manifest.json.
	StackNames []string
	// Region is --region.
	Region string
	// Root is --root: the directory below which files are read for every
	// path (module sources, file(), nested templates), which must contain
	// them all. Empty means each path's own boundary: the top of the
	// repository that holds it, else the path itself (inputfile.Boundary).
	Root string
	// Templates is the CloudFormation front end; nil means the built-in
	// one, package parsers/cloudformation.
	Templates TemplateLoader
	// Exclude, when non-nil, says which files and directories discovery
	// skips (the configuration's exclude globs).
	Exclude func(path string) bool
	// MaxFileBytes is the largest input file read (Terraform configuration
	// files, templates, nested templates); a larger one is skipped with a
	// warning. Zero means no limit.
	MaxFileBytes int64
	// Changed, when non-nil, makes the paths the directories to search and
	// keeps only the roots that read one of these files (see changed.go);
	// it is how a pre-commit hook's file names are linted.
	Changed []string
	// EveryRoot, with Changed, reads every root before keeping those that
	// read a changed file, instead of only the roots a scan without
	// evaluation pre-selects (preselect.go): the tests compare the two.
	EveryRoot bool
	// Former, with Changed, returns what a changed file that no longer
	// exists held before it was deleted (a pre-commit hook reads it from
	// the last commit), or false when that is not known: the
	// pre-selection then learns what the file was (a template, AWS facts,
	// the file that declared a backend or called a module) instead of
	// assuming it may have been anything (preselect_deleted.go). It is
	// called with the path as given in Changed; nil knows nothing.
	Former func(path string) ([]byte, bool)
	// Loaded, when non-nil, is called with the model of each root as soon
	// as the root is read, so that the caller can analyse it while the scan
	// goes on: a scan that LoadContext's context stops then still has the
	// results of the roots finished before. A root whose context ends
	// during the call is stopped all the same. A model handed to Loaded may
	// later turn out to be a module or nested template that another root
	// reads; it is then left out of Set.Models, which is what counts. With
	// Changed, only the roots that read a changed file are handed over.
	// Roots are read on Jobs goroutines, and Loaded is called on them:
	// calls may overlap, in any order.
	Loaded func(*model.Model)
	// Sized, when set, is called once the roots to lint are found and
	// before any is read, with the size of the files they hold directly
	// (a Terraform root's .tf and .tf.json files, a template): what the
	// Jobs largest of them hold together, as much as is read at once, and
	// what all of them hold. A caller may budget memory by it.
	Sized func(InputSize)
	// Jobs is how many roots are read at once; 0 means
	// runtime.GOMAXPROCS(0). The Set and the diagnostics are the same
	// whatever it is.
	Jobs int

	// dataSources answers data sources from the AWS facts of the run; the
	// catalog sets it (facts_data.go).
	dataSources func(eval.DataQuery) (map[string]cty.Value, string, error)
	// parsed are the Terraform files parsed in the run, each once; the
	// catalog sets it.
	parsed *eval.ParseCache
	// backendTexts are the backend texts of the directories the hook's
	// preselection scanned, by absolute path, which the remote-state
	// lookups by key then need not read again (remotestate_key.go); load
	// makes it, the preselection fills it before any root is read.
	backendTexts map[string]*backendText
}

// Set is everything read from the user's paths.
type Set struct {
	// Models holds one model per linted root, ordered by root path.
	Models []*model.Model
	// Files is the number of distinct input files read for those models.
	Files int
	// Stopped, after LoadContext's context ended, are the roots that were
	// not read in full (Terraform module directories, template candidates),
	// sorted; nothing of them is in Models.
	Stopped []string
	// Unwalked, after LoadContext's context ended, are the paths whose
	// search for roots was cut short, in the order given: roots below them
	// may be missing from both Models and Stopped.
	Unwalked []string
}

// terraformLoader is the signature of terraform.LoadContext; tests
// substitute it.
type terraformLoader func(ctx context.Context, dir string, opts terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics)

// Load discovers the roots under paths ("." when empty) and reads each of
// them. It always returns a usable Set: a root that cannot be read is
// reported in the diagnostics and the others are still loaded.
func Load(paths []string, opts Options) (*Set, diag.Diagnostics) {
	return LoadContext(context.Background(), paths, opts)
}

// LoadContext is Load with a context. Once ctx is done, discovery and the
// root being read stop early, and the Set holds the roots read before, in
// full; Set.Stopped lists what was left. It returns as soon as ctx ends,
// even while a root is still being read: that reader is abandoned, its
// result dropped, and it ends at its own next check of ctx (see readRoot).
func LoadContext(ctx context.Context, paths []string, opts Options) (*Set, diag.Diagnostics) {
	if opts.Templates == nil {
		opts.Templates = cloudFormation{}
	}
	return load(ctx, paths, opts, terraform.LoadContext)
}

// loaded is one root after reading.
type loaded struct {
	root    root
	model   *model.Model
	files   []string
	ds      diag.Diagnostics
	callees []string // absolute module or nested-template paths it used
	// facts is the snapshot of a factsDir root, for data source lookups.
	facts *awsfacts.Snapshot
	// state is what a state or plan JSON offers the other roots (state.go).
	state *stateSource
	// real is the source of real objects of a facts snapshot or a state,
	// indexed once (join.go).
	real *realSource
	// byDirectory is set by the front ends of Terraform code (a root
	// module, a Terragrunt unit): a changed file in the directory of a file
	// the root reads re-lints it (changed.go).
	byDirectory bool
	// joined are the files of other sources (facts, states, templates)
	// whose objects joined the model: not counted as read for it, but a
	// change to one re-lints it (changed.go).
	joined []string
	// remote is set for a Terragrunt unit whose module is remote: warned
	// about once all units are read (remoteUnitWarnings).
	remote *remoteUnit
}

func load(ctx context.Context, paths []string, opts Options, loadTerraform terraformLoader) (*Set, diag.Diagnostics) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	fes := frontEnds(opts)
	roots, unwalked, ds := discover(ctx, fes, paths, opts.Exclude, opts.Root)
	if len(opts.Context) > 0 {
		croots, _, cds := discoverContext(ctx, fes, opts.Context, opts.Exclude, opts.Root)
		roots = withContext(roots, croots)
		ds = append(ds, cds...)
	}
	opts.backendTexts = map[string]*backendText{}
	roots, stackRemote, sds := expandStacks(roots, opts)
	ds = append(ds, sds...)
	distinctKeys(roots)
	cat := newCatalog(ctx, opts, fes, loadTerraform, roots)
	cat.stackRemote = stackRemote
	candidate, keep := preselect(roots, opts)
	// A root that may have read a deleted file is reported whatever
	// touches says: what it read no longer exists to be matched.
	reads := touches(opts.Changed)
	touched := func(l loaded) bool { return reads(l) || keep(l.root) }
	var linted []root
	for _, r := range roots {
		if !r.context && candidate(r) {
			linted = append(linted, r)
		}
	}
	if opts.Sized != nil {
		jobs := opts.Jobs
		if jobs <= 0 {
			jobs = runtime.GOMAXPROCS(0)
		}
		opts.Sized(inputSize(linted, jobs))
	}
	outs := readAll(ctx, cat, linted, opts.Jobs, touched)
	var stopped []string
	var all []loaded
	for i, o := range outs {
		switch {
		case o.stopped:
			stopped = append(stopped, linted[i].path)
		case o.ok:
			all = append(all, o.l)
		}
	}
	// A directory another root uses as a local module, or a template another
	// stack nests, is read through its caller: linted alone its variables
	// and parameters would have no values, and every finding would appear
	// twice (docs/semantics.md#terraform-values).
	used := map[string]bool{}
	for _, l := range all {
		self := absPath(l.root.path)
		for _, c := range l.callees {
			if c != self {
				used[c] = true
			}
		}
	}
	set := &Set{Stopped: stopped, Unwalked: unwalked} // roots are sorted
	ds = append(ds, cat.contextDiagnostics()...)

	files := map[string]bool{}
	var remote []*remoteUnit
	for _, l := range all {
		if used[absPath(l.root.path)] || !touched(l) {
			continue
		}
		if l.model != nil {
			set.Models = append(set.Models, l.model)
		}
		if l.remote != nil {
			remote = append(remote, l.remote)
		}
		ds = append(ds, l.ds...)
		for _, f := range l.files {
			files[absPath(f)] = true
		}
	}
	ds = append(ds, remoteUnitWarnings(remote)...)
	set.Files = len(files)
	return set, ds
}

// readOutcome is what became of one linted root.
type readOutcome struct {
	l       loaded
	ok      bool // the root is one (see entry)
	stopped bool // ctx ended before it was read in full
}

// readAll reads the linted roots on jobs goroutines (GOMAXPROCS when 0),
// each handing its model to opts.Loaded as soon as it is read, and
// returns what became of each, in the order of roots: nothing of the
// output depends on which goroutine read which root, or when (see
// flight.go for what roots share). The goroutines take the roots in
// order, so that a root that others read (a network root) tends to be
// read before them, as in a sequential run.
func readAll(ctx context.Context, cat *catalog, roots []root, jobs int, touched func(loaded) bool) []readOutcome {
	outs := make([]readOutcome, len(roots))
	parallel.ForEach(len(roots), jobs, func(i int) { outs[i] = readOne(ctx, cat, roots[i], touched) })
	return outs
}

// readOne reads one linted root and hands its model to Loaded.
func readOne(ctx context.Context, cat *catalog, r root, touched func(loaded) bool) readOutcome {
	if ctx.Err() != nil {
		return readOutcome{stopped: true}
	}
	e := cat.await(r)
	if !e.read {
		// ctx ended while the root was still being read: it is
		// abandoned, not waited for (see readRoot).
		return readOutcome{stopped: true}
	}
	l, ok := e.l, e.ok
	if loadedFn := cat.opts.Loaded; ok && l.model != nil && loadedFn != nil && ctx.Err() == nil && touched(l) {
		loadedFn(l.model)
	}
	if ctx.Err() != nil {
		// Stopped while reading: what was read is incomplete, and an
		// incomplete model could pass where the whole would fail.
		return readOutcome{stopped: true}
	}
	return readOutcome{l: l, ok: ok}
}

// terraformOptions are the options of the Terraform evaluation of root r
// (a root module, or a Terragrunt unit's module): the run's variables,
// limits and parse cache, and what the world offers it (remote state,
// data sources).
func (opts Options) terraformOptions(r root, remote remoteStateFunc) terraform.Options {
	return terraform.Options{
		Vars:         opts.Vars,
		VarFiles:     opts.VarFiles,
		Region:       opts.Region,
		Root:         r.boundary,
		MaxFileBytes: opts.MaxFileBytes,
		RemoteState:  remote,
		DataSources:  opts.dataSources,
		Cache:        opts.parsed,
	}
}

// remoteStateFunc is eval.Options.RemoteState.
type remoteStateFunc = func(eval.Backend, string) (*eval.RemoteRoot, *model.Unresolved)

func loadModule(ctx context.Context, r root, opts Options, loadTerraform terraformLoader, remote remoteStateFunc) loaded {
	m, res, ds := loadTerraform(ctx, r.path, opts.terraformOptions(r, remote))
	l := loaded{root: r, model: m, ds: ds}
	if res != nil {
		// The files of the roots whose state it reads count as its own: a
		// change to the network root re-lints the roots that read it.
		l.files = make([]string, 0, len(res.Files)+len(res.RemoteFiles))
		l.files = append(append(l.files, res.Files...), res.RemoteFiles...)
		for _, d := range res.ModuleDirs {
			l.callees = append(l.callees, moduleDir(r.path, d))
		}
	}
	return l
}

// loadTemplate reads a template candidate; ok is false when it is not a
// template (or templates are not supported), so that it is no root at all.
// A plan or state JSON is claimed before it (planFrontEnd).
func loadTemplate(ctx context.Context, r root, opts Options, topts TemplateOptions) (l loaded, ok bool) {
	l.root = r
	rng := model.Range{File: filepath.ToSlash(r.path)}
	if opts.Templates == nil { // only in tests: Load sets the built-in one
		if r.explicit {
			l.ds.Warnf(rng, "no CloudFormation front end; %s was not linted", r.path)
			return l, true
		}
		return l, false
	}
	data, problem := inputfile.Read(r.path, r.boundary, opts.MaxFileBytes)
	if problem == nil && !r.explicit && int64(len(data)) > maxTemplateSize {
		problem = &inputfile.Problem{Severity: diag.Warning, Kind: inputfile.TooLarge, Message: fmt.Sprintf(
			"%s is %s, larger than any CloudFormation template (1 MB, CloudFormation quotas); it is not read as a template: name it as a PATH to lint it anyway",
			diag.Path(r.path), diag.Bytes(int64(len(data))))}
	}
	if problem != nil {
		return unread(r, data, problem)
	}
	if !opts.Templates.IsTemplate(r.path, data) && !claimsTemplate(data) {
		if r.explicit {
			l.ds.Errorf(rng, "%s is not a CloudFormation template (no Resources section): name only templates and Terraform files, or directories", r.path)
			return l, true
		}
		return l, false
	}
	m, info, ds := opts.Templates.Load(ctx, r.path, topts)
	l.model, l.ds = m, ds
	l.files = append([]string{r.path}, info.Files...) // deduplicated by Load
	for _, f := range info.NestedFiles {
		l.callees = append(l.callees, absPath(f))
	}
	return l, true
}

// unread is a template candidate that could not be read. A large YAML or
// JSON file found by a walk is usually data, not a template: it is
// reported only when it says it is a template.
func unread(r root, data []byte, problem *inputfile.Problem) (l loaded, ok bool) {
	l.root = r
	if problem.Kind == inputfile.TooLarge && !r.explicit && !claimsTemplate(head(r.path, data)) {
		return l, false
	}
	l.ds = append(l.ds, diag.Diagnostic{Severity: problem.Severity, Message: problem.Message,
		Range: model.Range{File: filepath.ToSlash(r.path), Line: problem.Line, Column: problem.Column}})
	return l, true
}

// loadStateFile reads a Terraform plan or state JSON (docs/semantics.md#sources-of-one-run), of any
// size. One found by a walk beside the code of its root is left to that
// root, which the walk lints: the same clusters would otherwise be
// reported twice. Named, it is linted; under --context it is only
// consulted, so it is read. A .tfstate file is a state or nothing daslint
// reads (an older state format).
func loadStateFile(r root, opts Options) (l loaded, ok bool) {
	l.root = r
	data, problem := inputfile.Read(r.path, r.boundary, opts.MaxFileBytes)
	if problem != nil {
		return unread(r, data, problem)
	}
	if tfplan.Claims(data) == tfplan.None {
		if r.explicit {
			l.ds.Errorf(model.Range{File: filepath.ToSlash(r.path)}, "%s is not a Terraform state daslint reads (the format-4 JSON of Terraform 0.12 and later, or the output of terraform show -json)", r.path)
			return l, true
		}
		return l, false
	}
	if !r.explicit && !r.context && hasTerraformFiles(filepath.Dir(r.path)) {
		return l, false
	}
	return loadPlan(r, data, opts), true
}

// loadPlan reads the output of `terraform show -json`: a plan (the planned
// world) or a state (the deployed world).
func loadPlan(r root, data []byte, opts Options) loaded {
	m, src, files, ds := tfplan.LoadSource(r.path, data, tfplan.Options{Region: opts.Region, Root: r.boundary})
	return loaded{root: r, model: m, files: files, ds: ds, state: newStateSource(r, src)}
}

// hasTerraformFiles reports whether dir holds Terraform configuration.
func hasTerraformFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && isTerraformFile(e.Name()) {
			return true
		}
	}
	return false
}

// head is the start of a template candidate that was not read whole.
func head(path string, data []byte) []byte {
	if data != nil {
		return data
	}
	return inputfile.Head(path, 64<<10)
}

// rootKey is the path of r relative to its read boundary, with /
// separators: the same from any working directory (see model.Model.Key).
func rootKey(r root) string {
	rel, err := filepath.Rel(r.boundary, inputfile.Tree(r.path))
	if err != nil || r.boundary == "" {
		return ""
	}
	return filepath.ToSlash(rel)
}

// moduleDir resolves a module directory reported by the evaluator: paths
// relative to the working directory (as eval.Result.Dir is given) are taken
// as such; one that exists only relative to the root module is resolved
// against it.
func moduleDir(rootDir, d string) string {
	if filepath.IsAbs(d) {
		return filepath.Clean(d)
	}
	if _, err := os.Stat(d); err != nil {
		if _, err := os.Stat(filepath.Join(rootDir, d)); err == nil {
			return absPath(filepath.Join(rootDir, d))
		}
	}
	return absPath(d)
}

// absPath makes p absolute, for comparing paths given in different forms.
func absPath(p string) string {
	return newAbsolutizer().abs(p)
}

// absolutizer makes paths absolute as absPath does, with the working
// directory read once: filepath.Abs reads it for every relative path (two
// stat calls), and a run over a monorepo of a thousand roots makes
// thousands of paths absolute, which took a sixth of a pre-commit run on
// one changed file. A run never changes its working directory.
type absolutizer struct {
	wd  string
	err error
}

func newAbsolutizer() absolutizer {
	wd, err := os.Getwd()
	return absolutizer{wd: wd, err: err}
}

// abs is filepath.Abs(p), or filepath.Clean(p) when the working directory
// cannot be read.
func (a absolutizer) abs(p string) string {
	if filepath.IsAbs(p) || a.err != nil {
		return filepath.Clean(p)
	}
	return filepath.Join(a.wd, p)
}
