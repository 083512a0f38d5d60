package cloudformation

import (
	"testing"

	"github.com/daslint/daslint/model"
)

// TestConditionCohorts checks that resources under the same unknown
// condition of one stack share a cohort (they exist together), that a
// different unknown condition is a different cohort, that resources which
// exist for certain have none, and that the resources of a nested stack
// that may not exist share the cohort of the stack resource.
func TestConditionCohorts(t *testing.T) {
	parent := `
Conditions:
  ThirdAZ: !Equals [!Ref "AWS::Region", eu-west-1]
  Prod: !Equals [!Ref "AWS::Region", us-east-1]
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref VPC}
  SubnetC:
    Type: AWS::EC2::Subnet
    Condition: ThirdAZ
    Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.3.0/24}
  SubnetCAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Condition: ThirdAZ
    Properties: {SubnetId: !Ref SubnetC, RouteTableId: !Ref Table}
  ProdSubnet:
    Type: AWS::EC2::Subnet
    Condition: Prod
    Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.4.0/24}
  Child:
    Type: AWS::CloudFormation::Stack
    Condition: ThirdAZ
    Properties: {TemplateURL: ./child.yaml, Parameters: {Vpc: !Ref VPC}}
`
	child := `
Parameters:
  Vpc: {Type: String}
Resources:
  Inner:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.5.0/24}
`
	m, _, ds := loadDir(t, map[string]string{"template.yaml": parent, "child.yaml": child}, Options{})
	noErrors(t, ds)
	want := map[string]string{
		"VPC":                "",
		"Table":              "",
		"SubnetC":            "condition:ThirdAZ",
		"SubnetCAssociation": "condition:ThirdAZ",
		"ProdSubnet":         "condition:Prod",
		// Inner exists exactly when the stack Child does.
		"Child/Inner": "condition:ThirdAZ",
	}
	for addr, cohort := range want {
		o := m.Lookup(addr)
		if o == nil {
			t.Errorf("no %s", addr)
			continue
		}
		b := o.Base()
		if b.Cohort != cohort {
			t.Errorf("%s: Cohort = %q, want %q", addr, b.Cohort, cohort)
		}
		if (b.Maybe != nil) != (cohort != "") {
			t.Errorf("%s: Maybe = %v, but Cohort = %q", addr, b.Maybe, cohort)
		}
	}
	as, _ := m.Lookup("SubnetCAssociation").(*model.RouteTableAssociation)
	if as == nil || as.Subnet.Key != "SubnetC" || as.Subnet.SameIndex {
		t.Errorf("association subnet = %+v, want a plain link to SubnetC", as)
	}
}
