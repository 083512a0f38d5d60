package cloudformation

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// schemaWarnings returns the schema check's warnings among ds, formatted as
// "line: message".
func schemaWarnings(ds diag.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		if d.Severity != diag.Warning {
			continue
		}
		if strings.Contains(d.Message, "unknown property") || strings.Contains(d.Message, "unknown resource type") ||
			strings.Contains(d.Message, "unknown resource attribute") ||
			strings.Contains(d.Message, "needs the SAM transform") {
			out = append(out, fmt.Sprintf("%d: %s", d.Range.Line, d.Message))
		}
	}
	sort.Strings(out)
	return out
}

const note = "(an unknown property is ignored by daslint and rejected by CloudFormation)"

func TestSchemaCheck(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "misspelt PrivateDnsEnabled: the issue's example",
			text: `
Resources:
  KmsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-1
      ServiceName: com.amazonaws.eu-west-1.kms
      VpcEndpointType: Interface
      PrivateDNSEnabled: true
`,
			want: []string{`9: AWS::EC2::VPCEndpoint KmsEndpoint: unknown property "PrivateDNSEnabled"; did you mean "PrivateDnsEnabled"? ` + note},
		},
		{
			name: "wrong case is suggested before edit distance",
			text: `
Resources:
  Private:
    Type: AWS::EC2::Subnet
    Properties: {vpcId: vpc-1, CidrBlock: 10.0.1.0/24}
`,
			want: []string{`5: AWS::EC2::Subnet Private: unknown property "vpcId"; did you mean "VpcId"? ` + note},
		},
		{
			name: "a letter missing",
			text: `
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostname: true
`,
			want: []string{`7: AWS::EC2::VPC VPC: unknown property "EnableDnsHostname"; did you mean "EnableDnsHostnames"? ` + note},
		},
		{
			name: "nothing close: no suggestion",
			text: `
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16, Colour: blue}
`,
			want: []string{`5: AWS::EC2::VPC VPC: unknown property "Colour" ` + note},
		},
		{
			// Every property would be left at its default.
			name: "misspelt Properties",
			text: `
Resources:
  E:
    Type: AWS::EC2::VPCEndpoint
    Propertes: {VpcId: vpc-1, ServiceName: x}
    DependsOn: []
    DeletionPolicy: Retain
    Metadata: {daslint: {}}
`,
			want: []string{`5: AWS::EC2::VPCEndpoint E: unknown resource attribute "Propertes"; did you mean "Properties"? (CloudFormation rejects it, and daslint reads nothing in it)`},
		},
		{
			name: "unknown resource type, at its Type line",
			text: `
Resources:
  Private:
    Type: AWS::EC2::Subnett
    Properties: {VpcId: vpc-1}
`,
			want: []string{`4: AWS::EC2::Subnett Private: unknown resource type; did you mean "AWS::EC2::Subnet"? (daslint ignores a resource of an unknown type, and CloudFormation rejects it)`},
		},
		{
			name: "unknown resource type in the wrong case",
			text: `
Resources:
  E:
    Type: AWS::EC2::VpcEndpoint
`,
			want: []string{`4: AWS::EC2::VpcEndpoint E: unknown resource type; did you mean "AWS::EC2::VPCEndpoint"? (daslint ignores a resource of an unknown type, and CloudFormation rejects it)`},
		},
		{
			name: "misspelt service",
			text: `
Resources:
  C:
    Type: AWS::CloudFromation::Stack
`,
			want: []string{`4: AWS::CloudFromation::Stack C: unknown resource type; did you mean "AWS::CloudFormation::Stack"? (daslint ignores a resource of an unknown type, and CloudFormation rejects it)`},
		},
		{
			// Likely newer than the schema: no close name to suggest, no warning.
			name: "unknown type with nothing close",
			text: `
Resources:
  Q:
    Type: AWS::Brandnew::Quasar
  P:
    Type: AWS::PCS::Cluster
`,
		},
		{
			name: "types added since the schema whose names are close to older ones",
			text: `
Resources:
  M:
    Type: AWS::ApiGateway::BasePathMappingV2
  P:
    Type: AWS::EC2::TransitGatewayConnectPeer
`,
		},
		{
			name: "SAM types with the SAM transform",
			text: `
Transform: AWS::Serverless-2016-10-31
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties: {Handler: index.handler, Runtime: python3.12, CodeUri: .}
`,
		},
		{
			name: "SAM transform among others",
			text: `
Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Resources:
  F:
    Type: AWS::Serverless::Function
`,
		},
		{
			name: "SAM type without the transform",
			text: `
Resources:
  F:
    Type: AWS::Serverless::Function
`,
			want: []string{`4: AWS::Serverless::Function F: AWS::Serverless::Function needs the SAM transform (Transform: AWS::Serverless-2016-10-31); without it CloudFormation rejects the type and daslint ignores the resource`},
		},
		{
			name: "custom resources, CDK metadata, modules and registry types",
			text: `
Resources:
  A: {Type: Custom::ActivityStreamz, Properties: {Anything: 1}}
  B: {Type: AWS::CloudFormation::CustomResource, Properties: {ServiceToken: arn, Whatever: 2}}
  C: {Type: AWS::CDK::Metadata, Properties: {Analytics: v2}}
  D: {Type: Org::Network::Vpc::MODULE, Properties: {Cidr: 10.0.0.0/16}}
  E: {Type: Initech::TPS::Report, Properties: {Cover: true}}
`,
		},
		{
			name: "a macro may rewrite anything: no check",
			text: `
Transform: MyOrgMacro
Resources:
  S: {Type: AWS::EC2::Subnett, Properties: {VpcId: vpc-1}}
  V: {Type: AWS::EC2::VPC, Properties: {Cidr: 10.0.0.0/16}}
`,
		},
		{
			name: "nested stack properties",
			text: `
Resources:
  Net:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateUrl: ./net.yaml
      Parameter: {Cidr: 10.0.0.0/16}
`,
			want: []string{
				`6: AWS::CloudFormation::Stack Net: unknown property "TemplateUrl"; did you mean "TemplateURL"? ` + note,
				`7: AWS::CloudFormation::Stack Net: unknown property "Parameter"; did you mean "Parameters"? ` + note,
			},
		},
		{
			name: "inline rules, tags and both branches of Fn::If",
			text: `
Parameters:
  Rules: {Type: String, Default: "sg-1"}
Conditions:
  Open: !Equals [a, b]
Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPrt: 443, ToPort: 443, CidrIp: 10.0.0.0/8}
        - !If
          - Open
          - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIP: 0.0.0.0/0}
          - !Ref AWS::NoValue
      SecurityGroupEgress: [{IpProtocol: "-1", DestinationSecurityGroupId: !Ref Rules}]
      Tags:
        - {key: Name, Value: db}
`,
			want: []string{
				`13: AWS::EC2::SecurityGroup SG: unknown property "FromPrt" in SecurityGroupIngress; did you mean "FromPort"? ` + note,
				`16: AWS::EC2::SecurityGroup SG: unknown property "CidrIP" in SecurityGroupIngress; did you mean "CidrIp"? ` + note,
				`20: AWS::EC2::SecurityGroup SG: unknown property "key" in Tags; did you mean "Key"? ` + note,
			},
		},
		{
			name: "nested property type of an RDS cluster",
			text: `
Resources:
  C:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      ServerlessV2ScalingConfiguration: {MinCapacity: 0, MaxCapacity: 4, SecondsUntilAutoPause: 300, MaxCapacty: 8}
`,
			want: []string{`7: AWS::RDS::DBCluster C: unknown property "MaxCapacty" in ServerlessV2ScalingConfiguration; did you mean "MaxCapacity"? ` + note},
		},
		{
			// Regional NAT gateways and the other additions since goformation's
			// schema are valid.
			name: "properties newer than the generated schema",
			text: `
Resources:
  NAT:
    Type: AWS::EC2::NatGateway
    Properties: {VpcId: vpc-1, AvailabilityMode: regional}
  E:
    Type: AWS::EC2::VPCEndpoint
    Properties: {VpcId: vpc-1, ServiceName: x, IpAddressType: ipv4, DnsOptions: {DnsRecordIpType: ipv4}, Tags: []}
`,
		},
		{
			name: "types daslint does not read are not checked for properties",
			text: `
Resources:
  B: {Type: AWS::S3::Bucket, Properties: {BucketNme: x}}
`,
		},
		{
			name: "a resource whose condition is false is not read",
			text: `
Conditions:
  Never: !Equals [a, b]
Resources:
  V: {Type: AWS::EC2::VPC, Condition: Never, Properties: {CidrBlok: 10.0.0.0/16}}
  S: {Type: AWS::EC2::Subnett, Condition: Never}
`,
		},
		{
			name: "Fn::Transform fills the properties in at deploy time",
			text: `
Resources:
  V:
    Type: AWS::EC2::VPC
    Properties:
      Fn::Transform: {Name: AWS::Include, Parameters: {Location: s3://b/vpc.yaml}}
      Whatever: 1
`,
		},
		{
			name: "a correct template",
			text: networkTemplate + `
  KmsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VPC
      ServiceName: !Sub com.amazonaws.${AWS::Region}.kms
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Private]
      SecurityGroupIds: [!GetAtt SG.GroupId]
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref VPC
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}]
      Tags: [{Key: Name, Value: kms}]
`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := loadText(t, tc.text, Options{})
			got := schemaWarnings(ds)
			if !slices.Equal(got, tc.want) {
				t.Errorf("schema warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if ds.HasErrors() && !strings.Contains(tc.name, "nested stack") {
				t.Errorf("unexpected errors: %v", ds)
			}
		})
	}
}

