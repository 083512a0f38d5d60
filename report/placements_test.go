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
		{[]Instance{in("a", "s1"), in("a", "")}, "1 instance × 2 subnets"},
		{[]Instance{in("a", "s1"), in("b", "")}, "2 placements"},
	}
	for _, tt := range tests {
		if got := placementCount(tt.ins); got != tt.want {
			t.Errorf("placementCount(%v) = %q, want %q", tt.ins, got, tt.want)
		}
	}
}
