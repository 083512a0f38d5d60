package terraform

import (
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// managedPrefixList translates aws_ec2_managed_prefix_list with its inline
// `entry` blocks. Entries that cannot be known (an unknown list of entries)
// leave the list incomplete, so that it never looks private for certain.
func (t *translator) managedPrefixList(in *eval.Instance) {
	f := t.fields(in)
	pl := &model.PrefixList{Origin: t.origin(in), Name: f.str("name"), AddressFamily: f.str("address_family")}
	blocks, incomplete, r := t.nestedBlocks(in, "entry")
	pl.Entries = model.StrList{Set: len(blocks) > 0, Incomplete: incomplete, Range: r}
	for _, b := range blocks {
		pl.Entries.Items = append(pl.Entries.Items, t.nested(in, "entry", b).str("cidr"))
	}
	t.m.PrefixLists = append(t.m.PrefixLists, pl)
}

// managedPrefixListEntry translates aws_ec2_managed_prefix_list_entry, one
// more entry of a prefix list.
func (t *translator) managedPrefixListEntry(in *eval.Instance) {
	f := t.fields(in)
	t.m.PrefixListEntries = append(t.m.PrefixListEntries, &model.PrefixListEntry{
		Origin:     t.origin(in),
		PrefixList: f.ref("prefix_list_id"),
		CIDR:       f.str("cidr"),
	})
}

// translateData adds the model objects of the data sources whose result
// follows from their arguments.
func (t *translator) translateData(in *eval.Instance) {
	if in.Type == "aws_prefix_list" {
		t.servicePrefixList(in)
	}
}

// servicePrefixList translates a data "aws_prefix_list" found by name into
// the AWS-managed list it reads (eval.ServicePrefixListName): a route or
// rule to data.aws_prefix_list.s3.id goes to the S3 list, which never
// holds KMS's addresses. An unknown region part of the name is kept as
// model.RegionToken: any region's S3 list holds S3's addresses only.
func (t *translator) servicePrefixList(in *eval.Instance) {
	name, ok := eval.ServicePrefixListName(in.Body)
	if !ok {
		return
	}
	rng := rangeOf(in.Body.Attr("name").Range)
	if strings.Contains(name, eval.UnknownRegion) {
		name = strings.ReplaceAll(name, eval.UnknownRegion, model.RegionToken)
	}
	t.m.PrefixLists = append(t.m.PrefixLists, &model.PrefixList{
		Origin:     t.origin(in),
		Name:       model.KnownStr(name, rng),
		AWSManaged: true,
	})
}
