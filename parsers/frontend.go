package parsers

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/parsers/terragrunt"
	"github.com/daslint/daslint/parsers/tfplan"
)

// kind is an input kind: which front end reads a root.
type kind uint8

const (
	// terraformRoot is a Terraform root module; its path is its directory.
	terraformRoot kind = iota
	// templateFile is a CloudFormation template candidate (a CDK cloud
	// assembly's templates among them): the content decides.
	templateFile
	// factsDir is a directory of AWS facts files: one snapshot (facts.go).
	factsDir
	// terragruntUnit is a Terragrunt unit; its path is its terragrunt.hcl.
	terragruntUnit
	// terragruntStack is a Terragrunt stack file (terragrunt.stack.hcl):
	// discovered, then replaced by the units it generates (stacks.go).
	terragruntStack
	// planFile is the output of `terraform show -json` (a plan or a state)
	// or a state as Terraform stores it (state.go).
	planFile
)

// String names the kind in messages.
func (k kind) String() string {
	switch k {
	case terraformRoot:
		return "Terraform root"
	case templateFile:
		return "CloudFormation template"
	case factsDir:
		return "AWS facts"
	case terragruntUnit:
		return "Terragrunt unit"
	case terragruntStack:
		return "Terragrunt stack"
	case planFile:
		return "Terraform plan or state"
	}
	return "unknown input"
}

// A frontEnd is one kind of input daslint reads (docs/semantics.md#sources-of-one-run). Discovery
// offers it every file it finds or the user names; the catalog has it read
// the roots it claimed. A front end never calls another: what the rest of
// the run offers (other roots' outputs, dependencies, data sources, stack
// exports) reaches it through its env.
type frontEnd interface {
	// Kind is the kind of every root it claims.
	Kind() kind
	// Claim says whether the file f is its input, and returns the root the
	// file stands for: the file itself, or the directory that holds it.
	Claim(f inputFile) (r root, ok bool)
	// Load reads r, a root it claimed, into a model. ok is false when the
	// root is none after all (a JSON file that is no template), so that it
	// is passed over.
	Load(ctx context.Context, r root, env env) (l loaded, ok bool)
}

// inputFile is a file that discovery offers the front ends.
type inputFile struct {
	// path is the file as found or named, cleaned (see clean); so is its
	// directory, filepath.Dir(path).
	path string
	// named is set when the user named the file itself rather than a
	// directory above it.
	named bool
	// boundary is the read boundary of the path it was found below.
	boundary string
}

// name is the file name of f.
func (f inputFile) name() string { return filepath.Base(f.path) }

// env is what the run offers a root being read: the input options and
// the callbacks through which the catalog answers what other roots settle.
type env struct {
	opts Options
	// terraform evaluates a Terraform root module.
	terraform terraformLoader
	// remote answers terraform_remote_state and a unit's remote state.
	remote remoteStateFunc
	// deps answers a Terragrunt dependency block.
	deps dependencyFunc
	// templates are the options of a CloudFormation template of the run:
	// its stack name, the run's exports and stacks.
	templates func() TemplateOptions
}

// frontEnds are the front ends of a run in the order discovery asks them:
// the first to claim a file has it. A Terragrunt unit or stack is no
// Terraform file and no template; AWS facts, a plan or state, and a
// template may all be JSON, and the content tells them apart, the most
// particular claim first.
func frontEnds(opts Options) []frontEnd {
	return []frontEnd{
		terragruntFrontEnd{},
		stackFrontEnd{},
		terraformFrontEnd{},
		factsFrontEnd{},
		planFrontEnd{maxFileBytes: opts.MaxFileBytes},
		templateFrontEnd{},
	}
}

// frontEndOf is the front end in fes that reads roots of kind k.
func frontEndOf(fes []frontEnd, k kind) frontEnd {
	for _, fe := range fes {
		if fe.Kind() == k {
			return fe
		}
	}
	return nil
}

// terragruntFrontEnd reads Terragrunt units (units.go).
type terragruntFrontEnd struct{}

func (terragruntFrontEnd) Kind() kind { return terragruntUnit }

func (terragruntFrontEnd) Claim(f inputFile) (root, bool) {
	return root{kind: terragruntUnit, path: f.path, explicit: f.named}, f.name() == terragrunt.FileName
}

// Load reads a unit. A changed file in the directory of a file the unit
// reads re-lints it, as for a Terraform root.
func (terragruntFrontEnd) Load(ctx context.Context, r root, env env) (loaded, bool) {
	l := loadUnit(ctx, r, env.opts, env.terraform, env.remote, env.deps)
	l.byDirectory = true
	return l, true
}

