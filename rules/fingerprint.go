package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"sync"
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
//     sorted and without duplicates, with every `file:line` removed.
//
// So the fingerprint survives moving lines, reformatting, and moving a
// resource to another file of the same module; it changes when the verdict
// changes (another rule), or the cluster breaks at another link or for
// another reason. Renaming the resource or the root directory changes it
// too; running from another working directory does not.
func Fingerprint(root string, f *Finding) string {
	causes := make([]string, 0, len(f.causes))
	for _, c := range f.causes {
		causes = append(causes, withoutPositions(c))
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

// position matches a `file:line` or `file:line:column` citation.
var position = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[^\s(),;]+:[0-9]+(:[0-9]+)?`)
})

// withoutPositions drops file:line citations from a reason, so that moving
// a line does not change the fingerprint.
func withoutPositions(s string) string {
	if mayCitePosition(s) {
		s = position().ReplaceAllString(s, "")
	}
	return strings.Join(strings.Fields(s), " ")
}

// mayCitePosition reports whether s has a colon followed by a digit,
// without which position cannot match: most causes cite no position, and
// the regular expression was most of the cost of a fingerprint.
func mayCitePosition(s string) bool {
	for i := strings.IndexByte(s, ':'); i >= 0 && i+1 < len(s); {
		if c := s[i+1]; c >= '0' && c <= '9' {
			return true
		}
		j := strings.IndexByte(s[i+1:], ':')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// cause is one explaining fact, as fingerprints hash it.
func cause(parts ...string) string { return strings.Join(parts, "\x1f") }
