package report

import "testing"

// TestPlacementCount checks the count in a cluster's heading, including
// placements whose subnet is not known (an empty subnet).
func TestPlacementCount(t *testing.T) {
	in := func(id, subnet string) Instance { return Instance{ID: id, Subnet: subnet} }
	tests := []struct {
		ins  []Instance
		want string
	}{
		{nil, "no placement"},
		{[]Instance{in("a", "s1"), in("a", "s2"), in("b", "s1"), in("b", "s2")}, "2 instances × 2 subnets"},
		{[]Instance{in("a", "s1")}, "1 instance × 1 subnet"},
		{[]Instance{in("a", ""), in("b", "")}, "2 instances in an unknown subnet"},
		{[]Instance{in("a", "")}, "1 instance in an unknown subnet"},
		// A DB subnet group of two subnet IDs outside the run: two
		// placements of one instance, neither subnet known.
		{[]Instance{in("a", ""), in("a", "")}, "1 instance in 2 unknown subnets"},
		{[]Instance{in("a", ""), in("a", ""), in("b", "")}, "3 placements in unknown subnets"},
		{[]Instance{in("a", "s1"), in("a", "")}, "1 instance × 2 subnets"},
		{[]Instance{in("a", "s1"), in("b", "")}, "2 placements"},
	}
	for _, tt := range tests {
		if got := placementCount(tt.ins); got != tt.want {
			t.Errorf("placementCount(%v) = %q, want %q", tt.ins, got, tt.want)
		}
	}
}

// TestPlacementNames checks how the text and Markdown reports name a group
// of placements, an unknown subnet never as an empty name.
func TestPlacementNames(t *testing.T) {
	in := func(id, subnet string) Instance { return Instance{ID: id, Subnet: subnet} }
	tests := []struct {
		ins          []Instance
		text, inMark string
	}{
		{[]Instance{in("a", "s1"), in("b", "s1")}, "a, b in s1", "`a`, `b` in `s1`"},
		{[]Instance{in("a", "s1"), in("a", "s2")}, "a in s1, s2", "`a` in `s1`, `s2`"},
		{[]Instance{in("a", "s1"), in("b", "s2")}, "a in s1, b in s2", "`a` in `s1`, `b` in `s2`"},
		{[]Instance{in("a", "")}, "a in an unknown subnet", "`a` in an unknown subnet"},
		{[]Instance{in("a", ""), in("a", "")}, "a in 2 unknown subnets", "`a` in 2 unknown subnets"},
		{[]Instance{in("a", ""), in("b", ""), in("a", ""), in("b", "")}, "a, b in 2 unknown subnets", "`a`, `b` in 2 unknown subnets"},
		{[]Instance{in("a", ""), in("a", ""), in("b", "")},
			"a in an unknown subnet, a in an unknown subnet, b in an unknown subnet",
			"`a` in an unknown subnet, `a` in an unknown subnet, `b` in an unknown subnet"},
		{[]Instance{in("a", "s1"), in("b", "")}, "a in s1, b in an unknown subnet", "`a` in `s1`, `b` in an unknown subnet"},
		// Every instance in a known subnet and in one that is not.
		{[]Instance{in("a", ""), in("a", "s1"), in("b", ""), in("b", "s1")}, "a, b in an unknown subnet, s1", "`a`, `b` in an unknown subnet, `s1`"},
	}
	for _, tt := range tests {
		groups := groupPlacements(tt.ins, func(Instance) string { return "" })
		if len(groups) != 1 {
			t.Fatalf("%v: %d groups", tt.ins, len(groups))
		}
		if got := groups[0].names(true); got != tt.text {
			t.Errorf("names(%v) = %q, want %q", tt.ins, got, tt.text)
		}
		if got := mdPlacements(groups[0]); got != tt.inMark {
			t.Errorf("mdPlacements(%v) = %q, want %q", tt.ins, got, tt.inMark)
		}
	}
}