// stackFrontEnd claims Terragrunt stack files (stacks.go). A stack is no
// root of the catalog: between discovery and the catalog, every stack is
// replaced by the units it generates, which the Terragrunt front end reads
// (expandStacks), since a stack that another names is read through it.
type stackFrontEnd struct{}

func (stackFrontEnd) Kind() kind { return terragruntStack }

func (stackFrontEnd) Claim(f inputFile) (root, bool) {
	return root{kind: terragruntStack, path: f.path, explicit: f.named}, f.name() == terragrunt.StackFileName
}

// Load reads nothing: the catalog holds no stack (see expandStacks).
func (stackFrontEnd) Load(context.Context, root, env) (loaded, bool) {
	return loaded{}, false
}

// terraformFrontEnd reads Terraform root modules (package
// parsers/terraform).
type terraformFrontEnd struct{}

func (terraformFrontEnd) Kind() kind { return terraformRoot }

// Claim takes a Terraform file for its module (docs/cli.md: PATH may be a
// file); a variables file named by the user stands for its directory too,
// though it is applied only with --var-file.
func (terraformFrontEnd) Claim(f inputFile) (root, bool) {
	ok := isTerraformFile(f.name()) || (f.named && isVarsFile(f.name()))
	return root{kind: terraformRoot, path: filepath.Dir(f.path)}, ok
}

// Load evaluates a root module. A changed file in the directory of any
// module it reads re-lints it: a variables file it does not load by itself
// (docs/cli.md: a .tfvars file stands for its directory), a file that does not
// parse.
func (terraformFrontEnd) Load(ctx context.Context, r root, env env) (loaded, bool) {
	l := loadModule(ctx, r, env.opts, env.terraform, env.remote)
	l.byDirectory = true
	return l, true
}

// factsFrontEnd reads folders of AWS facts (facts.go): a facts file
// stands for the snapshot of its folder.
type factsFrontEnd struct{}

func (factsFrontEnd) Kind() kind { return factsDir }

func (factsFrontEnd) Claim(f inputFile) (root, bool) {
	return root{kind: factsDir, path: filepath.Dir(f.path), explicit: f.named}, sniffFacts(f.path)
}

func (factsFrontEnd) Load(ctx context.Context, r root, env env) (loaded, bool) {
	return loadFacts(ctx, r, env.opts)
}

// planFrontEnd reads the output of `terraform show -json` and Terraform
// state, recognised by content (docs/semantics.md#sources-of-one-run) whatever the file's name, and
// every .tfstate file: one that is no state daslint reads is no template
// either.
type planFrontEnd struct {
	// maxFileBytes is Options.MaxFileBytes: a larger file is not read to
	// be claimed, and the template front end reports it.
	maxFileBytes int64
}

func (planFrontEnd) Kind() kind { return planFile }

func (fe planFrontEnd) Claim(f inputFile) (root, bool) {
	r := root{kind: planFile, path: f.path, explicit: f.named}
	if !isTemplateCandidate(f.name()) {
		return r, false
	}
	if strings.EqualFold(filepath.Ext(f.path), ".tfstate") {
		return r, true
	}
	// Only a JSON object may be one: most candidates are passed over
	// by their head.
	if h := bytes.TrimSpace(inputfile.Head(f.path, 4<<10)); len(h) > 0 && h[0] != '{' {
		return r, false
	}
	data, problem := inputfile.Read(f.path, f.boundary, fe.maxFileBytes)
	return r, problem == nil && tfplan.Claims(data) != tfplan.None
}

func (planFrontEnd) Load(_ context.Context, r root, env env) (loaded, bool) {
	return loadStateFile(r, env.opts)
}

// templateFrontEnd reads CloudFormation templates through
// Options.Templates.
type templateFrontEnd struct{}

func (templateFrontEnd) Kind() kind { return templateFile }

func (templateFrontEnd) Claim(f inputFile) (root, bool) {
	return root{kind: templateFile, path: f.path, explicit: f.named}, isTemplateCandidate(f.name())
}

func (templateFrontEnd) Load(ctx context.Context, r root, env env) (loaded, bool) {
	return loadTemplate(ctx, r, env.opts, env.templates())
}

// claim is the root that the first of fes to claim f stands for.
func claim(fes []frontEnd, f inputFile) (root, bool) {
	for _, fe := range fes {
		if r, ok := fe.Claim(f); ok {
			r.boundary = f.boundary
			return r, true
		}
	}
	return root{}, false
}
