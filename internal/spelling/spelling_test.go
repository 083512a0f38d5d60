package spelling

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"Subnet", "", 6},
		{"Subnet", "subnet", 0}, // case is ignored
		{"Subnett", "Subnet", 1},
		{"Subent", "Subnet", 1}, // a swap of neighbours is one slip
		{"FromPrt", "FromPort", 1},
		{"kitten", "sitting", 3},
		{"PCS", "ECS", 1},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"PrivateDnsEnabled", "SecurityGroupIds", "SubnetIds", "VpcEndpointType", "VpcId"}
	tests := []struct{ name, want string }{
		{"PrivateDNSEnabled", "PrivateDnsEnabled"}, // case first, though 3 letters differ
		{"SubnetId", "SubnetIds"},
		{"VpcEndpointTyp", "VpcEndpointType"},
		{"SecurityGroups", "SecurityGroupIds"}, // 2 edits, as many as 14 letters may have
		{"SecurityGroupNames", ""},             // 4 edits: more than 18 letters may have
		{"Foo", ""},
		{"VpcId", ""}, // a known name is not its own suggestion
	}
	for _, tc := range tests {
		if got := Closest(tc.name, names, func(n int) int { return max(1, n/6) }); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
