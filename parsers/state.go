package parsers

import (
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/tfplan"
)

// Terraform state and plan JSON as sources (docs/semantics.md#the-world-beyond-one-root):
// given as PATH or with --context, a state (`terraform show -json`, or the
// format-4 JSON of terraform.tfstate and `terraform state pull`) settles
// the literal IDs of the other roots of the run by its resources' real
// IDs, their data sources by exact ID (state_data.go), and the
// terraform_remote_state that reads its root (remotestate.go). A plan
// settles the same for its resources that exist already (their IDs are
// known). The objects join under `<state file>::<address>`, the way
// another root's objects join under `<root>::<address>`, and keep the
// state file's positions (or the code beside it), which is their
// provenance.

// stateSource is one state or plan JSON of the run, as a source.
type stateSource struct {
	// name is the state file's path relative to its read boundary (the
	// same from any working directory), else as given: the prefix of the
	// addresses of its objects once joined.
	name string
	file string // as given, with / separators
	src  *tfplan.Source
	// real is the source of its objects by real ID, built once.
	real *realSource
}

// kind is the kind of source s is, for provenance.
func (s *stateSource) kind() model.SourceKind {
	if s.src.State {
		return model.FromTFState
	}
	return model.FromTFPlan
}

// newStateSource builds the source of the document src read from root r.
func newStateSource(r root, src *tfplan.Source) *stateSource {
	if src == nil {
		return nil
	}
	name := stateKey(r)
	s := &stateSource{name: name, file: filepath.ToSlash(r.path), src: src}
	prefix := eval.JoinPrefix(name)
	var ins []*eval.Instance
	for _, in := range src.Instances {
		if eval.Joins(in) || joinsByIdentifier(in) {
			// Each object says it came from the state (or plan) under
			// its own address (model.Origin.From).
			ins = append(ins, eval.JoinInstance(in, prefix, s.kind()))
		}
	}
	// The translation's diagnostics are the document's own, reported when
	// it is linted.
	m, _ := terraform.Translate(&eval.Result{Dir: r.path, Instances: ins})
	rs := newRealSource(m)
	for id, addr := range src.IDs {
		rs.ids[id] = prefix + addr
	}
	s.real = rs
	return s
}

// joinsByIdentifier reports whether in is a cluster or a cluster instance
// of a state: those join a reading root only when an activity stream there
// names the cluster by identifier or ARN (join_clusters.go), never through
// the network objects that link to them, so they are in the source's model
// but not joinable.
func joinsByIdentifier(in *eval.Instance) bool {
	return in != nil && in.Mode == eval.Managed && (in.Type == "aws_rds_cluster" || in.Type == "aws_rds_cluster_instance")
}

// stateKey names the state of r in addresses and reasons: its path
// relative to its read boundary, the same from any working directory
// (docs/semantics.md#where-a-run-starts-does-not-matter), unless another root of the run has that name too
// (distinctKeys): then its path as given.
func stateKey(r root) string {
	if k := rootKey(r); k != "" && !r.asGiven {
		return k
	}
	return filepath.ToSlash(r.path)
}

// sniffTerraformJSON reports whether the file at path may be the output of
// `terraform show -json` or a format-4 state, from its head; loading
// decides (tfplan.Claims).
func sniffTerraformJSON(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json", ".tfstate":
	default:
		return false
	}
	h := inputfile.Head(path, 4<<10)
	return strings.Contains(string(h), `"format_version"`) || strings.Contains(string(h), `"terraform_version"`)
}

// candidateStates are the roots of the run that may be a state or plan
// JSON, found once: every root read asks for them. A template candidate
// whose head looks like one is asked too: one the plan front end could not
// read (larger than --max-file-bytes, out of the tree) is then read as a
// template, so that a --context source's problem is reported.
func (c *catalog) candidateStates() []root {
	c.stateOnce.Do(func() {
		for _, r := range c.roots {
			if (r.kind == planFile || r.kind == templateFile) && sniffTerraformJSON(r.path) {
				c.stateRoots = append(c.stateRoots, r)
			}
		}
	})
	return c.stateRoots
}

// joinSources are the sources of real objects of the run for the root
// self: every facts snapshot, then every state and plan JSON but self, in
// path order (one beside its root's code too, which a walk does not lint).
// Facts come first: the first source that holds an ID settles it.
func (c *catalog) joinSources(self root) (facts, states []*realSource) {
	for _, r := range c.roots {
		if r.kind != factsDir {
			continue
		}
		if f := c.getRoot(r); f != nil && f.real != nil {
			facts = append(facts, f.real)
		}
	}
	for _, r := range c.candidateStates() {
		if absPath(r.path) == absPath(self.path) {
			continue
		}
		if st := c.stateOf(r); st != nil {
			states = append(states, st.real)
		}
	}
	return facts, states
}

// joinedFiles are the files, other than its own, whose objects joined m:
// a change to one of them re-lints the root (Options.Changed).
func joinedFiles(m *model.Model) []string {
	if m == nil {
		return nil
	}
	out := make([]string, 0, len(m.Joined))
	for _, f := range m.Joined {
		out = append(out, filepath.FromSlash(f))
	}
	return out
}
