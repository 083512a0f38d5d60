package model

import "fmt"

// Range is a span of source text. Lines and columns start at 1; a zero Line
// means the position is not known.
type Range struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

// String formats the start of the range as file:line:column.
func (r Range) String() string {
	switch {
	case r.File == "":
		return "<unknown position>"
	case r.Line == 0:
		return r.File
	case r.Column == 0:
		return fmt.Sprintf("%s:%d", r.File, r.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Column)
	}
}

// Source says which front end produced an object.
type Source string

// The front ends.
const (
	Terraform      Source = "terraform"
	CloudFormation Source = "cloudformation"
	// AWSFacts is the JSON the AWS CLI prints (describe-vpcs, ...), a
	// snapshot of a live account (docs/semantics.md#sources-of-one-run).
	AWSFacts Source = "aws-facts"
)

// Origin identifies a model object: its address (the key that references
// use), where it was declared, and whether it exists for certain.
type Origin struct {
	// Address is the object's unique key within its Model: for Terraform the
	// resource address as `terraform plan` prints it
	// (`module.vpc.aws_subnet.private["eu-west-1a"]`), for CloudFormation the
	// logical ID (`Parent/Child` inside a nested stack).
	Address string
	// Type is the resource type as written (`aws_subnet`, `AWS::EC2::Subnet`).
	Type string
	// Range covers the whole resource declaration; its Line is where it starts.
	Range Range
	// Callers are the module calls or nested-stack resources through which the
	// declaration was reached, outermost first.
	Callers []Range
	// Maybe is non-nil when it cannot be known offline whether the object
	// exists (an unknown count, for_each or condition). A maybe object can turn
	// a verdict into unknown, never into pass.
	Maybe *Unresolved
	// Cohort is non-empty for a maybe object that belongs to a group of
	// objects that exist together: objects that share a non-empty Cohort
	// exist together, over the same unknown set of indices or keys, or not
	// at all. Terraform gives the symbolic instances of the same unknown
	// count or for_each expression in the same module instance one cohort;
	// CloudFormation the resources under the same unknown condition.
	Cohort string
	// From is set on an object that joined this model from another source
	// to settle one of its references (another root read through
	// terraform_remote_state, a Terragrunt dependency, an exporting
	// template, AWS facts, a state or plan JSON): which source, and where
	// in it (docs/semantics.md#where-a-link-came-from). Nil for the model's own objects. Provenance is
	// typed here, never read back from an address convention.
	From *Provenance
}

// SourceKind is the kind of source an object joined a model from.
type SourceKind string

// The kinds of source that settle references (docs/semantics.md#the-world-beyond-one-root).
const (
	FromTerraformRoot       SourceKind = "terraform-root"
	FromTerragruntUnit      SourceKind = "terragrunt-unit"
	FromCloudFormationStack SourceKind = "cloudformation-stack"
	FromAWSFacts            SourceKind = "aws-facts"
	FromTFState             SourceKind = "tfstate"
	FromTFPlan              SourceKind = "tfplan"
)

// Provenance says where in another source a joined object came from. It is
// shared between the copies of an object and never changed.
type Provenance struct {
	Kind SourceKind
	// File is the file of that source that holds the object: another
	// root's or unit's .tf file, the exporting template, the facts file,
	// the state or plan JSON. Line is where in it (0: not known).
	File string
	Line int
	// ID is the object's identity in that source: its address in the
	// other root, unit, state or plan (without the joining prefix), its
	// logical ID in the template, its AWS ID in the facts.
	ID string
	// Callers are the module calls in that source through which the object
	// was reached, outermost first: in another root, the `module` blocks
	// the user edits, while File is in a shared module (docs/semantics.md#where-a-run-starts-does-not-matter). Empty
	// for an object at the source's top level.
	Callers []Range
}

// At returns p for a part of the object declared at r (an inline rule or
// route): at r's line when r is in p's file, else p itself (a state or
// plan file has no lines of its parts). Nil stays nil.
func (p *Provenance) At(r Range) *Provenance {
	if p == nil || r.File != p.File || r.Line == 0 || r.Line == p.Line {
		return p
	}
	c := *p
	c.Line = r.Line
	return &c
}

// Base returns the origin itself; every model object embeds an Origin, so
// this makes them all Objects.
func (o *Origin) Base() *Origin { return o }

// Object is any model resource.
type Object interface {
	Base() *Origin
}
