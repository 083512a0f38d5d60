package report

// Suppression kinds, as SARIF names them (suppression.kind).
const (
	// SuppressedInSource: the scanned code itself accepts the finding (a
	// `# daslint:ignore` comment, CloudFormation Metadata).
	SuppressedInSource = "inSource"
	// SuppressedExternal: something outside the scanned code accepts it
	// (the baseline given with --baseline).
	SuppressedExternal = "external"
)
