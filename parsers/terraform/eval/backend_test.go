package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

func TestMatch(t *testing.T) {
	be := func(typ, dir string, kv ...string) Backend {
		b := Backend{Type: typ, Config: map[string]string{}, Dir: dir}
		for i := 0; i+1 < len(kv); i += 2 {
			b.Config[kv[i]] = kv[i+1]
		}
		return b
	}
	s3 := be("s3", "/r/net", "bucket", "b", "key", "net.tfstate", "region", "eu-west-1")
	tests := []struct {
		name   string
		want   Backend
		ws     string
		have   Backend
		ok     bool
		wantWS string
	}{
		{"s3 same bucket and key", be("s3", "/r/db", "bucket", "b", "key", "net.tfstate"), "", s3, true, "default"},
		{"s3 other key", be("s3", "/r/db", "bucket", "b", "key", "db.tfstate"), "", s3, false, ""},
		{"s3 other bucket", be("s3", "/r/db", "bucket", "c", "key", "net.tfstate"), "", s3, false, ""},
		{"s3 workspace under the default prefix", be("s3", "/r/db", "bucket", "b", "key", "net.tfstate"), "prod", s3, true, "prod"},
		{"s3 workspace under another prefix", be("s3", "/r/db", "bucket", "b", "key", "net.tfstate", "workspace_key_prefix", "ws"), "prod", s3, false, ""},
		{"s3 default workspace ignores the prefix", be("s3", "/r/db", "bucket", "b", "key", "net.tfstate", "workspace_key_prefix", "ws"), "default", s3, true, "default"},
		{"s3 partial root", be("s3", "/r/db", "bucket", "b", "key", "net.tfstate"), "", be("s3", "/r/net", "bucket", "b"), false, ""},
		{"type differs", be("gcs", "/r/db", "bucket", "b", "prefix", "net"), "", s3, false, ""},
		{"local relative path", be("local", "/r/db", "path", "../net/terraform.tfstate"), "", be("local", "/r/net"), true, "default"},
		{"local other directory", be("local", "/r/db", "path", "../other/terraform.tfstate"), "", be("local", "/r/net"), false, ""},
		{"local workspace dir", be("local", "/r/db", "workspace_dir", "../net/terraform.tfstate.d"), "prod", be("local", "/r/net"), true, "prod"},
		{"remote by name", be("remote", "/r/db", "organization", "acme", "name", "net-prod"), "", be("remote", "/r/net", "organization", "acme", "name", "net-prod"), true, "default"},
		{"remote other organization", be("remote", "/r/db", "organization", "other", "name", "net-prod"), "", be("remote", "/r/net", "organization", "acme", "name", "net-prod"), false, ""},
		{"remote prefix selects the workspace", be("remote", "/r/db", "organization", "acme", "name", "net-prod"), "", be("remote", "/r/net", "organization", "acme", "prefix", "net-"), true, "prod"},
		{"remote data source prefix and workspace", be("remote", "/r/db", "organization", "acme", "prefix", "net-"), "prod", be("remote", "/r/net", "organization", "acme", "name", "net-prod"), true, "default"},
		{"remote hostname differs", be("remote", "/r/db", "hostname", "tfe.example.com", "organization", "acme", "name", "n"), "", be("remote", "/r/net", "organization", "acme", "name", "n"), false, ""},
		{"gcs bucket and prefix", be("gcs", "/r/db", "bucket", "b", "prefix", "net/"), "prod", be("gcs", "/r/net", "bucket", "b", "prefix", "net"), true, "prod"},
		{"gcs other prefix", be("gcs", "/r/db", "bucket", "b", "prefix", "db"), "", be("gcs", "/r/net", "bucket", "b", "prefix", "net"), false, ""},
		{"azurerm account container key", be("azurerm", "/r/db", "storage_account_name", "a", "container_name", "c", "key", "k"), "", be("azurerm", "/r/net", "storage_account_name", "a", "container_name", "c", "key", "k", "resource_group_name", "rg"), true, "default"},
		{"azurerm other container", be("azurerm", "/r/db", "storage_account_name", "a", "container_name", "x", "key", "k"), "", be("azurerm", "/r/net", "storage_account_name", "a", "container_name", "c", "key", "k"), false, ""},
		{"unsupported type", be("consul", "/r/db", "path", "p"), "", be("consul", "/r/net", "path", "p"), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, ok := Match(tt.want, tt.ws, tt.have)
			if ok != tt.ok || (ok && ws != tt.wantWS) {
				t.Errorf("Match = %q, %v; want %q, %v", ws, ok, tt.wantWS, tt.ok)
			}
		})
	}
}

