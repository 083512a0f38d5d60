package cloudformation

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

const networkChild = `
Parameters:
  Cidr: {Type: String}
  Zones: {Type: CommaDelimitedList}
  Dns: {Type: String, Default: "false"}
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: !Ref Cidr, EnableDnsHostnames: !Ref Dns}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VPC, AvailabilityZone: !Select [1, !Ref Zones]}
  Deeper:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: ./leaf.yaml, Parameters: {Vpc: !Ref VPC}}
Outputs:
  SubnetId: {Value: !Ref Subnet}
  Leaf: {Value: !GetAtt Deeper.Outputs.Group}
`

const leaf = `
Parameters:
  Vpc: {Type: "AWS::EC2::VPC::Id"}
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties: {VpcId: !Ref Vpc, GroupDescription: leaf}
Outputs:
  Group: {Value: !GetAtt Group.GroupId}
`

func loadDir(t *testing.T, files map[string]string, opts Options) (*model.Model, *Info, diag.Diagnostics) {
	t.Helper()
	dir := writeFiles(t, files)
	if opts.Root == "" {
		opts.Root = dir
	}
	return Load(filepath.Join(dir, "template.yaml"), opts)
}

func TestNestedStacks(t *testing.T) {
	m, info, ds := loadDir(t, map[string]string{
		"template.yaml": `
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: nested/network.yaml
      Parameters: {Cidr: 10.0.0.0/16, Zones: [a, b], Dns: true}
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: x, SubnetIds: [!GetAtt Network.Outputs.SubnetId]}
  Rule:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !GetAtt Network.Outputs.Leaf, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
`,
		"nested/network.yaml": networkChild,
		"nested/leaf.yaml":    leaf,
	}, Options{})
	noErrors(t, ds)
	if len(info.NestedFiles) != 2 || len(info.Files) != 3 {
		t.Errorf("info %+v, want 2 nested files of 3", info)
	}
	if len(m.VPCs) != 1 || m.VPCs[0].Address != "Network/VPC" {
		t.Fatalf("child VPC %+v, want address Network/VPC", m.VPCs)
	}
	v := m.VPCs[0]
	if v.CIDR.Value != "10.0.0.0/16" || !v.EnableDNSHostnames.Value {
		t.Errorf("parameters did not reach the child: %+v", v)
	}
	if len(v.Callers) != 1 || v.Callers[0].Line != 3 || v.Range.Line != 7 || !strings.HasSuffix(v.Range.File, "nested/network.yaml") {
		t.Errorf("child origin %+v", v.Origin)
	}
	if s := m.Subnets[0]; s.VPC.Key != "Network/VPC" || s.AvailabilityZone.Value != "b" {
		t.Errorf("child subnet %+v (a list parameter is passed joined and split again)", s)
	}
	if g := m.DBSubnetGroups[0]; g.Subnets.Items[0].Key != "Network/Subnet" {
		t.Errorf("output did not flow back: %+v", g.Subnets)
	}
	sg := m.SecurityGroups[0]
	if sg.Address != "Network/Deeper/Group" || sg.VPC.Key != "Network/VPC" || len(sg.Callers) != 2 {
		t.Errorf("grandchild %+v", sg)
	}
	if r := m.SecurityGroupRules[0]; r.Group.Key != "Network/Deeper/Group" {
		t.Errorf("output of a grandchild through a child output: %+v", r.Group)
	}
}

func TestNestedStacksUnread(t *testing.T) {
	tests := []struct {
		name     string
		url      string
		severity diag.Severity
		msg      string
	}{
		{name: "remote", url: "https://s3.amazonaws.com/bucket/net.yaml", severity: diag.Warning, msg: "remote template"},
		{name: "s3", url: "s3://bucket/net.yaml", severity: diag.Warning, msg: "remote template"},
		{name: "outside root", url: "../outside.yaml", severity: diag.Warning, msg: "outside"},
		// A missing local template is valid input (a build step may
		// write it): a warning, and what it declares is missing (Unread).
		{name: "missing", url: "nope.yaml", severity: diag.Warning, msg: "does not exist"},
		{name: "self", url: "template.yaml", severity: diag.Error, msg: "includes itself"},
		{name: "cycle", url: "a.yaml", severity: diag.Error, msg: "includes itself"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"root/template.yaml": `
Resources:
  Net:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: "` + tc.url + `"}
  Sub:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !GetAtt Net.Outputs.Vpc}
Outputs:
  Vpc: {Value: vpc-1}
`,
				"root/a.yaml":  "Resources:\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: b.yaml}\nOutputs:\n  Vpc: {Value: x}\n",
				"root/b.yaml":  "Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: a.yaml}\n",
				"outside.yaml": "Resources: {}\nOutputs:\n  Vpc: {Value: x}\n",
			})
			m, _, ds := Load(filepath.Join(dir, "root", "template.yaml"), Options{Root: filepath.Join(dir, "root")})
			found := false
			for _, d := range ds {
				if d.Severity == tc.severity && strings.Contains(d.Message, tc.msg) {
					found = true
					if d.Range.Line == 0 || d.Range.File == "" {
						t.Errorf("diagnostic without position: %v", d)
					}
				}
			}
			if !found {
				t.Errorf("diagnostics %v, want a %s containing %q", ds, tc.severity, tc.msg)
			}
			if tc.name == "cycle" {
				return // the root reads a.yaml, whose output is known
			}
			if v := m.Subnets[0].VPC; v.Unknown == nil {
				t.Errorf("the output of an unread stack must be unknown: %+v", v)
			}
			if tc.name == "missing" {
				if len(m.Unread) != 1 || m.Unread[0].Kind != model.FromInput {
					t.Errorf("Unread = %v, want the missing template", m.Unread)
				}
				return
			}
			if tc.severity == diag.Warning && m.Subnets[0].VPC.Unknown.Kind != model.FromModule {
				t.Errorf("kind %s, want module", m.Subnets[0].VPC.Unknown.Kind)
			}
		})
	}
}

func TestNestedStackMaybe(t *testing.T) {
	m, _, ds := loadDir(t, map[string]string{
		"template.yaml": `
Parameters:
  Make: {Type: String}
Conditions:
  Make: !Equals [!Ref Make, "yes"]
Resources:
  Net:
    Type: AWS::CloudFormation::Stack
    Condition: Make
    Properties: {TemplateURL: net.yaml}
`,
		"net.yaml": "Resources:\n  VPC: {Type: AWS::EC2::VPC}\n",
	}, Options{})
	noErrors(t, ds)
	if len(m.VPCs) != 1 || m.VPCs[0].Maybe == nil {
		t.Errorf("the resources of a maybe stack must be maybe: %+v", m.VPCs)
	}
}
