package report

// Suppression kinds, as SARIF names them (suppression.kind).
const (
	// SuppressedInSource: the scanned code itself accepts the finding (a
	// `# daslint:ignore` comment, CloudFormation Metadata).
	SuppressedInSource = "inSource"
	// SuppressedExternal: something outside the scanned code accepts it
	// (a configuration file).
	SuppressedExternal = "external"
)

// Suppression records that the user accepted a finding, and why. A
// suppressed finding stays in the JSON and SARIF reports, marked, and does
// not count toward the exit status; the GitHub format does not annotate
// it. A suppression that has expired is no suppression: the finding is
// reported as usual (with a note in its message).
type Suppression struct {
	// Kind is SuppressedInSource or SuppressedExternal.
	Kind string `json:"kind"`
	// Reason is the justification the user wrote; it is required.
	Reason string `json:"reason"`
	// File and Line locate the suppression itself (the comment, the
	// metadata entry, the configuration key); Line is 0 when unknown.
	File string `json:"file"`
	Line int    `json:"line"`
}