func TestBackendMissing(t *testing.T) {
	tests := []struct {
		b    Backend
		want string
	}{
		{Backend{Type: "s3", Config: map[string]string{"bucket": "b"}}, "key"},
		{Backend{Type: "s3", Config: map[string]string{}}, "bucket key"},
		{Backend{Type: "local", Config: map[string]string{}}, ""},
		{Backend{Type: "remote", Config: map[string]string{"organization": "o"}}, "workspaces.name"},
		{Backend{Type: "gcs", Config: map[string]string{"bucket": "b"}}, ""},
		{Backend{Type: "azurerm", Config: map[string]string{"key": "k"}}, "container_name storage_account_name"},
		{Backend{Type: "consul", Config: map[string]string{}}, "type consul"},
	}
	for _, tt := range tests {
		if got := strings.Join(tt.b.Missing(), " "); got != tt.want {
			t.Errorf("%s: Missing = %q, want %q", tt.b, got, tt.want)
		}
	}
}

// TestBackendUnnamed checks what the reason says about a root whose state
// cannot be matched: a cloud block selecting workspaces by tags is chosen
// with terraform workspace select, not given at init.
func TestBackendUnnamed(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // substring of Unnamed; "" for none
		notWant   string
	}{
		{"named", `terraform {
  cloud {
    organization = "acme"
    workspaces {
      name = "net"
    }
  }
}`, "", ""},
		{"prefix", `terraform {
  backend "remote" {
    organization = "acme"
    workspaces {
      prefix = "net-"
    }
  }
}`, "", ""},
		{"tags list", `terraform {
  cloud {
    organization = "acme"
    workspaces {
      tags = ["network", "prod"]
    }
  }
}`, `selected by tags "network", "prod": the one it uses is chosen with terraform workspace select or TF_WORKSPACE`, "-backend-config"},
		{"tags map", `terraform {
  cloud {
    organization = "acme"
    workspaces {
      tags = { layer = "network" }
    }
  }
}`, `selected by tags layer="network"`, "-backend-config"},
		{"tags and no organization", `terraform {
  cloud {
    workspaces {
      tags = ["network"]
    }
  }
}`, "does not set organization, workspaces.name: given at init", ""},
		{"partial s3", `terraform {
  backend "s3" {}
}`, "its s3 backend does not set bucket, key: given at init, as with -backend-config", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tt.src), 0o600); err != nil {
				t.Fatal(err)
			}
			got := RootBackend(dir, "", 0).Unnamed()
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) || tt.notWant != "" && strings.Contains(got, tt.notWant) {
				t.Errorf("Unnamed = %q, want %q (without %q)", got, tt.want, tt.notWant)
			}
		})
	}
}

