package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// Fingerprint identifies a finding so that a baseline (and a code-scanning
// service) can recognise it in a later run. It hashes, separated by NUL:
//
//   - the rule ID;
//   - the root the finding was read from (the Terraform root module
//     directory or the template file), relative to the read boundary (the
//     repository top or --root; model.Model.Key), so that it is the same
//     from any working directory (docs/semantics.md#where-a-run-starts-does-not-matter): two roots may declare the
//     same address;
//   - the subject's address (the Terraform address or CloudFormation
//     logical ID), not its file or line;
//   - the causes: for DAS001 the first broken link of each failing
//     placement (the link's address, its path and the reason), for DAS002
//     the unknown links and the unresolved values (subject, kind, reason),
//     sorted and without duplicates, each with its runs of white space
//     made one space. Causes are built from structured fields that hold
//     no position (see cause).
//
// So the fingerprint survives moving lines, reformatting, and moving a
// resource to another file of the same module; it changes when the verdict
// changes (another rule), or the cluster breaks at another link or for
// another reason. Renaming the resource or the root directory changes it
// too; running from another working directory does not.
func Fingerprint(root string, f *Finding) string {
	causes := make([]string, 0, len(f.causes))
	for _, c := range f.causes {
		causes = append(causes, strings.Join(strings.Fields(c), " "))
	}
	slices.Sort(causes)
	causes = slices.Compact(causes)
	h := sha256.New()
	for _, part := range append([]string{f.Rule, root, f.Subject}, causes...) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// cause is one explaining fact, as fingerprints hash it: structured fields
// of the finding (a path, an address, a link's text, a reason, an
// unresolved value's kind), never a message. None of them holds a
// position: the network analysis keeps positions in Range fields and the
// rules cite them only when they render a message, so moving a line
// cannot change a cause (TestCausesHoldNoPosition checks every golden
// case).
func cause(parts ...string) string { return strings.Join(parts, "\x1f") }
