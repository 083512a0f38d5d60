package cloudformation

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"github.com/daslint/daslint/diag"
)

// IsTemplate reports whether data looks like a CloudFormation template: its
// top level has AWSTemplateFormatVersion, or Resources whose entries have a
// Type starting with AWS:: or Custom::. It does not report errors; a file
// that does not parse is not a template.
func IsTemplate(_ string, data []byte) bool {
	if !bytes.Contains(data, []byte("AWSTemplateFormatVersion")) && !bytes.Contains(data, []byte("Resources")) {
		return false
	}
	var ds diag.Diagnostics
	root := parseFile("", data, &ds)
	if root == nil {
		// A template that does not parse is still a template: Load reports
		// why, instead of discovery passing over it in silence.
		return looksLikeTemplate().Match(data)
	}
	if root.kind != mapNode {
		return false
	}
	if root.get("AWSTemplateFormatVersion") != nil {
		return true
	}
	res := root.get("Resources")
	if res == nil || res.kind != mapNode {
		return false
	}
	for _, r := range res.vals {
		if t := r.get("Type"); t != nil && t.kind == scalarNode &&
			(strings.HasPrefix(t.value, "AWS::") || strings.HasPrefix(t.value, "Custom::")) {
			return true
		}
	}
	return false
}

// looksLikeTemplate matches the text of a template that does not parse: a
// top-level AWSTemplateFormatVersion key, or a resource Type of AWS:: or
// Custom:: form.
var looksLikeTemplate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^\s*"?AWSTemplateFormatVersion"?\s*:|"?Type"?\s*:\s*"?(AWS|Custom)::`)
})
