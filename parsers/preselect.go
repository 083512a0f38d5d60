package parsers

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/terragrunt"
)

// A pre-commit hook passes a few changed files of a tree that may hold
// hundreds of roots, and evaluating every root to learn which ones read
// those files (touches) costs seconds. The pre-selection settles, before
// anything is evaluated, which roots *may* read a changed file, from what
// discovery found and a scan of the files' bytes (parsed, without
// evaluation, only where a byte pattern says a module call or a remote
// state is there): only those roots are read, and touches keeps the exact
// answer among them. It must never leave out a root that touches would
// keep, as that is a false pass of the hook: whatever it cannot settle
// without evaluation selects the root.
//
// The rules, for a changed file f:
//   - A Terraform root reads the directories of its own files and of the
//     local modules it calls through literal `./` or `../` sources, called
//     transitively; f in one of them selects it (touches counts any file
//     of such a directory). A module source that is no literal, a remote
//     module whose copy may be in .terraform/modules, a file function
//     (file, templatefile, fileset, …) or a file that does not parse
//     selects it whatever changed.
//   - A terraform_remote_state whose backend, config and workspace are
//     literal reads the root (or unit) that keeps that state: it selects
//     the reading root when that root is selected, transitively. One that
//     is not literal, or names a local state file, selects the reading
//     root whatever changed; one that may name a Terragrunt unit's state
//     selects it whenever a unit is selected.
//   - A Terragrunt unit reads its terragrunt.hcl, the files it includes
//     (in its parent directories, or any .hcl file), its module (a
//     directory with Terraform files) and its dependencies: f in or above
//     its directory, any .hcl file, a file in a directory with Terraform
//     or Terragrunt files, or a file that no longer exists selects it; so
//     does any file function in its configuration, and every unit that a
//     stack file generates is selected.
//   - A CloudFormation template reads itself, its nested templates and
//     parameter files, and the templates whose exports it imports: f
//     itself, a template candidate when the template nests or imports
//     (TemplateURL, AWS::CloudFormation::Stack, ImportValue, …) or when f
//     no longer exists, a file whose name the template mentions, or a CDK
//     manifest beside it selects it.
//   - A --var-file (or a file beside it) or --parameters file, an AWS
//     facts file, a Terraform state or plan JSON, or a deleted JSON file
//     (which may have been one) selects every root: facts and states join
//     any root by literal IDs and data sources, which only evaluation
//     settles.
//   - Facts folders and plan or state files as roots are always selected.

// preselect returns the roots of the run worth reading for opts.Changed:
// every root when Changed is nil or EveryRoot is set.
func preselect(roots []root, opts Options) func(root) bool {
	if opts.Changed == nil || opts.EveryRoot {
		return func(root) bool { return true }
	}
	p := newPreselection(roots, opts)
	selected := p.run()
	return func(r root) bool { return selected[rootID{r.kind, r.path}] }
}

// preselection is the state of one pre-selection.
type preselection struct {
	roots []root
	opts  Options
	// changed are the changed files (absolute), files the same as a set,
	// and dirs their directories.
	changed     []string
	files, dirs map[string]bool
	// scans are the Terraform directories scanned, by absolute path; hcl
	// whether each directory's .hcl files call a file function.
	scans map[string]*dirScan
	hcl   map[string]bool
	// hasCode caches whether a directory holds Terraform or Terragrunt
	// files.
	hasCode map[string]bool
	// wd is the working directory, which absPath would ask for each path.
	wd string
}

// abs is absPath, with the working directory asked once.
func (p *preselection) abs(path string) string {
	if filepath.IsAbs(path) || p.wd == "" {
		return absPath(path)
	}
	return filepath.Join(p.wd, path)
}

func newPreselection(roots []root, opts Options) *preselection {
	p := &preselection{roots: roots, opts: opts, files: map[string]bool{}, dirs: map[string]bool{},
		scans: map[string]*dirScan{}, hcl: map[string]bool{}, hasCode: map[string]bool{}}
	p.wd, _ = os.Getwd()
	for _, f := range opts.Changed {
		f = p.abs(f)
		p.changed = append(p.changed, f)
		p.files[f], p.dirs[filepath.Dir(f)] = true, true
	}
	return p
}

// rootID identifies a root of the run: discovery gives each kind and
// path one root.
type rootID struct {
	kind kind
	path string
}

// run returns the selected roots.
func (p *preselection) run() map[rootID]bool {
	selected := map[rootID]bool{}
	if p.selectsAll() {
		for _, r := range p.roots {
			selected[rootID{r.kind, r.path}] = true
		}
		return selected
	}
	// First the roots that read a changed file themselves, then those
	// that read, through a remote state, the state of a selected root.
	var readers []root
	for _, r := range p.roots {
		switch {
		case p.direct(r):
			selected[rootID{r.kind, r.path}] = true
		case r.kind == terraformRoot:
			readers = append(readers, r)
		}
	}
	p.throughState(readers, selected)
	return selected
}

