package cloudformation

import (
	"bytes"
	"context"
	"path/filepath"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// Options control how a template is read.
type Options struct {
	// Parameters are --parameters values, in order given: each a file (AWS
	// CLI JSON form) or KEY=VALUE. Later values win.
	Parameters []string
	// Region is --region, the value of AWS::Region.
	Region string
	// MaxFileBytes is the largest nested template read; a larger one is
	// skipped with a warning and its outputs are unknown. Zero: no limit.
	MaxFileBytes int64
	// Root confines nested stack TemplateURLs: a template outside it is not
	// read. Empty means the current directory.
	Root string
	// StackName is the template's stack name, the value of AWS::StackName
	// (--stack-name, a CDK manifest). Empty: unknown.
	StackName string
	// StackAccount and StackRegion are the account and region the template
	// deploys to (a CDK manifest's environment, --region); empty when
	// unknown. Exports and stack names are unique only within one account
	// and region, so a reference settles only against templates that may
	// be in the same.
	StackAccount, StackRegion string
	// Exports, when non-nil, finds the templates that export a name, for
	// Fn::ImportValue (docs/semantics.md#imports-and-exports); nil leaves every import unknown.
	Exports func(name string) ExportLookup
	// Stacks, when non-nil, finds the templates whose stack name is name,
	// for Fn::GetStackOutput; nil leaves those references unknown.
	Stacks func(name string) ExportLookup
}

// Info says which files a Load read.
type Info struct {
	// Files are all files read: the template, its nested templates and
	// parameter files.
	Files []string
	// NestedFiles are the nested stack templates read, so that discovery
	// does not lint them again as templates of their own.
	NestedFiles []string
}

// loader holds the state of one Load: the model being filled and the
// diagnostics, shared by the root stack and its nested stacks.
type loader struct {
	// ctx ends the Load early (see stack.translate).
	ctx    context.Context
	opts   Options
	root   string // absolute, symlinks resolved
	m      *model.Model
	info   *Info
	ds     diag.Diagnostics
	byAddr map[string]*resource
	stacks int
	// all are the stacks read, the root's first, in the order read.
	all []*stack
	// overrides are the --parameters values, which exporting templates are
	// read with too.
	overrides map[string]Value
	// imports are the exporting templates read, by absolute path, and
	// importOrder the order they were read in (see exports.go).
	imports       map[string]*importState
	importOrder   []*stack
	importedFiles map[string]bool
}

// Load reads the template in file, with its nested stacks, into a model.
// The model is valid whatever the diagnostics say: what could not be read
// is missing from it or unknown in it.
func Load(file string, opts Options) (*model.Model, *Info, diag.Diagnostics) {
	return LoadContext(context.Background(), file, opts)
}

// LoadContext is Load with a context: once ctx is done, translation stops
// at the next resource and the model is incomplete; the caller must then
// discard it (ctx.Err() says so).
func LoadContext(ctx context.Context, file string, opts Options) (*model.Model, *Info, diag.Diagnostics) {
	ld := &loader{
		ctx:    ctx,
		opts:   opts,
		m:      &model.Model{Source: model.CloudFormation, Root: filepath.ToSlash(file)},
		info:   &Info{},
		byAddr: map[string]*resource{},

		importedFiles: map[string]bool{},
	}
	ld.root = confinementRoot(opts.Root)
	if opts.Region != "" {
		ld.m.Region = model.KnownStr(opts.Region, model.Range{})
	} else {
		ld.m.Region = model.UnknownStr(&model.Unresolved{Kind: model.FromVariable,
			Reason: "AWS::Region is not known offline (give it with --region)", Range: model.Range{File: filepath.ToSlash(file)}}, model.Range{})
	}
	overrides := parseOverrides(opts.Parameters, &ld.ds, &ld.info.Files)
	ld.overrides = overrides
	// The caller chose file (package parsers confines it to the scanned
	// tree); what it nests is confined to opts.Root.
	data, problem := inputfile.Read(file, "", opts.MaxFileBytes)
	if problem != nil {
		ld.ds = append(ld.ds, diag.Diagnostic{Severity: problem.Severity, Message: problem.Message,
			Range: model.Range{File: filepath.ToSlash(file), Line: problem.Line, Column: problem.Column}})
		return ld.m, ld.info, ld.ds.Sort()
	}
	ld.info.Files = append([]string{file}, ld.info.Files...)
	s := ld.newStack(filepath.ToSlash(file), data, "", nil, nil, overrides)
	if s != nil {
		s.stackName = opts.StackName
		s.chain = []string{absFile(file)}
		s.translate()
		ld.translateImports()
	}
	for _, s := range ld.all {
		if !s.imported {
			s.reportGenerated()
		}
	}
	ld.dropImportedDiagnostics()
	return ld.m, ld.info, ld.ds.Sort()
}

// stopped reports whether the caller's context is done; a loader built
// without one (in tests) never stops. It is checked once per resource, which
// bounds the work of a stack, rather than per intrinsic function.
func (ld *loader) stopped() bool {
	return ld.ctx != nil && ld.ctx.Err() != nil
}

// newStack parses and indexes a template; it returns nil when the text does
// not parse.
func (ld *loader) newStack(file string, data []byte, prefix string, callers []model.Range, maybe *model.Unresolved, overrides map[string]Value) *stack {
	root, p := parseTemplate(file, data, &ld.ds)
	if root == nil {
		return nil
	}
	ld.stacks++
	s := &stack{ld: ld, file: file, prefix: prefix, callers: callers, maybe: maybe, root: root,
		overrides: overrides, evaluating: map[string]bool{}, rainTags: p.rainModules}
	if bytes.Contains(data, []byte("Rain::")) {
		s.generated, s.generatedBy = true, "a Rain directive"
	}
	ld.all = append(ld.all, s)
	s.index()
	s.decideExistence()
	s.checkSchema()
	s.checkDependencies()
	return s
}

// confinementRoot returns the absolute directory nested templates must be
// under.
func confinementRoot(root string) string {
	if root == "" {
		root = "."
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return root
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}
