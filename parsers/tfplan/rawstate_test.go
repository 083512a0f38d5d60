package tfplan

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestClaimsRawState(t *testing.T) {
	for _, c := range []struct {
		name, data string
		want       Kind
	}{
		{"raw v4", `{"version": 4, "terraform_version": "1.11.0", "lineage": "x", "resources": []}`, State},
		{"raw v4 lineage only", `{"version": 4, "lineage": "x", "resources": [{"mode": "managed"}]}`, State},
		{"raw v3", `{"version": 3, "terraform_version": "0.11.0", "lineage": "x", "resources": []}`, None},
		{"no lineage nor terraform_version", `{"version": 4, "resources": []}`, None},
		{"template", `{"AWSTemplateFormatVersion": "2010-09-09", "version": 4, "lineage": "x", "Resources": {}}`, None},
		{"resources not a list", `{"version": 4, "lineage": "x", "resources": {}}`, None},
		{"show -json state", `{"format_version": "1.0", "values": {}}`, State},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Claims([]byte(c.data)); got != c.want {
				t.Errorf("Claims = %v, want %v", got, c.want)
			}
		})
	}
}

// TestRawStateLikeShowJSON reads the same applied network as Terraform
// keeps it (terraform.tfstate) and as `terraform show -json` prints it: the
// model, the real IDs and the outputs must be the same.
func TestRawStateLikeShowJSON(t *testing.T) {
	load := func(p string) ([]string, *Source) {
		t.Helper()
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if Claims(data) != State {
			t.Fatalf("%s: not claimed as a state", p)
		}
		m, src, _, ds := LoadSource(p, data, Options{})
		if ds.HasErrors() {
			t.Fatalf("%s: %v", p, ds)
		}
		var addrs []string
		for _, o := range m.Objects() {
			addrs = append(addrs, o.Base().Address)
		}
		slices.Sort(addrs)
		return addrs, src
	}
	td := filepath.Join("..", "..", "testdata")
	rawAddrs, raw := load(filepath.Join(td, "tfstate-context-remote-state-local-path-pass", "network", "terraform.tfstate"))
	showAddrs, show := load(filepath.Join(td, "tfstate-context-literal-ids-nat-pass", "network", "state.json"))
	if !slices.Equal(rawAddrs, showAddrs) || len(rawAddrs) == 0 {
		t.Errorf("objects differ:\nraw  %v\nshow %v", rawAddrs, showAddrs)
	}
	if len(raw.IDs) == 0 || len(raw.IDs) != len(show.IDs) {
		t.Errorf("IDs: raw %d, show %d", len(raw.IDs), len(show.IDs))
	}
	for id, addr := range show.IDs {
		if raw.IDs[id] != addr {
			t.Errorf("ID %s: raw %q, show %q", id, raw.IDs[id], addr)
		}
	}
	if !raw.State || !show.State {
		t.Error("a state's Source must say State")
	}
	// Outputs name the state's own resources by identity.
	want := cty.StringVal("⟪aws_security_group.db⟫")
	for _, src := range []*Source{raw, show} {
		if got := src.Outputs["db_security_group_id"]; !got.RawEquals(want) {
			t.Errorf("db_security_group_id = %#v, want %#v", got, want)
		}
		ids := src.Outputs["private_subnet_ids"]
		if !ids.IsKnown() || ids.LengthInt() != 2 || !ids.Index(cty.NumberIntVal(1)).RawEquals(cty.StringVal("⟪aws_subnet.private[1]⟫")) {
			t.Errorf("private_subnet_ids = %#v", ids)
		}
	}
}
