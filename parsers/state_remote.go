package parsers

import (
	"path/filepath"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/tfplan"
)

// terraform_remote_state from a state (docs/semantics.md#remote-state: "A state JSON of that
// root in --context is used instead when given"): real IDs and values win
// over evaluated code. A state of the run (a `terraform show -json` state
// or a format-4 state, given as PATH, with --context, or found by their
// walks) is the state a terraform_remote_state reads when
//   - its `local` backend's path (terraform.tfstate by default, or
//     terraform.tfstate.d/<workspace>/terraform.tfstate) names the state
//     file itself; or
//   - it lies in the directory of the one Terraform root whose backend the
//     data source names, and the workspace is the default one (a state does
//     not say its workspace); a Terragrunt unit's directory is that of its
//     terragrunt.hcl. Two states there are ambiguous: the root's
//     code is evaluated instead, as without a state.
// The outputs are then the state's, with the state's resources joined under
// `<state file>::<address>`, as another root's are through its code; a
// state holds only managed resources, and its outputs name them by ID.

// stateOf is the state or plan JSON of r, a candidate state, read
// once: through the catalog when r is a root of the run, else (a state
// beside its root's code, which a walk leaves to the code) directly.
func (c *catalog) stateOf(r root) *stateSource {
	if l := c.getRoot(r); l != nil && l.state != nil {
		return l.state
	}
	key := absPath(r.path)
	c.stateMu.Lock()
	defer c.stateMu.Unlock()
	if s, ok := c.states[key]; ok {
		return s
	}
	var s *stateSource
	data, problem := inputfile.Read(r.path, r.boundary, c.opts.MaxFileBytes)
	if problem == nil && tfplan.Claims(data) != tfplan.None {
		_, src, _, _ := tfplan.LoadSource(r.path, data, tfplan.Options{Region: c.opts.Region, Root: r.boundary})
		s = newStateSource(r, src)
	}
	if c.states == nil {
		c.states = map[string]*stateSource{}
	}
	c.states[key] = s
	return s
}

// localStatePath is the file a `local` backend keeps workspace ws in.
func localStatePath(b eval.Backend, ws string) string {
	if ws != "" && ws != "default" {
		dir := b.Config["workspace_dir"]
		if dir == "" {
			dir = "terraform.tfstate.d"
		}
		return filepath.Join(b.Dir, dir, ws, "terraform.tfstate")
	}
	p := b.Config["path"]
	if p == "" {
		p = "terraform.tfstate"
	}
	return filepath.Join(b.Dir, p)
}

// stateNamed is the state of the run that a local backend b names for
// workspace ws, or nil.
func (rs *remoteStates) stateNamed(b eval.Backend, ws string) *stateSource {
	if b.Type != "local" {
		return nil
	}
	want := absPath(localStatePath(b, ws))
	for _, r := range rs.cat.candidateStates() {
		if absPath(r.path) == want {
			if s := rs.cat.stateOf(r); s != nil && s.src.State {
				return s
			}
		}
	}
	return nil
}

// stateIn is the one state of the run in the directory of the Terraform
// root or Terragrunt unit code, for the default workspace; nil when there is
// none, or several.
func (rs *remoteStates) stateIn(code root, ws string) *stateSource {
	if ws != "default" {
		return nil
	}
	dir := absPath(code.path)
	if code.kind == terragruntUnit {
		// A unit is named by its terragrunt.hcl; its state is pulled
		// (`terragrunt state pull`) in the directory of that file.
		dir = filepath.Dir(dir)
	}
	var found *stateSource
	for _, r := range rs.cat.candidateStates() {
		if filepath.Dir(absPath(r.path)) != dir {
			continue
		}
		if s := rs.cat.stateOf(r); s != nil && s.src.State {
			if found != nil {
				return nil
			}
			found = s
		}
	}
	return found
}

// fromState is the remote root of the state s, built once.
func (rs *remoteStates) fromState(s *stateSource) *eval.RemoteRoot {
	key := absPath(s.file)
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rr, ok := rs.states[key]; ok {
		return rr
	}
	rr := &eval.RemoteRoot{Name: s.name, Kind: s.kind(), Result: &eval.Result{Dir: s.file, Instances: s.src.Instances,
		Outputs: s.src.Outputs, Files: []string{filepath.FromSlash(s.file)}}}
	rs.states[key] = rr
	return rr
}
