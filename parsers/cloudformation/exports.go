package cloudformation

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// Export is one entry of a template's exports: an output with Export.Name.
type Export struct {
	// Output is the output's logical name.
	Output string
	// Name is the evaluated export name; empty when it is not known.
	Name string
	// Unknown says why Name is not known (a parameter without a value,
	// AWS::StackName without --stack-name).
	Unknown string
}

// ExportSource is a template that exports a name, as the caller of Load
// found it among the scanned and context templates (docs/semantics.md#imports-and-exports).
type ExportSource struct {
	// File is the template's path.
	File string
	// StackName is its stack name (--stack-name, a CDK manifest); empty when
	// unknown.
	StackName string
	// Key names the template in addresses when StackName is empty: its path
	// relative to the read boundary.
	Key string
	// Account and Region are the account and region the template deploys
	// to (its CDK manifest's environment, --region); empty when unknown.
	Account, Region string
}

// envName names an account and region in messages.
func envName(account, region string) string {
	switch {
	case account != "" && region != "":
		return "account " + account + ", region " + region
	case account != "":
		return "account " + account
	}
	return "region " + region
}

// sameEnv reports whether src may deploy to account and region: only a
// known account or region that differs rules it out.
func (src ExportSource) sameEnv(account, region string) bool {
	return (account == "" || src.Account == "" || src.Account == account) &&
		(region == "" || src.Region == "" || src.Region == region)
}

// ExportLookup is the answer to an Options.Exports question.
type ExportLookup struct {
	// Sources are the templates whose export of the name is known.
	Sources []ExportSource
	// Unsure are the templates that may export it: their export names are
	// not known ("file (reason)"). They matter only when Sources is empty.
	Unsure []string
}

// ExportNames evaluates the Export.Name of every output of the template in
// data, with opts's parameters and stack name. Imports are not followed: a
// name that depends on one is unknown. Problems of the template are not
// reported here; Load reports them.
func ExportNames(file string, data []byte, opts Options) []Export {
	opts.Exports = nil
	ld := &loader{opts: opts, m: &model.Model{Source: model.CloudFormation}, info: &Info{},
		byAddr: map[string]*resource{}, root: confinementRoot(opts.Root)}
	overrides := parseOverrides(opts.Parameters, &ld.ds, &ld.info.Files)
	s := ld.newStack(filepath.ToSlash(file), data, "", nil, nil, overrides)
	if s == nil {
		return nil
	}
	s.stackName = opts.StackName
	var out []Export
	for _, k := range s.outputKeys() {
		name, known, why := s.exportName(s.outputs[k])
		switch {
		case known:
			out = append(out, Export{Output: k, Name: name})
		case why != "":
			out = append(out, Export{Output: k, Unknown: why})
		}
	}
	return out
}

// outputKeys are the output names in template order.
func (s *stack) outputKeys() []string {
	os := s.root.get("Outputs")
	if os == nil || os.kind != mapNode {
		return nil
	}
	keys := make([]string, 0, len(os.keys))
	for _, k := range os.keys {
		keys = append(keys, k.value)
	}
	return keys
}

// exportName evaluates an output's Export.Name. known is false, with no
// reason, when the output exports nothing.
func (s *stack) exportName(o *output) (name string, known bool, why string) {
	if o == nil {
		return "", false, ""
	}
	n := o.node.get("Export").get("Name")
	if n == nil {
		return "", false, ""
	}
	v := s.eval(n)
	if str, ok := v.scalarString(); ok {
		return str, true, ""
	}
	if v.kind == kUnknown {
		return "", false, reasonOf(v.unknown)
	}
	return "", false, "Export.Name is not a string"
}

// importState is the memoised load of an exporting template.
type importState struct {
	loading bool
	stack   *stack
	unknown *model.Unresolved
}

func (s *stack) fnImportValue(arg, n *node) Value {
	name := s.eval(arg)
	str, ok := name.scalarString()
	switch {
	case !ok && name.kind == kUnknown:
		return unknownVal(model.FromImport, s.rng(n), "Fn::ImportValue: the export name is unknown: %s", reasonOf(name.unknown))
	case !ok:
		return s.fail(n, "Fn::ImportValue takes the name of an export")
	case s.ld.opts.Exports == nil:
		return unknownVal(model.FromImport, s.rng(n), "Fn::ImportValue %s: exports of other stacks are not scanned", str)
	}
	look := s.ld.opts.Exports(str)
	// Exports are unique per account and region: a template deployed
	// elsewhere exports another value under the same name.
	var elsewhere []string
	look.Sources = slices.DeleteFunc(look.Sources, func(src ExportSource) bool {
		if src.sameEnv(s.ld.opts.StackAccount, s.ld.opts.StackRegion) {
			return false
		}
		elsewhere = append(elsewhere, s.sourceName(src))
		return true
	})
	switch len(look.Sources) {
	case 0:
		msg := fmt.Sprintf("Fn::ImportValue %s: no scanned or context template exports it (give the exporting template as a PATH or with --context)", str)
		if len(elsewhere) > 0 {
			msg = fmt.Sprintf("Fn::ImportValue %s: no scanned or context template exports it in %s (only in another account or region: %s)",
				str, envName(s.ld.opts.StackAccount, s.ld.opts.StackRegion), strings.Join(elsewhere, " and "))
		}
		if len(look.Unsure) > 0 {
			msg = fmt.Sprintf("Fn::ImportValue %s: no template is known to export it; the export names of %s are unknown", str, strings.Join(look.Unsure, " and "))
		}
		return unknownVal(model.FromImport, s.rng(n), "%s", msg)
	case 1:
		return s.importValue(look.Sources[0], str, n)
	}
	var names []string
	for _, src := range look.Sources {
		names = append(names, s.sourceName(src))
	}
	return unknownVal(model.FromImport, s.rng(n), "Fn::ImportValue %s: ambiguous export: %s", str, strings.Join(names, " and "))
}

