package parsers

import (
	"context"

	"github.com/daslint/daslint/diag"
)

// catalog is every root of one run, the linted ones and those of --context,
// read on demand and at most once. It is how one source settles what
// another leaves open (SPEC §7): a front end never calls another; it is
// given a callback in its options (another root's outputs, another stack's
// exports), which parsers implements with the catalog.
type catalog struct {
	ctx           context.Context
	opts          Options
	loadTerraform terraformLoader
	// roots are every discovered root, sorted by path; a root found under a
	// linted path and under a --context path is linted (context false).
	roots   []root
	byPath  map[string]root   // by absolute root path
	entries map[string]*entry // by absolute root path
	// remoteStates settles terraform_remote_state, created when first
	// needed (see remotestate.go).
	remoteStates *remoteStates
}

// entry is one root of the catalog, once asked for.
type entry struct {
	l       loaded
	ok      bool // the root is one (a candidate file may be no template)
	read    bool // reading finished before ctx ended
	loading bool
}

func newCatalog(ctx context.Context, opts Options, loadTerraform terraformLoader, roots []root) *catalog {
	c := &catalog{ctx: ctx, opts: opts, loadTerraform: loadTerraform, roots: roots,
		byPath: map[string]root{}, entries: map[string]*entry{}}
	for _, r := range roots {
		c.byPath[absPath(r.path)] = r
	}
	return c
}

// get reads the root at path (as discovered) or returns what an earlier
// call read. It returns nil when path is no root of the catalog, when the
// root is not one after all (a JSON file that is no template), when it was
// not read in full before ctx ended, or when it is being read already: a
// root that asks, through others, for itself (a cycle of remote states or
// exports) gets nil, which its front end reports as unknown.
func (c *catalog) get(path string) *loaded {
	r, ok := c.byPath[absPath(path)]
	if !ok {
		return nil
	}
	e := c.read(r)
	if e.loading || !e.ok || !e.read {
		return nil
	}
	return &e.l
}

// read reads r once; a second call returns the first one's entry, still
// loading when the first call has not returned.
func (c *catalog) read(r root) *entry {
	key := absPath(r.path)
	if e := c.entries[key]; e != nil {
		return e
	}
	e := &entry{loading: true}
	c.entries[key] = e
	e.l, e.ok, e.read = readRoot(c.ctx, r, c.opts, c.loadTerraform, c.remoteStateFunc([]string{key}))
	if e.ok && e.l.model != nil {
		e.l.model.Key = rootKey(r)
	}
	e.loading = false
	return e
}

// contextDiagnostics are the problems of the --context roots that were read:
// a context source that could not be read settles nothing, which the user
// must know; one that no linted root needed is not reported.
func (c *catalog) contextDiagnostics() diag.Diagnostics {
	var ds diag.Diagnostics
	for _, r := range c.roots {
		if !r.context {
			continue
		}
		if e := c.entries[absPath(r.path)]; e != nil && e.ok && e.read {
			ds = append(ds, e.l.ds...)
		}
	}
	return ds
}

// readRoot reads one root.
func readRoot(ctx context.Context, r root, opts Options, loadTerraform terraformLoader, remote remoteStateFunc) (l loaded, ok, read bool) {
	switch r.kind {
	case terraformRoot:
		l, ok = loadModule(ctx, r, opts, loadTerraform, remote), true
	case templateFile:
		l, ok = loadTemplate(ctx, r, opts)
	}
	return l, ok, ctx.Err() == nil
}
