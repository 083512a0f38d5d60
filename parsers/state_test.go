package parsers

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// rawNetworkState is a format-4 state of the network root of remoteRoots.
const rawNetworkState = `{"version": 4, "terraform_version": "1.11.0", "lineage": "x",
 "outputs": {"vpc_id": {"value": "vpc-0a1"}},
 "resources": [{"mode": "managed", "type": "aws_vpc", "name": "main",
  "instances": [{"attributes": {"id": "vpc-0a1", "cidr_block": "10.0.0.0/16"}}]}]}`

// showNetworkState is the same state as `terraform show -json` prints it.
const showNetworkState = `{"format_version": "1.0", "terraform_version": "1.11.0",
 "values": {"outputs": {"vpc_id": {"sensitive": false, "value": "vpc-0a1", "type": "string"}},
  "root_module": {"resources": [{"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
   "values": {"id": "vpc-0a1", "cidr_block": "10.0.0.0/16"}}]}}}`

// TestRemoteStateFromState: a terraform_remote_state reads a state of the
// run instead of the code of the root it names, when the state is that
// root's (in its directory, or the local backend's file), and the code
// when that is ambiguous.
func TestRemoteStateFromState(t *testing.T) {
	localReader := `data "terraform_remote_state" "network" {
  backend = "local"
  config = { path = "../net/terraform.tfstate" }
}
resource "aws_security_group" "db" {
  vpc_id = data.terraform_remote_state.network.outputs.vpc_id
}
`
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string // the address of the database's VPC
	}{
		{"code only", map[string]string{}, "network::aws_vpc.main"},
		{"state beside the code", map[string]string{"network/state.json": showNetworkState}, "network/state.json::aws_vpc.main"},
		{"raw state beside the code", map[string]string{"network/terraform.tfstate": rawNetworkState}, "network/terraform.tfstate::aws_vpc.main"},
		{"two states beside the code", map[string]string{"network/state.json": showNetworkState, "network/terraform.tfstate": rawNetworkState}, "network::aws_vpc.main"},
		{"local backend names the state", map[string]string{"database/main.tf": localReader, "net/terraform.tfstate": rawNetworkState}, "net/terraform.tfstate::aws_vpc.main"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range remoteRoots {
				files[k] = v
			}
			for k, v := range c.files {
				files[k] = v
			}
			dir := writeRoots(t, files)
			set, ds := Load([]string{filepath.Join(dir, "database")}, Options{Context: []string{dir}})
			for _, d := range ds {
				t.Errorf("unexpected diagnostic: %s", d)
			}
			if len(set.Models) != 1 {
				t.Fatalf("%d models", len(set.Models))
			}
			m := set.Models[0]
			if len(m.VPCs) != 1 || m.VPCs[0].Address != c.want {
				var got []string
				for _, v := range m.VPCs {
					got = append(got, v.Address)
				}
				t.Fatalf("database VPCs = %v, want %s", got, c.want)
			}
			if len(m.SecurityGroups) != 1 || m.SecurityGroups[0].VPC.Key != c.want {
				t.Errorf("security group links to %+v", m.SecurityGroups[0].VPC)
			}
		})
	}
}

