package sarif

// ReportingDescriptor describes a rule.
type ReportingDescriptor struct {
	ID                   string                    `json:"id"`
	Name                 string                    `json:"name,omitempty"`
	ShortDescription     *MultiformatMessageString `json:"shortDescription,omitempty"`
	FullDescription      *MultiformatMessageString `json:"fullDescription,omitempty"`
	Help                 *MultiformatMessageString `json:"help,omitempty"`
	HelpURI              string                    `json:"helpUri,omitempty"`
	DefaultConfiguration *ReportingConfiguration   `json:"defaultConfiguration,omitempty"`
	Properties           *PropertyBag              `json:"properties,omitempty"`
}

// WithName sets the rule's name.
func (d *ReportingDescriptor) WithName(name string) *ReportingDescriptor {
	d.Name = name
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

// WithHelp sets the rule's help.
func (d *ReportingDescriptor) WithHelp(m *MultiformatMessageString) *ReportingDescriptor {
	d.Help = m
	return d
}

// WithHelpURI sets the address of the rule's documentation.
func (d *ReportingDescriptor) WithHelpURI(uri string) *ReportingDescriptor {
	d.HelpURI = uri
	return d
}

// WithDefaultConfiguration sets the rule's default configuration.
func (d *ReportingDescriptor) WithDefaultConfiguration(c *ReportingConfiguration) *ReportingDescriptor {
	d.DefaultConfiguration = c
	return d
}

// WithProperties sets the rule's property bag; an empty one is left out.
func (d *ReportingDescriptor) WithProperties(p *PropertyBag) *ReportingDescriptor {
	if p.Empty() {
		p = nil
	}
	d.Properties = p
	return d
}

// ReportingConfiguration is a rule's default configuration. Only the level
// is written: a rule is enabled and unranked by default.
type ReportingConfiguration struct {
	Level string `json:"level,omitempty"`
}

// NewReportingConfiguration returns a configuration of level.
func NewReportingConfiguration(level string) *ReportingConfiguration {
	return &ReportingConfiguration{Level: level}
}

// Result is one finding. Its kind is SARIF's default, "fail".
type Result struct {
	RuleID string `json:"ruleId"`
	// RuleIndex is nil when the rule is not described.
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level,omitempty"`
	Message             *Message          `json:"message"`
	Locations           []*Location       `json:"locations,omitempty"`
	RelatedLocations    []*Location       `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Suppressions        []*Suppression    `json:"suppressions,omitempty"`
}

// WithRuleIndex sets the index of the result's rule in the driver's rules.
func (r *Result) WithRuleIndex(i int) *Result {
	r.RuleIndex = &i
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
	Text string `json:"text"`
}

// NewTextMessage returns the message text.
func NewTextMessage(text string) *Message {
	return &Message{Text: text}
}

// Suppression says that a result is suppressed, how and why.
type Suppression struct {
	Kind          string    `json:"kind"`
	Status        string    `json:"status,omitempty"`
	Justification string    `json:"justification,omitempty"`
	Location      *Location `json:"location,omitempty"`
}

// NewSuppression returns a suppression of kind inSource or external.
func NewSuppression(kind string) *Suppression { return &Suppression{Kind: kind} }

// WithStatus sets the status.
func (s *Suppression) WithStatus(status string) *Suppression {
	s.Status = status
	return s
}

// WithJustification sets the justification.
func (s *Suppression) WithJustification(j string) *Suppression {
	s.Justification = j
	return s
}

// WithLocation sets where the suppression is written.
func (s *Suppression) WithLocation(l *Location) *Suppression {
	s.Location = l
	return s
}

// Invocation is the run's invocation of the tool.
type Invocation struct {
	ExecutionSuccessful        bool            `json:"executionSuccessful"`
	ToolExecutionNotifications []*Notification `json:"toolExecutionNotifications,omitempty"`
}

// NewInvocation returns a successful invocation with no notification.
func NewInvocation() *Invocation {
	return &Invocation{ExecutionSuccessful: true}
}

// AddToolExecutionNotification appends a notification of a problem met
// while the tool ran.
func (inv *Invocation) AddToolExecutionNotification(n *Notification) *Invocation {
	inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	return inv
}

// WithExecutionSuccessful says whether the tool ran successfully.
func (inv *Invocation) WithExecutionSuccessful(ok bool) *Invocation {
	inv.ExecutionSuccessful = ok
	return inv
}

// Notification is a problem met while the tool ran.
type Notification struct {
	Level     string      `json:"level,omitempty"`
	Message   *Message    `json:"message"`
	Locations []*Location `json:"locations,omitempty"`
}

// NewNotification returns a notification of level with message m.
func NewNotification(level string, m *Message) *Notification {
	return &Notification{Level: level, Message: m}
}

// AddLocation appends a location.
func (n *Notification) AddLocation(l *Location) *Notification {
	n.Locations = append(n.Locations, l)
	return n
}
