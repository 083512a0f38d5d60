// Package sarif holds the few SARIF 2.1.0 objects that daslint's SARIF
// report writes, with the constructors and setters it builds them with.
//
// Only what is known is written: a property the report has no value for is
// left out rather than written as a sentinel (-1, an empty array or object,
// null). SARIF gives every optional property a default that stands for "not
// given" (an index of -1, a rank of -1, an empty array), so leaving it out
// says the same thing in fewer bytes, and a log for one finding stays small
// enough to read. The required parts stay: the log's $schema, version and
// runs, a run's tool and results (GitHub code scanning rejects a run without
// results, even an empty one), an invocation's executionSuccessful.
// internal/sarifcheck validates what the report writes against the schema.
//
// It replaces github.com/owenrumney/go-sarif, which linked a JSON Schema
// validator and with it net/http and crypto/tls, about half of daslint's
// start-up (issue 10).
package sarif

import "encoding/json"

// Schema is the URI of the SARIF 2.1.0 JSON schema, the log's $schema.
const Schema = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json"

// Levels of a result, a notification or a rule's default configuration.
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelNote    = "note"
)

// Report is a SARIF log.
type Report struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []*Run `json:"runs"`
}

// NewReport returns a log of version 2.1.0 with no run.
func NewReport() *Report {
	return &Report{Schema: Schema, Version: "2.1.0", Runs: []*Run{}}
}

// AddRun appends run to the log.
func (r *Report) AddRun(run *Run) *Report {
	r.Runs = append(r.Runs, run)
	return r
}

// Run is one run of a tool.
type Run struct {
	Tool *Tool `json:"tool"`
	// OriginalURIBaseIDs describes the bases that relative URIs resolve
	// against.
	OriginalURIBaseIDs map[string]*ArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Artifacts          []*Artifact                  `json:"artifacts,omitempty"`
	Invocations        []*Invocation                `json:"invocations,omitempty"`
	// Results is always written, [] when there is none.
	Results []*Result `json:"results"`
}

// NewRunWithInformationURI returns a run of the tool named toolName, whose
// home page is informationURI.
func NewRunWithInformationURI(toolName, informationURI string) *Run {
	return &Run{
		Tool:    &Tool{Driver: &ToolComponent{Name: toolName, InformationURI: informationURI}},
		Results: []*Result{},
	}
}

// AddRule returns the rule of the driver with ID ruleID, added first when
// there is none.
func (run *Run) AddRule(ruleID string) *ReportingDescriptor {
	if i := run.GetRuleIndex(ruleID); i >= 0 {
		return run.Tool.Driver.Rules[i]
	}
	rule := &ReportingDescriptor{ID: ruleID}
	run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule)
	return rule
}

// GetRuleIndex is the index of the rule with ID ruleID in the driver's
// rules, -1 when there is none.
func (run *Run) GetRuleIndex(ruleID string) int {
	if ruleID == "" {
		return -1
	}
	for i, rule := range run.Tool.Driver.Rules {
		if rule.ID == ruleID {
			return i
		}
	}
	return -1
}

// CreateResultForRule appends a result of rule ruleID to the run. Its
// ruleIndex is set when the rule is described.
func (run *Run) CreateResultForRule(ruleID string) *Result {
	r := &Result{RuleID: ruleID}
	if i := run.GetRuleIndex(ruleID); i >= 0 {
		r.WithRuleIndex(i)
	}
	run.Results = append(run.Results, r)
	return r
}

// AddArtifact appends a to the run's artifacts.
func (run *Run) AddArtifact(a *Artifact) *Run {
	run.Artifacts = append(run.Artifacts, a)
	return run
}

// AddInvocation appends inv to the run's invocations.
func (run *Run) AddInvocation(inv *Invocation) *Run {
	run.Invocations = append(run.Invocations, inv)
	return run
}

// DescribeURIBase says in words what the base id stands for, without
// giving its absolute URI (which would put a machine's path in the log).
func (run *Run) DescribeURIBase(id, description string) *Run {
	if run.OriginalURIBaseIDs == nil {
		run.OriginalURIBaseIDs = map[string]*ArtifactLocation{}
	}
	run.OriginalURIBaseIDs[id] = &ArtifactLocation{Description: NewTextMessage(description)}
	return run
}

// Tool is the analysis tool of a run.
type Tool struct {
	Driver *ToolComponent `json:"driver"`
}

// ToolComponent is the tool's driver.
type ToolComponent struct {
	Name            string                 `json:"name"`
	Version         string                 `json:"version,omitempty"`
	SemanticVersion string                 `json:"semanticVersion,omitempty"`
	InformationURI  string                 `json:"informationUri,omitempty"`
	Rules           []*ReportingDescriptor `json:"rules,omitempty"`
}

// WithVersion sets the tool's version.
func (c *ToolComponent) WithVersion(v string) *ToolComponent {
	c.Version = v
	return c
}

// WithSemanticVersion sets the tool's semantic version.
func (c *ToolComponent) WithSemanticVersion(v string) *ToolComponent {
	c.SemanticVersion = v
	return c
}

// MultiformatMessageString is a text with an optional Markdown form.
type MultiformatMessageString struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// NewMultiformatMessageString returns the plain text text.
func NewMultiformatMessageString(text string) *MultiformatMessageString {
	return &MultiformatMessageString{Text: text}
}

// WithMarkdown sets the Markdown form.
func (m *MultiformatMessageString) WithMarkdown(markdown string) *MultiformatMessageString {
	m.Markdown = markdown
	return m
}

// PropertyBag holds a rule's tags and other properties. It is written as
// one object: the properties, and "tags" when there are any.
type PropertyBag struct {
	Properties map[string]any
	Tags       []string
}

// NewPropertyBag returns an empty bag.
func NewPropertyBag() *PropertyBag {
	return &PropertyBag{Properties: map[string]any{}}
}

// Add sets the property key.
func (p *PropertyBag) Add(key string, value any) *PropertyBag {
	p.Properties[key] = value
	return p
}

// WithTags sets the tags.
func (p *PropertyBag) WithTags(tags []string) *PropertyBag {
	p.Tags = tags
	return p
}

// Empty reports whether the bag holds nothing, so that it can be left out.
func (p *PropertyBag) Empty() bool {
	return p == nil || (len(p.Properties) == 0 && len(p.Tags) == 0)
}

// MarshalJSON writes the properties and the tags as one object, with
// sorted keys (json.Marshal of a map).
func (p PropertyBag) MarshalJSON() ([]byte, error) {
	all := make(map[string]any, len(p.Properties)+1)
	for k, v := range p.Properties {
		all[k] = v
	}
	if len(p.Tags) > 0 {
		all["tags"] = p.Tags
	}
	return json.Marshal(all)
}