// TestStateLiteralIDs: a literal ID of a state of the run joins its object
// under the state's prefix, complete for what the state's root manages: a
// VPC whose state holds no endpoint has none (docs/semantics.md#sources-of-one-run); a change to the
// state re-lints the root (hook mode).
func TestStateLiteralIDs(t *testing.T) {
	dir := writeRoots(t, map[string]string{
		"net/terraform.tfstate": rawNetworkState,
		"db/main.tf": `resource "aws_security_group" "db" {
  vpc_id = "vpc-0a1"
}
`,
		"other/main.tf": `resource "aws_security_group" "x" {
  vpc_id = "vpc-0ffff"
}
`,
	})
	// The context path is its own read boundary: the state is named
	// relative to it.
	set, _ := Load([]string{filepath.Join(dir, "db"), filepath.Join(dir, "other")}, Options{Context: []string{filepath.Join(dir, "net")}})
	if len(set.Models) != 2 {
		t.Fatalf("%d models", len(set.Models))
	}
	db, other := set.Models[0], set.Models[1]
	if got := db.SecurityGroups[0].VPC; got.Key != "terraform.tfstate::aws_vpc.main" || got.Literal != "" {
		t.Errorf("db security group VPC = %+v", got)
	}
	if len(db.VPCs) != 1 || len(db.VPCEndpoints) != 0 {
		t.Errorf("db VPCs %d, endpoints %d; want the state's VPC and no endpoint", len(db.VPCs), len(db.VPCEndpoints))
	}
	if len(db.Joined) != 1 || !strings.HasSuffix(db.Joined[0], "net/terraform.tfstate") {
		t.Errorf("db joined %v", db.Joined)
	}
	if got := other.SecurityGroups[0].VPC; got.Literal != "vpc-0ffff" || len(other.VPCs) != 0 {
		t.Errorf("an ID the state does not hold stays a literal: %+v", got)
	}

	changed, _ := Load([]string{dir}, Options{Context: []string{filepath.Join(dir, "net")},
		Changed: []string{filepath.Join(dir, "net", "terraform.tfstate")}})
	var roots []string
	for _, m := range changed.Models {
		roots = append(roots, filepath.Base(m.Root))
	}
	if !slices.Contains(roots, "db") || slices.Contains(roots, "other") {
		t.Errorf("a change to the state re-lints %v, want db and not other", roots)
	}
}

func TestLocalStatePath(t *testing.T) {
	for _, c := range []struct {
		config map[string]string
		ws     string
		want   string
	}{
		{nil, "default", "d/terraform.tfstate"},
		{map[string]string{"path": "../n/s.tfstate"}, "default", "n/s.tfstate"},
		{nil, "prod", "d/terraform.tfstate.d/prod/terraform.tfstate"},
		{map[string]string{"workspace_dir": "ws"}, "prod", "d/ws/prod/terraform.tfstate"},
	} {
		b := eval.Backend{Type: "local", Config: c.config, Dir: "d"}
		if got := filepath.ToSlash(localStatePath(b, c.ws)); got != c.want {
			t.Errorf("localStatePath(%v, %s) = %s, want %s", c.config, c.ws, got, c.want)
		}
	}
}

// TestPlanLiteralIDs: a plan JSON of a root that exists settles the IDs of
// its existing resources; a planned resource without an ID yet (the KMS
// endpoint) joins through the VPC it is planned in.
func TestPlanLiteralIDs(t *testing.T) {
	plan := filepath.Join("..", "testdata", "tfplan-existing-network-add-endpoint-pass", "plan.json")
	dir := writeRoots(t, map[string]string{"db/main.tf": `resource "aws_db_subnet_group" "db" {
  name       = "db2"
  subnet_ids = ["subnet-5b71676d37e348ebd", "subnet-0notinplan"]
}
`})
	set, _ := Load([]string{filepath.Join(dir, "db")}, Options{Context: []string{plan}})
	if len(set.Models) != 1 {
		t.Fatalf("%d models", len(set.Models))
	}
	m := set.Models[0]
	items := m.DBSubnetGroups[0].Subnets.Items
	if len(items) != 2 || !strings.HasSuffix(items[0].Key, "::aws_subnet.private[0]") || items[1].Literal != "subnet-0notinplan" {
		t.Fatalf("subnet group subnets = %+v", items)
	}
	var endpoints []string
	for _, e := range m.VPCEndpoints {
		endpoints = append(endpoints, e.Address[strings.Index(e.Address, "::")+2:])
	}
	slices.Sort(endpoints)
	if !slices.Equal(endpoints, []string{"aws_vpc_endpoint.kms"}) {
		t.Errorf("endpoints = %v", endpoints)
	}
}

