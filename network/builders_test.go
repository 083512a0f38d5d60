package network

import (
	"github.com/daslint/daslint/model"
)

// Builders for hand-made models. Every object gets its own line in
// main.tf, so that ranges in explanations can be checked.

type builder struct {
	m    *model.Model
	line int
}

func newBuilder() *builder { return &builder{m: &model.Model{Source: model.Terraform, Root: "."}} }

func (b *builder) origin(typ, name string) model.Origin {
	b.line += 10
	return model.Origin{Address: typ + "." + name, Type: typ, Range: model.Range{File: "main.tf", Line: b.line, Column: 1, EndLine: b.line + 5, EndColumn: 2}}
}

func key(o model.Object) model.Ref { return model.Ref{Key: o.Base().Address} }

func keys(os ...model.Object) model.Refs {
	r := model.Refs{Set: true}
	for _, o := range os {
		r.Items = append(r.Items, key(o))
	}
	return r
}

func str(v string) model.Str { return model.KnownStr(v, model.Range{File: "main.tf", Line: 1}) }

func boolean(v bool) model.Bool { return model.KnownBool(v, model.Range{File: "main.tf", Line: 1}) }

func num(v int64) model.Int { return model.KnownInt(v, model.Range{File: "main.tf", Line: 1}) }

func unresolved(kind model.UnknownKind, reason string) *model.Unresolved {
	return &model.Unresolved{Kind: kind, Reason: reason, Range: model.Range{File: "variables.tf", Line: 3}}
}

func (b *builder) vpc(name, cidr string) *model.VPC {
	v := &model.VPC{Origin: b.origin("aws_vpc", name), CIDR: str(cidr), EnableDNSHostnames: boolean(true)}
	b.m.VPCs = append(b.m.VPCs, v)
	return v
}

func (b *builder) subnet(name string, vpc *model.VPC, cidr, az string) *model.Subnet {
	s := &model.Subnet{Origin: b.origin("aws_subnet", name), VPC: key(vpc), CIDR: str(cidr), AvailabilityZone: str(az)}
	b.m.Subnets = append(b.m.Subnets, s)
	return s
}

func (b *builder) igw(name string, vpc *model.VPC) *model.InternetGateway {
	g := &model.InternetGateway{Origin: b.origin("aws_internet_gateway", name)}
	if vpc != nil {
		g.VPC = key(vpc)
	}
	b.m.InternetGateways = append(b.m.InternetGateways, g)
	return g
}

func (b *builder) nat(name string, subnet *model.Subnet) *model.NATGateway {
	n := &model.NATGateway{Origin: b.origin("aws_nat_gateway", name), Subnet: key(subnet)}
	b.m.NATGateways = append(b.m.NATGateways, n)
	return n
}

func (b *builder) table(name string, vpc *model.VPC, subnets ...*model.Subnet) *model.RouteTable {
	t := &model.RouteTable{Origin: b.origin("aws_route_table", name), VPC: key(vpc)}
	b.m.RouteTables = append(b.m.RouteTables, t)
	for _, s := range subnets {
		b.associate(t, s)
	}
	return t
}

func (b *builder) associate(t *model.RouteTable, s *model.Subnet) *model.RouteTableAssociation {
	a := &model.RouteTableAssociation{Origin: b.origin("aws_route_table_association", s.Base().Address[len("aws_subnet."):]), Table: key(t), Subnet: key(s)}
	b.m.RouteTableAssociations = append(b.m.RouteTableAssociations, a)
	return a
}

// route adds an inline route to t.
func (b *builder) route(t *model.RouteTable, dest string, kind model.TargetKind, target model.Ref) *model.Route {
	r := &model.Route{Origin: b.origin("aws_route", "inline"), DestinationCIDR: str(dest), TargetKind: kind, Target: target}
	r.Address = t.Address + ".route"
	t.Routes = append(t.Routes, r)
	return r
}

// sg adds a Terraform security group: the provider removes AWS's allow-all
// egress rule.
func (b *builder) sg(name string, vpc *model.VPC, rules ...*model.SecurityGroupRule) *model.SecurityGroup {
	g := &model.SecurityGroup{Origin: b.origin("aws_security_group", name), VPC: key(vpc), Name: str(name), Rules: rules, AllowAllEgress: model.False}
	for _, r := range rules {
		r.Origin = b.origin("aws_security_group_rule", name+"_inline")
		r.Address = g.Address + "." + string(r.Direction)
	}
	b.m.SecurityGroups = append(b.m.SecurityGroups, g)
	return g
}

func sgRule(dir model.Direction, proto string, from, to int64, cidrs ...string) *model.SecurityGroupRule {
	r := &model.SecurityGroupRule{Direction: dir, Protocol: str(proto), FromPort: num(from), ToPort: num(to)}
	if len(cidrs) > 0 {
		r.CIDRs.Set = true
	}
	for _, c := range cidrs {
		r.CIDRs.Items = append(r.CIDRs.Items, str(c))
	}
	return r
}

func (b *builder) acl(name string, vpc *model.VPC, subnets ...*model.Subnet) *model.NetworkACL {
	a := &model.NetworkACL{Origin: b.origin("aws_network_acl", name), VPC: key(vpc)}
	for _, s := range subnets {
		a.Subnets.Items = append(a.Subnets.Items, key(s))
	}
	a.Subnets.Set = len(subnets) > 0
	b.m.NetworkACLs = append(b.m.NetworkACLs, a)
	return a
}

