package eval

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// Backend is where a root keeps its state, as its `terraform { backend }`
// (or `cloud`) block declares it, or as a terraform_remote_state data source
// names it (docs/semantics.md#remote-state). Two backends name the same state when their
// identity fields are equal (see Match); fields that only say how to reach
// the storage (region, credentials) play no part.
type Backend struct {
	// Type is the backend type: s3, local, remote (also for a `cloud`
	// block), gcs, azurerm, or another type daslint does not match.
	Type string
	// Config holds the identity fields that are set, as literal strings:
	// s3 bucket, key, workspace_key_prefix; local path, workspace_dir;
	// remote hostname, organization, name, prefix (from `workspaces`); gcs
	// bucket, prefix; azurerm storage_account_name, container_name, key.
	Config map[string]string
	// ByTags is set when a `workspaces` block selects the workspace by
	// `tags` (a cloud block) instead of naming it: which workspace the root
	// uses is chosen with `terraform workspace select` or TF_WORKSPACE,
	// never in the code. Tags are the tags as written, when literal.
	ByTags bool
	Tags   []string
	// Dir is the root's directory: a local path is relative to it.
	Dir string
	// Range is the backend block, or the data source.
	Range model.Range
}

// defaultWorkspace is the workspace Terraform selects unless told otherwise.
const defaultWorkspace = "default"

// backendFields are the identity fields of each backend type, and their
// defaults; requiredFields (below) says which must be set.
var backendFields = sync.OnceValue(func() map[string]map[string]string {
	return map[string]map[string]string{
		"s3":      {"bucket": "", "key": "", "workspace_key_prefix": "env:"},
		"local":   {"path": "terraform.tfstate", "workspace_dir": "terraform.tfstate.d"},
		"remote":  {"hostname": "app.terraform.io", "organization": "", "name": "", "prefix": ""},
		"gcs":     {"bucket": "", "prefix": ""},
		"azurerm": {"storage_account_name": "", "container_name": "", "key": ""},
	}
})

// requiredFields are the identity fields without which a backend names no state
// (remote needs one of workspaces.name and workspaces.prefix).
var requiredFields = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"s3":      {"bucket", "key"},
		"remote":  {"organization"},
		"gcs":     {"bucket"},
		"azurerm": {"container_name", "key", "storage_account_name"},
	}
})

// get returns field f with its default.
func (b Backend) get(f string) string {
	if v, ok := b.Config[f]; ok {
		return v
	}
	return backendFields()[b.Type][f]
}

// Missing lists the identity fields the backend leaves unset that it needs
// to be matched: a partial configuration (`terraform init -backend-config`)
// is completed only at init time, which daslint does not see.
func (b Backend) Missing() []string {
	if _, ok := backendFields()[b.Type]; !ok {
		return []string{"type " + b.Type}
	}
	var out []string
	for _, f := range requiredFields()[b.Type] {
		if _, set := b.Config[f]; !set {
			out = append(out, f)
		}
	}
	if b.Type == "remote" && b.Config["name"] == "" && b.Config["prefix"] == "" {
		out = append(out, "workspaces.name")
	}
	return out
}

// Unnamed says why a backend whose state cannot be matched (Missing is
// not empty) names no state in the code: its workspace is chosen by tags at
// `terraform workspace select`, or fields are given at init. Empty when
// Missing is empty.
func (b Backend) Unnamed() string {
	missing := b.Missing()
	if len(missing) == 0 {
		return ""
	}
	if b.Type == "remote" && b.ByTags && len(missing) == 1 && missing[0] == "workspaces.name" {
		tags := "tags"
		if len(b.Tags) > 0 {
			tags = "tags " + strings.Join(b.Tags, ", ")
		}
		return fmt.Sprintf("its workspaces are selected by %s: the one it uses is chosen with terraform workspace select or TF_WORKSPACE, which daslint does not see", tags)
	}
	return fmt.Sprintf("its %s backend does not set %s: given at init, as with -backend-config", b.Type, strings.Join(missing, ", "))
}

// String describes the backend for messages: `s3 backend (bucket "b",
// key "k")`, with the fields that are set, in a stable order.
func (b Backend) String() string {
	keys := make([]string, 0, len(b.Config))
	for k := range b.Config {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %q", k, b.Config[k]))
	}
	if len(parts) == 0 {
		return b.Type + " backend"
	}
	return fmt.Sprintf("%s backend (%s)", b.Type, strings.Join(parts, ", "))
}