// TestFactsBeforeStates: an ID that AWS facts and a state both hold joins
// from the facts, the complete list of their kinds; an ID only the state
// holds joins from the state.
func TestFactsBeforeStates(t *testing.T) {
	dir := writeRoots(t, map[string]string{
		"ctx/net/terraform.tfstate": `{"version": 4, "terraform_version": "1.11.0", "lineage": "x", "resources": [
 {"mode": "managed", "type": "aws_vpc", "name": "main", "instances": [{"attributes": {"id": "vpc-0a1", "cidr_block": "10.0.0.0/16"}}]},
 {"mode": "managed", "type": "aws_subnet", "name": "a", "instances": [{"attributes": {"id": "subnet-0a", "vpc_id": "vpc-0a1", "cidr_block": "10.0.1.0/24"}}]},
 {"mode": "managed", "type": "aws_subnet", "name": "b", "instances": [{"attributes": {"id": "subnet-0b", "vpc_id": "vpc-0a1", "cidr_block": "10.0.2.0/24"}}]}]}`,
		"ctx/facts/subnets.json": `{"Subnets": [{"SubnetId": "subnet-0a", "VpcId": "vpc-0a1", "CidrBlock": "10.0.1.0/24",
 "AvailabilityZone": "eu-west-1a", "State": "available"}]}`,
		"db/main.tf": `resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = ["subnet-0a", "subnet-0b"]
}
`,
	})
	set, ds := Load([]string{filepath.Join(dir, "db")}, Options{Context: []string{filepath.Join(dir, "ctx")}})
	for _, d := range ds {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	items := set.Models[0].DBSubnetGroups[0].Subnets.Items
	if len(items) != 2 || items[0].Key != "subnet-0a" || items[1].Key != "net/terraform.tfstate::aws_subnet.b" {
		t.Errorf("subnets = %+v, want the facts subnet, then the state's", items)
	}
}

// TestStateSubnetGroupName: a DB subnet group named by a literal name that
// a state manages joins with its subnets and their VPC.
func TestStateSubnetGroupName(t *testing.T) {
	dir := writeRoots(t, map[string]string{
		"net/terraform.tfstate": `{"version": 4, "terraform_version": "1.11.0", "lineage": "x", "resources": [
 {"mode": "managed", "type": "aws_vpc", "name": "main", "instances": [{"attributes": {"id": "vpc-0a1", "cidr_block": "10.0.0.0/16"}}]},
 {"mode": "managed", "type": "aws_subnet", "name": "a", "instances": [{"attributes": {"id": "subnet-0a", "vpc_id": "vpc-0a1", "cidr_block": "10.0.1.0/24"}}]},
 {"mode": "managed", "type": "aws_db_subnet_group", "name": "shared", "instances": [{"attributes": {"id": "shared-db", "name": "shared-db",
  "arn": "arn:aws:rds:eu-west-1:123456789012:subgrp:shared-db", "subnet_ids": ["subnet-0a"]}}]}]}`,
		"db/main.tf": `resource "aws_rds_cluster" "main" {
  cluster_identifier   = "main"
  engine               = "aurora-postgresql"
  db_subnet_group_name = "shared-db"
}
`,
	})
	set, _ := Load([]string{filepath.Join(dir, "db")}, Options{Context: []string{dir}})
	m := set.Models[0]
	if len(m.DBSubnetGroups) != 1 || m.DBSubnetGroups[0].Address != "net/terraform.tfstate::aws_db_subnet_group.shared" {
		t.Fatalf("subnet groups = %+v", m.DBSubnetGroups)
	}
	if len(m.Subnets) != 1 || m.DBSubnetGroups[0].Subnets.Items[0].Key != m.Subnets[0].Address || len(m.VPCs) != 1 {
		t.Errorf("the group's subnet and VPC did not join: subnets %+v, VPCs %d", m.Subnets, len(m.VPCs))
	}
}

// TestTFStateFiles: a .tfstate file in format 4 is a state, linted as a
// PATH; one in an older format is an error when named, and passed over by a
// walk.
func TestTFStateFiles(t *testing.T) {
	old := `{"version": 3, "terraform_version": "0.11.14", "serial": 1, "modules": []}`
	dir := writeRoots(t, map[string]string{"new/terraform.tfstate": rawNetworkState, "old/terraform.tfstate": old})
	for _, c := range []struct {
		path   string
		models int
		errors int
	}{
		{"new/terraform.tfstate", 1, 0},
		{"old/terraform.tfstate", 0, 1},
		{".", 1, 0},
	} {
		t.Run(c.path, func(t *testing.T) {
			set, ds := Load([]string{filepath.Join(dir, c.path)}, Options{})
			errs := 0
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs++
				}
			}
			if len(set.Models) != c.models || errs != c.errors {
				t.Errorf("%d models, %d errors (%v); want %d, %d", len(set.Models), errs, ds, c.models, c.errors)
			}
		})
	}
}

