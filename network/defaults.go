package network

import "github.com/daslint/daslint/model"

// Every VPC comes with three objects that code can reach only through the
// VPC's attributes (VPC User Guide: "Subnet route tables", "Default
// security groups for your VPCs", "Default network ACL"). Unless a
// declaration adopts one (aws_default_route_table, _security_group,
// _network_acl), it stands as AWS creates it.

// implicitMainRouteTable has only the local route.
func implicitMainRouteTable(vpc *model.VPC) *model.RouteTable {
	return &model.RouteTable{
		Origin: implicitOrigin(vpc, model.MainRouteTableAddress(vpc.Address), "main route table"),
		VPC:    model.Ref{Key: vpc.Address, Range: vpc.Range},
	}
}

// implicitDefaultSecurityGroup allows all egress to 0.0.0.0/0 and all
// ingress from members of the same group.
func implicitDefaultSecurityGroup(vpc *model.VPC) *model.SecurityGroup {
	o := implicitOrigin(vpc, model.DefaultSecurityGroupAddress(vpc.Address), "default security group")
	all := model.KnownStr("-1", vpc.Range)
	return &model.SecurityGroup{
		Origin: o,
		VPC:    model.Ref{Key: vpc.Address, Range: vpc.Range},
		Name:   model.KnownStr("default", vpc.Range),
		Rules: []*model.SecurityGroupRule{
			{Origin: o, Direction: model.Egress, Protocol: all,
				CIDRs: model.StrList{Items: []model.Str{model.KnownStr(anyIPv4, vpc.Range)}, Set: true}},
			{Origin: o, Direction: model.Ingress, Protocol: all, Self: model.KnownBool(true, vpc.Range)},
		},
		AllowAllEgress: model.False,
	}
}

// implicitDefaultNetworkACL allows all traffic in and out.
func implicitDefaultNetworkACL(vpc *model.VPC) *model.NetworkACL {
	o := implicitOrigin(vpc, model.DefaultNetworkACLAddress(vpc.Address), "default network ACL")
	rule := func(egress bool) *model.NetworkACLRule {
		return &model.NetworkACLRule{
			Origin:     o,
			RuleNumber: model.KnownInt(100, vpc.Range),
			Egress:     model.KnownBool(egress, vpc.Range),
			Protocol:   model.KnownStr("-1", vpc.Range),
			Action:     model.KnownStr("allow", vpc.Range),
			CIDR:       model.KnownStr(anyIPv4, vpc.Range),
		}
	}
	return &model.NetworkACL{
		Origin: o,
		VPC:    model.Ref{Key: vpc.Address, Range: vpc.Range},
		Rules:  []*model.NetworkACLRule{rule(false), rule(true)},
	}
}

// implicitOrigin places an implicit object at its VPC's declaration. It
// exists exactly when the VPC does, and comes from the source the VPC came
// from.
func implicitOrigin(vpc *model.VPC, address, what string) model.Origin {
	return model.Origin{
		Address: address,
		Type:    "implicit " + what,
		Range:   vpc.Range,
		Callers: vpc.Callers,
		Maybe:   vpc.Maybe,
		From:    vpc.From,
	}
}
