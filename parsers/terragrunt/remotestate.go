package terragrunt

import (
	"fmt"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// remoteState is a remote_state block (or attribute) as evaluated in the
// unit: the backend type and its configuration. Its `generate` writes a
// backend file for the module, which says nothing more than this.
type remoteState struct {
	typ, config cty.Value
	rng         hcl.Range
}

// remoteStateBlock reads `remote_state { backend = … config = { … } }`.
func (r *reader) remoteStateBlock(b *hclsyntax.Block, ctx *hcl.EvalContext) *remoteState {
	rs := &remoteState{typ: cty.NullVal(cty.String), config: cty.NullVal(cty.DynamicPseudoType), rng: b.DefRange()}
	if a := b.Body.Attributes["backend"]; a != nil {
		rs.typ = r.value(a.Expr, ctx)
	}
	if a := b.Body.Attributes["config"]; a != nil {
		rs.config = r.value(a.Expr, ctx)
	}
	return rs
}

// remoteStateAttr reads the attribute form, `remote_state = { backend = …
// config = { … } }`, as a configuration read with read_terragrunt_config
// passes it on.
func (r *reader) remoteStateAttr(a *hclsyntax.Attribute, ctx *hcl.EvalContext) *remoteState {
	rs := &remoteState{typ: cty.NullVal(cty.String), config: cty.NullVal(cty.DynamicPseudoType), rng: a.SrcRange}
	v := r.value(a.Expr, ctx)
	uv, _ := v.Unmark()
	if !uv.IsKnown() || uv.IsNull() || (!uv.Type().IsObjectType() && !uv.Type().IsMapType()) {
		rs.typ = v // unknown, with its reason
		return rs
	}
	m := uv.AsValueMap()
	if t, ok := m["backend"]; ok {
		rs.typ = t
	}
	if c, ok := m["config"]; ok {
		rs.config = c
	}
	return rs
}

// backend is the state the block names, for the unit in dir; the reason
// when its type or an identity field is not known offline.
func (rs *remoteState) backend(dir string) (*eval.Backend, *model.Unresolved) {
	at := rng(rs.rng)
	typ, _ := rs.typ.Unmark()
	if !typ.IsKnown() || typ.IsNull() || typ.Type() != cty.String {
		u := &model.Unresolved{Kind: model.FromInput, Range: at, Reason: "the backend of the unit's remote_state is not known offline"}
		if rs := eval.Reasons(rs.typ); len(rs) > 0 {
			u.Reason += " (" + rs[0].Reason + ")"
		}
		return nil, u
	}
	b, why := eval.ConfigBackend(typ.AsString(), rs.config, dir, at)
	return &b, why
}

// localStateInCache says why a unit with a terraform.source and a local
// backend with a relative path keeps its state where no configuration can
// name it: Terragrunt runs Terraform in a copy of the module under
// .terragrunt-cache, and the path is relative to that copy.
func localStateInCache(b *eval.Backend) *model.Unresolved {
	if b == nil || b.Type != "local" {
		return nil
	}
	if p, ok := b.Config["path"]; ok && filepath.IsAbs(p) {
		return nil
	}
	return &model.Unresolved{Kind: model.FromInput, Range: b.Range, Reason: fmt.Sprintf(
		"the unit's %s keeps its state relative to the copy of its module in .terragrunt-cache", b)}
}

// pickInclude selects the include a function such as
// path_relative_to_include(name) means, in the file that has the include
// blocks (dirs: the included file's directory by label, "" for an unlabelled
// block): none ("" and no error) when there is no include, the only one
// when there is one, else the one named, which must be given (Terragrunt's
// getSelectedIncludeBlock).
func pickInclude(dirs map[string]string, label string, named bool) (string, error) {
	switch {
	case len(dirs) == 0:
		return "", nil
	case len(dirs) == 1 && !named:
		for _, d := range dirs {
			return d, nil
		}
	case !named:
		return "", fmt.Errorf("this file has %d include blocks: name the one meant, as in path_relative_to_include(\"root\")", len(dirs))
	}
	d, ok := dirs[label]
	if !ok {
		if len(dirs) == 1 {
			// Terragrunt ignores the name when there is one include.
			for _, d := range dirs {
				return d, nil
			}
		}
		return "", fmt.Errorf("no include block is labelled %q", label)
	}
	return d, nil
}
