package eval

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// RemoteSeparator joins the name of another root (RemoteRoot.Name) and the
// address of one of its resources once it joins the reading root:
// `network::aws_subnet.private[0]`. It keeps the other root's objects apart
// from the reading root's own, which may use the same addresses.
const RemoteSeparator = "::"

// RemoteRoot is the root a terraform_remote_state reads, evaluated.
type RemoteRoot struct {
	// Name names the root and its workspace in the addresses of its
	// objects (`network`, `network@prod`); the caller keeps it the same
	// for the same root and workspace, and distinct for different ones.
	Name   string
	Result *Result
	// Kind is the kind of source the root is, for the provenance of its
	// objects (model.Provenance); empty means a Terraform root.
	Kind model.SourceKind
}

// notJoinedType reports whether resource type of another root does not join the
// reading root: that root's clusters are linted in that root (or, given
// only as context, not at all), never twice.
func notJoinedType(name string) bool {
	switch name {
	case "aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_cluster_activity_stream":
		return true
	}
	return false
}

// remoteOutputs returns the `outputs` of a terraform_remote_state instance:
// the outputs of the root whose state it reads, evaluated from that root's
// code, with that root's resources joined to this evaluation (docs/semantics.md#remote-state).
// What cannot be matched is unknown, with the reason.
func (e *evaluator) remoteOutputs(inst *Instance) cty.Value {
	b, ws, why := remoteBackend(inst, e.rootDir)
	if why == nil && e.opts.RemoteState == nil {
		why = &model.Unresolved{Kind: model.FromDataSource, Range: Range(inst.DefRange),
			Reason: fmt.Sprintf("%s reads the state of another root (%s); no roots are known to match it", inst.Address, b)}
	}
	if why != nil {
		return unknown(cty.DynamicPseudoType, why)
	}
	remote, why := e.opts.RemoteState(b, ws)
	if why != nil {
		if why.Range.File == "" {
			why.Range = Range(inst.DefRange)
		}
		if why.Kind == "" {
			why.Kind = model.FromDataSource
		}
		return unknown(cty.DynamicPseudoType, why)
	}
	other := remote.Result
	prefix, first := e.joinPrefix(remote)
	outputs := make(map[string]cty.Value, len(other.Outputs))
	for name, v := range other.Outputs {
		outputs[name] = prefixValue(v, prefix)
	}
	// Outputs the other root does not declare take `defaults`, as
	// Terraform gives them for outputs its state lacks.
	if d := inst.Body.Attr("defaults"); d != nil && d.Value.IsKnown() && !d.Value.IsNull() {
		dv := d.Value
		if ty := dv.Type(); ty.IsObjectType() || ty.IsMapType() {
			for it := dv.ElementIterator(); it.Next(); {
				k, v := it.Element()
				if _, declared := outputs[k.AsString()]; !declared {
					outputs[k.AsString()] = v
				}
			}
		}
	}
	if first {
		e.joinObjects(remote, prefix)
	}
	return cty.ObjectVal(outputs)
}

// joinObjects adds the managed resources of r (but its clusters) to this
// evaluation under prefix, with what r could not read.
func (e *evaluator) joinObjects(r *RemoteRoot, prefix string) {
	other := r.Result
	kind := r.Kind
	if kind == "" {
		kind = model.FromTerraformRoot
	}
	for _, in := range other.Instances {
		if in == nil || in.Mode != Managed || notJoinedType(in.Type) {
			continue
		}
		e.instances = append(e.instances, joinInstance(in, prefix, kind))
	}
	e.limits = append(e.limits, other.Unread...)
	e.remoteFiles = append(e.remoteFiles, other.Files...)
	e.remoteFiles = append(e.remoteFiles, other.RemoteFiles...)
}

// join joins r (Options.Joins) before evaluation starts, so that its
// prefix is JoinPrefix(r.Name).
func (e *evaluator) join(r *RemoteRoot) {
	if prefix, first := e.joinPrefix(r); first {
		e.joinObjects(r, prefix)
	}
}

// JoinPrefix is the address prefix of the objects of a root joined through
// Options.Joins under name.
func JoinPrefix(name string) string {
	if name == "" {
		name = "remote"
	}
	return name + RemoteSeparator
}

// PrefixValue returns v with every identity token in it given prefix, as
// the values of a joined root's outputs must be to name its objects.
func PrefixValue(v cty.Value, prefix string) cty.Value { return prefixValue(v, prefix) }

// joinPrefix returns the address prefix of the objects of r, and whether r
// joins for the first time. Every data source that reads the same root and
// workspace (the root module's, a module's, each of a count) sees the same
// objects: a security group from one and subnets from another are in one
// VPC, as they are in AWS.
func (e *evaluator) joinPrefix(r *RemoteRoot) (string, bool) {
	if p, ok := e.joined[r.Result]; ok {
		return p, false
	}
	name := r.Name
	if name == "" {
		name = "remote"
	}
	p := name + RemoteSeparator
	for i := 2; e.joinedPrefixes[p]; i++ {
		p = fmt.Sprintf("%s#%d%s", name, i, RemoteSeparator)
	}
	if e.joined == nil {
		e.joined, e.joinedPrefixes = map[*Result]string{}, map[string]bool{}
	}
	e.joined[r.Result], e.joinedPrefixes[p] = p, true
	return p, true
}

