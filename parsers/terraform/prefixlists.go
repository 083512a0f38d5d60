package terraform

import (
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
