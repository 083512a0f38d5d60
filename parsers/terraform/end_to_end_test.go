package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// loadSources writes files into a fresh directory and loads it as a root
// module, through the real evaluator.
func loadSources(t *testing.T, files map[string]string, opts Options) (*model.Model, diag.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	m, _, ds := Load(dir, opts)
	if m == nil {
		t.Fatal("Load returned no model")
	}
	return m, ds
}

func noErrors(t *testing.T, ds diag.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("unexpected error: %v", d)
		}
	}
}

const natNetwork = `
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}

resource "aws_subnet" "db" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index + 10)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_nat_gateway" "nat" {
  subnet_id = aws_subnet.public.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
}

resource "aws_route_table_association" "db" {
  count          = 2
  subnet_id      = aws_subnet.db[count.index].id
  route_table_id = aws_route_table.private.id
}

resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}

resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  egress {
    protocol    = "tcp"
    from_port   = "443"
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "db" {
  subnet_ids = aws_subnet.db[*].id
}

resource "aws_rds_cluster" "main" {
  engine                 = "aurora-postgresql"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
}

resource "aws_rds_cluster_instance" "main" {
  count              = 2
  cluster_identifier = aws_rds_cluster.main.id
  engine             = aws_rds_cluster.main.engine
}

resource "aws_kms_key" "das" {}

resource "aws_rds_cluster_activity_stream" "main" {
  resource_arn = aws_rds_cluster.main.arn
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id
}
`

func TestLoadNATNetwork(t *testing.T) {
	m, ds := loadSources(t, map[string]string{"main.tf": natNetwork}, Options{})
	noErrors(t, ds)
	if !m.Region.Known() || m.Region.Value != "eu-west-1" {
		t.Errorf("model region = %+v, want eu-west-1 from the provider", m.Region)
	}
	if len(m.Subnets) != 3 {
		t.Fatalf("got %d subnets, want 3", len(m.Subnets))
	}
	for _, s := range m.Subnets {
		if s.VPC.Key != "aws_vpc.main" {
			t.Errorf("%s: VPC = %+v, want aws_vpc.main", s.Address, s.VPC)
		}
	}
	if s := m.Subnets[2]; s.Address != "aws_subnet.db[1]" || s.CIDR.Value != "10.0.11.0/24" || s.AvailabilityZone.Value != "eu-west-1b" {
		t.Errorf("second db subnet = %s %+v %+v, want aws_subnet.db[1] 10.0.11.0/24 eu-west-1b", s.Address, s.CIDR, s.AvailabilityZone)
	}
	if len(m.RouteTables) != 2 {
		t.Fatalf("got %d route tables, want 2", len(m.RouteTables))
	}
	if r := only(t, "routes", m.RouteTables[0].Routes); r.TargetKind != model.TargetNATGateway || r.Target.Key != "aws_nat_gateway.nat" {
		t.Errorf("private route = %+v, want to aws_nat_gateway.nat", r)
	}
	if rt := m.RouteTables[1]; rt.Adopts.Key != model.MainRouteTableAddress("aws_vpc.main") || rt.VPC.Key != "aws_vpc.main" {
		t.Errorf("default route table adopts %+v in %+v, want the main route table of aws_vpc.main", rt.Adopts, rt.VPC)
	}
	if a := m.RouteTableAssociations; len(a) != 2 || a[1].Subnet.Key != "aws_subnet.db[1]" {
		t.Errorf("associations = %+v, want two, the second for aws_subnet.db[1]", a)
	}
	sg := only(t, "security groups", m.SecurityGroups)
	if sg.AllowAllEgress != model.False {
		t.Errorf("AllowAllEgress = %v, want false", sg.AllowAllEgress)
	}
	if r := only(t, "rules", sg.Rules); r.FromPort.Value != 443 || !r.FromPort.Known() {
		t.Errorf(`egress from_port "443" = %+v, want 443`, r.FromPort)
	}
	g := only(t, "subnet groups", m.DBSubnetGroups)
	if got := g.Subnets.Items; len(got) != 2 || got[0].Key != "aws_subnet.db[0]" || got[1].Key != "aws_subnet.db[1]" {
		t.Errorf("subnet group subnets = %+v, want aws_subnet.db[0] and [1]", g.Subnets)
	}
	c := only(t, "clusters", m.DBClusters)
	if c.SubnetGroup.Key != "aws_db_subnet_group.db" || g.Name.Value != model.Token("aws_db_subnet_group.db") {
		t.Errorf("cluster subnet group = %+v, group name %+v; want a link by identity", c.SubnetGroup, g.Name)
	}
	if len(m.DBInstances) != 2 || m.DBInstances[0].Cluster.Key != "aws_rds_cluster.main" || m.DBInstances[0].Engine.Value != "aurora-postgresql" {
		t.Errorf("instances = %+v, want two linked to aws_rds_cluster.main", m.DBInstances)
	}
	if s := only(t, "activity streams", m.ActivityStreams); s.Cluster.Key != "aws_rds_cluster.main" {
		t.Errorf("activity stream cluster = %+v, want aws_rds_cluster.main", s.Cluster)
	}
	if s := m.ActivityStreams[0]; s.Range.File == "" || s.Range.Line == 0 {
		t.Errorf("activity stream range = %v, want a position", s.Range)
	}
}