// selectsAll reports whether a changed file may decide any root's verdict:
// a variables or parameters file every root is given, an AWS facts file,
// a Terraform state or plan, or a JSON file that no longer exists.
func (p *preselection) selectsAll() bool {
	given := map[string]bool{}
	for _, f := range append(append([]string(nil), p.opts.VarFiles...), p.opts.Parameters...) {
		given[p.abs(f)] = true
	}
	for _, f := range p.opts.VarFiles {
		// Every Terraform root reads it, and touches counts any file of
		// the directory of a file a Terraform root reads.
		if p.dirs[filepath.Dir(p.abs(f))] {
			return true
		}
	}
	world := map[string]bool{}
	for _, r := range p.roots {
		switch r.kind {
		case planFile:
			world[p.abs(r.path)] = true
		case factsDir:
			for f := range p.files {
				if filepath.Dir(f) == p.abs(r.path) {
					world[f] = true
				}
			}
		}
	}
	for _, f := range p.changed {
		if given[f] || world[f] || (isStateLike(f) && !exists(f)) {
			return true
		}
	}
	return false
}

// isStateLike reports whether a file's name allows it to be AWS facts, a
// state or a plan: JSON (not Terraform's) or .tfstate.
func isStateLike(f string) bool {
	name := strings.ToLower(filepath.Base(f))
	return isTemplateCandidate(name) && (strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".tfstate"))
}

// direct reports whether root r may read a changed file itself, not
// counting the other roots' states it reads.
func (p *preselection) direct(r root) bool {
	switch r.kind {
	case terraformRoot:
		self := p.abs(r.path)
		dirs, open, remote := p.closure(self)
		if open || (remote && exists(filepath.Join(self, ".terraform", "modules", "modules.json"))) {
			return true
		}
		for d := range dirs {
			if p.dirs[d] {
				return true
			}
		}
		// Remote modules are read from the root's .terraform.
		cache := filepath.Join(self, ".terraform") + string(filepath.Separator)
		for _, f := range p.changed {
			if strings.HasPrefix(f, cache) {
				return true
			}
		}
		return false
	case terragruntUnit:
		return p.unitReads(r)
	case templateFile:
		return p.templateReads(r)
	}
	return true // facts folders, plans and states: read them
}

// throughState adds to selected the Terraform roots among readers whose
// remote states may read a selected root, until none is added.
func (p *preselection) throughState(readers []root, selected map[rootID]bool) {
	var states []eval.Backend // of the selected Terraform roots
	unit := false             // a Terragrunt unit is selected
	added := make([]root, 0, len(p.roots))
	for _, r := range p.roots {
		if selected[rootID{r.kind, r.path}] {
			added = append(added, r)
		}
	}
	for len(added) > 0 {
		for _, r := range added {
			switch r.kind {
			case terraformRoot:
				states = append(states, eval.RootBackend(r.path, r.boundary, p.opts.MaxFileBytes))
			case terragruntUnit:
				unit = true
			}
		}
		added = added[:0]
		rest := readers[:0]
		for _, r := range readers {
			if p.readsState(r, states, unit) {
				selected[rootID{r.kind, r.path}] = true
				added = append(added, r)
			} else {
				rest = append(rest, r)
			}
		}
		readers = rest
	}
}

// readsState reports whether a Terraform root's remote states may read
// one of states, or a unit's state when unit is set.
func (p *preselection) readsState(r root, states []eval.Backend, unit bool) bool {
	dirs, _, _ := p.closure(p.abs(r.path))
	for d := range dirs {
		for _, ref := range p.scan(d).states(states, unit) {
			if ref.unclear || unit {
				return true
			}
			for _, have := range states {
				if _, ok := eval.Match(ref.b, ref.ws, have); ok {
					return true
				}
			}
		}
	}
	return false
}

// closure returns the directories a Terraform module in dir reads code
// from, itself and its local modules transitively, whether it may read
// files beyond them (open), and whether one of them calls a remote module,
// read from .terraform/modules when it was installed.
func (p *preselection) closure(dir string) (dirs map[string]bool, open, remote bool) {
	dirs = map[string]bool{}
	todo := []string{dir}
	for len(todo) > 0 {
		d := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if dirs[d] {
			continue
		}
		dirs[d] = true
		s := p.scan(d)
		open, remote = open || s.open, remote || s.remote
		todo = append(todo, s.modules...)
	}
	return dirs, open, remote
}

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
	s := &dirScan{}
	p.scans[dir] = s
	entries, err := os.ReadDir(dir)
	if err != nil {
		return s // no directory: no module, nothing read
	}
	for _, e := range entries {
		if e.IsDir() || !isTerraformFile(e.Name()) {
			continue
		}
		name := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(name)
		if err != nil {
			s.open = true
			continue
		}
		s.scanFile(name, data)
	}
	return s
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

