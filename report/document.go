package report

import "encoding/json"

// Schema is the identifier of the JSON report format.
const Schema = "daslint/v1"

// Report is the whole outcome of a run. Field order is the JSON order.
type Report struct {
	Schema   string    `json:"schema"`
	Version  string    `json:"version"`
	Clusters []Cluster `json:"clusters"`
	Findings []Finding `json:"findings"`
	Errors   []Error   `json:"errors"`
	Summary  Summary   `json:"summary"`
	// Rules are the rules of the run, for the formats that describe them
	// (SARIF); not part of daslint/v1.
	Rules []Rule `json:"-"`
	// Released is set when Version is a released version, whose
	// documentation is published under the tag v<Version>; the formats
	// that link to the rules' pages (SARIF) link to main's otherwise. Not
	// part of daslint/v1.
	Released bool `json:"-"`
	// SourceRoot is the absolute directory that SARIF's %SRCROOT% stands
	// for, the top of the repository (see the SARIF writer), and WorkDir the
	// absolute working directory that the report's relative paths are
	// relative to. Without a SourceRoot, SARIF URIs are relative to the
	// working directory. Neither is written in any format: the output
	// holds no absolute path of the machine's. Not part of daslint/v1.
	SourceRoot string `json:"-"`
	WorkDir    string `json:"-"`
}

// Cluster is the verdict for one cluster.
type Cluster struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	// Engine is nil when the engine is not known.
	Engine  *string `json:"engine"`
	Verdict string  `json:"verdict"`
	// Path is set for a pass only.
	Path      *string    `json:"path"`
	Instances []Instance `json:"instances"`
	// Unknowns concern the cluster as a whole (no DB subnet group, an
	// unresolvable one), so that an unknown cluster always says why
	// (docs/semantics.md#cluster-level-unknowns).
	Unknowns []Unknown `json:"unknowns"`
	// From says where the cluster itself came from when it is not declared
	// in the linted code: a cluster that a linted activity stream names by
	// identifier or ARN and that joined from AWS facts or a state JSON
	// (docs/semantics.md#literal-ids-and-names); File and Line are then the stream's, the place the
	// user edits. Absent for the linted code's own clusters.
	From *Source `json:"from,omitempty"`
	// Callers are the module calls or nested-stack resources through which
	// the declaration at File:Line was reached, outermost first, as a
	// finding's: a cluster of a module that several roots call is reported
	// once per root, and they tell the reports apart. Not part of
	// daslint/v1 (its findings carry them).
	Callers []Caller `json:"-"`
	// Unattached is true for an entry that stands for an activity stream
	// whose cluster daslint cannot see (docs/semantics.md#never-silent): ID, File and Line are
	// the stream's, and Unknowns say what is missing. Not part of
	// daslint/v1, which tells such an entry by its ID.
	Unattached bool `json:"-"`
}

// Instance is the verdict for one instance in one candidate subnet.
type Instance struct {
	ID      string  `json:"id"`
	Subnet  string  `json:"subnet"`
	Verdict string  `json:"verdict"`
	Path    *string `json:"path"`
	// Witness is the chain of the path that holds; JSON carries each link's
	// text, the text report also its position.
	Witness []Link `json:"witness"`
	// Broken is nil (JSON null) unless some path has a broken link.
	Broken   map[string]Broken `json:"broken"`
	Unknowns []Unknown         `json:"unknowns"`
	// Held are, for a path in Broken, the links of that path that held
	// before its break, instance outward: the diagrams draw the path up
	// to the break. Not part of daslint/v1.
	Held map[string][]Link `json:"-"`
}

// Link is one step of a witness chain.
type Link struct {
	Text string
	File string
	Line int
	// Address identifies the object the link rests on, or is empty for a
	// fact that belongs to no declared object. Several links may rest on
	// one object (a route table and its default route); the diagrams draw
	// one node per object. Not part of daslint/v1: JSON writes the text.
	Address string
	// Subject is the resource the link rests on (Text names it and what
	// is checked of it); several links may share one. The compact witness
	// of the text format lists subjects. Empty: Text stands for itself.
	Subject string
	// Source is where the link's object came from when another source
	// settled it (docs/semantics.md#where-a-link-came-from); nil for the linted root's own objects.
	Source *Source
}

// MarshalJSON writes a link as its text, as docs/output.md#json-report shows witnesses.
func (l Link) MarshalJSON() ([]byte, error) { return json.Marshal(l.Text) }

// Source is the other source a link's object came from (docs/semantics.md#where-a-link-came-from): a
// Terraform root read through terraform_remote_state, a Terragrunt unit read
// through a dependency block, a CloudFormation stack read through
// Fn::ImportValue, AWS facts, a state or plan JSON.
type Source struct {
	// Kind is one of the Source* kinds.
	Kind string `json:"kind"`
	// File and Line are where the object is in that source: the other
	// root's .tf file, the exporting template, the facts file, the state
	// or plan file (Line 0: not known).
	File string `json:"file"`
	Line int    `json:"line"`
	// ID is the object's identity in that source: its address in the other
	// root, unit, state or plan, its logical ID in the template, its AWS ID
	// in the facts.
	ID string `json:"id"`
	// Callers are the module calls in that source through which the object
	// was reached, outermost first: the `module` blocks of the other root
	// that the user edits when File is in a shared module (docs/semantics.md#where-a-run-starts-does-not-matter).
	Callers []Caller `json:"callers,omitempty"`
}

// The kinds of Source.
const (
	SourceTerraformRoot       = "terraform-root"
	SourceTerragruntUnit      = "terragrunt-unit"
	SourceCloudFormationStack = "cloudformation-stack"
	SourceAWSFacts            = "aws-facts"
	SourceTFState             = "tfstate"
	SourceTFPlan              = "tfplan"
)

