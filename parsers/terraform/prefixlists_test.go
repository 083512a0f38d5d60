package terraform

import (
	"testing"

	"github.com/daslint/daslint/model"
)

// TestRouteDestinationPrefixLists reads the prefix lists a route can name:
// a gateway endpoint's prefix_list_id links to the endpoint, and a managed
// prefix list carries its inline and standalone entries.
func TestRouteDestinationPrefixLists(t *testing.T) {
	m, ds := loadSources(t, map[string]string{"main.tf": `
variable "extra" {
  type = string
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-1"
  service_name = "com.amazonaws.eu-west-1.s3"
}

resource "aws_ec2_managed_prefix_list" "corp" {
  name           = "corp"
  address_family = "IPv4"
  max_entries    = 3
  entry {
    cidr = "10.0.0.0/8"
  }
  entry {
    cidr = var.extra
  }
}

resource "aws_ec2_managed_prefix_list_entry" "more" {
  prefix_list_id = aws_ec2_managed_prefix_list.corp.id
  cidr           = "192.168.0.0/16"
}

resource "aws_route" "s3" {
  route_table_id             = "rtb-1"
  destination_prefix_list_id = aws_vpc_endpoint.s3.prefix_list_id
  vpc_endpoint_id            = aws_vpc_endpoint.s3.id
}

resource "aws_route" "corp" {
  route_table_id             = "rtb-1"
  destination_prefix_list_id = aws_ec2_managed_prefix_list.corp.id
  transit_gateway_id         = "tgw-1"
}

resource "aws_route" "literal" {
  route_table_id             = "rtb-1"
  destination_prefix_list_id = "pl-63a5400a"
  transit_gateway_id         = "tgw-1"
}
`}, Options{})
	noErrors(t, ds)
	wantDest := map[string]model.Ref{
		"aws_route.s3":      key("aws_vpc_endpoint.s3"),
		"aws_route.corp":    key("aws_ec2_managed_prefix_list.corp"),
		"aws_route.literal": lit("pl-63a5400a"),
	}
	for _, r := range m.Routes {
		got := r.DestinationPrefixList
		got.Range = model.Range{}
		if got != wantDest[r.Address] {
			t.Errorf("%s: destination prefix list = %+v, want %+v", r.Address, got, wantDest[r.Address])
		}
	}
	if len(m.Routes) != len(wantDest) {
		t.Errorf("got %d routes, want %d", len(m.Routes), len(wantDest))
	}
	pl := only(t, "prefix lists", m.PrefixLists)
	if !pl.AddressFamily.Known() || pl.AddressFamily.Value != "IPv4" {
		t.Errorf("address family = %+v, want IPv4", pl.AddressFamily)
	}
	if n := len(pl.Entries.Items); n != 2 || pl.Entries.Items[0].Value != "10.0.0.0/8" || pl.Entries.Items[1].Unknown == nil {
		t.Errorf("entries = %+v, want 10.0.0.0/8 and an unknown one", pl.Entries.Items)
	}
	e := only(t, "prefix list entries", m.PrefixListEntries)
	if e.PrefixList.Key != "aws_ec2_managed_prefix_list.corp" || e.CIDR.Value != "192.168.0.0/16" {
		t.Errorf("entry = %+v %+v, want 192.168.0.0/16 of aws_ec2_managed_prefix_list.corp", e.PrefixList, e.CIDR)
	}
}

// TestServicePrefixListDataSource reads data "aws_prefix_list" found by
// name as the AWS-managed list it is, even when only the region part of
// the name is unknown; found by ID, or with a name that is not known, it
// stays an unknown from a data source.
func TestServicePrefixListDataSource(t *testing.T) {
	m, ds := loadSources(t, map[string]string{"main.tf": `
variable "region" {
  type = string
}

variable "list_name" {
  type = string
}

data "aws_prefix_list" "s3" {
  name = "com.amazonaws.eu-west-1.s3"
}

data "aws_prefix_list" "dynamodb" {
  name = "com.amazonaws.${var.region}.dynamodb"
}

data "aws_prefix_list" "by_id" {
  prefix_list_id = "pl-0123456789abcdef0"
}

data "aws_prefix_list" "unknown" {
  name = var.list_name
}

resource "aws_route" "s3" {
  route_table_id             = "rtb-1"
  destination_prefix_list_id = data.aws_prefix_list.s3.id
  transit_gateway_id         = "tgw-1"
}

resource "aws_route" "dynamodb" {
  route_table_id             = "rtb-1"
  destination_prefix_list_id = data.aws_prefix_list.dynamodb.id
  transit_gateway_id         = "tgw-1"
}

resource "aws_route" "by_id" {
  route_table_id             = "rtb-1"
  destination_prefix_list_id = data.aws_prefix_list.by_id.id
  transit_gateway_id         = "tgw-1"
}

resource "aws_route" "unknown" {
  route_table_id             = "rtb-1"
  destination_prefix_list_id = data.aws_prefix_list.unknown.id
  transit_gateway_id         = "tgw-1"
}
`}, Options{})
	noErrors(t, ds)
	wantKey := map[string]string{
		"aws_route.s3":       "data.aws_prefix_list.s3",
		"aws_route.dynamodb": "data.aws_prefix_list.dynamodb",
		"aws_route.by_id":    "",
		"aws_route.unknown":  "",
	}
	for _, r := range m.Routes {
		d := r.DestinationPrefixList
		if d.Key != wantKey[r.Address] {
			t.Errorf("%s: destination prefix list key = %q, want %q", r.Address, d.Key, wantKey[r.Address])
		}
		if wantKey[r.Address] == "" && (d.Unknown == nil || d.Unknown.Kind != model.FromDataSource) {
			t.Errorf("%s: destination prefix list = %+v, want an unknown from a data source", r.Address, d)
		}
	}
	wantName := map[string]string{
		"data.aws_prefix_list.s3":       "com.amazonaws.eu-west-1.s3",
		"data.aws_prefix_list.dynamodb": "com.amazonaws." + model.RegionToken + ".dynamodb",
	}
	if len(m.PrefixLists) != len(wantName) {
		t.Fatalf("got %d prefix lists, want %d", len(m.PrefixLists), len(wantName))
	}
	for _, l := range m.PrefixLists {
		if !l.AWSManaged || !l.Name.Known() || l.Name.Value != wantName[l.Address] {
			t.Errorf("%s: AWS managed %v, name %+v; want AWS managed, name %q", l.Address, l.AWSManaged, l.Name, wantName[l.Address])
		}
	}
}
