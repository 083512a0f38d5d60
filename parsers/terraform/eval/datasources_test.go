package eval

import (
	"errors"
	"slices"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

const dataSources = `
data "aws_region" "current" {}
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_availability_zones" "available" {}
data "aws_vpc_endpoint_service" "kms" { service = "kms" }
locals { svc = "com.amazonaws.${data.aws_region.current.name}.kms" }
resource "aws_vpc_endpoint" "kms" {
  service_name = data.aws_vpc_endpoint_service.kms.service_name
  template     = "com.amazonaws.${data.aws_region.current.region}.kms"
  via_local    = local.svc
  partition    = data.aws_partition.current.partition
  dns_suffix   = data.aws_partition.current.dns_suffix
  account      = data.aws_caller_identity.current.account_id
  azs          = data.aws_availability_zones.available.names
  three        = slice(data.aws_availability_zones.available.names, 0, 3)
}
`

func TestDataSourcesWithRegion(t *testing.T) {
	tests := []struct {
		name, provider string
		opts           Options
		region         string
		partition      string
	}{
		{"provider region", `provider "aws" { region = "eu-west-1" }`, Options{Region: "us-east-1"}, "eu-west-1", "aws"},
		{"--region", ``, Options{Region: "cn-north-1"}, "cn-north-1", "aws-cn"},
		{"gov", `provider "aws" { region = "us-gov-west-1" }`, Options{}, "us-gov-west-1", "aws-us-gov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ds := run(t, map[string]string{"main.tf": tt.provider + dataSources}, tt.opts)
			noErrors(t, ds)
			want := "com.amazonaws." + tt.region + ".kms"
			for _, a := range []string{"service_name", "template", "via_local"} {
				if got := str(t, attr(t, res, "aws_vpc_endpoint.kms", a)); got != want {
					t.Errorf("%s = %q, want %q", a, got, want)
				}
			}
			if got := str(t, attr(t, res, "aws_vpc_endpoint.kms", "partition")); got != tt.partition {
				t.Errorf("partition = %q", got)
			}
			if got := str(t, instance(t, res, "aws_vpc_endpoint.kms").Region); got != tt.region {
				t.Errorf("Instance.Region = %q", got)
			}
			acct := attr(t, res, "aws_vpc_endpoint.kms", "account")
			rs := Reasons(acct)
			if acct.IsKnown() || len(rs) != 1 || rs[0].Kind != model.FromDataSource || rs[0].Reason != "data.aws_caller_identity.current is read at apply time" {
				t.Errorf("account = %#v %v", acct, reasonTexts(acct))
			}
		})
	}
}

func TestDataSourcesWithoutRegion(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": dataSources}, Options{})
	noErrors(t, ds)
	ep := instance(t, res, "aws_vpc_endpoint.kms")
	want := "com.amazonaws." + UnknownRegion + ".kms"
	for _, a := range []string{"service_name", "template", "via_local"} {
		at := ep.Body.Attr(a)
		if at.Value.IsKnown() {
			t.Errorf("%s should be unknown without a region", a)
		}
		if at.Partial != want {
			t.Errorf("%s.Partial = %q, want %q", a, at.Partial, want)
		}
	}
	if ep.Region.IsKnown() || len(Reasons(ep.Region)) != 1 {
		t.Errorf("Region = %#v", ep.Region)
	}
	for _, a := range []string{"azs", "three"} {
		v := ep.Body.Attr(a).Value
		if !v.Type().Equals(cty.List(cty.String)) || v.IsWhollyKnown() {
			t.Errorf("%s = %#v, want a list of strings with unknowns", a, v)
		}
		if rs := Reasons(v); len(rs) != 1 || rs[0].Kind != model.FromDataSource {
			t.Errorf("%s reasons = %v", a, reasonTexts(v))
		}
	}
	// The zone list's length is unknown; slice(…, 0, 3) has three elements
	// or Terraform fails (see sliceFunc).
	if v := ep.Body.Attr("azs").Value; v.IsKnown() {
		t.Errorf("azs = %#v, want a list of unknown length", v)
	}
	if v, _ := ep.Body.Attr("three").Value.Unmark(); !v.IsKnown() || v.LengthInt() != 3 {
		t.Errorf("three = %#v, want three unknown zones", v)
	}
	if ep.Body.Attr("dns_suffix").Partial != "" {
		t.Error("no partial for a wholly unknown value")
	}
}

func TestProvidersAndRegions(t *testing.T) {
	res, ds := run(t, map[string]string{
		"main.tf": `
variable "west" { default = "us-west-2" }
provider "aws" { region = "eu-west-1" }
provider "aws" {
  alias  = "west"
  region = var.west
}
resource "aws_vpc" "default" {}
resource "aws_vpc" "aliased" { provider = aws.west }
resource "aws_vpc" "own" { region = "ap-south-1" }
module "m" {
  source    = "./m"
  providers = { aws = aws.west }
}
module "inherit" { source = "./m" }
`,
		"m/main.tf": `resource "aws_vpc" "v" {}`,
	}, Options{})
	noErrors(t, ds)
	want := map[string]string{
		"aws_vpc.default": "eu-west-1", "aws_vpc.aliased": "us-west-2", "aws_vpc.own": "ap-south-1",
		"module.m.aws_vpc.v": "us-west-2", "module.inherit.aws_vpc.v": "eu-west-1",
	}
	for addr, region := range want {
		if got := str(t, instance(t, res, addr).Region); got != region {
			t.Errorf("%s region = %q, want %q", addr, got, region)
		}
	}
}

