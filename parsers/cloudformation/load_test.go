package cloudformation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// writeFiles writes files (name → content) into a new directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadText loads one template given as text.
func loadText(t *testing.T, text string, opts Options) (*model.Model, diag.Diagnostics) {
	t.Helper()
	dir := writeFiles(t, map[string]string{"template.yaml": text})
	if opts.Root == "" {
		opts.Root = dir
	}
	m, _, ds := Load(filepath.Join(dir, "template.yaml"), opts)
	return m, ds
}

func noErrors(t *testing.T, ds diag.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		t.Errorf("unexpected diagnostic: %v", d)
	}
}

const networkTemplate = `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsSupport: "true"}
  Private:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a}
  IGW:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref VPC, InternetGatewayId: !Ref IGW}
  EIP:
    Type: AWS::EC2::EIP
  NAT:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Private, AllocationId: !GetAtt EIP.AllocationId, ConnectivityType: private}
  RT:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref VPC}
  Default:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref RT, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref NAT}
  TGW:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref RT, DestinationPrefixListId: pl-123, TransitGatewayId: tgw-1}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Private, RouteTableId: !Ref RT}
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VPC
      ServiceName: !Sub com.amazonaws.${AWS::Region}.kms
      SubnetIds: [!Ref Private]
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Principal: "*", Resource: "*"}]}
      ServiceRegion: us-east-1
  NACL:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: !Ref VPC}
  Out443:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref NACL, RuleNumber: "100", Protocol: 6, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0, PortRange: {From: 443, To: "443"}}
  In:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref NACL, RuleNumber: 100, Protocol: -1, RuleAction: allow, CidrBlock: 0.0.0.0/0}
  NACLAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: {SubnetId: !Ref Private, NetworkAclId: !Ref NACL}
  Key:
    Type: AWS::KMS::Key
  Bucket:
    Type: AWS::S3::Bucket
`

func TestNetworkResources(t *testing.T) {
	m, ds := loadText(t, networkTemplate, Options{})
	noErrors(t, ds)
	if len(m.VPCs) != 1 || len(m.Subnets) != 1 || len(m.InternetGateways) != 1 || len(m.GatewayAttachments) != 1 ||
		len(m.EIPs) != 1 || len(m.NATGateways) != 1 || len(m.RouteTables) != 1 || len(m.Routes) != 2 ||
		len(m.RouteTableAssociations) != 1 || len(m.VPCEndpoints) != 1 || len(m.NetworkACLs) != 1 ||
		len(m.NetworkACLRules) != 2 || len(m.NetworkACLAssociations) != 1 || len(m.KMSKeys) != 1 {
		t.Fatalf("wrong object counts: %d objects", len(m.Objects()))
	}
	v := m.VPCs[0]
	if v.CIDR.Value != "10.0.0.0/16" || !v.EnableDNSSupport.Value || v.EnableDNSHostnames.Set {
		t.Errorf("VPC: %+v; DNS hostnames must stay unset (default false)", v)
	}
	if v.Range.Line != 4 || v.Range.EndLine != 6 || v.Range.File == "" {
		t.Errorf("VPC range %v, want lines 4-6", v.Range)
	}
	s := m.Subnets[0]
	if s.VPC.Key != "VPC" || s.AvailabilityZone.Value != "eu-west-1a" {
		t.Errorf("subnet: %+v", s)
	}
	if a := m.GatewayAttachments[0]; a.Gateway.Key != "IGW" || a.VPC.Key != "VPC" {
		t.Errorf("attachment: %+v", a)
	}
	if n := m.NATGateways[0]; n.Subnet.Key != "Private" || n.ConnectivityType.Value != "private" || n.AvailabilityMode.Set {
		t.Errorf("nat: %+v", n)
	}
	r := m.Routes[0]
	if r.Table.Key != "RT" || r.DestinationCIDR.Value != "0.0.0.0/0" || r.TargetKind != model.TargetNATGateway || r.Target.Key != "NAT" {
		t.Errorf("route: %+v", r)
	}
	if r := m.Routes[1]; r.TargetKind != model.TargetTransitGateway || r.Target.Literal != "tgw-1" || r.DestinationPrefixList.Literal != "pl-123" {
		t.Errorf("tgw route: %+v", r)
	}
	ep := m.VPCEndpoints[0]
	if ep.Type.Set || ep.PrivateDNS.Set {
		t.Errorf("endpoint type and private DNS must stay unset (Gateway, false): %+v", ep)
	}
	if ep.ServiceRegion.Value != "us-east-1" {
		t.Errorf("service region %+v", ep.ServiceRegion)
	}
	if ep.ServiceName.Value != "com.amazonaws."+model.RegionToken+".kms" {
		t.Errorf("service name %q", ep.ServiceName.Value)
	}
	if want := `{"Statement":[{"Effect":"Allow","Action":"*","Principal":"*","Resource":"*"}]}`; ep.Policy.Value != want {
		t.Errorf("policy %q, want %q", ep.Policy.Value, want)
	}
	if len(ep.Subnets.Items) != 1 || ep.Subnets.Items[0].Key != "Private" || ep.SecurityGroups.Set {
		t.Errorf("endpoint subnets/groups: %+v %+v", ep.Subnets, ep.SecurityGroups)
	}
	out, in := m.NetworkACLRules[0], m.NetworkACLRules[1]
	if out.RuleNumber.Value != 100 || out.Protocol.Value != "6" || !out.Egress.Value || out.FromPort.Value != 443 || out.ToPort.Value != 443 || out.Action.Value != "allow" {
		t.Errorf("egress entry: %+v", out)
	}
	if !in.Egress.Set || in.Egress.Value || in.Protocol.Value != "-1" || in.FromPort.Set {
		t.Errorf("ingress entry (Egress defaults to false): %+v", in)
	}
	if a := m.NetworkACLAssociations[0]; a.ACL.Key != "NACL" || a.Subnet.Key != "Private" {
		t.Errorf("nacl association: %+v", a)
	}
}

