package cloudformation

import "testing"

func TestIsTemplate(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"format version", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", true},
		{"resources only", "Resources:\n  A: {Type: AWS::EC2::VPC}\n", true},
		{"custom resource only", `{"Resources": {"A": {"Type": "Custom::Thing"}}}`, true},
		{"json with escaped slash", `{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"P": "a\/b"}}}}`, true},
		{"broken yaml template", "AWSTemplateFormatVersion: 2010-09-09\nResources:\n  A: [unclosed\n", true},
		{"broken json template", `{"Resources": {"A": {"Type": "AWS::EC2::VPC",}`, true},
		{"kubernetes", "apiVersion: v1\nkind: Service\nmetadata: {name: x}\n", false},
		{"package.json", `{"name": "x", "dependencies": {}}`, false},
		{"resources of another kind", "Resources:\n  A: {Type: Initech::TPS::Report}\n", false},
		{"github workflow", "on: push\njobs:\n  b: {runs-on: ubuntu-latest}\n", false},
		{"broken non-template", "a: [\n", false},
	}
	for _, tc := range tests {
		if got := IsTemplate("f", []byte(tc.text)); got != tc.want {
			t.Errorf("%s: IsTemplate = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestJSONEscapedSlash(t *testing.T) {
	m, ds := loadText(t, "{\n \"Resources\": {\"V\": {\"Type\": \"AWS::EC2::VPC\",\n  \"Properties\": {\"CidrBlock\": \"10.0.0.0\\/16\", \"InstanceTenancy\": \"a\\\\/\"}}}}", Options{})
	noErrors(t, ds)
	if c := m.VPCs[0].CIDR; c.Value != "10.0.0.0/16" || c.Range.Line != 3 {
		t.Errorf("CIDR %+v, want 10.0.0.0/16 at line 3", c)
	}
}
