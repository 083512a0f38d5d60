package rules

import (
	"strings"

	"github.com/daslint/daslint/model"
)

// keyID is what a KMS key identifier, as StartActivityStream's KmsKeyId
// takes it (a key ID, key ARN, alias name or alias ARN), says by itself.
type keyID struct {
	// text is the identifier as written, unknown parts shown as "…".
	text string
	// resource is the key or alias part (key/…, alias/…, or a bare key
	// ID), as far as it is known: up to its first unknown part.
	resource string
	// region is the region of an ARN, when it is known.
	region string
}

// parseKeyID reads a literal key identifier. Unknown parts are
// model.UnknownPart; a part that holds one is not known.
func parseKeyID(s string) keyID {
	k := keyID{text: strings.ReplaceAll(s, model.UnknownPart, "…")}
	// An alias name or key ID holds no colon, so the resource of an ARN
	// is what follows the last one (arn:partition:kms:region:account:resource).
	res := s
	if i := strings.LastIndex(s, ":"); i >= 0 {
		res = s[i+1:]
		if parts := strings.Split(s, ":"); len(parts) == 6 && parts[0] == "arn" && parts[2] == "kms" && knownPart(parts[3]) {
			k.region = parts[3]
		}
	}
	if i := strings.Index(res, model.UnknownPart); i >= 0 {
		res = res[:i]
	}
	k.resource = res
	return k
}

// knownPart reports whether one colon-separated part of an identifier is
// known: no unknown part, no identity or region token.
func knownPart(s string) bool {
	return s != "" && !strings.Contains(s, "⟪")
}

// awsManaged reports whether the identifier names an AWS managed key
// through its alias: the alias/aws/ prefix is reserved for them (KMS
// Developer Guide, "Aliases in AWS KMS").
func (k keyID) awsManaged() bool { return strings.HasPrefix(k.resource, "alias/aws/") }

// multiRegion reports whether the identifier names a multi-Region key,
// whose key ID starts with mrk-.
func (k keyID) multiRegion() bool {
	id := strings.TrimPrefix(k.resource, "key/")
	return strings.HasPrefix(id, "mrk-")
}

// isAlias reports whether the identifier names an alias.
func (k keyID) isAlias() bool { return strings.HasPrefix(k.resource, "alias/") }

// symmetricSpec and encryptUsage are the key spec and key usage of a
// symmetric encryption KMS key, the only kind that can generate data keys
// (KMS API Reference, GenerateDataKey).
const (
	symmetricSpec = "SYMMETRIC_DEFAULT"
	encryptUsage  = "ENCRYPT_DECRYPT"
)

// keyKind names the kind of key a spec other than SYMMETRIC_DEFAULT makes.
func keyKind(spec string) string {
	if strings.HasPrefix(strings.ToUpper(spec), "HMAC_") {
		return "an HMAC key"
	}
	return "an asymmetric key"
}

// regionOf returns a region value when it is known and real (not a
// region token standing for an unknown deployment region).
func regionOf(s model.Str) (string, bool) {
	if !s.Known() || !knownPart(s.Value) {
		return "", false
	}
	return s.Value, true
}
