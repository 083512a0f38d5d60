package sarif

// ReportingDescriptor describes a rule.
type ReportingDescriptor struct {
	DefaultConfiguration *ReportingConfiguration   `json:"defaultConfiguration,omitempty"`
	FullDescription      *MultiformatMessageString `json:"fullDescription,omitempty"`
	Help                 *MultiformatMessageString `json:"help,omitempty"`
	HelpURI              *string                   `json:"helpUri,omitempty"`
	ID                   *string                   `json:"id,omitempty"`
	Name                 *string                   `json:"name,omitempty"`
	Properties           *PropertyBag              `json:"properties,omitempty"`
	Relationships        none                      `json:"relationships"`
	ShortDescription     *MultiformatMessageString `json:"shortDescription,omitempty"`
}

// WithName sets the rule's name.
func (d *ReportingDescriptor) WithName(name string) *ReportingDescriptor {
	d.Name = &name
	return d
}

// WithShortDescription sets the rule's short description.
func (d *ReportingDescriptor) WithShortDescription(m *MultiformatMessageString) *ReportingDescriptor {
	d.ShortDescription = m
	return d
}

// WithFullDescription sets the rule's full description.
func (d *ReportingDescriptor) WithFullDescription(m *MultiformatMessageString) *ReportingDescriptor {
	d.FullDescription = m
	return d
}

// WithMarkdownHelp sets the rule's help, markdown as both its Markdown and
// its text.
func (d *ReportingDescriptor) WithMarkdownHelp(markdown string) *ReportingDescriptor {
	if d.Help == nil {
		d.Help = NewMultiformatMessageString()
	}
	d.Help.Text, d.Help.Markdown = &markdown, &markdown
	return d
}

// WithHelpURI sets the address of the rule's documentation.
func (d *ReportingDescriptor) WithHelpURI(uri string) *ReportingDescriptor {
	d.HelpURI = &uri
	return d
}

// WithDefaultConfiguration sets the rule's default configuration.
func (d *ReportingDescriptor) WithDefaultConfiguration(c *ReportingConfiguration) *ReportingDescriptor {
	d.DefaultConfiguration = c
	return d
}

// WithProperties sets the rule's property bag.
func (d *ReportingDescriptor) WithProperties(p *PropertyBag) *ReportingDescriptor {
	d.Properties = p
	return d
}

// ReportingConfiguration is a rule's default configuration.
type ReportingConfiguration struct {
	Enabled bool    `json:"enabled"`
	Level   string  `json:"level,omitempty"`
	Rank    float64 `json:"rank"`
}

// NewReportingConfiguration returns an enabled configuration of level
// warning.
func NewReportingConfiguration() *ReportingConfiguration {
	return &ReportingConfiguration{Enabled: true, Level: LevelWarning, Rank: -1}
}

// WithLevel sets the level.
func (c *ReportingConfiguration) WithLevel(level string) *ReportingConfiguration {
	c.Level = level
	return c
}

// Result is one finding.
type Result struct {
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Attachments         none              `json:"attachments"`
	CodeFlows           none              `json:"codeFlows"`
	Fixes               none              `json:"fixes"`
	GraphTraversals     none              `json:"graphTraversals"`
	Graphs              none              `json:"graphs"`
	Kind                string            `json:"kind,omitempty"`
	Level               string            `json:"level,omitempty"`
	Locations           []*Location       `json:"locations"`
	Message             *Message          `json:"message,omitempty"`
	Rank                float64           `json:"rank"`
	RelatedLocations    []*Location       `json:"relatedLocations"`
	RuleID              *string           `json:"ruleId,omitempty"`
	RuleIndex           int               `json:"ruleIndex"`
	Stacks              none              `json:"stacks"`
	Suppressions        []*Suppression    `json:"suppressions,omitempty"`
	Taxa                none              `json:"taxa"`
}

// WithRuleIndex sets the index of the result's rule in the driver's rules.
func (r *Result) WithRuleIndex(i int) *Result {
	r.RuleIndex = i
	return r
}

// WithLevel sets the result's level.
func (r *Result) WithLevel(level string) *Result {
	r.Level = level
	return r
}