// linkRecord is a link as the JSON lists its provenance: the link's text,
// its position, and its source when another source settled it. An
// addition to daslint/v1, beside the witness, which stays a list of texts.
type linkRecord struct {
	Link   string  `json:"link"`
	File   string  `json:"file"`
	Line   int     `json:"line"`
	Source *Source `json:"source,omitempty"`
}

func linkRecords(ls []Link) []linkRecord {
	out := make([]linkRecord, len(ls))
	for i, l := range ls {
		out[i] = linkRecord{Link: l.Text, File: l.File, Line: l.Line, Source: l.Source}
	}
	return out
}

// MarshalJSON writes an instance as docs/output.md#json-report shows it, with
// "links", the witness link by link with its position and source, and, in
// each broken path, "held", the links that held before the break, the same
// way.
func (in Instance) MarshalJSON() ([]byte, error) {
	type brokenRecord struct {
		Broken
		Held []linkRecord `json:"held"`
	}
	// The fields of Instance in their order, with the additions.
	out := struct {
		ID       string                  `json:"id"`
		Subnet   string                  `json:"subnet"`
		Verdict  string                  `json:"verdict"`
		Path     *string                 `json:"path"`
		Witness  []Link                  `json:"witness"`
		Broken   map[string]brokenRecord `json:"broken"`
		Unknowns []Unknown               `json:"unknowns"`
		Links    []linkRecord            `json:"links"`
	}{ID: in.ID, Subnet: in.Subnet, Verdict: in.Verdict, Path: in.Path, Witness: in.Witness,
		Unknowns: in.Unknowns, Links: linkRecords(in.Witness)}
	if in.Broken != nil {
		out.Broken = make(map[string]brokenRecord, len(in.Broken))
		for p, b := range in.Broken {
			out.Broken[p] = brokenRecord{Broken: b, Held: linkRecords(in.Held[p])}
		}
	}
	return json.Marshal(out)
}

// Broken is the first link of a path that does not hold.
type Broken struct {
	Link string `json:"link"`
	File string `json:"file"`
	Line int    `json:"line"`
	// Status is "false" (certainly broken) or "unknown".
	Status string `json:"status"`
	Reason string `json:"reason"`
	Fix    string `json:"fix"`
	// Source is the file of another source (another root read by
	// terraform_remote_state, another stack's template) that the link's
	// object came from, when it joined the cluster's model to settle a
	// reference (docs/semantics.md#where-a-link-came-from); absent for the model's own files.
	Source string `json:"source,omitempty"`
	// From is the structured form of Source: the kind of source, the file
	// and line, and the object's ID there; absent with Source. An addition
	// to daslint/v1.
	From *Source `json:"from,omitempty"`
	// Address identifies the object the link rests on, as Link.Address;
	// not part of daslint/v1.
	Address string `json:"-"`
}

// Unknown is one value that could not be resolved offline: what kind, why,
// where it comes from (file, line) and where it is used.
type Unknown struct {
	Kind     string `json:"kind"`
	Reason   string `json:"reason"`
	Subject  string `json:"subject"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	UsedFile string `json:"used_file"`
	UsedLine int    `json:"used_line"`
}

// Finding is one rule finding.
type Finding struct {
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	Resource    string `json:"resource"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	EndLine     int    `json:"end_line"`
	Message     string `json:"message"`
	Remediation string `json:"remediation"`
	// Fingerprint identifies the finding across line moves and
	// reformatting; a baseline lists fingerprints.
	Fingerprint string `json:"fingerprint"`
	// Suppressed is the suppression written in the code that silences the
	// finding, or nil (JSON null).
	Suppressed *Suppression `json:"suppressed"`
	// Baseline is true when the finding is in the baseline given with
	// --baseline.
	Baseline bool `json:"baseline"`
	// Callers are the module calls or nested-stack resources through which
	// the resource (declared at File:Line) was reached, outermost first;
	// [] for a resource of the root. SARIF and GitHub annotate the
	// innermost place of that chain that the user edits (see Primary).
	Callers []Caller `json:"callers"`
	// Related are the links the message points at, most important first
	// (for DAS001 the first broken link of each group of failing
	// placements). Formats cite them (SARIF relatedLocations); not part of
	// daslint/v1.
	Related []Link `json:"-"`
}

// Caller is one step of the way from a root to a finding's resource: a
// module call (Terraform) or an AWS::CloudFormation::Stack resource.
type Caller struct {
	File string `json:"file"`
	Line int    `json:"line"`
	// Module is the address of the module instance (`module.aurora`,
	// `module.aurora.module.db`) or nested stack (`Database`,
	// `Database/Inner`) that the call creates; empty when it is not known.
	Module string `json:"module"`
}

// Counts reports whether the finding counts toward the exit status: it is
// neither suppressed nor in the baseline.
func (f Finding) Counts() bool { return f.Suppressed == nil && !f.Baseline }

// Suppression says why and until when a finding is suppressed, and where.
type Suppression struct {
	Reason string `json:"reason"`
	// Until is the last day it holds (YYYY-MM-DD), or nil for no end.
	Until *string `json:"until"`
	File  string  `json:"file"`
	Line  int     `json:"line"`
}

// Error is an input problem: a file that could not be read or parsed
// (severity "error") or a value that became unknown for a reason the user
// can act on (severity "warning").
type Error struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// Summary counts what the report holds.
type Summary struct {
	// Files is the number of input files read.
	Files    int `json:"files"`
	Clusters int `json:"clusters"`
	Pass     int `json:"pass"`
	Fail     int `json:"fail"`
	Unknown  int `json:"unknown"`
	// Errors is the number of entries in Errors, of either severity.
	Errors int `json:"errors"`
}
