package eval

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// dataObject builds the value of a data source instance. Data sources are
// read at apply time, so every attribute is unknown, except for the few
// whose result follows from their arguments and the provider configuration
// (docs/semantics.md#how-values-resolve).
func (e *evaluator) dataObject(inst *Instance, names []string) cty.Value {
	attrs := map[string]cty.Value{}
	for _, a := range inst.Body.Attrs {
		if !a.Value.IsNull() {
			attrs[a.Name] = a.Value
		}
	}
	readLater := &model.Unresolved{
		Kind:   model.FromDataSource,
		Reason: inst.Address + " is read at apply time",
		Range:  Range(inst.DefRange),
	}
	switch inst.Type {
	case "aws_region":
		region := inst.Region
		if v, ok := attrs["name"]; ok {
			region = v // the pre-v6 `name` argument selects the region
		}
		for _, n := range []string{"name", "id", "region"} {
			attrs[n] = region
		}
	case "aws_partition":
		part, suffix := partitionOf(inst.Region)
		attrs["partition"], attrs["id"], attrs["dns_suffix"] = part, part, suffix
	case "aws_vpc_endpoint_service":
		if _, set := attrs["service_name"]; !set {
			if svc, ok := attrs["service"]; ok && svc.IsKnown() && !svc.IsNull() && svc.Type() == cty.String {
				if s, _ := svc.Unmark(); s.AsString() == "kms" {
					attrs["service_name"] = kmsServiceName(inst.Region, readLater)
				}
			}
		}
	case "aws_kms_alias":
		if name, ok := attrs["name"]; ok {
			attrs["arn"] = kmsAliasARN(name, inst.Region, readLater)
		}
	case "terraform_remote_state":
		if _, read := attrs["outputs"]; !read {
			attrs["outputs"] = e.remoteOutputs(inst)
		}
	case "aws_prefix_list":
		if _, ok := ServicePrefixListName(inst.Body); ok {
			// The translator declares the list (an AWS service's), so
			// routes and rules that name its id link to it by identity.
			if e.tokenOrigins == nil {
				e.tokenOrigins = map[string]*hcl.Range{}
			}
			attrs["id"] = cty.StringVal(model.Token(inst.Address))
			e.tokenOrigins[inst.Address] = &inst.DefRange
		}
	case "aws_availability_zones":
		// Which zones exist is read from the account: the lists' lengths and
		// elements are unknown, but not which list each is (zones.go). Zone
		// IDs are another list than the names, in the same order.
		attrs["names"] = e.zoneListValue(inst, "names", readLater)
		attrs["zone_ids"] = e.zoneListValue(inst, "zone_ids", readLater)
	default:
		e.askDataSources(inst, attrs, readLater)
	}
	for _, n := range append([]string{"id"}, names...) {
		if _, set := attrs[n]; !set {
			attrs[n] = unknown(cty.DynamicPseudoType, readLater)
		}
	}
	return cty.ObjectVal(attrs)
}

// askDataSources settles a data source from the other sources of the run
// (docs/semantics.md#data-sources-answered-by-other-sources), which say which types they answer. What they settle joins
// attrs; why they cannot joins the reason of what stays unknown.
func (e *evaluator) askDataSources(inst *Instance, attrs map[string]cty.Value, readLater *model.Unresolved) {
	if e.opts.DataSources == nil {
		return
	}
	got, why, err := e.opts.DataSources(DataQuery{Type: inst.Type, Body: inst.Body, Region: inst.Region})
	if err != nil {
		e.ds.Errorf(Range(inst.DefRange), "%s: %v", inst.Address, err)
	}
	for k, v := range got {
		attrs[k] = v
	}
	if got == nil && why != "" {
		readLater.Reason += "; " + why
	}
}

// ServicePrefixListName is the name that an aws_prefix_list data source
// looks its list up by, when it is one the translator declares: `name` set,
// known or unknown only in parts (`com.amazonaws.${var.region}.s3`, read
// through Attr.Partial), and no `prefix_list_id`. aws_prefix_list reads
// DescribePrefixLists, which lists only the AWS-managed prefix lists of AWS
// services, so the name says which service's addresses the list holds
// (docs/semantics.md#more-specific-routes).
func ServicePrefixListName(b *Body) (string, bool) {
	if b == nil {
		return "", false
	}
	if id := b.Attr("prefix_list_id"); id != nil && !id.Value.IsNull() {
		return "", false
	}
	a := b.Attr("name")
	switch {
	case a == nil || a.Value.IsNull():
		return "", false
	case !a.Value.IsKnown():
		return a.Partial, a.Partial != ""
	}
	v, _ := a.Value.Unmark()
	if v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// partitionOf derives the partition and DNS suffix from a region, as the
// AWS provider's aws_partition does (China and GovCloud regions have their
// own partitions).
func partitionOf(region cty.Value) (cty.Value, cty.Value) {
	if !region.IsKnown() || region.IsNull() || region.Type() != cty.String {
		return region, region
	}
	r, marks := region.Unmark()
	s := r.AsString()
	switch {
	case strings.HasPrefix(s, "cn-"):
		return cty.StringVal("aws-cn").WithMarks(marks), cty.StringVal("amazonaws.com.cn").WithMarks(marks)
	case strings.HasPrefix(s, "us-gov-"):
		return cty.StringVal("aws-us-gov").WithMarks(marks), cty.StringVal("amazonaws.com").WithMarks(marks)
	default:
		return cty.StringVal("aws").WithMarks(marks), cty.StringVal("amazonaws.com").WithMarks(marks)
	}
}

// kmsServiceName is the endpoint service name of KMS in region:
// com.amazonaws.<region>.kms (KMS Developer Guide, "Connecting to AWS KMS
// through a VPC endpoint"). When the region is unknown the name is unknown
// too, but it carries its known parts for Attr.Partial: the translator must
// still see that the service is KMS (docs/semantics.md#an-active-kms-endpoint).
func kmsServiceName(region cty.Value, why *model.Unresolved) cty.Value {
	if region.IsKnown() && !region.IsNull() && region.Type() == cty.String {
		r, marks := region.Unmark()
		return cty.StringVal(fmt.Sprintf("com.amazonaws.%s.kms", r.AsString())).WithMarks(marks)
	}
	v := unknown(cty.String, why).Mark(&partialMark{text: "com.amazonaws." + UnknownRegion + ".kms"})
	for _, u := range Reasons(region) {
		v = v.Mark(u)
	}
	return v
}

// kmsAliasARN is the ARN of the KMS alias named name in region:
// arn:<partition>:kms:<region>:<account>:<name>. The account is read from
// the account, so the ARN is unknown, but it carries its known parts for
// Attr.Partial: DAS102 reads an AWS managed alias (alias/aws/rds) from them.
func kmsAliasARN(name, region cty.Value, why *model.Unresolved) cty.Value {
	v := unknown(cty.String, why)
	if !name.IsKnown() || name.IsNull() || name.Type() != cty.String {
		return v
	}
	n, _ := name.Unmark()
	r := UnknownRegion
	if region.IsKnown() && !region.IsNull() && region.Type() == cty.String {
		rv, _ := region.Unmark()
		r = rv.AsString()
	}
	return v.Mark(&partialMark{text: "arn:" + UnknownRegion + ":kms:" + r + ":" + UnknownRegion + ":" + n.AsString()})
}