func TestSecurityGroupEgressDefaults(t *testing.T) {
	m, ds := loadText(t, `
Parameters:
  Flag: {Type: String}
Conditions:
  Maybe: !Equals [!Ref Flag, x]
Resources:
  VPC: {Type: AWS::EC2::VPC}
  Plain:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref VPC
      GroupDescription: keeps allow-all egress
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: "443", ToPort: 443, CidrIp: 10.0.0.0/16}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !GetAtt VPC.DefaultSecurityGroup}
  WithEgress:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: egress replaces allow-all
      SecurityGroupEgress: [{IpProtocol: "-1", DestinationPrefixListId: pl-1}]
  EmptyEgress:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: empty list keeps allow-all, SecurityGroupEgress: []}
  NoValueEgress:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupEgress: !If [Maybe, [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}], !Ref AWS::NoValue]
  Standalone:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: {GroupId: !Ref Plain, IpProtocol: tcp, FromPort: 443, ToPort: 443, DestinationSecurityGroupId: !Ref WithEgress}
  StandaloneIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !GetAtt VPC.DefaultSecurityGroup, IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref Plain}
`, Options{})
	noErrors(t, ds)
	want := map[string]model.Tri{"Plain": model.True, "WithEgress": model.False, "EmptyEgress": model.True, "NoValueEgress": model.Unknown}
	for _, sg := range m.SecurityGroups {
		if sg.AllowAllEgress != want[sg.Address] {
			t.Errorf("%s: AllowAllEgress %v, want %v", sg.Address, sg.AllowAllEgress, want[sg.Address])
		}
	}
	plain := m.SecurityGroups[0]
	if len(plain.Rules) != 2 {
		t.Fatalf("Plain has %d rules, want 2", len(plain.Rules))
	}
	r0, r1 := plain.Rules[0], plain.Rules[1]
	if r0.Direction != model.Ingress || r0.FromPort.Value != 443 || r0.CIDRs.Items[0].Value != "10.0.0.0/16" || r0.Group.Key != "Plain" {
		t.Errorf("rule 0: %+v", r0)
	}
	if r1.Groups.Items[0].Key != model.DefaultSecurityGroupAddress("VPC") {
		t.Errorf("rule 1 peer: %+v", r1.Groups)
	}
	if e := m.SecurityGroups[1].Rules[0]; e.Direction != model.Egress || e.PrefixLists.Items[0].Literal != "pl-1" {
		t.Errorf("egress rule: %+v", e)
	}
	if len(m.SecurityGroupRules) != 2 {
		t.Fatalf("%d standalone rules, want 2", len(m.SecurityGroupRules))
	}
	eg, ing := m.SecurityGroupRules[0], m.SecurityGroupRules[1]
	if !eg.StripsAllowAllEgress || eg.Direction != model.Egress || eg.Group.Key != "Plain" || eg.Groups.Items[0].Key != "WithEgress" {
		t.Errorf("standalone egress: %+v", eg)
	}
	if ing.StripsAllowAllEgress || ing.Group.Key != model.DefaultSecurityGroupAddress("VPC") || ing.Groups.Items[0].Key != "Plain" {
		t.Errorf("standalone ingress: %+v", ing)
	}
}