func naclRule(number int64, egress bool, proto, action, cidr string, from, to int64) *model.NetworkACLRule {
	return &model.NetworkACLRule{
		Origin:     model.Origin{Address: "aws_network_acl_rule.r", Type: "aws_network_acl_rule"},
		RuleNumber: num(number), Egress: boolean(egress), Protocol: str(proto),
		Action: str(action), CIDR: str(cidr), FromPort: num(from), ToPort: num(to),
	}
}

func (b *builder) endpoint(name string, vpc *model.VPC, service string, subnets ...*model.Subnet) *model.VPCEndpoint {
	e := &model.VPCEndpoint{Origin: b.origin("aws_vpc_endpoint", name), VPC: key(vpc), ServiceName: str(service),
		Type: str("Interface"), PrivateDNS: boolean(true)}
	for _, s := range subnets {
		e.Subnets.Items = append(e.Subnets.Items, key(s))
	}
	e.Subnets.Set = true
	b.m.VPCEndpoints = append(b.m.VPCEndpoints, e)
	return e
}

func (b *builder) subnetGroup(name string, subnets ...*model.Subnet) *model.DBSubnetGroup {
	g := &model.DBSubnetGroup{Origin: b.origin("aws_db_subnet_group", name), Name: str(name)}
	for _, s := range subnets {
		g.Subnets.Items = append(g.Subnets.Items, key(s))
	}
	g.Subnets.Set = true
	b.m.DBSubnetGroups = append(b.m.DBSubnetGroups, g)
	return g
}

func (b *builder) cluster(name string, group *model.DBSubnetGroup, sgs ...*model.SecurityGroup) *model.DBCluster {
	c := &model.DBCluster{Origin: b.origin("aws_rds_cluster", name), Identifier: str(name), Engine: str("aurora-postgresql")}
	if group != nil {
		c.SubnetGroup = key(group)
	}
	for _, g := range sgs {
		c.SecurityGroups.Items = append(c.SecurityGroups.Items, key(g))
	}
	c.SecurityGroups.Set = len(sgs) > 0
	b.m.DBClusters = append(b.m.DBClusters, c)
	return c
}

func (b *builder) instance(name string, c *model.DBCluster) *model.DBInstance {
	i := &model.DBInstance{Origin: b.origin("aws_rds_cluster_instance", name), Cluster: key(c)}
	b.m.DBInstances = append(b.m.DBInstances, i)
	return i
}

func (b *builder) stream(c *model.DBCluster) *model.ActivityStream {
	s := &model.ActivityStream{Origin: b.origin("aws_rds_cluster_activity_stream", c.Address[len("aws_rds_cluster."):]), Cluster: key(c)}
	b.m.ActivityStreams = append(b.m.ActivityStreams, s)
	return s
}

// world is the usual layout: a VPC with a private DB subnet routed through
// a NAT gateway in a public subnet routed to an attached internet gateway,
// a security group with egress TCP 443 to the internet, and a cluster with
// one instance and an activity stream. It passes on the nat path.
type world struct {
	b                   *builder
	vpc                 *model.VPC
	db, public          *model.Subnet
	igw                 *model.InternetGateway
	nat                 *model.NATGateway
	pubRT, privRT       *model.RouteTable
	pubRoute, privRoute *model.Route
	sg                  *model.SecurityGroup
	group               *model.DBSubnetGroup
	cluster             *model.DBCluster
	inst                *model.DBInstance
}

func newWorld() *world {
	b := newBuilder()
	w := &world{b: b}
	w.vpc = b.vpc("main", "10.0.0.0/16")
	w.db = b.subnet("db", w.vpc, "10.0.1.0/24", "eu-west-1a")
	w.public = b.subnet("public", w.vpc, "10.0.101.0/24", "eu-west-1a")
	w.igw = b.igw("igw", w.vpc)
	w.nat = b.nat("nat", w.public)
	w.pubRT = b.table("public", w.vpc, w.public)
	w.pubRoute = b.route(w.pubRT, "0.0.0.0/0", model.TargetGateway, key(w.igw))
	w.privRT = b.table("private", w.vpc, w.db)
	w.privRoute = b.route(w.privRT, "0.0.0.0/0", model.TargetNATGateway, key(w.nat))
	w.sg = b.sg("db", w.vpc, sgRule(model.Egress, "tcp", 443, 443, "0.0.0.0/0"))
	w.group = b.subnetGroup("db", w.db)
	w.cluster = b.cluster("main", w.group, w.sg)
	w.inst = b.instance("one", w.cluster)
	b.stream(w.cluster)
	return w
}

// addEndpoint adds an active KMS endpoint in the DB subnet, with a security
// group that admits TCP 443 from the DB security group.
func (w *world) addEndpoint() (*model.VPCEndpoint, *model.SecurityGroup) {
	in := sgRule(model.Ingress, "tcp", 443, 443)
	in.Groups = keys(w.sg)
	esg := w.b.sg("kms", w.vpc, in)
	e := w.b.endpoint("kms", w.vpc, "com.amazonaws.eu-west-1.kms", w.db)
	e.SecurityGroups = keys(esg)
	out := sgRule(model.Egress, "tcp", 443, 443)
	out.Groups = keys(esg)
	out.Origin = w.b.origin("aws_security_group_rule", "db_to_kms")
	w.sg.Rules = append(w.sg.Rules, out)
	return e, esg
}
