// Package sarif holds the few SARIF 2.1.0 objects that daslint's SARIF
// report writes, with the constructors and setters it builds them with.
//
// It replaces github.com/owenrumney/go-sarif, which daslint used only to
// marshal these objects and which links a JSON Schema validator and with
// it net/http and crypto/tls: their package initialisation alone was
// about half of daslint's start-up (issue 10). The names, the JSON field
// order and the defaults that the constructors fill in (empty arrays,
// index -1, rank -1, "en-US") are go-sarif v3's, so that the report stays
// the same bytes; internal/sarifcheck validates it against the schema.
// Objects and fields the report never writes are left out.
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

// none is an array that is always empty: go-sarif writes these properties
// as [] rather than leaving them out, and so must the report.
type none []struct{}

// Report is a SARIF log.
type Report struct {
	Schema     string      `json:"$schema"`
	Version    string      `json:"version"`
	Runs       []*Run      `json:"runs"`
	Properties PropertyBag `json:"properties"`
}

// NewReport returns a log of version 2.1.0 with no run.
func NewReport() *Report {
	return &Report{Schema: Schema, Version: "2.1.0", Runs: []*Run{}, Properties: *NewPropertyBag()}
}

// AddRun appends run to the log.
func (r *Report) AddRun(run *Run) *Report {
	r.Runs = append(r.Runs, run)
	return r
}

// Run is one run of a tool.
type Run struct {
	Addresses                none          `json:"addresses"`
	Artifacts                []*Artifact   `json:"artifacts,omitempty"`
	Graphs                   none          `json:"graphs"`
	Invocations              []*Invocation `json:"invocations"`
	Language                 string        `json:"language"`
	LogicalLocations         none          `json:"logicalLocations"`
	NewlineSequences         []string      `json:"newlineSequences"`
	Policies                 none          `json:"policies"`
	RedactionTokens          none          `json:"redactionTokens"`
	Results                  []*Result     `json:"results"`
	RunAggregates            none          `json:"runAggregates"`
	Taxonomies               none          `json:"taxonomies"`
	ThreadFlowLocations      none          `json:"threadFlowLocations"`
	Tool                     *Tool         `json:"tool,omitempty"`
	Translations             none          `json:"translations"`
	VersionControlProvenance none          `json:"versionControlProvenance"`
	WebRequests              none          `json:"webRequests"`
	WebResponses             none          `json:"webResponses"`
}

// NewRunWithInformationURI returns a run of the tool named toolName, whose
// home page is informationURI.
func NewRunWithInformationURI(toolName, informationURI string) *Run {
	driver := newToolComponent()
	driver.Name, driver.InformationURI = &toolName, &informationURI
	return &Run{
		Addresses: none{}, Artifacts: []*Artifact{}, Graphs: none{}, Invocations: []*Invocation{},
		Language: "en-US", LogicalLocations: none{}, NewlineSequences: []string{"\r\n", "\n"},
		Policies: none{}, RedactionTokens: none{}, Results: []*Result{}, RunAggregates: none{},
		Taxonomies: none{}, ThreadFlowLocations: none{}, Tool: &Tool{Driver: driver, Extensions: none{}},
		Translations: none{}, VersionControlProvenance: none{}, WebRequests: none{}, WebResponses: none{},
	}
}

// AddRule returns the rule of the driver with ID ruleID, added first when
// there is none.
func (run *Run) AddRule(ruleID string) *ReportingDescriptor {
	if i := run.GetRuleIndex(ruleID); i >= 0 {
		return run.Tool.Driver.Rules[i]
	}
	rule := &ReportingDescriptor{ID: &ruleID, Relationships: none{}}
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
		if rule.ID != nil && *rule.ID == ruleID {
			return i
		}
	}
	return -1
}

// CreateResultForRule appends a result of rule ruleID to the run.
func (run *Run) CreateResultForRule(ruleID string) *Result {
	r := &Result{
		Attachments: none{}, CodeFlows: none{}, Fixes: none{}, GraphTraversals: none{}, Graphs: none{},
		Kind: "fail", Level: LevelWarning, Locations: []*Location{}, Rank: -1,
		RelatedLocations: []*Location{}, RuleID: &ruleID, RuleIndex: run.GetRuleIndex(ruleID),
		Stacks: none{}, Suppressions: []*Suppression{}, Taxa: none{},
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

// Tool is the analysis tool of a run.
type Tool struct {
	Driver     *ToolComponent `json:"driver,omitempty"`
	Extensions none           `json:"extensions"`
}

// ToolComponent is the tool's driver.
type ToolComponent struct {
	Contents            []string               `json:"contents"`
	InformationURI      *string                `json:"informationUri,omitempty"`
	IsComprehensive     bool                   `json:"isComprehensive"`
	Language            string                 `json:"language"`
	Locations           none                   `json:"locations"`
	Name                *string                `json:"name,omitempty"`
	Notifications       none                   `json:"notifications"`
	Rules               []*ReportingDescriptor `json:"rules"`
	SemanticVersion     *string                `json:"semanticVersion,omitempty"`
	SupportedTaxonomies none                   `json:"supportedTaxonomies"`
	Taxa                none                   `json:"taxa"`
	Version             *string                `json:"version,omitempty"`
}

func newToolComponent() *ToolComponent {
	return &ToolComponent{
		Contents: []string{"localizedData", "nonLocalizedData"}, Language: "en-US", Locations: none{},
		Notifications: none{}, Rules: []*ReportingDescriptor{}, SupportedTaxonomies: none{}, Taxa: none{},
	}
}

// WithVersion sets the tool's version.
func (c *ToolComponent) WithVersion(v string) *ToolComponent {
	c.Version = &v
	return c
}

// WithSemanticVersion sets the tool's semantic version.
func (c *ToolComponent) WithSemanticVersion(v string) *ToolComponent {
	c.SemanticVersion = &v
	return c
}

// MultiformatMessageString is a text with an optional Markdown form.
type MultiformatMessageString struct {
	Markdown *string `json:"markdown,omitempty"`
	Text     *string `json:"text,omitempty"`
}

// NewMultiformatMessageString returns an empty message string.
func NewMultiformatMessageString() *MultiformatMessageString {
	return &MultiformatMessageString{}
}

// WithText sets the plain text.
func (m *MultiformatMessageString) WithText(text string) *MultiformatMessageString {
	m.Text = &text
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
	return &PropertyBag{Properties: map[string]any{}, Tags: []string{}}
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

// MarshalJSON writes the properties and the tags as one object, with
// sorted keys and HTML escaped as go-sarif wrote it (json.Marshal of a
// map).
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
