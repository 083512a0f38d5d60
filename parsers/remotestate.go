package parsers

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/terragrunt"
)

// remoteStates settles terraform_remote_state data sources for one run
// (SPEC §7.2.3): it finds, among the catalog's Terraform roots (linted and
// --context), the one whose backend a data source names, and evaluates it
// in the workspace asked for, once per root and workspace.
type remoteStates struct {
	cat      *catalog
	backends map[string]eval.Backend     // by absolute root path
	results  map[string]*eval.RemoteRoot // by absolute root path and workspace
	// units are the Terragrunt units' backends, read once for all of them
	// (unitBackends), by absolute terragrunt.hcl path; moduleDirs are the
	// directories units use as their module.
	units      map[string]unitBackend
	moduleDirs map[string]bool
	// evaluated are the evaluations, in the default workspace, of linted
	// roots not linted yet, by absolute root path, kept for their lint
	// (see takeEvaluation).
	evaluated map[string]*evaluation
	idx       *backendIndex
	// byKey are the roots found by keyed, by MatchKey, and texts the
	// backend texts it read, by absolute root path (remotestate_key.go).
	byKey map[string][]candidate
	texts map[string]*backendText
}

// maxUnmatchedUnits bounds the units named in a reason as not matched
// because their backend is not known.
const maxUnmatchedUnits = 3

// unitBackend is where a Terragrunt unit keeps its state: its remote_state,
// else the backend block of its module. ok is false when it names no state
// daslint can match; then unknown says why, when there is a reason worth
// telling.
type unitBackend struct {
	b       eval.Backend
	ok      bool
	unknown string
}

// evaluation is what eval.EvaluateContext returned.
type evaluation struct {
	res *eval.Result
	ds  diag.Diagnostics
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
		c.remoteStates = &remoteStates{cat: c, backends: map[string]eval.Backend{}, results: map[string]*eval.RemoteRoot{},
			evaluated: map[string]*evaluation{}}
	}
	return c.remoteStates
}

// backendIndex is the run's Terraform roots and Terragrunt units by
// backend, each list in the catalog's order, so that a read tries only the
// roots that may match: with hundreds of roots, trying every root for
// every terraform_remote_state grew with the square of the roots.
type backendIndex struct {
	// byKey are the roots by a MatchKey that is not "", byType the other
	// roots (no MatchKey) by backend type.
	byKey, byType map[string][]candidate
	// unmatched are, by backend type, what a reason names as not matched
	// when nothing matches (see unmatched).
	unmatched map[string]unmatchedRoots
}

// candidate is a root that keeps its state in the backend have.
type candidate struct {
	r    root
	have eval.Backend
}

// unmatchedRoots are the roots and units of one backend type that match
// nothing because their backend leaves a field unset or is not known,
// named for a reason, and the number of such units.
type unmatchedRoots struct {
	names []string
	units int
}

// index returns the backend index, built at the first read (every root's
// and unit's backend is read then, as a read must try them all). The
// Terraform roots that are a unit's module are left out: the unit keeps
// the state.
func (rs *remoteStates) index() *backendIndex {
	if rs.idx != nil {
		return rs.idx
	}
	rs.unitBackends()
	ix := &backendIndex{byKey: map[string][]candidate{}, byType: map[string][]candidate{}, unmatched: map[string]unmatchedRoots{}}
	for _, r := range rs.cat.roots {
		var have eval.Backend
		switch r.kind {
		case terraformRoot:
			if rs.moduleDirs[absPath(r.path)] {
				continue
			}
			have = rs.backend(r)
		case terragruntUnit:
			ub := rs.units[absPath(r.path)]
			if !ub.ok {
				continue
			}
			have = ub.b
		default:
			continue
		}
		c := candidate{r: r, have: have}
		if k := have.MatchKey(); k != "" {
			ix.byKey[k] = append(ix.byKey[k], c)
		} else {
			ix.byType[have.Type] = append(ix.byType[have.Type], c)
		}
	}
	rs.idx = ix
	return ix
}

