package cloudformation

import (
	"encoding/json"
	"strings"

	"github.com/daslint/daslint/model"
)

// kmsKeyWord is what a property that gives a stream's KMS key has in its
// name, once folded: KmsKeyId, KMSKeyArn, kms_key_id
// (docs/semantics.md#the-streams-kms-key).
const kmsKeyWord = "kmskey"

// streamKMSKey finds the KMS key that a custom resource starting an
// activity stream gives: the value of a property, at any depth, whose name
// contains KmsKey, or of such a key inside a JSON string property (the
// CDK's AwsCustomResource payload). Several that differ say nothing for
// certain, and neither does none: the key is then unset and DAS102 stays
// silent.
func streamKMSKey(props Value, r model.Range) model.Ref {
	var found []Value
	collectKMSKeys(props, &found, 0)
	if len(found) == 0 {
		return model.Ref{}
	}
	first := found[0]
	for _, v := range found[1:] {
		if !v.equal(first) {
			return model.Ref{}
		}
	}
	at := rangeOr(first.rng, r)
	switch s, ok := first.scalarString(); {
	case first.kind == kUnknown:
		if tail := knownTail(first.str); tail != "" {
			return model.Ref{Literal: tail, Range: at}
		}
		return model.Ref{Unknown: first.unknown, Range: at}
	case ok:
		return model.RefFromString(s, at)
	}
	return model.Ref{}
}

// knownTail keeps, of the known text of a key identifier built around
// unknown parts (`arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/rds`),
// only its last colon-separated part, after model.UnknownPart and a colon:
// the known text does not say where the unknown parts were, so the region
// and account of an ARN cannot be read from it, but the alias or key it
// ends with can (a valid identifier has no colon in its alias or key
// part, so an unknown part before that part ends with one or is empty).
func knownTail(text string) string {
	tail := text[strings.LastIndex(text, ":")+1:]
	if tail == "" {
		return ""
	}
	return model.UnknownPart + ":" + tail
}

// maxKMSKeyDepth bounds the search through nested properties.
const maxKMSKeyDepth = 16

func collectKMSKeys(v Value, found *[]Value, depth int) {
	if depth > maxKMSKeyDepth {
		return
	}
	switch v.kind {
	case kMap:
		for _, k := range v.keys {
			if k == "ServiceToken" {
				continue
			}
			if strings.Contains(fold(k), kmsKeyWord) {
				*found = append(*found, v.m[k])
				continue
			}
			collectKMSKeys(v.m[k], found, depth+1)
		}
	case kList:
		for _, e := range v.list {
			collectKMSKeys(e, found, depth+1)
		}
	case kString:
		for _, s := range jsonKMSKeys(v.str) {
			*found = append(*found, strVal(s, v.rng))
		}
	case kUnknown:
		// The known text of a JSON payload built around unknown parts
		// (the CDK joins the cluster ARN into it): what it says of the key
		// is partial, as in streamKMSKey.
		for _, s := range jsonKMSKeys(v.str) {
			if tail := knownTail(s); tail != "" {
				*found = append(*found, strVal(tail, v.rng))
			}
		}
	}
}

// jsonKMSKeys returns the string values of keys containing KmsKey in s,
// when s is a JSON object (`{"parameters":{"KmsKeyId":"..."}}`).
func jsonKMSKeys(s string) []string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "{") || !strings.Contains(fold(s), kmsKeyWord) {
		return nil
	}
	var doc any
	if json.Unmarshal([]byte(s), &doc) != nil {
		return nil
	}
	var out []string
	var walk func(any, int)
	walk = func(x any, depth int) {
		if depth > maxKMSKeyDepth {
			return
		}
		switch x := x.(type) {
		case map[string]any:
			for k, e := range x {
				if str, ok := e.(string); ok && strings.Contains(fold(k), kmsKeyWord) {
					out = append(out, str)
					continue
				}
				walk(e, depth+1)
			}
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		}
	}
	walk(doc, 0)
	return out
}
