package parsers

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/internal/hclfast"
	"github.com/daslint/daslint/internal/parallel"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// The scan of Terraform module directories for the pre-selection
// (preselect.go): what their files' bytes say of the modules they call,
// the remote states they read and whether they may read other files.

// dirScan is what the bytes of one Terraform module directory say.
type dirScan struct {
	// modules are the absolute directories of its literal local module
	// sources.
	modules []string
	// open is set when it may read files the scan cannot name: a module
	// source that is not literal, a file function, a file that does not
	// parse.
	open bool
	// remote is set when it calls a registry or remote module.
	remote bool
	// refs are its terraform_remote_state data sources, and pending the
	// files that may declare more, parsed only when a state was selected
	// (see states).
	refs    []stateRef
	pending []pendingFile
}

// pendingFile is a Terraform file not parsed yet, or one of its
// terraform_remote_state blocks (block).
type pendingFile struct {
	name  string
	data  []byte
	block bool
}

// stateRef is a terraform_remote_state as written: the backend and
// workspace it names when they are literal, else unclear.
type stateRef struct {
	b       eval.Backend
	ws      string
	unclear bool
}

// remoteState is the data source whose blocks a scan looks for.
var remoteState = []byte("terraform_remote_state")

// fileFunctions are the functions that read a file named by an argument,
// and terragruntFunctions those of Terragrunt configuration.
var (
	fileFunctions       = []string{"file", "templatefile"}
	terragruntFunctions = []string{"file", "templatefile", "read_terragrunt_config", "read_tfvars_file", "sops_decrypt_file"}
)

// scan scans the Terraform files of dir, once.
func (p *preselection) scan(dir string) *dirScan {
	if s := p.scans[dir]; s != nil {
		return s
	}
	s, bt := scanDir(dir)
	p.record(dir, s, bt)
	return s
}

// record keeps the scan of dir and, for the remote-state lookups by key
// (readBackendText), its backend text.
func (p *preselection) record(dir string, s *dirScan, bt *backendText) {
	p.scans[dir] = s
	if p.opts.backendTexts != nil {
		p.opts.backendTexts[dir] = bt
	}
}

// scanRoots scans the directories of every Terraform root not scanned
// yet, on every core: run looks through each root's files (direct), and
// reading a thousand roots' files one after the other is most of a
// pre-commit run in a monorepo. What it records is what scan would.
func (p *preselection) scanRoots() {
	var dirs []string
	seen := map[string]bool{}
	for _, r := range p.roots {
		if r.kind != terraformRoot {
			continue
		}
		if d := p.abs(r.path); p.scans[d] == nil && !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	scans := make([]*dirScan, len(dirs))
	texts := make([]*backendText, len(dirs))
	parallel.ForEach(len(dirs), parallel.Workers(p.opts.Jobs), func(i int) {
		scans[i], texts[i] = scanDir(dirs[i])
	})
	for i, d := range dirs {
		p.record(d, scans[i], texts[i])
	}
}

// scanDir scans the Terraform files of dir, and reads the backend text
// of the directory from the same bytes. It reads nothing but dir.
func scanDir(dir string) (*dirScan, *backendText) {
	s, bt := &dirScan{}, &backendText{}
	if err := eachTerraformFile(dir, func(name string, data []byte, err error) bool {
		if !bt.any {
			bt.add(name, data, err)
		}
		if err != nil {
			s.open = true // unread, or a named pipe or a device, never read
			return true
		}
		s.scanFile(filepath.Join(dir, name), data)
		return true
	}); err != nil {
		bt.any = true // no directory: no module, nothing read
	}
	return s, bt
}

// scanFile adds what one Terraform file says to s. It parses the file
// only when it may call a module; one that may declare a remote state is
// kept for states.
func (s *dirScan) scanFile(name string, data []byte) {
	if callsAny(data, fileFunctions) {
		s.open = true
		return
	}
	json := strings.HasSuffix(name, ".json")
	if json || blockOf(data, "module") {
		f := parseTerraform(name, data)
		if f == nil {
			s.open = true
			return
		}
		s.addBlocks(filepath.Dir(name), f.Body, true)
		return
	}
	if !bytes.Contains(data, remoteState) {
		return
	}
	if blocks, ok := stateBlocks(data); ok {
		for _, b := range blocks {
			s.pending = append(s.pending, pendingFile{name: name, data: b, block: true})
		}
		return
	}
	s.pending = append(s.pending, pendingFile{name: name, data: data})
}

// parseTerraform parses a Terraform file, or returns nil.
func parseTerraform(name string, data []byte) *hcl.File {
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(name, ".json") {
		f, diags = hclparse.NewParser().ParseJSON(data, name)
	} else if fast, ok := hclfast.ParseConfig(data, name); ok {
		f = fast
	} else {
		f, diags = hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	}
	if diags.HasErrors() {
		return nil
	}
	return f
}

// blockSchema are the blocks a scan reads.
var blockSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
}}