func TestLoadUnknownCount(t *testing.T) {
	src := `
variable "n" {
  type = number
}

resource "aws_subnet" "db" {
  count      = var.n
  vpc_id     = "vpc-0abc"
  cidr_block = "10.0.1.0/24"
}

resource "aws_db_subnet_group" "db" {
  name       = "catalog"
  subnet_ids = aws_subnet.db[*].id
}
`
	m, ds := loadSources(t, map[string]string{"main.tf": src}, Options{})
	noErrors(t, ds)
	s := only(t, "subnets", m.Subnets)
	if s.Address != "aws_subnet.db[?]" || s.Maybe == nil {
		t.Errorf("subnet %s Maybe %v, want a symbolic maybe instance", s.Address, s.Maybe)
	}
	if s.VPC.Literal != "vpc-0abc" {
		t.Errorf("subnet VPC = %+v, want the literal vpc-0abc", s.VPC)
	}
	g := only(t, "subnet groups", m.DBSubnetGroups)
	// The splat holds every subnet of the count and nothing else, all of
	// which the symbolic element stands for: the list is complete.
	if g.Name.Value != "catalog" || g.Subnets.Incomplete != nil {
		t.Errorf("group name %+v subnets %+v, want catalog with a complete list", g.Name, g.Subnets)
	}
	if ref := only(t, "subnets of the group", g.Subnets.Items); ref.Key != "aws_subnet.db[?]" || ref.Maybe == nil {
		t.Errorf("group subnet = %+v, want the symbolic aws_subnet.db[?] as a maybe element", ref)
	}
}

func TestLoadEndpointUnknownRegion(t *testing.T) {
	src := `
variable "region" {
  type = string
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id              = "vpc-0abc"
  service_name        = "com.amazonaws.${var.region}.kms"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}

resource "aws_vpc_endpoint" "other" {
  vpc_id       = "vpc-0abc"
  service_name = "com.amazonaws.eu-west-1.${var.region}"
}
`
	m, ds := loadSources(t, map[string]string{"main.tf": src}, Options{})
	noErrors(t, ds)
	if len(m.VPCEndpoints) != 2 {
		t.Fatalf("got %d endpoints, want 2", len(m.VPCEndpoints))
	}
	if got, want := m.VPCEndpoints[0].ServiceName, "com.amazonaws."+model.RegionToken+".kms"; !got.Known() || got.Value != want {
		t.Errorf("service name = %+v, want %q", got, want)
	}
	if got := m.VPCEndpoints[1].ServiceName; got.Unknown == nil || !strings.Contains(got.Unknown.Reason, "region") {
		t.Errorf("service name with an unknown service = %+v, want unknown for var.region", got)
	}
	if r := m.VPCEndpoints[0].Region; r.Known() {
		t.Errorf("endpoint region = %+v, want it not known", r)
	}
}