func TestRootBackend(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // Backend.String
	}{
		{"no backend is local", `resource "aws_vpc" "v" {}`, "local backend"},
		{"s3", `terraform {
  backend "s3" {
    bucket = "b"
    key    = "net/terraform.tfstate"
    region = "eu-west-1"
    assume_role {
      role_arn = "arn:aws:iam::123456789012:role/x"
    }
  }
}`, `s3 backend (bucket "b", key "net/terraform.tfstate")`},
		{"s3 partial", `terraform {
  backend "s3" {}
}`, "s3 backend"},
		{"local path", `terraform {
  backend "local" {
    path = "state/net.tfstate"
  }
}`, `local backend (path "state/net.tfstate")`},
		{"remote workspaces", `terraform {
  backend "remote" {
    organization = "acme"
    workspaces {
      prefix = "net-"
    }
  }
}`, `remote backend (organization "acme", prefix "net-")`},
		{"cloud block", `terraform {
  cloud {
    organization = "acme"
    workspaces {
      name = "net"
    }
  }
}`, `remote backend (name "net", organization "acme")`},
		{"gcs", `terraform {
  backend "gcs" {
    bucket = "b"
    prefix = "net"
  }
}`, `gcs backend (bucket "b", prefix "net")`},
		{"azurerm", `terraform {
  backend "azurerm" {
    resource_group_name  = "rg"
    storage_account_name = "acct"
    container_name       = "tfstate"
    key                  = "net.tfstate"
  }
}`, `azurerm backend (container_name "tfstate", key "net.tfstate", storage_account_name "acct")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tt.src), 0o600); err != nil {
				t.Fatal(err)
			}
			b := RootBackend(dir, "", 0)
			if got := b.String(); got != tt.want {
				t.Errorf("RootBackend = %s, want %s", got, tt.want)
			}
			if b.Dir != dir {
				t.Errorf("Dir = %q, want %q", b.Dir, dir)
			}
		})
	}
}

func TestPrefixValue(t *testing.T) {
	why := &model.Unresolved{Reason: "r"}
	v := cty.ObjectVal(map[string]cty.Value{
		"id":     cty.StringVal(model.Token("aws_vpc.main")),
		"arn":    cty.StringVal("arn:" + model.Token("aws_subnet.a[0]") + "/x"),
		"region": cty.StringVal(model.RegionToken),
		"zone":   cty.StringVal(model.ZoneToken("region", 1, "t")),
		"n":      cty.UnknownVal(cty.String).Mark(why),
		"list":   cty.DynamicVal.Mark(&symbolicMark{address: "aws_subnet.p[?]"}),
	})
	got := prefixValue(v, "data.terraform_remote_state.n::")
	attr := got.GetAttr
	if s := attr("id").AsString(); s != model.Token("data.terraform_remote_state.n::aws_vpc.main") {
		t.Errorf("id = %q", s)
	}
	if s := attr("arn").AsString(); s != "arn:"+model.Token("data.terraform_remote_state.n::aws_subnet.a[0]")+"/x" {
		t.Errorf("arn = %q", s)
	}
	if s := attr("region").AsString(); s != model.RegionToken {
		t.Errorf("region token rewritten: %q", s)
	}
	if s := attr("zone").AsString(); s != model.ZoneToken("region", 1, "t") {
		t.Errorf("zone token rewritten: %q", s)
	}
	if rs := Reasons(attr("n")); len(rs) != 1 || rs[0] != why {
		t.Errorf("reason lost: %v", rs)
	}
	if toks := ElementTokens(attr("list")); len(toks) != 1 || toks[0] != model.Token("data.terraform_remote_state.n::aws_subnet.p[?]") {
		t.Errorf("symbolic tokens = %v", toks)
	}
}

// TestMatchKey: backends that Match, in any workspace, share their
// MatchKey, so that looking candidates up by it loses no match.
func TestMatchKey(t *testing.T) {
	var backends []Backend
	for _, typ := range []string{"s3", "gcs", "local"} {
		for _, cfg := range []map[string]string{
			{}, {"bucket": "b"}, {"bucket": "b", "key": "k"}, {"bucket": "b", "key": "k2"}, {"bucket": "b2", "key": "k"},
			{"bucket": "b", "key": "k", "workspace_key_prefix": "p"}, {"bucket": "b", "prefix": "x"}, {"path": "s.tfstate"},
		} {
			backends = append(backends, Backend{Type: typ, Config: cfg, Dir: "."})
		}
	}
	matched := 0
	for _, want := range backends {
		for _, have := range backends {
			for _, ws := range []string{"", "default", "dev"} {
				if _, ok := Match(want, ws, have); ok {
					matched++
					if want.MatchKey() != have.MatchKey() {
						t.Errorf("%s and %s match in %q but have keys %q and %q", want, have, ws, want.MatchKey(), have.MatchKey())
					}
				}
			}
		}
	}
	if matched == 0 {
		t.Fatal("no pair matched: the table tests nothing")
	}
}
