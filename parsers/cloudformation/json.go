package cloudformation

import (
	"encoding/json"
	"strings"
)

// toJSON encodes a known value as JSON, keeping the template's key order.
// An unknown part makes the result unknown (with the known text kept, see
// Value.str).
func toJSON(v Value) Value {
	var sb strings.Builder
	writeJSON(&sb, v)
	if u := v.firstUnknown(); u != nil {
		return Value{kind: kUnknown, unknown: u, str: sb.String(), rng: v.rng}
	}
	return strVal(sb.String(), v.rng)
}

func writeJSON(sb *strings.Builder, v Value) {
	quote := func(s string) {
		b, _ := json.Marshal(s)
		sb.Write(b)
	}
	switch v.kind {
	case kString:
		quote(v.str)
	case kUnknown:
		quote(v.str)
	case kNumber:
		if json.Valid([]byte(v.str)) {
			sb.WriteString(v.str)
		} else {
			quote(v.str)
		}
	case kBool:
		if v.b {
			sb.WriteString("true")
		} else {
			sb.WriteString("false")
		}
	case kList:
		sb.WriteByte('[')
		for i, e := range v.list {
			if i > 0 {
				sb.WriteByte(',')
			}
			writeJSON(sb, e)
		}
		sb.WriteByte(']')
	case kMap:
		sb.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				sb.WriteByte(',')
			}
			quote(k)
			sb.WriteByte(':')
			writeJSON(sb, v.m[k])
		}
		sb.WriteByte('}')
	default:
		sb.WriteString("null")
	}
}

func (s *stack) fnToJSONString(arg, n *node) Value {
	v := toJSON(s.eval(arg))
	v.rng = s.rng(n)
	return v
}
