package terraform

import (
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// vpc translates aws_vpc. DNS support and DNS hostnames stay unset when not
// given: their defaults (true and false, per the provider's aws_vpc docs and
// the VPC User Guide "DNS attributes for your VPC") are the model's.
func (t *translator) vpc(in *eval.Instance) {
	f := t.fields(in)
	t.m.VPCs = append(t.m.VPCs, &model.VPC{
		Origin:             t.origin(in),
		CIDR:               f.str("cidr_block"),
		EnableDNSSupport:   f.boolean("enable_dns_support"),
		EnableDNSHostnames: f.boolean("enable_dns_hostnames"),
		Region:             t.region(in),
	})
}

// subnet translates aws_subnet. A subnet placed by availability_zone_id
// alone has a zone whose name cannot be known offline (zone IDs map to
// different names in each account).
func (t *translator) subnet(in *eval.Instance) {
	f := t.fields(in)
	az := f.zone("availability_zone")
	if !az.Set && az.Unknown == nil && f.has("availability_zone_id") {
		id := f.str("availability_zone_id")
		az = model.UnknownStr(&model.Unresolved{
			Kind:   model.FromExternal,
			Reason: "the zone name of availability_zone_id of " + in.Address + " depends on the account",
			Range:  id.Range,
		}, id.Range)
	}
	t.m.Subnets = append(t.m.Subnets, &model.Subnet{
		Origin:           t.origin(in),
		VPC:              f.ref("vpc_id"),
		CIDR:             f.str("cidr_block"),
		AvailabilityZone: az,
	})
}
