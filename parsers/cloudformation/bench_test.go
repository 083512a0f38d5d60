package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generatedTemplate returns a template of about 60 resources: a VPC with
// three tiers of subnets over three zones, NAT gateways, routes, security
// groups, an endpoint, a cluster with instances and its activity stream.
func generatedTemplate(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env: {Type: String, Default: env%d}\n", i)
	b.WriteString("Conditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n")
	b.WriteString("  VPC:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsHostnames: true}\n")
	b.WriteString("  IGW: {Type: AWS::EC2::InternetGateway}\n")
	b.WriteString("  Attach:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties: {VpcId: !Ref VPC, InternetGatewayId: !Ref IGW}\n")
	for z := 0; z < 3; z++ {
		for _, tier := range []string{"Public", "Private", "Data"} {
			fmt.Fprintf(&b, "  %s%d:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref VPC\n      CidrBlock: !Select [%d, !Cidr [!GetAtt VPC.CidrBlock, 12, 8]]\n      AvailabilityZone: !Select [%d, !GetAZs '']\n      Tags: [{Key: Name, Value: !Sub '${Env}-%s-%d'}]\n", tier, z, z*3+len(tier)%3, z, tier, z)
			fmt.Fprintf(&b, "  %sRT%d:\n    Type: AWS::EC2::RouteTable\n    Properties: {VpcId: !Ref VPC}\n", tier, z)
			fmt.Fprintf(&b, "  %sAssoc%d:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties: {SubnetId: !Ref %s%d, RouteTableId: !Ref %sRT%d}\n", tier, z, tier, z, tier, z)
		}
		fmt.Fprintf(&b, "  EIP%d: {Type: AWS::EC2::EIP}\n", z)
		fmt.Fprintf(&b, "  DataNACLAssoc%d:\n    Type: AWS::EC2::SubnetNetworkAclAssociation\n    Properties: {SubnetId: !Ref Data%d, NetworkAclId: !Ref NACL}\n", z, z)
		fmt.Fprintf(&b, "  NAT%d:\n    Type: AWS::EC2::NatGateway\n    Properties: {SubnetId: !Ref Public%d, AllocationId: !GetAtt EIP%d.AllocationId}\n", z, z, z)
		fmt.Fprintf(&b, "  PublicDefault%d:\n    Type: AWS::EC2::Route\n    Properties: {RouteTableId: !Ref PublicRT%d, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref IGW}\n", z, z)
		fmt.Fprintf(&b, "  PrivateDefault%d:\n    Type: AWS::EC2::Route\n    Properties: {RouteTableId: !Ref PrivateRT%d, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !If [IsProd, !Ref NAT%d, !Ref NAT0]}\n", z, z, z)
	}
	b.WriteString(`  NACL:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: !Ref VPC}
  NACLOut:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref NACL, RuleNumber: 100, Protocol: -1, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0}
  NACLIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref NACL, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: {From: 1024, To: 65535}}
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: !Sub '/db/${Env}', RetentionInDays: 30}
  DBSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref VPC
      GroupDescription: db
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16}]
  EndpointSG:
    Type: AWS::EC2::SecurityGroup
    Properties: {VpcId: !Ref VPC, GroupDescription: kms}
  EndpointIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref EndpointSG, IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref DBSG}
  KMS:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VPC
      ServiceName: !Sub com.amazonaws.${AWS::Region}.kms
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Data0, !Ref Data1, !Ref Data2]
      SecurityGroupIds: [!Ref EndpointSG]
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref Data0, !Ref Data1, !Ref Data2]}
  Key: {Type: AWS::KMS::Key}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql, DBSubnetGroupName: !Ref Group, VpcSecurityGroupIds: [!Ref DBSG], KmsKeyId: !Ref Key}
  Writer:
    Type: AWS::RDS::DBInstance
    Properties: {DBClusterIdentifier: !Ref Cluster, Engine: aurora-postgresql, DBInstanceClass: db.r6g.large}
  Reader:
    Type: AWS::RDS::DBInstance
    Properties: {DBClusterIdentifier: !Ref Cluster, Engine: aurora-postgresql, DBInstanceClass: db.r6g.large}
  Stream:
    Type: Custom::AWS
    Properties:
      ServiceToken: arn:aws:lambda:x
      Create: !Join ['', ['{"service":"RDS","action":"startActivityStream","parameters":{"ResourceArn":"', !GetAtt Cluster.DBClusterArn, '","KmsKeyId":"', !Ref Key, '"}}']]
`)
	return b.String()
}

// BenchmarkLoad500 loads 500 generated templates of about 60 resources
// each; one op is all 500.
func BenchmarkLoad500(b *testing.B) {
	dir := b.TempDir()
	files := make([]string, 500)
	for i := range files {
		files[i] = filepath.Join(dir, fmt.Sprintf("t%03d.yaml", i))
		if err := os.WriteFile(files[i], []byte(generatedTemplate(i)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	m, _, ds := Load(files[0], Options{Root: dir})
	if len(ds) > 0 || len(m.Objects()) < 58 || len(m.ActivityStreams) != 1 {
		b.Fatalf("generated template: %d objects, %d streams, diagnostics %v", len(m.Objects()), len(m.ActivityStreams), ds)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			Load(f, Options{Root: dir})
		}
	}
}
