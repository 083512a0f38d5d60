package parsers

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// remoteStates settles terraform_remote_state data sources for one run
// (SPEC §7.2.3): it finds, among the catalog's Terraform roots (linted and
// --context), the one whose backend a data source names, and evaluates it
// in the workspace asked for, once per root and workspace.
type remoteStates struct {
	cat      *catalog
	backends map[string]eval.Backend     // by absolute root path
	results  map[string]*eval.RemoteRoot // by absolute root path and workspace
}

// remoteStateFunc is the callback given to the evaluation of the root at
// the end of chain; chain holds the absolute paths of the roots being
// evaluated, outermost first, to catch a cycle of remote states.
func (c *catalog) remoteStateFunc(chain []string) remoteStateFunc {
	return func(b eval.Backend, ws string) (*eval.RemoteRoot, *model.Unresolved) {
		return c.remote().read(b, ws, chain)
	}
}

func (c *catalog) remote() *remoteStates {
	if c.remoteStates == nil {
		c.remoteStates = &remoteStates{cat: c, backends: map[string]eval.Backend{}, results: map[string]*eval.RemoteRoot{}}
	}
	return c.remoteStates
}

// backend returns the backend root r declares, read once.
func (rs *remoteStates) backend(r root) eval.Backend {
	key := absPath(r.path)
	b, ok := rs.backends[key]
	if !ok {
		b = eval.RootBackend(r.path, r.boundary, rs.cat.opts.MaxFileBytes)
		rs.backends[key] = b
	}
	return b
}

// read returns the evaluated root whose state b names in workspace ws.
func (rs *remoteStates) read(b eval.Backend, ws string, chain []string) (*eval.RemoteRoot, *model.Unresolved) {
	unresolved := func(format string, args ...any) *model.Unresolved {
		return &model.Unresolved{Kind: model.FromDataSource, Reason: fmt.Sprintf(format, args...)}
	}
	if missing := b.Missing(); len(missing) > 0 {
		return nil, unresolved("terraform_remote_state reads the %s, which does not name a state daslint can match (%s not set)", b, strings.Join(missing, ", "))
	}
	var matches []root
	var matchWS []string
	var partial []string
	for _, r := range rs.cat.roots {
		if r.kind != terraformRoot {
			continue
		}
		have := rs.backend(r)
		if w, ok := eval.Match(b, ws, have); ok {
			matches = append(matches, r)
			matchWS = append(matchWS, w)
		} else if have.Type == b.Type && len(have.Missing()) > 0 {
			partial = append(partial, fmt.Sprintf("%s (its %s backend does not set %s: given at init, as with -backend-config)",
				rs.name(r), have.Type, strings.Join(have.Missing(), ", ")))
		}
	}
	switch {
	case len(matches) == 0:
		msg := fmt.Sprintf("no scanned or --context Terraform root keeps its state in the %s, workspace %q", b, ws)
		if len(partial) > 0 {
			msg += "; not matched: " + strings.Join(partial, "; ")
		}
		return nil, unresolved("%s", msg)
	case len(matches) > 1:
		names := make([]string, len(matches))
		for i, r := range matches {
			names[i] = rs.name(r)
		}
		return nil, unresolved("the %s, workspace %q, is the backend of several roots (%s): ambiguous", b, ws, strings.Join(names, ", "))
	}
	r, w := matches[0], matchWS[0]
	abs := absPath(r.path)
	for _, p := range chain {
		if p == abs {
			loop := make([]string, 0, len(chain)+1)
			for _, q := range chain[indexOf(chain, abs):] {
				loop = append(loop, rs.nameOf(q))
			}
			loop = append(loop, rs.name(r))
			return nil, unresolved("remote state cycle: %s; each root reads the other's outputs", strings.Join(loop, " → "))
		}
	}
	key := abs + "\x00" + w
	if res, ok := rs.results[key]; ok {
		return res, nil
	}
	res, _ := eval.EvaluateContext(rs.cat.ctx, r.path, eval.Options{
		Vars:         rs.cat.opts.Vars,
		VarFiles:     rs.cat.opts.VarFiles,
		Region:       rs.cat.opts.Region,
		Root:         r.boundary,
		MaxFileBytes: rs.cat.opts.MaxFileBytes,
		Workspace:    w,
		RemoteState:  rs.cat.remoteStateFunc(append(chain[:len(chain):len(chain)], abs)),
	})
	// The other root's diagnostics are its own: reported when it is linted,
	// not for every root that reads it. What it could not read is in
	// res.Unread, which the reading root inherits.
	name := rs.name(r)
	if name == "." {
		name = filepath.Base(abs)
	}
	if w != "default" {
		name += "@" + w
	}
	rr := &eval.RemoteRoot{Name: name, Result: res}
	rs.results[key] = rr
	return rr, nil
}

// name is how a root is named in reasons: its path relative to its read
// boundary, the same from any working directory.
func (rs *remoteStates) name(r root) string {
	if k := rootKey(r); k != "" {
		return k
	}
	return filepath.ToSlash(r.path)
}

func (rs *remoteStates) nameOf(abs string) string {
	if r, ok := rs.cat.byPath[abs]; ok {
		return rs.name(r)
	}
	return filepath.Base(abs)
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return 0
}