// skips reports whether a terraform_remote_state block cannot name the
// state of any of have, without parsing it: each have is an s3 backend
// with a key, the block's values are all literal strings (literalBlock),
// so that one naming that state would spell its key, and it spells none
// and names no local state (which stateOf leaves unclear).
func skips(block []byte, have []eval.Backend) bool {
	for _, b := range have {
		k := b.Config["key"]
		if b.Type != "s3" || k == "" || bytes.Contains(block, []byte(k)) {
			return false
		}
	}
	return !bytes.Contains(block, []byte("local")) && literalBlock(block)
}

// literalBlock reports whether every line of a block after its header is
// blank, a comment, a closing brace, `name = {`, or `name = "text"` with
// no escape or template sequence in the text: then every value it sets
// is a literal string, spelled out.
func literalBlock(block []byte) bool {
	lines := bytes.Split(block, []byte("\n"))
	for _, line := range lines[1:] {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' || bytes.HasPrefix(line, []byte("//")) || string(line) == "}" {
			continue
		}
		k := 0
		for k < len(line) && isIdentByte(line[k]) {
			k++
		}
		if k == 0 {
			return false
		}
		rest := bytes.TrimLeft(line[k:], " \t")
		if len(rest) == 0 || rest[0] != '=' {
			return false
		}
		rest = bytes.TrimLeft(rest[1:], " \t")
		switch {
		case string(rest) == "{":
		case len(rest) > 1 && rest[0] == '"':
			end := bytes.IndexByte(rest[1:], '"')
			if end < 0 {
				return false
			}
			text, after := rest[1:1+end], bytes.TrimSpace(rest[2+end:])
			if bytes.ContainsAny(text, "\\") || bytes.Contains(text, []byte("${")) || bytes.Contains(text, []byte("%{")) {
				return false
			}
			if len(after) > 0 && after[0] != '#' && !bytes.HasPrefix(after, []byte("//")) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// stateBlocks cuts the terraform_remote_state blocks out of a Terraform
// file in native syntax without parsing it, as topBlocks does.
func stateBlocks(data []byte) (blocks [][]byte, ok bool) {
	for i := 0; ; {
		j := bytes.Index(data[i:], remoteState)
		if j < 0 {
			return blocks, true
		}
		at := i + j
		i = at + len(remoteState)
		if at > 0 && data[at-1] == '.' {
			continue // a reference: data.terraform_remote_state.x
		}
		start := bytes.LastIndexByte(data[:at], '\n') + 1
		line := data[start:]
		if k := bytes.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		}
		head := bytes.TrimSpace(line)
		if !bytes.HasPrefix(head, []byte("data")) || !bytes.HasSuffix(head, []byte("{")) {
			return nil, false
		}
		end, ok := closingBrace(data, start+bytes.LastIndexByte(line, '{'))
		if !ok {
			return nil, false
		}
		blocks = append(blocks, data[start:end])
		i = end
	}
}

// closingBrace returns the end of the block whose opening brace is at
// open: just after its closing brace. ok is false at a string with a
// template sequence, at a heredoc, or at the end of the file, where only
// a parser can tell.
func closingBrace(data []byte, open int) (end int, ok bool) {
	depth := 0
	for k := open; k < len(data); k++ {
		switch c := data[k]; {
		case c == '{':
			depth++
		case c == '}':
			if depth--; depth == 0 {
				return k + 1, true
			}
		case c == '"':
			if k = stringEnd(data, k+1); k < 0 {
				return 0, false
			}
		case c == '#' || (c == '/' && k+1 < len(data) && data[k+1] == '/'):
			if n := bytes.IndexByte(data[k:], '\n'); n >= 0 {
				k += n
			} else {
				return 0, false
			}
		case c == '/' && k+1 < len(data) && data[k+1] == '*':
			n := bytes.Index(data[k+2:], []byte("*/"))
			if n < 0 {
				return 0, false
			}
			k += n + 3
		case c == '<' && k+1 < len(data) && data[k+1] == '<':
			return 0, false
		}
	}
	return 0, false
}

// stringEnd returns the index of the quote that closes the string whose
// text starts at k, or -1 at a template sequence or a line end.
func stringEnd(data []byte, k int) int {
	for ; k < len(data); k++ {
		switch c := data[k]; {
		case c == '\\':
			k++
		case c == '"':
			return k
		case c == '\n', (c == '$' || c == '%') && k+1 < len(data) && data[k+1] == '{':
			return -1
		}
	}
	return -1
}

// blockOf reports whether data may hold a block of type typ: the word
// alone, not in a reference (path.module, module.vpc.id).
func blockOf(data []byte, typ string) bool {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte(typ))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len(typ)
		if at > 0 && (data[at-1] == '.' || isIdentByte(data[at-1])) {
			continue
		}
		if i < len(data) && (isIdentByte(data[i]) || data[i] == '.') {
			continue // a longer word, or a reference: module.vpc.id
		}
		return true
	}
}

