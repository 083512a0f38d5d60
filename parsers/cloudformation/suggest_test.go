package cloudformation

import "testing"

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
