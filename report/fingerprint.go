package report

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// FingerprintKey names daslint's fingerprint among a SARIF result's
// partialFingerprints. The version suffix changes whenever the recipe of
// Fingerprint does, so that old and new values are never compared.
const FingerprintKey = "daslint/v1"

// Fingerprint identifies a finding across runs, so that code scanning can
// match an alert with the one of the previous commit and a baseline can
// recognise a finding it already holds. It is the SHA-256 (hex) of:
//
//   - the rule ID,
//   - the file of the resource, as reported (relative to the working
//     directory: run daslint from the same directory each time),
//   - the resource address or logical ID,
//   - the anchor: the lexicographically first text of the links the finding
//     cites (Related), such as `aws_route_table.private 0.0.0.0/0`, or
//     nothing when it cites none.
//
// Nothing in it depends on a line number, a column, the message wording or
// the order in which instances were analysed, so the fingerprint survives
// code moving within the file and reformatting. The anchor makes a
// finding whose cause changes (the NAT route is fixed, now the endpoint's
// security group breaks) a new finding; taking the first text, rather than
// all of them, keeps it when one of several broken placements is fixed and
// another one still names the same first link.
func (f Finding) Fingerprint() string {
	h := sha256.New()
	for _, part := range []string{FingerprintKey, f.Rule, f.File, f.Resource, f.anchor()} {
		// A NUL cannot occur in any part, so the parts cannot run together.
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// anchor is the smallest non-empty related link text, with runs of white
// space collapsed (link texts are built from code, where spacing is free).
func (f Finding) anchor() string {
	var texts []string
	for _, l := range f.Related {
		if t := strings.Join(strings.Fields(l.Text), " "); t != "" {
			texts = append(texts, t)
		}
	}
	if len(texts) == 0 {
		return ""
	}
	return slices.Min(texts)
}