func TestDatabaseResources(t *testing.T) {
	m, ds := loadText(t, `
Resources:
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: x, SubnetIds: [subnet-1, subnet-2]}
  Named:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupName: catalog, DBSubnetGroupDescription: x, SubnetIds: [subnet-1]}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, DBSubnetGroupName: !Ref Group, VpcSecurityGroupIds: [sg-1]}
  ByName:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql, DBClusterIdentifier: Orders, DBSubnetGroupName: catalog, NetworkType: DUAL}
  Writer:
    Type: AWS::RDS::DBInstance
    Properties: {DBClusterIdentifier: !Ref Cluster, Engine: aurora-mysql, DBInstanceClass: db.r6g.large}
  Reader:
    Type: AWS::RDS::DBInstance
    Properties: {DBClusterIdentifier: orders, PubliclyAccessible: "false", AvailabilityZone: eu-west-1b}
`, Options{})
	noErrors(t, ds)
	if g := m.DBSubnetGroups[0]; g.Name.Value != model.Token("Group") || len(g.Subnets.Items) != 2 || g.Subnets.Items[0].Literal != "subnet-1" {
		t.Errorf("group without a name: %+v", g)
	}
	if g := m.DBSubnetGroups[1]; g.Name.Value != "catalog" {
		t.Errorf("named group: %+v", g.Name)
	}
	c, byName := m.DBClusters[0], m.DBClusters[1]
	if c.SubnetGroup.Key != "Group" || c.Identifier.Value != model.Token("Cluster") || c.Engine.Value != "aurora-mysql" || c.SecurityGroups.Items[0].Literal != "sg-1" {
		t.Errorf("cluster: %+v", c)
	}
	if c.NetworkType.Set {
		t.Errorf("cluster network type must stay unset (IPV4): %+v", c.NetworkType)
	}
	if byName.SubnetGroup.Literal != "catalog" || byName.Identifier.Value != "Orders" || byName.SecurityGroups.Set || byName.NetworkType.Value != "DUAL" {
		t.Errorf("cluster by name: %+v", byName)
	}
	w, r := m.DBInstances[0], m.DBInstances[1]
	if w.Cluster.Key != "Cluster" || w.PubliclyAccessible.Set || w.PublicDefault != model.PublicDefaultRDSAPI {
		t.Errorf("writer (PubliclyAccessible unset is left to the RDS API): %+v", w)
	}
	if r.Cluster.Literal != "orders" || !r.PubliclyAccessible.Set || r.PubliclyAccessible.Value || r.AvailabilityZone.Value != "eu-west-1b" {
		t.Errorf("reader: %+v", r)
	}
}

