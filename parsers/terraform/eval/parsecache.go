package eval

import (
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/hclcompact"
)

// ParseCache holds what one run read of the configuration, so that a
// module directory is read, parsed and prepared (variable declarations
// with their defaults converted, the index of attribute names, the
// diagnostics) once however many roots call it, and a Terragrunt unit's
// module once however many units run it. It is safe for concurrent use:
// evaluations of several roots may share it at once, and what it hands
// out (syntax trees, module configurations) is shared and only read.
//
// A prepared module is cached by its directory as given, its read
// boundary, the size limit and the files Terragrunt generates into it,
// which are everything parseModule's outcome depends on besides the files
// on disk (which a run does not change): a hit returns what preparing the
// module gave the first time, configuration and diagnostics alike, so that
// every evaluation reports as if it had prepared the module itself.
//
// A root's own directory is prepared through the cache too. It is kept
// when it is a module that others run (Options.SharedRoot), when a call
// has read it as a module already, and otherwise while the roots kept
// total at most rootBudget bytes of text: a directory that is a root and
// a module (a published module and the examples calling it), or a root
// whose backend the remote-state index read first (RootBackend), is then
// prepared once, while a large root, whose syntax trees outweigh
// everything else the run keeps, goes when its evaluation ends. Whether a
// root is kept changes the work done, never the outcome.
//
// Files are cached one by one as well, by name as given, read boundary
// and size limit, for the modules that are prepared more than once: a
// Terragrunt module run with different generated files.
//
// It also keeps the outcome of the one other read of the tree that every
// root could repeat: the search for a terragrunt.hcl below a read
// boundary (terragruntHint), made once per boundary instead of once per
// root that references an undeclared variable.
type ParseCache struct {
	mu      sync.Mutex
	files   map[parseKey]*parsedFile
	modules map[moduleKey]*preparedModule
	// rootBytes is the size of the root files kept, at most rootBudget.
	rootBytes, rootBudget int64
	// terragrunt is findTerragrunt's answer by read boundary.
	terragrunt map[string]string
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache {
	return &ParseCache{files: map[parseKey]*parsedFile{}, modules: map[moduleKey]*preparedModule{},
		terragrunt: map[string]string{}, rootBudget: rootBudget}
}

// findTerragrunt is findTerragrunt through the cache; a nil cache searches.
func (c *ParseCache) findTerragrunt(root string) string {
	if c == nil {
		return findTerragrunt(root)
	}
	c.mu.Lock()
	found, ok := c.terragrunt[root]
	c.mu.Unlock()
	if ok {
		return found
	}
	found = findTerragrunt(root)
	c.mu.Lock()
	c.terragrunt[root] = found
	c.mu.Unlock()
	return found
}

// rootBudget bounds the size of the files of the roots that a ParseCache
// keeps though no one asked it to (see ParseCache): their syntax trees
// take about 25 times the size of their text, so the budget costs at most
// some 50 MB. It holds terraform-aws-security-group's 59 modules/* roots
// (1.2 MB), which its wrappers/* roots call again.
const rootBudget = 2 << 20

type parseKey struct {
	name, tree string
	maxBytes   int64
}

// parsedFile is the outcome of parseFile on a parser of its own: what it
// returned, what it added to the diagnostics and the file the parser
// recorded under the name (nil when it was not parsed at all).
type parsedFile struct {
	f      *hcl.File
	unread *unreadFile
	ds     diag.Diagnostics
	added  *hcl.File
	parsed bool
}

// parse is parseFile through the cache; a nil cache parses.
func (c *ParseCache) parse(p *hclparse.Parser, name, tree string, maxBytes int64, ds *diag.Diagnostics) (*hcl.File, *unreadFile) {
	if _, seen := p.Files()[name]; c == nil || seen {
		// A parser answers a name it has seen itself, without
		// diagnostics: keep that behaviour.
		return parseFileWith(p, name, tree, maxBytes, ds)
	}
	return c.parsed(name, tree, maxBytes).use(p, name, ds)
}

// parsed returns the outcome of parsing name on a parser of its own, from
// the cache when it holds it; a nil cache parses. It may be called from
// several goroutines at once.
func (c *ParseCache) parsed(name, tree string, maxBytes int64) *parsedFile {
	if c == nil {
		return parseAlone(name, tree, maxBytes)
	}
	key := parseKey{name: name, tree: tree, maxBytes: maxBytes}
	c.mu.Lock()
	e := c.files[key]
	c.mu.Unlock()
	if e != nil {
		return e
	}
	e = parseAlone(name, tree, maxBytes)
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev := c.files[key]; prev != nil {
		return prev // parsed meanwhile by another evaluation: one outcome
	}
	c.files[key] = e
	return e
}

// parseAlone parses name on a parser of its own.
func parseAlone(name, tree string, maxBytes int64) *parsedFile {
	q := hclparse.NewParser()
	e := &parsedFile{}
	e.f, e.unread = parseFileWith(q, name, tree, maxBytes, &e.ds)
	e.added, e.parsed = q.Files()[name]
	if e.f != nil {
		// Before anyone else sees the file (compact.go).
		hclcompact.CompactFile(e.f)
	}
	return e
}

// use hands the outcome to an evaluation's parser and diagnostics, as if
// that parser had parsed the file itself.
func (e *parsedFile) use(p *hclparse.Parser, name string, ds *diag.Diagnostics) (*hcl.File, *unreadFile) {
	*ds = append(*ds, e.ds...)
	if e.parsed {
		p.AddFile(name, e.added)
	}
	return e.f, e.unread
}

// moduleKey is everything a prepared module depends on besides the files
// on disk; generated holds the generated files' names and contents.
type moduleKey struct {
	dir, tree string
	maxBytes  int64
	generated string
}

func newModuleKey(dir, tree string, maxBytes int64, generated []GeneratedFile) moduleKey {
	var b strings.Builder
	for _, g := range generated {
		// Lengths first: no two lists of files give one key.
		b.WriteString(strconv.Itoa(len(g.Name)) + ":" + strconv.Itoa(len(g.Data)) + ":")
		b.WriteString(g.Name)
		b.Write(g.Data)
	}
	return moduleKey{dir: dir, tree: tree, maxBytes: maxBytes, generated: b.String()}
}

// preparedModule is the outcome of parseModule on a parser of its own:
// the configuration, the diagnostics it reported and the files the parser
// recorded, by name.
type preparedModule struct {
	once  sync.Once
	cfg   *moduleConfig
	ds    diag.Diagnostics
	names []string
	files []*hcl.File
}

// module returns the prepared configuration of dir, from the cache when
// it holds it, adding its files to p and its diagnostics to ds as
// parseModule would; a nil cache prepares it with p. keep says whether a
// module prepared now is kept for the rest of the run (see ParseCache).
// held says whether the cache holds the configuration returned, which is
// then shared and must not be changed; one it does not hold is the
// caller's alone.
func (c *ParseCache) module(p *hclparse.Parser, dir, tree string, maxBytes int64, ds *diag.Diagnostics, keep bool, generated []GeneratedFile) (cfg *moduleConfig, held bool) {
	if c == nil {
		return parseModule(nil, p, dir, tree, maxBytes, ds, generated...), false
	}
	key := newModuleKey(dir, tree, maxBytes, generated)
	c.mu.Lock()
	m := c.modules[key]
	if m == nil && keep {
		m = &preparedModule{}
		c.modules[key] = m
	}
	c.mu.Unlock()
	held = m != nil
	if m == nil {
		m, held = c.prepareRoot(key, dir, tree, maxBytes, generated)
	}
	// The first evaluation to ask prepares the module; one asking at the
	// same time waits for it rather than prepare it again.
	m.once.Do(func() { m.prepare(c, dir, tree, maxBytes, generated) })
	seen := p.Files()
	for _, n := range m.names {
		if _, ok := seen[n]; ok {
			// A parser answers a name it has seen itself, without
			// diagnostics: a prepared module cannot say what that gives.
			return parseModule(c, p, dir, tree, maxBytes, ds, generated...), false
		}
	}
	*ds = append(*ds, m.ds...)
	for i, n := range m.names {
		p.AddFile(n, m.files[i])
	}
	return m.cfg, held
}

// prepareRoot prepares the directory of a root that no one has asked to
// keep, and keeps it while the root files kept stay within the budget;
// kept says whether it did. Neither it nor its files go through the file
// cache.
func (c *ParseCache) prepareRoot(key moduleKey, dir, tree string, maxBytes int64, generated []GeneratedFile) (m *preparedModule, kept bool) {
	m = &preparedModule{}
	m.once.Do(func() { m.prepare(nil, dir, tree, maxBytes, generated) })
	var size int64
	for _, f := range m.files {
		size += int64(len(f.Bytes))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.modules[key]; !ok && c.rootBytes+size <= c.rootBudget {
		c.modules[key] = m
		c.rootBytes += size
		return m, true
	}
	return m, false
}

// keepsRoot reports whether the cache holds, or would keep, the root
// directory dir (without generated files) whose configuration files are
// files: whether preparing it whole now is work its evaluation reuses.
func (c *ParseCache) keepsRoot(dir, tree string, maxBytes int64, files []string) bool {
	if c == nil {
		return false
	}
	var size int64
	for _, name := range files {
		if st, err := os.Lstat(name); err == nil {
			size += st.Size()
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.modules[newModuleKey(dir, tree, maxBytes, nil)]
	return ok || c.rootBytes+size <= c.rootBudget
}

func (m *preparedModule) prepare(c *ParseCache, dir, tree string, maxBytes int64, generated []GeneratedFile) {
	q := hclparse.NewParser()
	m.cfg = parseModule(c, q, dir, tree, maxBytes, &m.ds, generated...)
	for n := range q.Files() {
		m.names = append(m.names, n)
	}
	sort.Strings(m.names)
	for _, n := range m.names {
		m.files = append(m.files, q.Files()[n])
	}
}