// addBlocks adds the module calls (when modules is set) and remote states
// of a body.
func (s *dirScan) addBlocks(dir string, body hcl.Body, modules bool) {
	content, _, diags := body.PartialContent(blockSchema)
	if diags.HasErrors() {
		s.open = true
		return
	}
	for _, b := range content.Blocks {
		switch {
		case b.Type == "module" && modules:
			s.module(dir, b.Body)
		case b.Type == "data" && b.Labels[0] == "terraform_remote_state":
			s.refs = append(s.refs, stateOf(dir, b))
		}
	}
}

// states returns the remote states of the directory that may name one of
// have, parsing what it must of the files that may declare one: each
// block alone when the blocks can be cut out of the file (stateBlocks),
// else the whole file. A block whose every value is a literal string and
// which spells none of have's keys is passed over (see skips), and kept
// for a later call with more states; none is when a Terragrunt unit, whose
// state the scan does not know, is selected (unit).
func (s *dirScan) states(have []eval.Backend, unit bool) []stateRef {
	rest := s.pending[:0]
	for _, f := range s.pending {
		if f.block && !unit && skips(f.data, have) {
			rest = append(rest, f)
			continue
		}
		pf := parseTerraform(f.name, f.data)
		if pf == nil {
			s.refs = append(s.refs, stateRef{unclear: true})
			continue
		}
		s.addBlocks(filepath.Dir(f.name), pf.Body, false)
	}
	s.pending = rest
	return s.refs
}

// module adds a module call's source.
func (s *dirScan) module(dir string, body hcl.Body) {
	content, _, _ := body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "source"}}})
	a := content.Attributes["source"]
	if a == nil {
		return // no module is read
	}
	v, ok := literalValue(a)
	if !ok || v.Type() != cty.String {
		s.open = true
		return
	}
	src := v.AsString()
	if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".." {
		s.modules = append(s.modules, filepath.Clean(filepath.Join(dir, filepath.FromSlash(src))))
		return
	}
	s.remote = true
}

// literalValue is the value of an attribute without variables or
// functions, when it has one.
func literalValue(a *hcl.Attribute) (cty.Value, bool) {
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
		return cty.NilVal, false
	}
	return v, true
}

// stateOf reads a terraform_remote_state block's backend, config and
// workspace as literals.
func stateOf(dir string, b *hcl.Block) stateRef {
	unclear := stateRef{unclear: true}
	content, _, diags := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "backend"}, {Name: "config"}, {Name: "workspace"},
	}})
	if diags.HasErrors() || content.Attributes["backend"] == nil {
		return unclear
	}
	typ, ok := literalValue(content.Attributes["backend"])
	if !ok || typ.Type() != cty.String {
		return unclear
	}
	ref := stateRef{ws: defaultWorkspace}
	if a := content.Attributes["workspace"]; a != nil {
		w, ok := literalValue(a)
		if !ok || w.Type() != cty.String {
			return unclear
		}
		ref.ws = w.AsString()
	}
	config := cty.NullVal(cty.EmptyObject)
	if a := content.Attributes["config"]; a != nil {
		if config, ok = literalValue(a); !ok {
			return unclear
		}
	}
	bk, unresolved := eval.ConfigBackend(typ.AsString(), config, dir, model.Range{})
	if unresolved != nil || bk.Type == "local" {
		// A local state is a file, which may be any of the run's.
		return unclear
	}
	ref.b = bk
	return ref
}
