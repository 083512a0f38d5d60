package report

// FingerprintKey names daslint's fingerprint (Finding.Fingerprint, made by
// the rules: see rules.Fingerprint) among a SARIF result's
// partialFingerprints. The version suffix changes whenever the recipe does,
// so that old and new values are never compared.
const FingerprintKey = "daslint/v1"
