package cloudformation

import "testing"

func TestEditDistance(t *testing.T) {
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
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetry)", tc.b, tc.a, got, tc.want)
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
		if got := closest(tc.name, names, typoBudget); got != tc.want {
			t.Errorf("closest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSuggestType(t *testing.T) {
	tests := []struct{ typ, want string }{
		{"AWS::EC2::Subnett", "AWS::EC2::Subnet"},
		{"AWS::EC2::Subent", "AWS::EC2::Subnet"},
		{"AWS::Ec2::subnet", "AWS::EC2::Subnet"},
		{"AWS::EC22::Subnet", "AWS::EC2::Subnet"},
		{"AWS::RDS::DBClustr", "AWS::RDS::DBCluster"},
		{"AWS::EC2::NatGatway", "AWS::EC2::NatGateway"},
		// A three-letter service has no letter to spare: AWS::PCS is a
		// service of its own, not a misspelt AWS::ECS.
		{"AWS::PCS::Cluster", ""},
		{"AWS::EC2::Subnet::Extra", ""},
		{"AWS::EC2", ""},
		{"AWS::Serverless::Functon", ""}, // SAM types are the transform's business
	}
	for _, tc := range tests {
		if got := suggestType(tc.typ); got != tc.want {
			t.Errorf("suggestType(%q) = %q, want %q", tc.typ, got, tc.want)
		}
	}
}
