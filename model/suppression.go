package model

// Suppression is a user's decision, written in the code, to accept the
// findings of one rule on one resource declaration: a Terraform comment
// `# daslint:ignore DAS001 <reason>` or CloudFormation
// `Metadata: {daslint: {ignore: [...]}}`. The parsers record only valid
// suppressions (a rule and a reason); rules decide whether one applies.
type Suppression struct {
	// Rule is the rule ID it silences ("DAS001").
	Rule string
	// Reason says why the finding is accepted; never empty.
	Reason string
	// Until is the last day (YYYY-MM-DD) the suppression holds, or "" for
	// no end. After it, the finding counts again, with a note.
	Until string
	// Range is where the suppression is written.
	Range Range
	// Target is the declaration it applies to: a finding whose subject was
	// declared at Target.File, starting at Target.Line, is suppressed.
	// Matching by declaration (not address) makes one comment cover every
	// instance of a resource with count or for_each, in every module
	// instance.
	Target Range
}