func TestLoadWrongTypeWarning(t *testing.T) {
	src := `resource "aws_rds_cluster_instance" "a" {
  cluster_identifier  = "main"
  publicly_accessible = "maybe"
}
`
	m, ds := loadSources(t, map[string]string{"main.tf": src}, Options{})
	inst := only(t, "instances", m.DBInstances)
	if inst.PubliclyAccessible.Unknown == nil {
		t.Errorf("publicly_accessible = %+v, want unknown", inst.PubliclyAccessible)
	}
	var found bool
	for _, d := range ds {
		if d.Severity == diag.Warning && strings.HasSuffix(d.Range.File, "main.tf") && d.Range.Line == 3 && strings.Contains(d.Message, "publicly_accessible") {
			found = true
		}
	}
	if !found {
		t.Errorf("diagnostics %v, want a warning about publicly_accessible at main.tf:3", ds)
	}
}

func TestLoadLocalModule(t *testing.T) {
	files := map[string]string{
		"main.tf": `
module "net" {
  source = "./net"
  cidr   = "10.1.0.0/16"
}

resource "aws_db_subnet_group" "db" {
  subnet_ids = module.net.subnet_ids
}
`,
		"net/main.tf": `
variable "cidr" {}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
}

resource "aws_subnet" "a" {
  for_each   = toset(["a", "b"])
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr, 8, each.key == "a" ? 1 : 2)
}

output "subnet_ids" {
  value = [for s in aws_subnet.a : s.id]
}
`,
	}
	m, ds := loadSources(t, files, Options{})
	noErrors(t, ds)
	vpc := only(t, "VPCs", m.VPCs)
	if vpc.Address != "module.net.aws_vpc.this" || vpc.CIDR.Value != "10.1.0.0/16" || len(vpc.Callers) != 1 {
		t.Errorf("VPC %s %+v callers %v, want module.net.aws_vpc.this 10.1.0.0/16 called once", vpc.Address, vpc.CIDR, vpc.Callers)
	}
	g := only(t, "subnet groups", m.DBSubnetGroups)
	var got []string
	for _, r := range g.Subnets.Items {
		got = append(got, r.Key)
	}
	if want := `module.net.aws_subnet.a["a"] module.net.aws_subnet.a["b"]`; strings.Join(got, " ") != want {
		t.Errorf("group subnets = %v, want %s", got, want)
	}
}

// A gateway endpoint's prefix_list_id is an identity token of the
// endpoint, so that a security group rule naming it links to the endpoint (docs/semantics.md#narrow-egress); an explicit value is kept.
func TestLoadEndpointPrefixListID(t *testing.T) {
	tests := []struct {
		name, ref string
		want      model.Ref
	}{
		{"computed", "aws_vpc_endpoint.s3.prefix_list_id", model.Ref{Key: "aws_vpc_endpoint.s3"}},
		{"literal", `"pl-6da54004"`, model.Ref{Literal: "pl-6da54004"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds := loadSources(t, map[string]string{"main.tf": `
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-1"
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_security_group" "db" {
  vpc_id = "vpc-1"
  egress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [` + tt.ref + `]
  }
}
`}, Options{})
			noErrors(t, ds)
			if len(m.SecurityGroups) != 1 || len(m.SecurityGroups[0].Rules) != 1 {
				t.Fatalf("got %d security groups, want 1 with one rule", len(m.SecurityGroups))
			}
			pls := m.SecurityGroups[0].Rules[0].PrefixLists
			if len(pls.Items) != 1 || pls.Items[0].Key != tt.want.Key || pls.Items[0].Literal != tt.want.Literal || pls.Items[0].Unknown != nil {
				t.Errorf("prefix lists = %+v, want [%+v]", pls.Items, tt.want)
			}
		})
	}
}