// TestDataSourcesCallback: every data source type the evaluator does not
// settle itself is asked; what the callback settles is the data source's
// value, why it cannot joins the reason, and its error is an input error
// at the data block, the value staying unknown.
func TestDataSourcesCallback(t *testing.T) {
	const code = `
data "aws_security_group" "db" { name = "aurora" }
data "aws_nat_gateway" "a" { subnet_id = "subnet-a" }
data "aws_vpc_endpoint" "kms" {
  service_name = "com.amazonaws.eu-west-1.kms"
}
data "aws_iam_policy_document" "p" {}
resource "aws_x" "x" {
  sg     = data.aws_security_group.db.id
  nat    = data.aws_nat_gateway.a.id
  kms    = data.aws_vpc_endpoint.kms.id
  policy = data.aws_iam_policy_document.p.json
}
`
	var asked []string
	opts := Options{DataSources: func(q DataQuery) (map[string]cty.Value, string, error) {
		asked = append(asked, q.Type)
		switch q.Type {
		case "aws_security_group":
			return map[string]cty.Value{"id": cty.StringVal("sg-db")}, "", nil
		case "aws_nat_gateway":
			return nil, "no NatGateways facts", nil
		case "aws_vpc_endpoint":
			return nil, "nothing matches", errors.New("no object matches")
		}
		return nil, "", nil
	}}
	res, ds := run(t, map[string]string{"main.tf": code}, opts)
	if got := str(t, attr(t, res, "aws_x.x", "sg")); got != "sg-db" {
		t.Errorf("sg = %q", got)
	}
	for a, want := range map[string]string{
		"nat": "data.aws_nat_gateway.a is read at apply time; no NatGateways facts",
		"kms": "data.aws_vpc_endpoint.kms is read at apply time; nothing matches",
	} {
		if v := attr(t, res, "aws_x.x", a); v.IsKnown() || len(Reasons(v)) != 1 || Reasons(v)[0].Reason != want {
			t.Errorf("%s = %#v %v, want unknown: %q", a, v, reasonTexts(v), want)
		}
	}
	if len(ds) != 1 || ds[0].Severity != diag.Error || ds[0].Range.Line != 4 ||
		ds[0].Message != "data.aws_vpc_endpoint.kms: no object matches" {
		t.Errorf("diagnostics = %v, want one error at the aws_vpc_endpoint block", ds)
	}
	slices.Sort(asked)
	asked = slices.Compact(asked)
	if want := []string{"aws_iam_policy_document", "aws_nat_gateway", "aws_security_group", "aws_vpc_endpoint"}; !slices.Equal(asked, want) {
		t.Errorf("asked %v, want %v", asked, want)
	}
}

// TestKMSAliasARN: the arn of data "aws_kms_alias" is read from the
// account, but its known parts say which alias it is (DAS102 reads
// alias/aws/rds from them), with the provider's region when known.
func TestKMSAliasARN(t *testing.T) {
	src := `
data "aws_kms_alias" "rds" { name = "alias/aws/rds" }
data "aws_kms_alias" "named_later" { name = var.alias }
variable "alias" { type = string }
resource "aws_rds_cluster_activity_stream" "das" {
  kms_key_id = data.aws_kms_alias.rds.arn
  by_name    = data.aws_kms_alias.rds.name
  unknown    = data.aws_kms_alias.named_later.arn
}
`
	tests := []struct {
		name, provider, partial string
	}{
		{"provider region", `provider "aws" { region = "eu-west-1" }`, "arn:" + UnknownRegion + ":kms:eu-west-1:" + UnknownRegion + ":alias/aws/rds"},
		{"no region", ``, "arn:" + UnknownRegion + ":kms:" + UnknownRegion + ":" + UnknownRegion + ":alias/aws/rds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ds := run(t, map[string]string{"main.tf": tt.provider + src}, Options{})
			noErrors(t, ds)
			s := instance(t, res, "aws_rds_cluster_activity_stream.das")
			if a := s.Body.Attr("kms_key_id"); a.Value.IsKnown() || a.Partial != tt.partial {
				t.Errorf("kms_key_id = %#v, partial %q, want unknown with partial %q", a.Value, a.Partial, tt.partial)
			}
			if got := str(t, attr(t, res, "aws_rds_cluster_activity_stream.das", "by_name")); got != "alias/aws/rds" {
				t.Errorf("by_name = %q", got)
			}
			if a := s.Body.Attr("unknown"); a.Value.IsKnown() || a.Partial != "" {
				t.Errorf("an alias whose name is unknown has no partial: %q", a.Partial)
			}
		})
	}
}
