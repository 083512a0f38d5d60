package sarif

// Location is a place in an artifact, with an optional message.
type Location struct {
	Annotations      none              `json:"annotations"`
	ID               int               `json:"id"`
	LogicalLocations none              `json:"logicalLocations"`
	Message          *Message          `json:"message,omitempty"`
	PhysicalLocation *PhysicalLocation `json:"physicalLocation,omitempty"`
	Relationships    none              `json:"relationships"`
}

// NewLocationWithPhysicalLocation returns the location pl, without an id.
func NewLocationWithPhysicalLocation(pl *PhysicalLocation) *Location {
	return &Location{Annotations: none{}, ID: -1, LogicalLocations: none{}, PhysicalLocation: pl, Relationships: none{}}
}

// WithID sets the location's id, unique within its result.
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
// artifacts (-1: none).
type ArtifactLocation struct {
	Index     int     `json:"index"`
	URI       *string `json:"uri,omitempty"`
	URIBaseID *string `json:"uriBaseId,omitempty"`
}

// NewArtifactLocation returns an artifact location without an index.
func NewArtifactLocation() *ArtifactLocation { return &ArtifactLocation{Index: -1} }

// WithURI sets the URI.
func (a *ArtifactLocation) WithURI(uri string) *ArtifactLocation {
	a.URI = &uri
	return a
}

// WithIndex sets the index in the run's artifacts.
func (a *ArtifactLocation) WithIndex(i int) *ArtifactLocation {
	a.Index = i
	return a
}

// WithURIBaseID sets the base a relative URI resolves against.
func (a *ArtifactLocation) WithURIBaseID(base string) *ArtifactLocation {
	a.URIBaseID = &base
	return a
}

// Region is a span of lines; offsets -1 mean not given.
type Region struct {
	ByteOffset int  `json:"byteOffset"`
	CharOffset int  `json:"charOffset"`
	EndLine    *int `json:"endLine,omitempty"`
	StartLine  *int `json:"startLine,omitempty"`
}

// NewRegion returns a region without offsets.
func NewRegion() *Region { return &Region{ByteOffset: -1, CharOffset: -1} }

// WithStartLine sets the first line.
func (r *Region) WithStartLine(line int) *Region {
	r.StartLine = &line
	return r
}

// WithEndLine sets the last line.
func (r *Region) WithEndLine(line int) *Region {
	r.EndLine = &line
	return r
}

// Artifact is a file that locations cite.
type Artifact struct {
	Length      int               `json:"length"`
	Location    *ArtifactLocation `json:"location,omitempty"`
	ParentIndex int               `json:"parentIndex"`
	Roles       none              `json:"roles"`
}

// NewArtifact returns an artifact of unknown length without a parent.
func NewArtifact() *Artifact { return &Artifact{Length: -1, ParentIndex: -1, Roles: none{}} }

// WithLocation sets where the artifact is.
func (a *Artifact) WithLocation(l *ArtifactLocation) *Artifact {
	a.Location = l
	return a
}
