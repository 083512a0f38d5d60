package cloudformation

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestForEachExpands checks that Fn::ForEach generates its resources, with
// ${X}, &{X} and Ref X replaced, nested loops and a CommaDelimitedList
// collection included.
func TestForEachExpands(t *testing.T) {
	m, ds := loadText(t, `
Transform: AWS::LanguageExtensions
Parameters:
  Zones: {Type: CommaDelimitedList, Default: "eu-west-1a, eu-west-1b"}
Resources:
  VPC: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Group: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: db, VpcId: !Ref VPC}}
  Fn::ForEach::Egress:
    - Port
    - ["5432", "443"]
    - Egress${Port}:
        Type: AWS::EC2::SecurityGroupEgress
        Properties: {GroupId: !Ref Group, IpProtocol: tcp, FromPort: !Ref Port, ToPort: 1, CidrIp: !Sub "10.${Port}.0.0/16"}
  Fn::ForEach::Subnets:
    - Zone
    - !Ref Zones
    - Fn::ForEach::Tiers:
        - Tier
        - [db, app]
        - ${Tier}&{Zone}:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref VPC, AvailabilityZone: !Ref Zone, CidrBlock: !Sub "${Tier}-${Zone}"}
`, Options{})
	var rules []string
	for _, r := range m.SecurityGroupRules {
		rules = append(rules, r.Address+" "+r.Group.Key+" "+r.CIDRs.Items[0].Value)
		if !r.StripsAllowAllEgress || r.Maybe != nil {
			t.Errorf("%s: strips %v, maybe %v", r.Address, r.StripsAllowAllEgress, r.Maybe)
		}
	}
	if got, want := strings.Join(rules, "; "), "Egress5432 Group 10.5432.0.0/16; Egress443 Group 10.443.0.0/16"; got != want {
		t.Errorf("rules: %s, want %s", got, want)
	}
	if p := m.SecurityGroupRules[0].FromPort; !p.Known() || p.Value != 5432 {
		t.Errorf("FromPort: %+v", p)
	}
	var subnets []string
	for _, s := range m.Subnets {
		subnets = append(subnets, s.Address+" "+s.AvailabilityZone.Value+" "+s.CIDR.Value)
	}
	if got, want := strings.Join(subnets, "; "), "dbeuwest1a eu-west-1a db-eu-west-1a; appeuwest1a eu-west-1a app-eu-west-1a; dbeuwest1b eu-west-1b db-eu-west-1b; appeuwest1b eu-west-1b app-eu-west-1b"; got != want {
		t.Errorf("subnets: %s, want %s", got, want)
	}
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("unexpected error: %v", d)
		}
	}
}

// TestForEachUnknownCollection checks that a loop over a collection that is
// not known offline generates one symbolic resource that may not exist: a
// rule it generates can never be ignored.
func TestForEachUnknownCollection(t *testing.T) {
	m, _ := loadText(t, `
Transform: AWS::LanguageExtensions
Parameters:
  Ports: {Type: CommaDelimitedList}
Resources:
  Group: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: db}}
  Fn::ForEach::Egress:
    - Port
    - !Ref Ports
    - Egress${Port}:
        Type: AWS::EC2::SecurityGroupEgress
        Properties: {GroupId: !Ref Group, IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: "${Port}"}
`, Options{})
	if len(m.SecurityGroupRules) != 1 {
		t.Fatalf("%d rules, want 1", len(m.SecurityGroupRules))
	}
	r := m.SecurityGroupRules[0]
	if r.Address != "Egress[?]" || r.Maybe == nil || r.Cohort == "" || !r.StripsAllowAllEgress {
		t.Errorf("rule %s: maybe %v, cohort %q, strips %v", r.Address, r.Maybe, r.Cohort, r.StripsAllowAllEgress)
	}
	if r.FromPort.Unknown == nil || r.CIDRs.Incomplete == nil {
		t.Errorf("port %+v and CIDR %+v should be unknown", r.FromPort, r.CIDRs)
	}
	if !strings.Contains(r.Maybe.Reason, "Fn::ForEach::Egress") {
		t.Errorf("maybe reason: %s", r.Maybe.Reason)
	}
}

// TestForEachMalformed checks that a malformed loop is an error, not a
// silent omission.
func TestForEachMalformed(t *testing.T) {
	_, ds := loadText(t, `
Resources:
  Fn::ForEach::Bad: [Port, "443", {X: {Type: AWS::EC2::VPC}}]
  Fn::ForEach::Short: [Port]
`, Options{})
	var msgs []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			msgs = append(msgs, d.Message)
		}
	}
	if len(msgs) != 2 || !strings.Contains(msgs[0], "must be a list") || !strings.Contains(msgs[1], "takes [Identifier") {
		t.Errorf("errors: %q", msgs)
	}
}