// callsAny reports whether data may call one of the functions: a name
// that starts with one of them (file also stands for filebase64,
// fileexists, fileset, …), not after a dot, followed by a parenthesis.
func callsAny(data []byte, functions []string) bool {
	for _, fn := range functions {
		for i := 0; ; {
			j := bytes.Index(data[i:], []byte(fn))
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(fn)
			if at > 0 && (data[at-1] == '.' || isIdentByte(data[at-1])) {
				continue
			}
			k := i
			for k < len(data) && isIdentByte(data[k]) {
				k++
			}
			for k < len(data) && (data[k] == ' ' || data[k] == '\t') {
				k++
			}
			if k < len(data) && data[k] == '(' {
				return true
			}
		}
	}
	return false
}

// isIdentByte reports whether c may be part of an HCL identifier.
func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
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

// unitReads reports whether a Terragrunt unit may read a changed file.
func (p *preselection) unitReads(r root) bool {
	if r.stack != nil {
		return true // generated: its source may be anywhere
	}
	dir := p.abs(filepath.Dir(r.path))
	// Its includes are in the directories above it; up to the top, as
	// the boundary may be named through a symbolic link.
	for d := dir; ; d = filepath.Dir(d) {
		if p.hclCalls(d) {
			return true
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	for _, f := range p.changed {
		fd := filepath.Dir(f)
		switch {
		case !exists(f), strings.HasSuffix(f, ".hcl"), strings.HasSuffix(f, ".hcl.json"),
			isTerraformFile(f), isVarsFile(f),
			fd == dir || strings.HasPrefix(fd, dir+string(filepath.Separator)), // in it or below
			strings.HasPrefix(dir, fd+string(filepath.Separator)),              // above it: includes
			p.codeIn(fd):
			return true
		}
	}
	return false
}

// hclCalls reports whether the .hcl files of dir call a function that
// reads files.
func (p *preselection) hclCalls(dir string) bool {
	if v, ok := p.hcl[dir]; ok {
		return v
	}
	calls := false
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".hcl") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || callsAny(data, terragruntFunctions) {
			calls = true
			break
		}
	}
	p.hcl[dir] = calls
	return calls
}

// codeIn reports whether dir holds Terraform or Terragrunt files.
func (p *preselection) codeIn(dir string) bool {
	if v, ok := p.hasCode[dir]; ok {
		return v
	}
	code := false
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (isTerraformFile(n) || strings.HasSuffix(n, ".hcl") || n == terragrunt.FileName) {
			code = true
			break
		}
	}
	p.hasCode[dir] = code
	return code
}

// templateRefs find what makes a template read other templates: nested
// stacks, SAM applications, includes, imports of exports, other stacks'
// outputs.
var templateRefs = [][]byte{
	[]byte("TemplateURL"), []byte("AWS::CloudFormation::Stack"), []byte("AWS::Serverless::Application"),
	[]byte("AWS::Include"), []byte("ImportValue"), []byte("GetStackOutput"), []byte("Location"), []byte("Transform"),
}

// templateReads reports whether a template candidate may read a changed
// file.
func (p *preselection) templateReads(r root) bool {
	self := p.abs(r.path)
	if p.files[self] {
		return true
	}
	if st, err := os.Stat(self); err != nil || st.Size() > maxTemplateSize {
		return true // the front end reports it, or passes it over by its head
	}
	data, err := os.ReadFile(self)
	if err != nil {
		return true
	}
	refs := false
	for _, t := range templateRefs {
		if bytes.Contains(data, t) {
			refs = true
			break
		}
	}
	for _, f := range p.changed {
		name := filepath.Base(f)
		switch {
		case bytes.Contains(data, []byte(name)),
			isTemplateCandidate(name) && (refs || !exists(f)),
			name == "manifest.json" && strings.HasPrefix(self, filepath.Dir(f)+string(filepath.Separator)):
			return true
		}
	}
	return false
}

// exists reports whether a changed file is still there: a deleted file
// can be classified by its name only.
func exists(f string) bool {
	_, err := os.Lstat(f)
	return err == nil
}
