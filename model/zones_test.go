package model

import "testing"

func TestSameZone(t *testing.T) {
	name := func(s string) Str { return KnownStr(s, Range{}) }
	unknown := UnknownStr(&Unresolved{Reason: "var.az"}, Range{})
	tests := []struct {
		name string
		a, b Str
		want Tri
	}{
		{"same name, other case", name("eu-west-1a"), name("EU-WEST-1A"), True},
		{"different names", name("eu-west-1a"), name("eu-west-1b"), False},
		{"same index of one list", name(ZoneToken("region", 0)), name(ZoneToken("region", 0)), True},
		{"different indexes of one list", name(ZoneToken("region", 0)), name(ZoneToken("region", 1)), False},
		{"indexes of different lists", name(ZoneToken("us-east-1", 0)), name(ZoneToken("region", 1)), Unknown},
		{"a name and a token", name("eu-west-1a"), name(ZoneToken("region", 0)), Unknown},
		{"unknown", unknown, name("eu-west-1a"), Unknown},
		{"unset", Str{}, name("eu-west-1a"), Unknown},
	}
	for _, tt := range tests {
		if got := SameZone(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: SameZone = %v, want %v", tt.name, got, tt.want)
		}
	}
}