// TestSchemaWarningIsNotAVerdict: the misspelt property is reported, and the
// model holds what docs/semantics.md#defaults-that-matter gives for the
// property absent (private DNS off),
// not what the author meant.
func TestSchemaWarningIsNotAVerdict(t *testing.T) {
	m, ds := loadText(t, `
Resources:
  E:
    Type: AWS::EC2::VPCEndpoint
    Properties: {VpcId: vpc-1, ServiceName: com.amazonaws.eu-west-1.kms, VpcEndpointType: Interface, PrivateDNSEnabled: true}
`, Options{})
	if len(schemaWarnings(ds)) != 1 || ds.HasErrors() {
		t.Fatalf("want one schema warning and no error, got %v", ds)
	}
	if len(m.VPCEndpoints) != 1 {
		t.Fatalf("want the endpoint in the model, got %d", len(m.VPCEndpoints))
	}
	if dns := m.VPCEndpoints[0].PrivateDNS; dns.Value || dns.Unknown != nil {
		t.Errorf("private DNS = %+v, want a known false (the property is absent)", dns)
	}
}

// TestSchemaNestedTemplate: a nested template is checked too, and its
// warnings point into it.
func TestSchemaNestedTemplate(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"root.yaml": "Resources:\n  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: net.yaml}\n",
		"net.yaml":  "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16, EnableDNSSupport: true}\n",
	})
	_, _, ds := Load(filepath.Join(dir, "root.yaml"), Options{Root: dir})
	var got []string
	for _, d := range ds {
		if strings.Contains(d.Message, "unknown property") {
			got = append(got, fmt.Sprintf("%s:%d %s", filepath.Base(d.Range.File), d.Range.Line, d.Message))
		}
	}
	want := []string{`net.yaml:4 AWS::EC2::VPC V: unknown property "EnableDNSSupport"; did you mean "EnableDnsSupport"? ` + note}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