// MatchKey is what two backends that Match (in any workspace) have in
// common, so that a caller with many roots can look up the candidates
// instead of trying each: the bucket and key for s3, "" for the other
// types (every root of the type is a candidate) and for a backend that
// leaves a field Match needs unset (it matches nothing).
func (b Backend) MatchKey() string {
	if b.Type != "s3" || len(b.Missing()) > 0 {
		return ""
	}
	return b.get("bucket") + "\x00" + b.get("key")
}

// Match reports whether the state that want names in workspace ws (as a
// terraform_remote_state data source gives them) is kept by a root whose
// backend is have, and in which of that root's workspaces. Both must be
// complete (Missing is empty). The rules are the backends' own:
//   - s3: same bucket and key; a workspace other than "default" is stored
//     under `<workspace_key_prefix>/<workspace>/<key>`, so the prefixes
//     must agree too.
//   - local: the same state file: `path` relative to each root's directory
//     for "default", else `<workspace_dir>/<workspace>/terraform.tfstate`.
//   - remote (and cloud): same hostname and organization, and the remote
//     workspace name: `workspaces.name`, or `workspaces.prefix` followed by
//     the workspace.
//   - gcs: same bucket and prefix; azurerm: same storage account, container
//     and key. Every workspace of such a root is stored beside the others.
func Match(want Backend, ws string, have Backend) (workspace string, ok bool) {
	// Keep MatchKey in step with the cases below.
	if ws == "" {
		ws = defaultWorkspace
	}
	if want.Type != have.Type || len(want.Missing()) > 0 || len(have.Missing()) > 0 {
		return "", false
	}
	same := func(fields ...string) bool {
		for _, f := range fields {
			if want.get(f) != have.get(f) {
				return false
			}
		}
		return true
	}
	switch want.Type {
	case "s3":
		if !same("bucket", "key") || (ws != defaultWorkspace && !same("workspace_key_prefix")) {
			return "", false
		}
		return ws, true
	case "local":
		if ws == defaultWorkspace {
			return ws, samePath(filepath.Join(want.Dir, want.get("path")), filepath.Join(have.Dir, have.get("path")))
		}
		state := func(b Backend) string {
			return filepath.Join(b.Dir, b.get("workspace_dir"), ws, "terraform.tfstate")
		}
		return ws, samePath(state(want), state(have))
	case "remote":
		if !same("hostname", "organization") {
			return "", false
		}
		name := want.get("name")
		if name == "" {
			name = want.get("prefix") + ws
		}
		if n := have.get("name"); n != "" {
			return defaultWorkspace, n == name
		}
		rest, found := strings.CutPrefix(name, have.get("prefix"))
		return rest, found && rest != ""
	case "gcs":
		if want.Config["bucket"] != have.Config["bucket"] ||
			strings.Trim(want.get("prefix"), "/") != strings.Trim(have.get("prefix"), "/") {
			return "", false
		}
		return ws, true
	case "azurerm":
		return ws, same("storage_account_name", "container_name", "key")
	}
	return "", false
}

// samePath compares two file paths given in different forms.
func samePath(a, b string) bool {
	return absDir(a) == absDir(b)
}

// RootBackend reads the backend that the root module in dir declares,
// without evaluating anything: backend blocks take only literal values. A
// root that declares none keeps its state in terraform.tfstate in its
// directory (the local backend). Files are read only below root (empty:
// dir) and up to maxBytes (0: no limit); files that cannot be read are
// skipped, as the root's own evaluation reports them.
func RootBackend(dir, root string, maxBytes int64) Backend {
	return (*ParseCache)(nil).RootBackend(dir, root, maxBytes)
}