// TestRemoteStateAndLiteralID: a root that reads a state through
// terraform_remote_state and also names one of its IDs links both to the
// same object.
func TestRemoteStateAndLiteralID(t *testing.T) {
	dir := writeRoots(t, map[string]string{
		"net/terraform.tfstate": rawNetworkState,
		"database/main.tf": `data "terraform_remote_state" "network" {
  backend = "local"
  config = { path = "../net/terraform.tfstate" }
}
resource "aws_security_group" "a" {
  vpc_id = data.terraform_remote_state.network.outputs.vpc_id
}
resource "aws_security_group" "b" {
  vpc_id = "vpc-0a1"
}
`,
	})
	set, _ := Load([]string{filepath.Join(dir, "database")}, Options{Context: []string{dir}})
	m := set.Models[0]
	want := "net/terraform.tfstate::aws_vpc.main"
	if len(m.VPCs) != 1 || m.VPCs[0].Address != want {
		t.Fatalf("VPCs = %+v", m.VPCs)
	}
	for _, g := range m.SecurityGroups {
		if g.VPC.Key != want {
			t.Errorf("%s VPC = %+v, want %s", g.Address, g.VPC, want)
		}
	}
}

// TestStatesSideBySide: two states given as --context files, each named
// terraform.tfstate, both settle the IDs they hold under names of their
// own. Outside any repository each is bounded by its directory, so its
// name relative to that is the same file name: the path as given names it
// instead. In a repository the names stay relative to its top.
func TestStatesSideBySide(t *testing.T) {
	other := strings.NewReplacer("vpc-0a1", "vpc-0b2", "10.0.0.0/16", "10.1.0.0/16").Replace(rawNetworkState)
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string // the prefixes of the two VPCs, relative to dir
	}{
		{"outside any repository", map[string]string{}, []string{"net1/terraform.tfstate::", "net2/terraform.tfstate::"}},
		{"in a repository", map[string]string{".git/HEAD": "ref: refs/heads/main\n"}, []string{"net1/terraform.tfstate::", "net2/terraform.tfstate::"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.files["net1/terraform.tfstate"] = rawNetworkState
			c.files["net2/terraform.tfstate"] = other
			c.files["db/main.tf"] = `resource "aws_security_group" "a" {
  vpc_id = "vpc-0a1"
}

resource "aws_security_group" "b" {
  vpc_id = "vpc-0b2"
}
`
			dir := writeRoots(t, c.files)
			set, _ := Load([]string{filepath.Join(dir, "db")}, Options{Context: []string{
				filepath.Join(dir, "net1", "terraform.tfstate"), filepath.Join(dir, "net2", "terraform.tfstate")}})
			if len(set.Models) != 1 {
				t.Fatalf("%d models", len(set.Models))
			}
			m := set.Models[0]
			var got []string
			for _, g := range m.SecurityGroups {
				got = append(got, g.VPC.Key)
			}
			prefix := ""
			if _, repo := c.files[".git/HEAD"]; !repo {
				prefix = filepath.ToSlash(dir) + "/"
			}
			want := []string{prefix + c.want[0] + "aws_vpc.main", prefix + c.want[1] + "aws_vpc.main"}
			if !slices.Equal(got, want) {
				t.Errorf("security group VPCs = %q, want %q", got, want)
			}
			if len(m.VPCs) != 2 {
				t.Errorf("%d VPCs joined, want both states' VPC", len(m.VPCs))
			}
		})
	}
}
