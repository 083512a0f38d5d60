package stress

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Joined worlds (docs/semantics.md#the-world-beyond-one-root): trees whose clusters settle through another
// source of the run. They measure what joining costs on top of reading
// each source: a remote state read by many roots, a facts folder consulted
// by many roots, Terragrunt units that depend on shared network units.

// MonorepoNetwork is a network root that keeps its state in the s3
// backend under the key %[1]s/terraform.tfstate: two zones, a NAT gateway
// and the outputs a database root reads.
const MonorepoNetwork = `terraform {
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "%[1]s/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "zones" {
  type    = list(string)
  default = ["eu-west-1a", "eu-west-1b"]
}

resource "aws_vpc" "main" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  count             = length(var.zones)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index)
  availability_zone = var.zones[count.index]
}

resource "aws_subnet" "private" {
  count             = length(var.zones)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index + 10)
  availability_zone = var.zones[count.index]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  count          = length(var.zones)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main.id
  }
}

resource "aws_route_table_association" "private" {
  count          = length(var.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "vpc_cidr" {
  value = aws_vpc.main.cidr_block
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}
`

// MonorepoDatabase is a database root whose network is the state of the
// network root %[1]s, read with terraform_remote_state; its cluster passes
// through that root's NAT gateway.
const MonorepoDatabase = `terraform {
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "%[2]s/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "acme-terraform-state"
    key    = "%[1]s/terraform.tfstate"
    region = "eu-west-1"
  }
}

locals {
  network = data.terraform_remote_state.network.outputs
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = local.network.vpc_id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [local.network.vpc_cidr]
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = local.network.private_subnet_ids
}

` + clusterWithStream

// WriteMonorepo writes n network roots (network-000, …) and n database
// roots (database-000, …), database i reading the state of network i: 2n
// roots, n passing clusters, n remote states.
func WriteMonorepo(dir string, n int) error {
	fs := map[string]string{}
	for i := range n {
		net, db := fmt.Sprintf("network-%03d", i), fmt.Sprintf("database-%03d", i)
		fs[net+"/main.tf"] = fmt.Sprintf(MonorepoNetwork, net)
		fs[db+"/main.tf"] = fmt.Sprintf(MonorepoDatabase, net, db)
	}
	return files(fs)(dir)
}

// WriteUndeclared is WriteMonorepo with, in each database root, a
// reference to a variable no file declares, and a Terragrunt unit in
// zz-live, which sorts after every root.
func WriteUndeclared(dir string, n int) error {
	if err := WriteMonorepo(dir, n); err != nil {
		return err
	}
	fs := map[string]string{"zz-live/terragrunt.hcl": "inputs = {}\n"}
	for i := range n {
		fs[fmt.Sprintf("database-%03d/team.tf", i)] = "resource \"aws_kms_key\" \"team\" {\n  description = var.team\n}\n"
	}
	return files(fs)(dir)
}

// FactsWorld sizes a facts folder and the roots that consult it.
type FactsWorld struct {
	VPCs, Subnets, RouteTables, SecurityGroups int
	// Roots are database roots; the even ones name their subnets and
	// security group by literal IDs, the odd ones find them with data
	// sources (aws_vpc, aws_subnets).
	Roots int
}

// DefaultFactsWorld is the account of the joined-world benchmark.
var DefaultFactsWorld = FactsWorld{VPCs: 200, Subnets: 2000, RouteTables: 500, SecurityGroups: 2000, Roots: 100}

// factsID is an AWS-shaped ID: prefix, then 17 hex digits.
func factsID(prefix string, i int) string { return fmt.Sprintf("%s-%017x", prefix, i) }

// WriteFactsWorld writes dir/facts, the describe-* output of one account
// (every VPC with an internet gateway, a NAT gateway in its first subnet,
// a default network ACL; its main route table routes through the NAT
// gateway, a second one through the internet gateway, further ones again
// through the NAT gateway), and dir/roots, w.Roots database roots whose
// clusters pass through those NAT gateways. Subnets, route tables and
// security groups are spread over the VPCs in turn.
func WriteFactsWorld(dir string, w FactsWorld) error {
	vpcOf := func(i int) int { return i % w.VPCs }
	var vpcs, igws, nats, acls, subnets, tables, groups []map[string]any
	subnetsOf := make([][]string, w.VPCs)
	for i := range w.Subnets {
		v := vpcOf(i)
		id := factsID("subnet", i)
		k := len(subnetsOf[v])
		subnetsOf[v] = append(subnetsOf[v], id)
		name := fmt.Sprintf("private-%d", k)
		if k == 0 {
			name = "public"
		}
		subnets = append(subnets, map[string]any{"SubnetId": id, "VpcId": factsID("vpc", v), "State": "available",
			"CidrBlock": fmt.Sprintf("10.%d.%d.%d/28", v%256, k/16, (k%16)*16), "AvailabilityZone": "eu-west-1a",
			"Tags": []map[string]string{{"Key": "Name", "Value": name}}})
	}
	for v := range w.VPCs {
		vpc := factsID("vpc", v)
		vpcs = append(vpcs, map[string]any{"VpcId": vpc, "State": "available", "CidrBlock": fmt.Sprintf("10.%d.0.0/16", v%256),
			"IsDefault": false, "Tags": []map[string]string{{"Key": "Name", "Value": fmt.Sprintf("vpc-%d", v)}}})
		igws = append(igws, map[string]any{"InternetGatewayId": factsID("igw", v),
			"Attachments": []map[string]string{{"State": "available", "VpcId": vpc}}})
		if len(subnetsOf[v]) > 0 {
			nats = append(nats, map[string]any{"NatGatewayId": factsID("nat", v), "State": "available",
				"SubnetId": subnetsOf[v][0], "VpcId": vpc, "ConnectivityType": "public"})
		}
		var assocs []map[string]string
		for j, s := range subnetsOf[v] {
			assocs = append(assocs, map[string]string{"NetworkAclAssociationId": factsID("aclassoc", v*1000+j),
				"NetworkAclId": factsID("acl", v), "SubnetId": s})
		}
		acls = append(acls, map[string]any{"NetworkAclId": factsID("acl", v), "VpcId": vpc, "IsDefault": true,
			"Associations": assocs, "Entries": []map[string]any{
				{"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
				{"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
			}})
	}
	for t := range w.RouteTables {
		v := vpcOf(t)
		vpc, id := factsID("vpc", v), factsID("rtb", t)
		routes := []map[string]string{{"DestinationCidrBlock": fmt.Sprintf("10.%d.0.0/16", v%256), "GatewayId": "local", "State": "active"}}
		var assocs []map[string]any
		switch round := t / w.VPCs; {
		case round == 0:
			routes = append(routes, map[string]string{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": factsID("nat", v), "State": "active"})
			assocs = append(assocs, map[string]any{"Main": true, "RouteTableAssociationId": factsID("rtbassoc", t), "RouteTableId": id,
				"AssociationState": map[string]string{"State": "associated"}})
		case round == 1 && len(subnetsOf[v]) > 0:
			routes = append(routes, map[string]string{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": factsID("igw", v), "State": "active"})
			assocs = append(assocs, map[string]any{"Main": false, "RouteTableAssociationId": factsID("rtbassoc", t), "RouteTableId": id,
				"SubnetId": subnetsOf[v][0], "AssociationState": map[string]string{"State": "associated"}})
		case len(subnetsOf[v]) > round:
			routes = append(routes, map[string]string{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": factsID("nat", v), "State": "active"})
			assocs = append(assocs, map[string]any{"Main": false, "RouteTableAssociationId": factsID("rtbassoc", t), "RouteTableId": id,
				"SubnetId": subnetsOf[v][round], "AssociationState": map[string]string{"State": "associated"}})
		}
		tables = append(tables, map[string]any{"RouteTableId": id, "VpcId": vpc, "Routes": routes, "Associations": assocs})
	}
	for g := range w.SecurityGroups {
		groups = append(groups, map[string]any{"GroupId": factsID("sg", g), "VpcId": factsID("vpc", vpcOf(g)),
			"GroupName": fmt.Sprintf("sg-%d", g), "Description": "generated",
			"IpPermissionsEgress": []map[string]any{{"IpProtocol": "-1", "IpRanges": []map[string]string{{"CidrIp": "0.0.0.0/0"}}}},
			"IpPermissions":       []map[string]any{}})
	}
	docs := map[string]map[string]any{
		"facts/vpcs.json":              {"Vpcs": vpcs},
		"facts/internet-gateways.json": {"InternetGateways": igws},
		"facts/nat-gateways.json":      {"NatGateways": nats},
		"facts/network-acls.json":      {"NetworkAcls": acls},
		"facts/subnets.json":           {"Subnets": subnets},
		"facts/route-tables.json":      {"RouteTables": tables},
		"facts/security-groups.json":   {"SecurityGroups": groups},
		"facts/vpc-endpoints.json":     {"VpcEndpoints": []any{}},
	}
	fs := map[string]string{}
	for name, doc := range docs {
		data, err := json.MarshalIndent(doc, "", "    ")
		if err != nil {
			return err
		}
		fs[name] = string(data) + "\n"
	}
	for r := range w.Roots {
		v := (r * 7) % w.VPCs
		if len(subnetsOf[v]) < 3 {
			return fmt.Errorf("VPC %d has %d subnets; a root needs 3", v, len(subnetsOf[v]))
		}
		name := fmt.Sprintf("roots/db-%03d/main.tf", r)
		if r%2 == 0 {
			fs[name] = fmt.Sprintf(factsLiteralRoot, subnetsOf[v][1], subnetsOf[v][2], factsID("sg", v))
		} else {
			fs[name] = fmt.Sprintf(factsDataRoot, factsID("vpc", v))
		}
	}
	return files(fs)(dir)
}

// factsLiteralRoot names two private subnets and a security group by ID.
const factsLiteralRoot = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = ["%s", "%s"]
}

resource "aws_rds_cluster" "db" {
  cluster_identifier          = "db"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.db.name
  vpc_security_group_ids      = ["%s"]
  skip_final_snapshot         = true
}

` + instanceWithStream

// factsDataRoot finds its VPC by ID and its private subnets by tag.
const factsDataRoot = `provider "aws" {
  region = "eu-west-1"
}

data "aws_vpc" "main" {
  id = "%s"
}

data "aws_subnets" "db" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.main.id]
  }
  filter {
    name   = "tag:Name"
    values = ["private-*"]
  }
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = data.aws_vpc.main.id

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = data.aws_subnets.db.ids
}

resource "aws_rds_cluster" "db" {
  cluster_identifier          = "db"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.db.name
  vpc_security_group_ids      = [aws_security_group.db.id]
  skip_final_snapshot         = true
}

` + instanceWithStream

// WriteTerragrunt writes a Terragrunt repository: live/terragrunt.hcl, the
// root configuration every unit includes; networks network units and
// units database units, database unit i depending on network unit
// i%networks; the two modules they run. Every database cluster passes.
func WriteTerragrunt(dir string, units, networks int) error {
	fs := map[string]string{
		"live/terragrunt.hcl": tgRoot,
		"modules/network/main.tf": strings.NewReplacer(
			"backend \"s3\"", "backend \"local\"",
			`default = "10.20.0.0/16"`, "",
			"region = \"eu-west-1\"\n}\n\n", "region = var.region\n}\n\nvariable \"region\" {\n  type = string\n}\n\n",
		).Replace(MonorepoNetwork),
		"modules/database/main.tf": tgDatabaseModule,
	}
	for i := range networks {
		fs[fmt.Sprintf("live/network-%02d/terragrunt.hcl", i)] = fmt.Sprintf(tgNetworkUnit, i%256)
	}
	for i := range units {
		fs[fmt.Sprintf("live/db-%03d/terragrunt.hcl", i)] = fmt.Sprintf(tgDatabaseUnit, i%networks)
	}
	return files(fs)(dir)
}

// tgRoot is the configuration every unit includes: the region of every
// module, as inputs.
const tgRoot = `locals {
  region = "eu-west-1"
}

inputs = {
  region = local.region
}
`

const tgNetworkUnit = `include "root" {
  path = find_in_parent_folders()
}

terraform {
  source = "../../modules//network"
}

inputs = {
  cidr = "10.%d.0.0/16"
}
`

const tgDatabaseUnit = `include "root" {
  path = find_in_parent_folders()
}

terraform {
  source = "../../modules//database"
}

dependency "network" {
  config_path = "../network-%02d"
}

inputs = {
  vpc_id             = dependency.network.outputs.vpc_id
  vpc_cidr           = dependency.network.outputs.vpc_cidr
  private_subnet_ids = dependency.network.outputs.private_subnet_ids
}
`

const tgDatabaseModule = `provider "aws" {
  region = var.region
}

variable "region" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "private_subnet_ids" {
  type = list(string)
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = var.private_subnet_ids
}

` + clusterWithStream

// clusterWithStream is the Aurora cluster, instance, key and activity stream
// that every generated database root ends with; its subnet group and
// security group come before it.
const clusterWithStream = `resource "aws_rds_cluster" "db" {
  cluster_identifier          = "db"
  engine                      = "aurora-postgresql"
  master_username             = "dbadmin"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.db.name
  vpc_security_group_ids      = [aws_security_group.db.id]
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "db" {
  identifier         = "db-0"
  cluster_identifier = aws_rds_cluster.db.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.db.engine
}

resource "aws_kms_key" "das" {
  description = "database activity stream"
}

resource "aws_rds_cluster_activity_stream" "db" {
  resource_arn = aws_rds_cluster.db.arn
  mode         = "async"
  kms_key_id   = aws_kms_key.das.key_id
}
`

// instanceWithStream ends the generated database roots that use an existing
// key: the cluster's instance and its activity stream.
const instanceWithStream = `resource "aws_rds_cluster_instance" "db" {
  identifier         = "db-0"
  cluster_identifier = aws_rds_cluster.db.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.db.engine
}

resource "aws_rds_cluster_activity_stream" "db" {
  resource_arn = aws_rds_cluster.db.arn
  mode         = "async"
  kms_key_id   = "alias/das"
}
`
