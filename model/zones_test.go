package model

import "testing"

func TestSameZone(t *testing.T) {
	name := func(s string) Str { return KnownStr(s, Range{}) }
	unknown := UnknownStr(&Unresolved{Reason: "var.az"}, Range{})
	tf := func(list string, i int) Str {
		return name(ZoneToken(list, i, "data.aws_availability_zones.x.names["+string(rune('0'+i))+"]"))
	}
	tests := []struct {
		name string
		a, b Str
		want Tri
	}{
		{"same name, other case", name("eu-west-1a"), name("EU-WEST-1A"), True},
		{"different names", name("eu-west-1a"), name("eu-west-1b"), False},
		{"same index of one list", name(ZoneToken("region", 0, "")), name(ZoneToken("region", 0, "")), True},
		{"different indexes of one list", name(ZoneToken("region", 0, "")), name(ZoneToken("region", 1, "")), False},
		{"indexes of different lists", name(ZoneToken("us-east-1", 0, "")), name(ZoneToken("region", 1, "")), Unknown},
		{"same index, other text", name(ZoneToken("l", 1, "data.a.names[1]")), name(ZoneToken("l", 1, "data.b.names[1]")), True},
		{"Terraform lists by key", tf("k1", 0), tf("k2", 0), Unknown},
		{"a name and a token", name("eu-west-1a"), name(ZoneToken("region", 0, "")), Unknown},
		{"a list key with separators and brackets", name(ZoneToken("a\x1f⟪b⟫", 2, "t")), name(ZoneToken("a⟪b⟫", 2, "u")), True},
		{"a name built around an identity token", name(Token("aws_subnet.a") + "a"), name("eu-west-1a"), Unknown},
		{"an identity token against itself", name(Token("aws_subnet.a")), name(Token("aws_subnet.a")), Unknown},
		{"the region token compares by text", name(RegionToken + "a"), name(RegionToken + "A"), True},
		{"the region token, other letters", name(RegionToken + "a"), name(RegionToken + "b"), False},
		{"unknown", unknown, name("eu-west-1a"), Unknown},
		{"unset", Str{}, name("eu-west-1a"), Unknown},
	}
	for _, tt := range tests {
		if got := SameZone(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: SameZone = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestZoneText(t *testing.T) {
	tests := []struct{ in, want string }{
		{ZoneToken("k", 0, "data.aws_availability_zones.available.names[0]"), "data.aws_availability_zones.available.names[0]"},
		{ZoneToken("region", 1, `Fn::Select [1, Fn::GetAZs ""]`), `Fn::Select [1, Fn::GetAZs ""]`},
		{ZoneToken("k", 2, "a⟫b"), "ab"},
		{"eu-west-1a", "eu-west-1a"},
		{Token("aws_subnet.a"), Token("aws_subnet.a")},
	}
	for _, tt := range tests {
		if got := ZoneText(tt.in); got != tt.want {
			t.Errorf("ZoneText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