func TestConditionsDecideExistence(t *testing.T) {
	m, ds := loadText(t, `
Parameters:
  Env: {Type: String, Default: dev}
  UseNat: {Type: String, AllowedValues: ["true", "false"]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Nat: !Equals [!Ref UseNat, "true"]
Resources:
  ProdOnly:
    Type: AWS::EC2::InternetGateway
    Condition: IsProd
  MaybeNat:
    Type: AWS::EC2::NatGateway
    Condition: Nat
    Properties: {SubnetId: subnet-1}
  Route:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: rtb-1, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !If [Nat, !Ref MaybeNat, !Ref AWS::NoValue]}
`, Options{})
	noErrors(t, ds)
	if len(m.InternetGateways) != 0 {
		t.Error("a resource whose condition is false must not exist")
	}
	if len(m.NATGateways) != 1 || m.NATGateways[0].Maybe == nil || m.NATGateways[0].Maybe.Kind != model.FromCondition {
		t.Fatalf("a resource whose condition is unknown must be maybe (FromCondition): %+v", m.NATGateways)
	}
	if !strings.Contains(m.NATGateways[0].Maybe.Reason, "UseNat") {
		t.Errorf("maybe reason %q should name the parameter", m.NATGateways[0].Maybe.Reason)
	}
	if r := m.Routes[0]; r.Target.Unknown == nil || r.Target.Unknown.Kind != model.FromCondition {
		t.Errorf("a route target under an unknown condition must be unknown: %+v", r.Target)
	}
}

func TestParameters(t *testing.T) {
	const tmpl = `
Parameters:
  VpcCidr: {Type: String, Default: 10.0.0.0/16}
  Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}
  Public: {Type: String, Default: "false"}
  Ami: {Type: "AWS::SSM::Parameter::Value<String>", Default: /my/param}
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: !Ref VpcCidr, EnableDnsHostnames: !Ref Ami}
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: x, SubnetIds: !Ref Subnets}
  DB:
    Type: AWS::RDS::DBInstance
    Properties: {PubliclyAccessible: !Ref Public}
`
	t.Run("defaults", func(t *testing.T) {
		m, ds := loadText(t, tmpl, Options{})
		noErrors(t, ds)
		if m.VPCs[0].CIDR.Value != "10.0.0.0/16" {
			t.Errorf("CIDR %+v", m.VPCs[0].CIDR)
		}
		if u := m.VPCs[0].EnableDNSHostnames.Unknown; u == nil || u.Kind != model.FromImport {
			t.Errorf("an SSM parameter must be unknown (import), even with a default: %+v", m.VPCs[0].EnableDNSHostnames)
		}
		if s := m.DBSubnetGroups[0].Subnets; s.Incomplete == nil || s.Incomplete.Kind != model.FromVariable {
			t.Errorf("a list parameter without a value must be unknown (variable): %+v", s)
		}
		if p := m.DBInstances[0].PubliclyAccessible; !p.Set || p.Value {
			t.Errorf(`"false" must read as the boolean false: %+v`, p)
		}
	})
	t.Run("overrides", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{
			"cli.json":    `[{"ParameterKey": "VpcCidr", "ParameterValue": "10.9.0.0/16"}, {"ParameterKey": "Public", "ParameterValue": "true"}]`,
			"config.json": `{"Parameters": {"Subnets": "subnet-a, subnet-b"}}`,
		})
		m, ds := loadText(t, tmpl, Options{Parameters: []string{
			filepath.Join(dir, "cli.json"), filepath.Join(dir, "config.json"), "VpcCidr=10.7.0.0/16"}})
		noErrors(t, ds)
		if m.VPCs[0].CIDR.Value != "10.7.0.0/16" {
			t.Errorf("KEY=VALUE given last must win: %+v", m.VPCs[0].CIDR)
		}
		if s := m.DBSubnetGroups[0].Subnets; len(s.Items) != 2 || s.Items[1].Literal != "subnet-b" {
			t.Errorf("a comma-joined list must be split: %+v", s)
		}
		if !m.DBInstances[0].PubliclyAccessible.Value {
			t.Error("Public=true from the CLI file was not applied")
		}
	})
	t.Run("bad override", func(t *testing.T) {
		_, ds := loadText(t, tmpl, Options{Parameters: []string{"no-such-file"}})
		if !ds.HasErrors() {
			t.Error("an unreadable --parameters value must be an error")
		}
	})
}