// joinInstance copies an instance of another root into this evaluation: its
// address and every identity token in its values get prefix, and it keeps
// its own ranges, which point into the other root's files. Its provenance
// is that root (of the given kind) at its declaration, unless it had
// joined that root from a third source, which it names instead.
// Whether it exists is the other root's business: a data source with an
// unknown count reads a network that is there all the same.
func joinInstance(in *Instance, prefix string, kind model.SourceKind) *Instance {
	out := *in
	out.Address = prefix + in.Address
	if in.From == nil {
		out.From = &model.Provenance{Kind: kind, File: filepath.ToSlash(in.Range.Filename), Line: in.Range.Start.Line, ID: in.Address,
			Callers: callersOf(in.Callers)}
	}
	if in.Cohort != "" {
		out.Cohort = prefix + in.Cohort
	}
	out.Body = prefixBody(in.Body, prefix)
	out.Region = prefixValue(in.Region, prefix)
	return &out
}

// JoinInstance is joinInstance for a caller that joins the instances of
// another source itself: the resources of a Terraform state or plan JSON
// that other roots name by their real IDs (package parsers), kind the
// kind of that source for the provenance of its objects.
func JoinInstance(in *Instance, prefix string, kind model.SourceKind) *Instance {
	return joinInstance(in, prefix, kind)
}

// Joins reports whether an instance of another root joins a reading
// root: a managed resource that is not a cluster, an instance of one or an
// activity stream (those are linted in their own root).
func Joins(in *Instance) bool { return in != nil && in.Mode == Managed && !notJoinedType(in.Type) }

// callersOf are the module calls of an instance of another root, as its
// provenance keeps them (file names with forward slashes, as File).
func callersOf(rs []hcl.Range) []model.Range {
	if len(rs) == 0 {
		return nil
	}
	out := make([]model.Range, 0, len(rs))
	for _, r := range rs {
		if r.Filename == "" {
			return nil // not code (a state or plan JSON): no call to point at
		}
		c := Range(r)
		c.File = filepath.ToSlash(c.File)
		out = append(out, c)
	}
	return out
}

func prefixBody(b *Body, prefix string) *Body {
	if b == nil {
		return nil
	}
	out := &Body{Attrs: make([]Attr, len(b.Attrs)), Blocks: make(map[string][]*Block, len(b.Blocks))}
	for i, a := range b.Attrs {
		a.Value = prefixValue(a.Value, prefix)
		a.Partial = prefixTokens(a.Partial, prefix)
		out.Attrs[i] = a // same name, same order
	}
	for n, bs := range b.Blocks {
		nb := make([]*Block, len(bs))
		for i, blk := range bs {
			c := *blk
			c.Body = *prefixBody(&blk.Body, prefix)
			nb[i] = &c
		}
		out.Blocks[n] = nb
	}
	return out
}

// prefixTokens prefixes the address in every identity token inside s.
// Tokens that are not addresses (the region and zone tokens, which start
// with "?") are left as they are.
func prefixTokens(s, prefix string) string {
	open := tokenOpen()
	if !strings.Contains(s, open) {
		return s
	}
	var sb strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			sb.WriteString(s)
			return sb.String()
		}
		sb.WriteString(s[:i+len(open)])
		s = s[i+len(open):]
		if !strings.HasPrefix(s, "?") {
			sb.WriteString(prefix)
		}
	}
}

// prefixValue prefixes the identity tokens in every string of v, and the
// addresses of symbolic marks, keeping every other mark where it was.
func prefixValue(v cty.Value, prefix string) cty.Value {
	if v == cty.NilVal {
		return v
	}
	if top, marks := v.Unmark(); !top.IsKnown() {
		// Nothing inside to prefix. Keeping the unknown itself, rather
		// than the copy that cty's marking by paths makes, keeps what it
		// is: a zone list is only the very value made for it (zones.go).
		return top.WithMarks(prefixMarks(marks, prefix))
	}
	inner, pvm := v.UnmarkDeepWithPaths()
	out, err := cty.Transform(inner, func(_ cty.Path, x cty.Value) (cty.Value, error) {
		if x.Type() == cty.String && x.IsKnown() && !x.IsNull() {
			return cty.StringVal(prefixTokens(x.AsString(), prefix)), nil
		}
		return x, nil
	})
	if err != nil {
		return v
	}
	for i, p := range pvm {
		pvm[i].Marks = prefixMarks(p.Marks, prefix)
	}
	return out.MarkWithPaths(pvm)
}

// prefixMarks returns marks with the addresses of symbolic marks prefixed.
func prefixMarks(marks cty.ValueMarks, prefix string) cty.ValueMarks {
	out := make(cty.ValueMarks, len(marks))
	for m := range marks {
		if s, ok := m.(*symbolicMark); ok {
			m = &symbolicMark{address: prefix + s.address}
		}
		out[m] = struct{}{}
	}
	return out
}

// tokenOpen is the text that opens every identity token.
func tokenOpen() string {
	open, _, _ := strings.Cut(model.Token("a"), "a")
	return open
}