// sourceName names an exporting template in messages: its key (its path
// relative to the read boundary), with its stack name when known.
func (s *stack) sourceName(src ExportSource) string {
	key := src.Key
	if key == "" {
		key = inputfile.Key(s.ld.root, src.File)
	}
	if src.StackName != "" {
		return fmt.Sprintf("%s (stack %s)", key, src.StackName)
	}
	return key
}

// importValue returns the value that src exports as name. The exporting
// template is read into this model like a nested stack (its addresses
// prefixed with its stack name or key), so that the identity tokens of the
// exported value link to its objects, which keep their own file:line.
func (s *stack) importValue(src ExportSource, name string, n *node) Value {
	c, why := s.exporter(src, n, "Fn::ImportValue")
	if c == nil {
		return unknownFrom(why, s.rng(n))
	}
	for _, k := range c.outputKeys() {
		o := c.outputs[k]
		if got, known, _ := c.exportName(o); !known || got != name {
			continue
		}
		return c.outputValue(k, o)
	}
	return unknownVal(model.FromImport, s.rng(n), "Fn::ImportValue %s: %s does not export it when read with its own parameters", name, s.sourceName(src))
}

// exporter reads the template of src once per Load, or says why it cannot;
// fn names the intrinsic that refers to it, in the reasons.
func (s *stack) exporter(src ExportSource, n *node, fn string) (*stack, *model.Unresolved) {
	abs := absFile(src.File)
	unknown := func(format string, args ...any) *model.Unresolved {
		return &model.Unresolved{Kind: model.FromImport, Reason: fmt.Sprintf(format, args...), Range: s.rng(n)}
	}
	for _, f := range s.chain {
		if f == abs {
			return nil, unknown("%s: %s imports from a template that imports from it (an import cycle)", fn, s.sourceName(src))
		}
	}
	if s.ld.imports == nil {
		s.ld.imports = map[string]*importState{}
	}
	st := s.ld.imports[abs]
	switch {
	case st == nil:
	case st.loading:
		return nil, unknown("%s: %s imports from a template that imports from it (an import cycle)", fn, s.sourceName(src))
	default:
		return st.stack, st.unknown
	}
	st = &importState{loading: true}
	s.ld.imports[abs] = st
	defer func() { st.loading = false }()
	if s.ld.stacks >= maxStacks {
		st.unknown = unknown("%s: %s is beyond daslint's limit of %d stacks", fn, s.sourceName(src), maxStacks)
		return nil, st.unknown
	}
	// The caller chose the file among the scanned and context templates.
	data, problem := inputfile.Read(src.File, "", s.ld.opts.MaxFileBytes)
	if problem != nil {
		st.unknown = unknown("%s: %s could not be read: %s", fn, s.sourceName(src), problem.Message)
		return nil, st.unknown
	}
	prefix := src.StackName
	if prefix == "" {
		prefix = src.Key
	}
	if prefix == "" {
		prefix = inputfile.Key(s.ld.root, src.File)
	}
	display := filepath.ToSlash(src.File)
	s.ld.importedFiles[display] = true
	c := s.ld.newStack(display, data, prefix+"/", nil, nil, s.ld.overrides)
	if c == nil {
		st.unknown = unknown("%s: %s does not parse", fn, s.sourceName(src))
		return nil, st.unknown
	}
	c.stackName, c.imported = src.StackName, true
	c.chain = append(append([]string(nil), s.chain...), abs)
	s.ld.info.Files = append(s.ld.info.Files, src.File)
	s.ld.importOrder = append(s.ld.importOrder, c)
	st.stack = c
	return c, nil
}

// translateImports adds the objects of the exporting templates to the
// model, those that the translation of one of them imports included.
func (ld *loader) translateImports() {
	for i := 0; i < len(ld.importOrder); i++ {
		ld.importOrder[i].translate()
	}
}

// dropImportedDiagnostics records the exporting templates in the model
// (model.Model.Joined) and removes the problems found in them: each is
// linted (or, under --context, reported) on its own.
func (ld *loader) dropImportedDiagnostics() {
	for f := range ld.importedFiles {
		ld.m.Joined = append(ld.m.Joined, f)
	}
	slices.Sort(ld.m.Joined)
	if len(ld.importedFiles) == 0 {
		return
	}
	kept := ld.ds[:0]
	for _, d := range ld.ds {
		if !ld.importedFiles[d.Range.File] {
			kept = append(kept, d)
		}
	}
	ld.ds = kept
}

// reportedOnlyByOwner are the types an exporting template does not add
// to the importer's model: its clusters and activity streams are its own
// findings, reported once, where they are declared.
func reportedOnlyByOwner(typ string) bool {
	return typ == "AWS::RDS::DBCluster" || typ == "AWS::RDS::DBInstance" || isCustomResource(typ)
}

// absFile is p made absolute with symlinks resolved.
func absFile(p string) string { return inputfile.Tree(p) }
