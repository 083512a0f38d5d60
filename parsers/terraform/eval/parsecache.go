package eval

import (
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/daslint/daslint/diag"
)

// ParseCache holds the module files parsed during one run, so that a
// module directory is read and parsed once however many roots call it
// (and a Terragrunt unit's module once however many units run it). A
// root's own files are not kept (see Options.SharedRoot): a syntax tree
// kept for the whole run costs more memory than parsing the file again
// costs time. It is safe for concurrent use. The syntax trees it hands
// out are shared and only read.
//
// A file is cached by its name as given, its read boundary and the size
// limit, which are everything parseFile's outcome depends on besides the
// file's content: a hit returns what parsing gave the first time, file,
// problem and diagnostics alike, so that every evaluation reports as if it
// had parsed the file itself.
//
// It also keeps the outcome of the one other read of the tree that every
// root could repeat: the search for a terragrunt.hcl below a read
// boundary (terragruntHint), made once per boundary instead of once per
// root that references an undeclared variable.
type ParseCache struct {
	mu    sync.Mutex
	files map[parseKey]*parsedFile
	// terragrunt is findTerragrunt's answer by read boundary.
	terragrunt map[string]string
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache {
	return &ParseCache{files: map[parseKey]*parsedFile{}, terragrunt: map[string]string{}}
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
	key := parseKey{name: name, tree: tree, maxBytes: maxBytes}
	c.mu.Lock()
	e := c.files[key]
	c.mu.Unlock()
	if e == nil {
		q := hclparse.NewParser()
		e = &parsedFile{}
		e.f, e.unread = parseFileWith(q, name, tree, maxBytes, &e.ds)
		e.added, e.parsed = q.Files()[name]
		c.mu.Lock()
		if prev := c.files[key]; prev != nil {
			e = prev // parsed meanwhile by another evaluation: one outcome
		} else {
			c.files[key] = e
		}
		c.mu.Unlock()
	}
	*ds = append(*ds, e.ds...)
	if e.parsed {
		p.AddFile(name, e.added)
	}
	return e.f, e.unread
}
