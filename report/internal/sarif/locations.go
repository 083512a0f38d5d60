package sarif

// Location is a place in an artifact, with an optional message.
type Location struct {
	// ID is unique within a result; 0 is left out, so ids start at 1.
	ID               int               `json:"id,omitempty"`
	PhysicalLocation *PhysicalLocation `json:"physicalLocation,omitempty"`
	Message          *Message          `json:"message,omitempty"`
}

// NewLocationWithPhysicalLocation returns the location pl, without an id.
func NewLocationWithPhysicalLocation(pl *PhysicalLocation) *Location {
	return &Location{PhysicalLocation: pl}
}

// WithID sets the location's id, unique within its result and above 0.
func (l *Location) WithID(id int) *Location {
	l.ID = id
	return l
}

// WithMessage sets the location's message.
func (l *Location) WithMessage(m *Message) *Location {
	l.Message = m
	return l
}

// PhysicalLocation is a region of an artifact.
type PhysicalLocation struct {
	ArtifactLocation *ArtifactLocation `json:"artifactLocation,omitempty"`
	Region           *Region           `json:"region,omitempty"`
}

// NewPhysicalLocation returns an empty physical location.
func NewPhysicalLocation() *PhysicalLocation { return &PhysicalLocation{} }

// WithArtifactLocation sets the artifact.
func (p *PhysicalLocation) WithArtifactLocation(a *ArtifactLocation) *PhysicalLocation {
	p.ArtifactLocation = a
	return p
}

// WithRegion sets the region.
func (p *PhysicalLocation) WithRegion(r *Region) *PhysicalLocation {
	p.Region = r
	return p
}

// ArtifactLocation names an artifact by URI and by its index in the run's
// artifacts; as a value of a run's originalUriBaseIds, it may hold only a
// description.
type ArtifactLocation struct {
	URI       string `json:"uri,omitempty"`
	URIBaseID string `json:"uriBaseId,omitempty"`
	// Index is nil when the artifact is not among the run's artifacts.
	Index       *int     `json:"index,omitempty"`
	Description *Message `json:"description,omitempty"`
}

// NewArtifactLocation returns the artifact location uri, relative to the
// base base when that is not empty.
func NewArtifactLocation(uri, base string) *ArtifactLocation {
	return &ArtifactLocation{URI: uri, URIBaseID: base}
}

// WithIndex sets the index in the run's artifacts.
func (a *ArtifactLocation) WithIndex(i int) *ArtifactLocation {
	a.Index = &i
	return a
}

// Region is a span of whole lines. Columns are not written.
type Region struct {
	StartLine int `json:"startLine,omitempty"`
	EndLine   int `json:"endLine,omitempty"`
}

// NewRegion returns the region of line start to end; end is left out when
// it is not after start.
func NewRegion(start, end int) *Region {
	r := &Region{StartLine: start}
	if end > start {
		r.EndLine = end
	}
	return r
}

// Artifact is a file that locations cite.
type Artifact struct {
	Location *ArtifactLocation `json:"location"`
}

// NewArtifact returns the artifact at l.
func NewArtifact(l *ArtifactLocation) *Artifact { return &Artifact{Location: l} }