// unmatched names, in the catalog's order, the Terraform roots whose
// backend of type typ leaves a field unset and the first
// maxUnmatchedUnits units whose backend is not known, and counts those
// units; worked out once per type.
func (rs *remoteStates) unmatched(typ string) (names []string, units int) {
	ix := rs.index()
	if u, ok := ix.unmatched[typ]; ok {
		return slices.Clone(u.names), u.units // the caller appends
	}
	var u unmatchedRoots
	for _, r := range rs.cat.roots {
		switch r.kind {
		case terraformRoot:
			if rs.moduleDirs[absPath(r.path)] {
				continue
			}
			if have := rs.backend(r); have.Type == typ && len(have.Missing()) > 0 {
				u.names = append(u.names, fmt.Sprintf("%s (%s)", rs.name(r), have.Unnamed()))
			}
		case terragruntUnit:
			ub := rs.units[absPath(r.path)]
			if !ub.ok && ub.unknown != "" && (ub.b.Type == typ || ub.b.Type == "") {
				u.units++
				if u.units <= maxUnmatchedUnits {
					u.names = append(u.names, fmt.Sprintf("the Terragrunt unit %s (%s)", unitKey(r), ub.unknown))
				}
			}
		}
	}
	ix.unmatched[typ] = u
	return slices.Clone(u.names), u.units
}

