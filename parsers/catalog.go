package parsers

import (
	"context"
	"fmt"
	"sync"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// catalog is every root of one run, the linted ones and those of --context,
// read on demand and at most once. It is how one source settles what
// another leaves open (docs/semantics.md#the-world-beyond-one-root): a front end never calls another; it is
// given a callback in its options (another root's outputs, another stack's
// exports), which parsers implements with the catalog.
type catalog struct {
	ctx  context.Context
	opts Options
	// paths makes paths absolute, with the working directory read once.
	paths absolutizer
	// frontEnds read the roots, each those of its kind.
	frontEnds     []frontEnd
	loadTerraform terraformLoader
	// roots are every discovered root, sorted by path; a root found under a
	// linted path and under a --context path is linted (context false).
	roots  []root
	byPath map[string]root // by absolute root path
	// mu guards entries and what they hold.
	mu      sync.Mutex
	entries map[string]*entry // by absolute root path
	// remoteStates settles terraform_remote_state and Terragrunt
	// dependency blocks, created when first needed (see remotestate.go).
	remoteOnce   sync.Once
	remoteStates *remoteStates
	// stackNames are the --stack-name values by absolute template path
	// (read only), and manifests the stacks of the CDK manifests read, by
	// directory,
	// guarded by namesMu; index is the run's exports, guarded by indexMu
	// (see exports.go). Neither lock is held while a root is read.
	stackNames map[string]string
	namesMu    sync.Mutex
	manifests  map[string]map[string]manifestStack
	indexMu    sync.Mutex
	index      *exportIndex
	// states are the state JSON files read outside the entries (a state
	// beside its root's code; see state_remote.go), by absolute path,
	// guarded by stateMu.
	stateMu sync.Mutex
	states  map[string]*stateSource
	// stateRoots are the template candidates that may be Terraform state
	// or plan JSON, sniffed once (state.go).
	stateOnce  sync.Once
	stateRoots []root
	// stackRemote are the units stacks generate from remote sources
	// (expandStacks): a dependency on one says so.
	stackRemote map[string]string
}

// entry is one root of the catalog, once asked for.
type entry struct {
	l       loaded
	ok      bool // the root is one (a candidate file may be no template)
	read    bool // reading finished before ctx ended
	loading bool
	done    chan struct{} // closed when loading ends
}

func newCatalog(ctx context.Context, opts Options, fes []frontEnd, loadTerraform terraformLoader, roots []root) *catalog {
	c := &catalog{ctx: ctx, opts: opts, frontEnds: fes, loadTerraform: loadTerraform, roots: roots, paths: newAbsolutizer(),
		byPath: map[string]root{}, entries: map[string]*entry{},
		stackNames: parseStackNames(opts.StackNames), manifests: map[string]map[string]manifestStack{}}
	for _, r := range roots {
		// A directory may be a Terraform root and a facts snapshot at
		// once: byPath, for the lookups by a module's or template's path,
		// keeps the first; entries tell them apart by kind (entryKey).
		if _, dup := c.byPath[c.paths.abs(r.path)]; !dup {
			c.byPath[c.paths.abs(r.path)] = r
		}
	}
	c.opts.dataSources = c.lookupData
	c.opts.parsed = eval.NewParseCache()
	return c
}

// get reads the root at path (as discovered) or returns what an earlier
// call read. It returns nil when path is no root of the catalog, when the
// root is not one after all (a JSON file that is no template), when it was
// not read in full before ctx ended, or when it is being read already: a
// root that asks, through others, for itself (a cycle of remote states or
// exports) gets nil, which its front end reports as unknown.
func (c *catalog) get(path string) *loaded {
	r, ok := c.byPath[c.paths.abs(path)]
	if !ok {
		return nil
	}
	return c.getRoot(r)
}

// getRoot is get of a root of the catalog. A facts snapshot that another
// goroutine is reading is waited for: reading one asks nothing of the
// rest of the run, so the wait ends. Any other root being read is nil, as
// for a cycle: roots read each other on several goroutines (see load), so
// waiting for one could wait for the waiting root itself.
func (c *catalog) getRoot(r root) *loaded {
	var e entry
	if r.kind == factsDir {
		e = c.await(r)
	} else {
		e = c.read(r)
	}
	if e.loading || !e.ok || !e.read {
		return nil
	}
	return &e.l
}

// read reads r once; a second call returns the first one's entry, still
// loading when the first call has not returned. It returns a copy: a reader
// abandoned when ctx ended (see readRoot) may still be filling in entries
// while the caller goes on, so they are shared only under mu.
func (c *catalog) read(r root) entry {
	return c.readOrWait(r, false)
}

// await is read, waiting for a root that another goroutine is reading,
// or for ctx, rather than returning it still loading. Only a caller that
// holds no root's evaluation may wait for any root (the pool of load);
// others wait only for roots that read nothing of other roots.
func (c *catalog) await(r root) entry {
	return c.readOrWait(r, true)
}

func (c *catalog) readOrWait(r root, wait bool) entry {
	key := entryKey(r)
	c.mu.Lock()
	if e := c.entries[key]; e != nil {
		if !wait || !e.loading {
			cp := *e
			c.mu.Unlock()
			return cp
		}
		c.mu.Unlock()
		select {
		case <-e.done:
		case <-c.ctx.Done():
			return entry{} // not read
		}
		c.mu.Lock()
		cp := *e
		c.mu.Unlock()
		return cp
	}
	e := &entry{loading: true, done: make(chan struct{})}
	c.entries[key] = e
	c.mu.Unlock()
	defer close(e.done)
	l, ok, read := readRoot(c.ctx, frontEndOf(c.frontEnds, r.kind), r, c.env(r))
	if ok && read && l.model != nil {
		l.model.Key = rootKey(r)
		c.joinWorld(r, l.model)
		l.joined = joinedFiles(l.model)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e.l, e.ok, e.read, e.loading = l, ok, read, false
	return *e
}

// env is what the run offers root r as it is read: every callback asks
// the catalog, on behalf of r (a cycle through it is reported as such), in
// a task of its own (see flight.go).
func (c *catalog) env(r root) env {
	self := []string{c.paths.abs(r.path)}
	tk := &task{}
	return env{
		opts:      c.opts,
		terraform: c.terraformLoader(r, tk),
		remote:    c.remoteStateFunc(self, tk, nil),
		deps:      c.dependencyFunc(self, tk, nil),
		templates: func() TemplateOptions { return c.templateOptions(r) },
	}
}

// terraformLoader is the loader of root r: a Terraform root already
// evaluated for another root's terraform_remote_state, with nothing asked
// of the rest of the run (takeEvaluation), is translated from that
// evaluation instead of evaluated again.
func (c *catalog) terraformLoader(r root, tk *task) terraformLoader {
	if r.kind != terraformRoot {
		return c.loadTerraform
	}
	return func(ctx context.Context, dir string, opts terraform.Options) (*model.Model, *eval.Result, diag.Diagnostics) {
		if ev := c.takeEvaluation(c.paths.abs(r.path), tk); ev != nil {
			return terraform.FromEvaluation(ctx, dir, ev.res, ev.ds)
		}
		return c.loadTerraform(ctx, dir, opts)
	}
}

// entryKey identifies a root among the catalog's entries: its kind and
// absolute path.
func entryKey(r root) string { return fmt.Sprintf("%d:%s", r.kind, absPath(r.path)) }

// contextDiagnostics are the problems of the --context roots that were read:
// a context source that could not be read settles nothing, which the user
// must know; one that no linted root needed is not reported.
func (c *catalog) contextDiagnostics() diag.Diagnostics {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ds diag.Diagnostics
	for _, r := range c.roots {
		if !r.context {
			continue
		}
		if e := c.entries[entryKey(r)]; e != nil && e.ok && e.read {
			ds = append(ds, e.l.ds...)
		}
	}
	return ds
}

// readRoot has fe read r on its own goroutine and waits for it or for
// ctx, whichever comes first: read is false when ctx ended first.
// Evaluation checks ctx only between values, and one value (an expression
// over large collections) may run long, so waiting for it would let
// --timeout pass by; the abandoned reader ends at its next check of ctx,
// and its result, sent on a channel nobody reads any more, is dropped. It
// shares nothing mutable with the caller but the catalog, which is guarded
// (front ends keep no shared state: TestConcurrentUse).
func readRoot(ctx context.Context, fe frontEnd, r root, env env) (l loaded, ok, read bool) {
	type result struct {
		l  loaded
		ok bool
	}
	done := make(chan result, 1) // buffered: an abandoned reader never blocks
	go func() {
		var res result
		if fe != nil {
			res.l, res.ok = fe.Load(ctx, r, env)
		}
		done <- res
	}()
	select {
	case res := <-done:
		return res.l, res.ok, ctx.Err() == nil
	case <-ctx.Done():
		return loaded{}, false, false
	}
}
