package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReferencesCarryIdentityTokens(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
variable "azs" { default = ["a", "b"] }
locals { cidr = "10.0.0.0/16" }
resource "aws_vpc" "main" { cidr_block = local.cidr }
resource "aws_subnet" "s" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = var.azs[count.index]
}
resource "aws_db_subnet_group" "g" { subnet_ids = aws_subnet.s[*].id }
resource "aws_route_table_association" "main" { route_table_id = aws_vpc.main.main_route_table_id }
`}, Options{})
	noErrors(t, ds)
	want := []string{"aws_vpc.main", "aws_subnet.s[0]", "aws_subnet.s[1]", "aws_db_subnet_group.g", "aws_route_table_association.main"}
	if diff := cmp.Diff(want, addresses(res)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	if got := str(t, attr(t, res, "aws_subnet.s[1]", "cidr_block")); got != "10.0.1.0/24" {
		t.Errorf("cidr_block = %q, want 10.0.1.0/24 (cidrsubnet of the VPC's block, netnum 1)", got)
	}
	if got := str(t, attr(t, res, "aws_subnet.s[0]", "vpc_id")); got != tok("aws_vpc.main") {
		t.Errorf("vpc_id = %q", got)
	}
	ids := attr(t, res, "aws_db_subnet_group.g", "subnet_ids")
	if ids.LengthInt() != 2 || str(t, ids.Index(ctyNum(1))) != tok("aws_subnet.s[1]") {
		t.Errorf("subnet_ids = %#v", ids)
	}
	if got := str(t, attr(t, res, "aws_route_table_association.main", "route_table_id")); got != tok("aws_vpc.main#main-route-table") {
		t.Errorf("route_table_id = %q", got)
	}
}