// backend returns the backend root r declares, read once.
func (rs *remoteStates) backend(r root) eval.Backend {
	key := absPath(r.path)
	b, ok := rs.backends[key]
	if !ok {
		b = rs.cat.opts.parsed.RootBackend(r.path, r.boundary, rs.cat.opts.MaxFileBytes)
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
	if s := rs.stateNamed(b, ws); s != nil {
		return rs.fromState(s), nil // the local backend names the state file
	}
	var matches []root
	var matchWS []string
	var candidates []candidate
	if b.MatchKey() != "" {
		candidates = rs.keyed(b) // without reading every root's backend
	} else {
		candidates = rs.index().byType[b.Type]
	}
	for _, c := range candidates {
		if w, ok := eval.Match(b, ws, c.have); ok {
			matches = append(matches, c.r)
			matchWS = append(matchWS, w)
		}
	}
	switch {
	case len(matches) == 0:
		partial, unmatched := rs.unmatched(b.Type)
		what := "Terraform root"
		if len(rs.units) > 0 {
			what = "Terraform root or Terragrunt unit"
		}
		msg := fmt.Sprintf("no scanned or --context %s keeps its state in the %s, workspace %q", what, b, ws)
		if unmatched > maxUnmatchedUnits {
			// Every unit of a tree shares the root's remote_state: one
			// unknown field leaves them all unmatched, alike.
			partial = append(partial, fmt.Sprintf("%d more Terragrunt units alike", unmatched-maxUnmatchedUnits))
		}
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
	if s := rs.stateIn(r, w); s != nil {
		return rs.fromState(s), nil // real IDs and values win over the code
	}
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
	if r.kind == terragruntUnit {
		return rs.cat.evalUnit(r, chain, w)
	}
	key := abs + "\x00" + w
	if res, ok := rs.results[key]; ok {
		return res, nil
	}
	// asked records whether the evaluation asked the rest of the run
	// anything: a remote state, or a data source the run's AWS facts might
	// settle (which a remote root is not given: nil is what DataSources
	// answers here, as when it is not set).
	asked := false
	res, ds := eval.EvaluateContext(rs.cat.ctx, r.path, eval.Options{
		Vars:         rs.cat.opts.Vars,
		VarFiles:     rs.cat.opts.VarFiles,
		Region:       rs.cat.opts.Region,
		Root:         r.boundary,
		MaxFileBytes: rs.cat.opts.MaxFileBytes,
		Workspace:    w,
		RemoteState:  asking(&asked, rs.cat.remoteStateFunc(append(chain[:len(chain):len(chain)], abs))),
		DataSources:  func(eval.DataQuery) (map[string]cty.Value, string, error) { asked = true; return nil, "", nil },
		Cache:        rs.cat.opts.parsed,
	})
	if !asked && !r.context && w == defaultWorkspace && rs.cat.ctx.Err() == nil {
		// Its lint would evaluate it again with the same options: only
		// the callbacks differ, and it called none.
		rs.evaluated[abs] = &evaluation{res: res, ds: ds}
	}
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

// unitBackends reads the backend of every Terragrunt unit of the run, once:
// a unit's module directory is no root of its own, so the units must be
// known before any Terraform root is matched.
func (rs *remoteStates) unitBackends() {
	if rs.units != nil {
		return
	}
	rs.units, rs.moduleDirs = map[string]unitBackend{}, map[string]bool{}
	for _, r := range rs.cat.roots {
		if r.kind != terragruntUnit {
			continue
		}
		dir := filepath.Dir(r.path)
		// The backend names no dependency outputs: Terragrunt reads
		// remote_state before it resolves them.
		if r.stack != nil && r.stack.unread != nil {
			continue // generated from a remote source: nothing to read
		}
		u, _ := terragrunt.Read(dir, unitOptions(r, rs.cat.opts.MaxFileBytes, nil))
		if u.ModuleDir != "" {
			rs.moduleDirs[absPath(u.ModuleDir)] = true
		}
		rs.units[absPath(r.path)] = unitBackendOf(u, r.boundary, rs.cat.opts.MaxFileBytes)
	}
}

// unitBackendOf is the backend of the unit u: its remote_state, else the
// backend its module declares. A module without one keeps its state in
// terraform.tfstate where Terraform runs: the unit's directory when it has
// no terraform.source, else a copy under .terragrunt-cache that nothing
// names.
func unitBackendOf(u *terragrunt.Unit, boundary string, maxBytes int64) unitBackend {
	switch {
	case u.Backend != nil && u.BackendUnknown != nil:
		return unitBackend{b: *u.Backend, unknown: u.BackendUnknown.Reason}
	case u.Backend != nil:
		if missing := u.Backend.Missing(); len(missing) > 0 {
			return unitBackend{b: *u.Backend, unknown: fmt.Sprintf("its remote_state does not set %s", strings.Join(missing, ", "))}
		}
		return unitBackend{b: *u.Backend, ok: true}
	case u.ModuleDir == "":
		return unitBackend{}
	}
	b := eval.RootBackend(u.ModuleDir, boundary, maxBytes)
	if b.Type == "local" && absPath(u.ModuleDir) != absPath(u.Dir) {
		if p, ok := b.Config["path"]; !ok || !filepath.IsAbs(p) {
			return unitBackend{}
		}
	}
	if missing := b.Missing(); len(missing) > 0 {
		return unitBackend{b: b, unknown: fmt.Sprintf("its module's %s backend does not set %s, and the unit has no remote_state", b.Type, strings.Join(missing, ", "))}
	}
	return unitBackend{b: b, ok: true}
}

// defaultWorkspace is the workspace a linted root is evaluated in.
const defaultWorkspace = "default"

// asking returns f, recording in asked whether it was called.
func asking(asked *bool, f remoteStateFunc) remoteStateFunc {
	return func(b eval.Backend, ws string) (*eval.RemoteRoot, *model.Unresolved) {
		*asked = true
		return f(b, ws)
	}
}

// takeEvaluation returns, and forgets, the evaluation of the root at abs
// made for another root's terraform_remote_state when it asked nothing of
// the rest of the run: the root's lint would evaluate it again with the
// same options and get the same result and diagnostics. nil when there
// is none.
func (c *catalog) takeEvaluation(abs string) *evaluation {
	if c.remoteStates == nil {
		return nil
	}
	ev := c.remoteStates.evaluated[abs]
	delete(c.remoteStates.evaluated, abs)
	return ev
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