// RootBackend is RootBackend through the cache: when the cache keeps the
// root's directory (see ParseCache), it is prepared once for this read and
// the root's evaluation alike.
func (c *ParseCache) RootBackend(dir, root string, maxBytes int64) Backend {
	if root == "" {
		root = dir
	}
	confine := absDir(root)
	b := Backend{Type: "local", Config: map[string]string{}, Dir: dir}
	files, _, err := configFiles(dir)
	if err != nil {
		return b
	}
	p := hclparse.NewParser()
	var ds diag.Diagnostics
	if c.keepsRoot(dir, confine, maxBytes, files) {
		cfg, _ := c.module(p, dir, confine, maxBytes, &ds, false, nil)
		for _, name := range cfg.files {
			if found, ok := backendOfFile(p.Files()[name], dir); ok {
				return found
			}
		}
		return b
	}
	// Read up to the file that declares the backend, no further.
	for _, name := range files {
		f, _ := parseFile(nil, p, name, confine, maxBytes, &ds)
		if f == nil {
			continue
		}
		if found, ok := backendOfFile(f, dir); ok {
			return found
		}
	}
	return b
}

var terraformSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "backend", LabelNames: []string{"type"}},
	{Type: "cloud"},
}}

// backendOfFile returns the backend a file's terraform block declares.
func backendOfFile(f *hcl.File, dir string) (Backend, bool) {
	content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "terraform"}}})
	for _, tb := range content.Blocks {
		inner, _, _ := tb.Body.PartialContent(terraformSchema)
		for _, b := range inner.Blocks {
			typ := "remote"
			if b.Type == "backend" {
				typ = b.Labels[0]
			}
			out := Backend{Type: typ, Config: literalFields(typ, b.Body), Dir: dir, Range: Range(b.DefRange)}
			if typ == "remote" {
				out.ByTags, out.Tags = workspaceTags(b.Body)
			}
			return out, true
		}
	}
	return Backend{}, false
}

// literalFields reads the literal string identity fields of a backend block
// of type typ, and those of its `workspaces` block. An argument that is not
// a literal string is left unset: Terraform would refuse it, so the field is
// not known.
func literalFields(typ string, body hcl.Body) map[string]string {
	out := map[string]string{}
	names := make([]string, 0, len(backendFields()[typ]))
	for n := range backendFields()[typ] {
		if typ != "remote" || (n != "name" && n != "prefix") {
			names = append(names, n)
		}
	}
	content, _, _ := body.PartialContent(&hcl.BodySchema{
		Attributes: attrSchema(names...),
		Blocks:     []hcl.BlockHeaderSchema{{Type: "workspaces"}},
	})
	for n, a := range content.Attributes {
		if s, ok := literalString(a.Expr); ok {
			out[n] = s
		}
	}
	for _, ws := range content.Blocks {
		wc, _, _ := ws.Body.PartialContent(&hcl.BodySchema{Attributes: attrSchema("name", "prefix")})
		for n, a := range wc.Attributes {
			if s, ok := literalString(a.Expr); ok {
				out[n] = s
			}
		}
	}
	return out
}

// workspaceTags reports whether the `workspaces` block of a cloud (or
// remote) block selects workspaces by `tags`, and the tags when they are
// literal: a list (`["net"]`) or, since Terraform 1.10, a map
// (`{team = "net"}`, written key=value).
func workspaceTags(body hcl.Body) (bool, []string) {
	content, _, _ := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "workspaces"}}})
	for _, ws := range content.Blocks {
		wc, _, _ := ws.Body.PartialContent(&hcl.BodySchema{Attributes: attrSchema("tags")})
		a := wc.Attributes["tags"]
		if a == nil {
			continue
		}
		v, ds := a.Expr.Value(nil)
		if ds.HasErrors() || !v.IsWhollyKnown() || v.IsNull() || !v.CanIterateElements() {
			return true, nil
		}
		var tags []string
		isMap := v.Type().IsObjectType() || v.Type().IsMapType()
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if e.Type() != cty.String || e.IsNull() {
				return true, nil
			}
			if isMap {
				tags = append(tags, fmt.Sprintf("%s=%q", k.AsString(), e.AsString()))
			} else {
				tags = append(tags, strconv.Quote(e.AsString()))
			}
		}
		return true, tags
	}
	return false, nil
}

func attrSchema(names ...string) []hcl.AttributeSchema {
	out := make([]hcl.AttributeSchema, len(names))
	for i, n := range names {
		out[i] = hcl.AttributeSchema{Name: n}
	}
	return out
}

