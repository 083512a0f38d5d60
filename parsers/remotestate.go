package parsers

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/parallel"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/terragrunt"
)

// remoteStates settles terraform_remote_state data sources for one run
// (docs/semantics.md#remote-state): it finds, among the catalog's Terraform roots (linted and
// --context), the one whose backend a data source names, and evaluates it
// in the workspace asked for, once per root and workspace.
// Roots read it from several goroutines: the evaluations are flights
// (flight.go), the index is built once, and mu guards the small maps.
type remoteStates struct {
	cat *catalog
	// evals are the evaluations of roots and units for others, by
	// absolute root path and workspace ("unit" before a unit's key).
	evals flights
	// units are the Terragrunt units' backends, read once for all of them
	// (unitBackends), by absolute terragrunt.hcl path; moduleDirs are the
	// directories units use as their module. Both are read only once idx
	// is built.
	units      map[string]unitBackend
	moduleDirs map[string]bool
	unitsOnce  sync.Once
	idxOnce    sync.Once
	idx        *backendIndex
	idxBuilt   atomic.Bool // idx is built: keyed takes it
	// mu guards backends (by absolute root path) and states (the remote
	// roots of state files, by absolute path).
	mu       sync.Mutex
	backends map[string]eval.Backend
	states   map[string]*eval.RemoteRoot
	// byKey are the roots found by keyed, by MatchKey, and texts the
	// backend texts it read, by absolute root path (remotestate_key.go);
	// keyMu guards both.
	keyMu sync.Mutex
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
// evaluated, outermost first, to catch a cycle of remote states. tk is the
// task of the root being read, and tr the tracker of the evaluation (see
// flight.go).
func (c *catalog) remoteStateFunc(chain []string, tk *task, tr *tracker) remoteStateFunc {
	return func(b eval.Backend, ws string) (*eval.RemoteRoot, *model.Unresolved) {
		return c.remote().read(b, ws, chain, tk, tr)
	}
}

// remote is the run's remoteStates, created at the first use.
func (c *catalog) remote() *remoteStates {
	c.remoteOnce.Do(func() {
		c.remoteStates = &remoteStates{cat: c, backends: map[string]eval.Backend{}, states: map[string]*eval.RemoteRoot{}}
	})
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
	rs.idxOnce.Do(rs.buildIndex)
	return rs.idx
}

func (rs *remoteStates) buildIndex() {
	rs.unitBackends()
	// Reading a backend parses the root's files: with hundreds of roots
	// that is much of the run, so they are read on the pool (the readers
	// of remote states wait for the index), then taken in order.
	var tf []root
	for _, r := range rs.cat.roots {
		if r.kind == terraformRoot && !rs.moduleDirs[rs.cat.paths.abs(r.path)] {
			tf = append(tf, r)
		}
	}
	parallel.ForEach(len(tf), rs.cat.opts.Jobs, func(i int) { rs.backend(tf[i]) })
	ix := &backendIndex{byKey: map[string][]candidate{}, byType: map[string][]candidate{}, unmatched: map[string]unmatchedRoots{}}
	for _, r := range rs.cat.roots {
		have, ok := rs.rootBackend(r, nil)
		if !ok {
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
	rs.idxBuilt.Store(true)
}

// rootBackend is the backend root r keeps its state in: a Terraform
// root's (not a directory that is only another root's module) or a
// Terragrunt unit's. ok is false for other roots and for a unit whose
// backend is not known. mayKeep, when non-nil, may rule a Terraform root
// out (by its absolute path) before its backend is read.
func (rs *remoteStates) rootBackend(r root, mayKeep func(abs string) bool) (b eval.Backend, ok bool) {
	switch r.kind {
	case terraformRoot:
		abs := rs.cat.paths.abs(r.path)
		if rs.moduleDirs[abs] || (mayKeep != nil && !mayKeep(abs)) {
			return eval.Backend{}, false
		}
		return rs.backend(r), true
	case terragruntUnit:
		ub := rs.units[rs.cat.paths.abs(r.path)]
		return ub.b, ub.ok
	}
	return eval.Backend{}, false
}

// unmatched names, in the catalog's order, the Terraform roots whose
// backend of type typ leaves a field unset and the first
// maxUnmatchedUnits units whose backend is not known, and counts those
// units; worked out once per type.
func (rs *remoteStates) unmatched(typ string) (names []string, units int) {
	ix := rs.index()
	rs.mu.Lock()
	u, ok := ix.unmatched[typ]
	rs.mu.Unlock()
	if ok {
		return slices.Clone(u.names), u.units // the caller appends
	}
	u = unmatchedRoots{}
	for _, r := range rs.cat.roots {
		switch r.kind {
		case terraformRoot:
			if rs.moduleDirs[rs.cat.paths.abs(r.path)] {
				continue
			}
			if have := rs.backend(r); have.Type == typ && len(have.Missing()) > 0 {
				u.names = append(u.names, fmt.Sprintf("%s (%s)", rs.name(r), have.Unnamed()))
			}
		case terragruntUnit:
			ub := rs.units[rs.cat.paths.abs(r.path)]
			if !ub.ok && ub.unknown != "" && (ub.b.Type == typ || ub.b.Type == "") {
				u.units++
				if u.units <= maxUnmatchedUnits {
					u.names = append(u.names, fmt.Sprintf("the Terragrunt unit %s (%s)", unitKey(r), ub.unknown))
				}
			}
		}
	}
	rs.mu.Lock()
	ix.unmatched[typ] = u // the same whoever works it out
	rs.mu.Unlock()
	return slices.Clone(u.names), u.units
}

// backend returns the backend root r declares, read once.
func (rs *remoteStates) backend(r root) eval.Backend {
	key := rs.cat.paths.abs(r.path)
	rs.mu.Lock()
	b, ok := rs.backends[key]
	rs.mu.Unlock()
	if !ok {
		b = rs.cat.opts.parsed.RootBackend(r.path, r.boundary, rs.cat.opts.MaxFileBytes)
		rs.mu.Lock()
		rs.backends[key] = b
		rs.mu.Unlock()
	}
	return b
}

// read returns the evaluated root whose state b names in workspace ws,
// for the evaluation at the end of chain, which tr tracks, on behalf of
// the task tk.
func (rs *remoteStates) read(b eval.Backend, ws string, chain []string, tk *task, tr *tracker) (*eval.RemoteRoot, *model.Unresolved) {
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
	abs := rs.cat.paths.abs(r.path)
	for _, p := range chain {
		if p == abs {
			loop := make([]string, 0, len(chain)+1)
			for _, q := range chain[indexOf(chain, abs):] {
				loop = append(loop, rs.nameOf(q))
			}
			loop = append(loop, rs.name(r))
			tr.taint()
			return nil, unresolved("remote state cycle: %s; each root reads the other's outputs", strings.Join(loop, " → "))
		}
	}
	if r.kind == terragruntUnit {
		return rs.cat.evalUnit(r, chain, w, tk, tr)
	}
	o := rs.evals.do(rs.cat.ctx, abs+"\x00"+w, tk, func() outcome { return rs.evaluate(r, abs, w, chain, tk) })
	if !o.pure {
		tr.taint()
	}
	return o.rr, nil
}

// evaluate evaluates the root r (at abs) in workspace w for a
// terraform_remote_state of the evaluation at the end of chain.
func (rs *remoteStates) evaluate(r root, abs, w string, chain []string, tk *task) outcome {
	// asked records whether the evaluation asked the rest of the run
	// anything: a remote state, or a data source the run's AWS facts might
	// settle (which a remote root is not given: nil is what DataSources
	// answers here, as when it is not set).
	var asked atomic.Bool
	tr := &tracker{}
	res, ds := eval.EvaluateContext(rs.cat.ctx, r.path, eval.Options{
		Vars:         rs.cat.opts.Vars,
		VarFiles:     rs.cat.opts.VarFiles,
		Region:       rs.cat.opts.Region,
		Root:         r.boundary,
		MaxFileBytes: rs.cat.opts.MaxFileBytes,
		Workspace:    w,
		RemoteState:  asking(&asked, rs.cat.remoteStateFunc(append(chain[:len(chain):len(chain)], abs), tk, tr)),
		DataSources:  func(eval.DataQuery) (map[string]cty.Value, string, error) { asked.Store(true); return nil, "", nil },
		Cache:        rs.cat.opts.parsed,
	})
	o := outcome{pure: !tr.tainted.Load()}
	if !asked.Load() && !r.context && w == defaultWorkspace && rs.cat.ctx.Err() == nil {
		// Its lint would evaluate it again with the same options: only
		// the callbacks differ, and it called none.
		o.ev = &evaluation{res: res, ds: ds}
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
	o.rr = &eval.RemoteRoot{Name: name, Result: res}
	return o
}

// unitBackends reads the backend of every Terragrunt unit of the run, once:
// a unit's module directory is no root of its own, so the units must be
// known before any Terraform root is matched.
func (rs *remoteStates) unitBackends() {
	rs.unitsOnce.Do(rs.readUnitBackends)
}

func (rs *remoteStates) readUnitBackends() {
	rs.units, rs.moduleDirs = map[string]unitBackend{}, map[string]bool{}
	var units []root
	for _, r := range rs.cat.roots {
		// A unit generated from a remote source has nothing to read.
		if r.kind == terragruntUnit && (r.stack == nil || r.stack.unread == nil) {
			units = append(units, r)
		}
	}
	// Read on the pool, then recorded in order.
	type read struct {
		moduleDir string
		b         unitBackend
	}
	reads := make([]read, len(units))
	parallel.ForEach(len(units), rs.cat.opts.Jobs, func(i int) {
		r := units[i]
		// The backend names no dependency outputs: Terragrunt reads
		// remote_state before it resolves them.
		u, _ := terragrunt.Read(filepath.Dir(r.path), unitOptions(r, rs.cat.opts.MaxFileBytes, nil))
		reads[i] = read{moduleDir: u.ModuleDir, b: unitBackendOf(u, r.boundary, rs.cat.opts.MaxFileBytes)}
	})
	for i, r := range units {
		if reads[i].moduleDir != "" {
			rs.moduleDirs[rs.cat.paths.abs(reads[i].moduleDir)] = true
		}
		rs.units[rs.cat.paths.abs(r.path)] = reads[i].b
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
func asking(asked *atomic.Bool, f remoteStateFunc) remoteStateFunc {
	return func(b eval.Backend, ws string) (*eval.RemoteRoot, *model.Unresolved) {
		asked.Store(true)
		return f(b, ws)
	}
}

// takeEvaluation returns, and forgets, the evaluation of the root at abs
// made for another root's terraform_remote_state when it asked nothing of
// the rest of the run: the root's lint would evaluate it again with the
// same options and get the same result and diagnostics. nil when there
// is none. An evaluation still running for another root is waited for, on
// behalf of tk, the task of the lint.
func (c *catalog) takeEvaluation(abs string, tk *task) *evaluation {
	return c.remote().evals.take(c.ctx, abs+"\x00"+defaultWorkspace, tk)
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
