package cloudformation

import (
	"regexp"
	"strings"
	"sync"

	"github.com/daslint/daslint/model"
)

// A custom resource that starts an activity stream passes the mode that
// StartActivityStream requires ("sync" or "async") under a name of its
// author's choosing (Mode, ActivityStreamMode, StreamMode): the first
// property, at any depth, whose name contains "mode" holds it
// (docs/semantics.md#engine-support-and-stream-mode). The CDK's AwsCustomResource passes it
// inside a JSON payload instead ("parameters":{"Mode":"sync",...}).

// streamMode returns the mode a custom resource's properties give, or an
// unset Str when they name none.
func streamMode(props Value, at model.Range) model.Str {
	if s, ok := namedMode(props, at); ok {
		return s
	}
	if s, ok := payloadMode(props, at); ok {
		return s
	}
	return model.Str{}
}

// isModeKey says whether a property names the stream's mode: a name that
// contains "mode", but not the cluster's EngineMode, which a resource may
// pass along for another purpose.
func isModeKey(k string) bool {
	f := fold(k)
	return strings.Contains(f, "mode") && !strings.Contains(f, "engine")
}

// namedMode finds the first property, at any depth, whose name says mode
// and whose value is a string or unknown.
func namedMode(v Value, at model.Range) (model.Str, bool) {
	for _, e := range v.list {
		if s, ok := namedMode(e, at); ok {
			return s, true
		}
	}
	for _, k := range v.keys {
		if k == "ServiceToken" {
			continue
		}
		e := v.m[k]
		if isModeKey(k) {
			switch e.kind {
			case kString:
				return model.KnownStr(e.str, rangeOr(e.rng, at)), true
			case kUnknown:
				return model.UnknownStr(e.unknown, rangeOr(e.rng, at)), true
			}
		}
		if s, ok := namedMode(e, at); ok {
			return s, true
		}
	}
	return model.Str{}, false
}

// payloadModePattern finds a mode in a JSON payload. Only the two values
// the API accepts count: in a payload built around an unknown (Fn::Sub),
// anything else may be the unknown's placeholder.
var payloadModePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"(?i:mode)"\s*:\s*"(sync|async)"`)
})

// payloadMode finds the mode in a string payload of the properties.
func payloadMode(v Value, at model.Range) (model.Str, bool) {
	switch v.kind {
	case kString, kUnknown:
		if m := payloadModePattern().FindStringSubmatch(v.str); m != nil {
			return model.KnownStr(m[1], rangeOr(v.rng, at)), true
		}
	case kList:
		for _, e := range v.list {
			if s, ok := payloadMode(e, at); ok {
				return s, true
			}
		}
	case kMap:
		for _, k := range v.keys {
			if k == "ServiceToken" {
				continue
			}
			if s, ok := payloadMode(v.m[k], at); ok {
				return s, true
			}
		}
	}
	return model.Str{}, false
}