// literalString evaluates expr without variables or functions.
func literalString(expr hcl.Expression) (string, bool) {
	v, ds := expr.Value(nil)
	if ds.HasErrors() || !v.IsWhollyKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// remoteBackend reads the backend that a terraform_remote_state instance
// names: `backend`, `config` and `workspace`. It returns a reason when they
// are not known.
func remoteBackend(inst *Instance, dir string) (Backend, string, *model.Unresolved) {
	b := Backend{Config: map[string]string{}, Dir: dir, Range: Range(inst.DefRange)}
	notKnown := func(what string, v cty.Value) *model.Unresolved {
		reason := fmt.Sprintf("%s: the %s is not known", inst.Address, what)
		if rs := Reasons(v); len(rs) > 0 {
			reason += " (" + rs[0].Reason + ")"
		}
		return &model.Unresolved{Kind: model.FromDataSource, Reason: reason, Range: Range(inst.DefRange)}
	}
	a := inst.Body.Attr("backend")
	if a == nil || !a.Value.IsWhollyKnown() || a.Value.IsNull() || a.Value.Type() != cty.String {
		var v cty.Value
		if a != nil {
			v = a.Value
		} else {
			v = cty.NullVal(cty.String)
		}
		return b, "", notKnown("backend", v)
	}
	typ, _ := a.Value.Unmark()
	b.Type = typ.AsString()
	if b.Type == "cloud" {
		b.Type = "remote"
	}
	ws := defaultWorkspace
	if w := inst.Body.Attr("workspace"); w != nil && !w.Value.IsNull() {
		s, ok := knownString(w.Value)
		if !ok {
			return b, "", notKnown("workspace", w.Value)
		}
		ws = s
	}
	c := inst.Body.Attr("config")
	if c == nil || c.Value.IsNull() {
		return b, ws, nil
	}
	if field, ok := setConfig(&b, c.Value); !ok {
		return b, "", notKnown(field, c.Value)
	}
	return b, ws, nil
}

// setConfig copies the identity fields of a backend configuration object
// (as terraform_remote_state's `config` or Terragrunt's remote_state
// `config` give it) into b.Config; other fields are ignored. When a field
// it needs is not a known string it returns what is not known.
func setConfig(b *Backend, config cty.Value) (string, bool) {
	cv, _ := config.UnmarkDeep()
	if ty := cv.Type(); !cv.IsKnown() || (!ty.IsObjectType() && !ty.IsMapType()) {
		return "config", false
	}
	for it := cv.ElementIterator(); it.Next(); {
		k, v := it.Element()
		name := k.AsString()
		if name == "workspaces" && v.IsKnown() && !v.IsNull() && (v.Type().IsObjectType() || v.Type().IsMapType()) {
			for wit := v.ElementIterator(); wit.Next(); {
				wk, wv := wit.Element()
				if n := wk.AsString(); n == "name" || n == "prefix" {
					s, ok := knownString(wv)
					if !ok {
						return "config", false
					}
					b.Config[n] = s
				}
			}
			continue
		}
		if _, identity := backendFields()[b.Type][name]; !identity {
			continue
		}
		s, ok := knownString(v)
		if !ok {
			return "config " + name, false
		}
		b.Config[name] = s
	}
	return "", true
}

// ConfigBackend is the backend of type typ with the identity fields of
// config (an object as a terraform_remote_state's `config`), for a root in
// dir: how a Terragrunt unit's remote_state block names its state. When a
// field is not known offline it returns the reason, naming it.
func ConfigBackend(typ string, config cty.Value, dir string, at model.Range) (Backend, *model.Unresolved) {
	if typ == "cloud" {
		typ = "remote"
	}
	b := Backend{Type: typ, Config: map[string]string{}, Dir: dir, Range: at}
	if config.IsNull() {
		return b, nil
	}
	if field, ok := setConfig(&b, config); !ok {
		reason := fmt.Sprintf("the %s of the %s backend is not known offline", strings.TrimPrefix(field, "config "), typ)
		if rs := Reasons(config); len(rs) > 0 {
			reason += " (" + rs[0].Reason + ")"
		}
		return b, &model.Unresolved{Kind: model.FromInput, Reason: reason, Range: at}
	}
	return b, nil
}

// knownString returns v as a Go string when it is a known string (or a
// value that converts to one).
func knownString(v cty.Value) (string, bool) {
	v, _ = v.UnmarkDeep()
	if !v.IsWhollyKnown() || v.IsNull() {
		return "", false
	}
	s, err := convertTo(v, cty.String)
	if err != nil {
		return "", false
	}
	return s.AsString(), true
}