// WithMessage sets the result's message.
func (r *Result) WithMessage(m *Message) *Result {
	r.Message = m
	return r
}

// WithPartialFingerprints sets the result's partial fingerprints.
func (r *Result) WithPartialFingerprints(fp map[string]string) *Result {
	r.PartialFingerprints = fp
	return r
}

// AddLocation appends a location of the result.
func (r *Result) AddLocation(l *Location) *Result {
	r.Locations = append(r.Locations, l)
	return r
}

// AddRelatedLocation appends a related location.
func (r *Result) AddRelatedLocation(l *Location) *Result {
	r.RelatedLocations = append(r.RelatedLocations, l)
	return r
}

// AddSuppression appends a suppression.
func (r *Result) AddSuppression(s *Suppression) *Result {
	r.Suppressions = append(r.Suppressions, s)
	return r
}

// Message is a plain-text message.
type Message struct {
	Arguments none    `json:"arguments"`
	Text      *string `json:"text,omitempty"`
}

// NewTextMessage returns the message text.
func NewTextMessage(text string) *Message {
	return &Message{Arguments: none{}, Text: &text}
}

// Suppression says that a result is suppressed, how and why.
type Suppression struct {
	Justification *string   `json:"justification,omitempty"`
	Kind          *string   `json:"kind,omitempty"`
	Location      *Location `json:"location,omitempty"`
	Status        *string   `json:"status,omitempty"`
}

// NewSuppression returns an empty suppression.
func NewSuppression() *Suppression { return &Suppression{} }

// WithKind sets the kind: inSource or external.
func (s *Suppression) WithKind(kind string) *Suppression {
	s.Kind = &kind
	return s
}

// WithStatus sets the status.
func (s *Suppression) WithStatus(status string) *Suppression {
	s.Status = &status
	return s
}

// WithJustification sets the justification.
func (s *Suppression) WithJustification(j string) *Suppression {
	s.Justification = &j
	return s
}

// WithLocation sets where the suppression is written.
func (s *Suppression) WithLocation(l *Location) *Suppression {
	s.Location = l
	return s
}

// Invocation is the run's invocation of the tool.
type Invocation struct {
	ExecutionSuccessful                *bool           `json:"executionSuccessful,omitempty"`
	NotificationConfigurationOverrides none            `json:"notificationConfigurationOverrides"`
	RuleConfigurationOverrides         none            `json:"ruleConfigurationOverrides"`
	ToolConfigurationNotifications     none            `json:"toolConfigurationNotifications"`
	ToolExecutionNotifications         []*Notification `json:"toolExecutionNotifications"`
}

// NewInvocation returns an invocation with no notification.
func NewInvocation() *Invocation {
	return &Invocation{
		NotificationConfigurationOverrides: none{}, RuleConfigurationOverrides: none{},
		ToolConfigurationNotifications: none{}, ToolExecutionNotifications: []*Notification{},
	}
}

// AddToolExecutionNotification appends a notification of a problem met
// while the tool ran.
func (inv *Invocation) AddToolExecutionNotification(n *Notification) *Invocation {
	inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	return inv
}

// WithExecutionSuccessful says whether the tool ran successfully.
func (inv *Invocation) WithExecutionSuccessful(ok bool) *Invocation {
	inv.ExecutionSuccessful = &ok
	return inv
}

// Notification is a problem met while the tool ran.
type Notification struct {
	Level     string      `json:"level"`
	Locations []*Location `json:"locations"`
	Message   *Message    `json:"message,omitempty"`
}

// NewNotification returns a notification of level warning.
func NewNotification() *Notification {
	return &Notification{Level: LevelWarning, Locations: []*Location{}}
}

// WithLevel sets the level.
func (n *Notification) WithLevel(level string) *Notification {
	n.Level = level
	return n
}

// WithMessage sets the message.
func (n *Notification) WithMessage(m *Message) *Notification {
	n.Message = m
	return n
}

// AddLocation appends a location.
func (n *Notification) AddLocation(l *Location) *Notification {
	n.Locations = append(n.Locations, l)
	return n
}
