package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// translator fills one model from the instances of one root module.
type translator struct {
	m  *model.Model
	ds diag.Diagnostics
	// maybe holds, by address, why each symbolic instance may not exist, so
	// that links to it carry the same reason.
	maybe map[string]*model.Unresolved
}

func newTranslator(m *model.Model, instances []*eval.Instance) *translator {
	t := &translator{m: m, maybe: map[string]*model.Unresolved{}}
	for _, in := range instances {
		if in != nil && in.Maybe != nil {
			t.maybe[in.Address] = in.Maybe
		}
	}
	return t
}

// translate adds the model objects of one managed resource instance.
func (t *translator) translate(in *eval.Instance) {
	switch in.Type {
	case "aws_vpc":
		t.vpc(in)
	case "aws_subnet":
		t.subnet(in)
	case "aws_internet_gateway":
		t.internetGateway(in)
	case "aws_internet_gateway_attachment":
		t.gatewayAttachment(in)
	case "aws_egress_only_internet_gateway":
		t.egressOnlyGateway(in)
	case "aws_eip":
		t.m.EIPs = append(t.m.EIPs, &model.EIP{Origin: t.origin(in)})
	case "aws_nat_gateway":
		t.natGateway(in)
	case "aws_route_table", "aws_default_route_table":
		t.routeTable(in)
	case "aws_route":
		t.route(in)
	case "aws_vpn_gateway_route_propagation":
		t.vpnGatewayRoutePropagation(in)
	case "aws_route_table_association":
		t.routeTableAssociation(in)
	case "aws_main_route_table_association":
		t.mainRouteTableAssociation(in)
	case "aws_ec2_managed_prefix_list":
		t.managedPrefixList(in)
	case "aws_ec2_managed_prefix_list_entry":
		t.managedPrefixListEntry(in)
	case "aws_vpc_endpoint":
		t.vpcEndpoint(in)
	case "aws_vpc_endpoint_subnet_association":
		t.endpointSubnetAssociation(in)
	case "aws_vpc_endpoint_security_group_association":
		t.endpointSecurityGroupAssociation(in)
	case "aws_vpc_endpoint_private_dns":
		t.endpointPrivateDNS(in)
	case "aws_vpc_endpoint_policy":
		t.endpointPolicy(in)
	case "aws_security_group", "aws_default_security_group":
		t.securityGroup(in)
	case "aws_security_group_rule":
		t.securityGroupRule(in)
	case "aws_vpc_security_group_ingress_rule":
		t.vpcSecurityGroupRule(in, model.Ingress)
	case "aws_vpc_security_group_egress_rule":
		t.vpcSecurityGroupRule(in, model.Egress)
	case "aws_network_acl", "aws_default_network_acl":
		t.networkACL(in)
	case "aws_network_acl_rule":
		t.networkACLRule(in)
	case "aws_network_acl_association":
		t.networkACLAssociation(in)
	case "aws_db_subnet_group":
		t.dbSubnetGroup(in)
	case "aws_rds_cluster":
		t.dbCluster(in)
	case "aws_rds_cluster_instance":
		t.dbInstance(in)
	case "aws_rds_cluster_activity_stream":
		t.activityStream(in)
	case "aws_kms_key", "aws_kms_external_key":
		t.kmsKey(in)
	case "aws_kms_alias":
		t.kmsAlias(in)
	}
}

// origin is the model origin of an instance: its address, type, whole
// block, module calls and whether it exists for certain.
func (t *translator) origin(in *eval.Instance) model.Origin {
	return model.Origin{
		Address: in.Address,
		Type:    in.Type,
		Range:   rangeOf(in.Range),
		Callers: rangesOf(in.Callers),
		Maybe:   in.Maybe,
		Cohort:  in.Cohort,
		From:    in.From,
	}
}

// nestedOrigin is the origin of an inline route or rule: it has no address
// of its own, so it carries its parent's, with the nested block's range. A
// rule from a dynamic block with an unknown for_each may not exist.
func (t *translator) nestedOrigin(in *eval.Instance, b *eval.Block) model.Origin {
	o := t.origin(in)
	o.Range = rangeOf(b.Range)
	o.From = o.From.At(o.Range)
	if b.Maybe != nil {
		o.Maybe = b.Maybe
	}
	return o
}

// fields returns a reader of the instance's own arguments.
func (t *translator) fields(in *eval.Instance) *fields {
	return &fields{t: t, addr: in.Address, cohort: in.Cohort, body: in.Body, rng: rangeOf(in.Range)}
}

// nested returns a reader of a nested block's arguments.
func (t *translator) nested(in *eval.Instance, typ string, b *eval.Block) *fields {
	return &fields{t: t, addr: in.Address, cohort: in.Cohort, prefix: typ + ".", body: &b.Body, rng: rangeOf(b.Range)}
}

// maybeOf returns why the object at addr may not exist, or nil. Addresses of
// symbolic instances contain `[?]`; an implicit object (a VPC's main route
// table) may not exist when its VPC may not.
func (t *translator) maybeOf(addr string) *model.Unresolved {
	if vpc, _, ok := model.ImplicitOf(addr); ok {
		addr = vpc
	}
	if u := t.maybe[addr]; u != nil {
		return u
	}
	if strings.Contains(addr, "[?]") {
		return &model.Unresolved{
			Kind:   model.FromCondition,
			Reason: addr + " stands for instances whose count or keys are unknown",
		}
	}
	return nil
}

// rootRegion is the region of the root module's resources: the region of
// the first root instance (one not reached through a module call) whose
// region is known, else unknown if any is unknown, else unset.
func (t *translator) rootRegion(instances []*eval.Instance) model.Str {
	var unknown model.Str
	for _, in := range instances {
		// Objects joined from another root's state have that root's
		// provider: the model's region is the reading root's own.
		if in == nil || len(in.Callers) > 0 || in.From != nil {
			continue
		}
		s := t.region(in)
		if s.Known() {
			return s
		}
		if s.Unknown != nil && unknown.Unknown == nil {
			unknown = s
		}
	}
	return unknown
}

// region is an instance's region.
func (t *translator) region(in *eval.Instance) model.Str {
	f := &fields{t: t, addr: in.Address, rng: rangeOf(in.DefRange)}
	v, u, set := f.convert("region", in.Region, cty.String, f.rng)
	switch {
	case !set:
		return model.Str{Range: f.rng}
	case u != nil:
		return model.UnknownStr(u, f.rng)
	default:
		return model.KnownStr(v.AsString(), f.rng)
	}
}
