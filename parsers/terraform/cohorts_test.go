package terraform

import (
	"testing"

	"github.com/daslint/daslint/model"
)

// TestLoadCohorts checks that symbolic instances of one unknown count share
// a cohort in the model, and that a reference to the subnet with the
// association's own index is a SameIndex link, while one to another index
// stays unknown.
func TestLoadCohorts(t *testing.T) {
	m, ds := loadSources(t, map[string]string{"main.tf": `
data "aws_availability_zones" "a" {}

resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "db" {
  count  = length(data.aws_availability_zones.a.names)
  vpc_id = aws_vpc.v.id
}

resource "aws_route_table_association" "same" {
  count          = length(data.aws_availability_zones.a.names)
  subnet_id      = aws_subnet.db[count.index].id
  route_table_id = aws_vpc.v.main_route_table_id
}

resource "aws_route_table_association" "offset" {
  count          = length(data.aws_availability_zones.a.names)
  subnet_id      = aws_subnet.db[count.index + 1].id
  route_table_id = aws_vpc.v.main_route_table_id
}

resource "aws_db_subnet_group" "all" {
  subnet_ids = aws_subnet.db[*].id
}

resource "aws_db_subnet_group" "more" {
  subnet_ids = concat(aws_subnet.db[*].id, ["subnet-0abc"])
}

resource "aws_network_acl" "db" {
  count      = length(data.aws_availability_zones.a.names)
  vpc_id     = aws_vpc.v.id
  subnet_ids = [element(aws_subnet.db[*].id, count.index)]
}
`}, Options{})
	noErrors(t, ds)
	const cohort = "count=length ( data . aws_availability_zones . a . names )"

	subnet, ok := m.Lookup("aws_subnet.db[?]").(*model.Subnet)
	if !ok {
		t.Fatal("no aws_subnet.db[?]")
	}
	if subnet.Cohort != cohort || subnet.Maybe == nil {
		t.Errorf("subnet Cohort = %q, Maybe = %v; want %q and a maybe", subnet.Cohort, subnet.Maybe, cohort)
	}
	if v, _ := m.Lookup("aws_vpc.v").(*model.VPC); v == nil || v.Cohort != "" {
		t.Errorf("aws_vpc.v should have no cohort: %+v", v)
	}

	same, _ := m.Lookup("aws_route_table_association.same[?]").(*model.RouteTableAssociation)
	if same == nil {
		t.Fatal("no aws_route_table_association.same[?]")
	}
	if same.Cohort != cohort {
		t.Errorf("association Cohort = %q, want %q", same.Cohort, cohort)
	}
	if s := same.Subnet; s.Key != "aws_subnet.db[?]" || !s.SameIndex || s.Maybe == nil {
		t.Errorf("association subnet = %+v, want aws_subnet.db[?] with SameIndex and a maybe", s)
	}
	if tb := same.Table; tb.Key != model.MainRouteTableAddress("aws_vpc.v") || tb.SameIndex {
		t.Errorf("association table = %+v, want the main route table, unpaired", tb)
	}

	offset, _ := m.Lookup("aws_route_table_association.offset[?]").(*model.RouteTableAssociation)
	if offset == nil {
		t.Fatal("no aws_route_table_association.offset[?]")
	}
	if s := offset.Subnet; s.Unknown == nil || s.Key != "" || s.SameIndex {
		t.Errorf("offset subnet = %+v, want unknown", s)
	}

	// The splat holds every subnet of the count and nothing else: its one
	// maybe element stands for all, and the list is complete. A concat
	// with something else is not.
	all, _ := m.Lookup("aws_db_subnet_group.all").(*model.DBSubnetGroup)
	if all == nil || all.Subnets.Incomplete != nil || len(all.Subnets.Items) != 1 ||
		all.Subnets.Items[0].Key != "aws_subnet.db[?]" || all.Subnets.Items[0].Maybe != subnet.Maybe {
		t.Errorf("group all: subnets = %+v, want exactly aws_subnet.db[?] (maybe), complete", all)
	}
	more, _ := m.Lookup("aws_db_subnet_group.more").(*model.DBSubnetGroup)
	if more == nil || more.Subnets.Incomplete == nil {
		t.Errorf("group more: subnets = %+v, want incomplete", more)
	}

	acl, _ := m.Lookup("aws_network_acl.db[?]").(*model.NetworkACL)
	if acl == nil {
		t.Fatal("no aws_network_acl.db[?]")
	}
	if len(acl.Subnets.Items) != 1 {
		t.Fatalf("acl subnets = %+v, want one", acl.Subnets)
	}
	if s := acl.Subnets.Items[0]; s.Key != "aws_subnet.db[?]" || !s.SameIndex {
		t.Errorf("acl subnet = %+v, want aws_subnet.db[?] with SameIndex", s)
	}
}
