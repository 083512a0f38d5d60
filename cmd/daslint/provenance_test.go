package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkProvenance checks, independently of want.json, that every link
// of a pass whose path crosses another root (terraform_remote_state) and
// AWS facts says where it came from, and that the linted root's own links
// say nothing (SPEC §7.2.7).
func TestLinkProvenance(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	const dir = "testdata/tf-remote-state-network-on-facts-vpc-pass"
	var stdout, stderr bytes.Buffer
	code := run([]string{"--root", ".", "--format", "json", "--context", dir + "/facts", dir + "/database", dir + "/network"}, &stdout, &stderr)
	if code != 0 || stderr.Len() != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	type source struct{ Kind, File, ID string }
	var doc struct {
		Clusters []struct {
			Verdict   string
			Instances []struct {
				Witness []string
				Links   []struct {
					Link, File string
					Line       int
					Source     *source
				}
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Clusters) != 1 || doc.Clusters[0].Verdict != "pass" {
		t.Fatalf("clusters %+v, want one pass", doc.Clusters)
	}
	kinds := map[string]int{}
	for _, in := range doc.Clusters[0].Instances {
		if len(in.Links) != len(in.Witness) || len(in.Links) == 0 {
			t.Fatalf("%d links for %d witness links", len(in.Links), len(in.Witness))
		}
		for i, l := range in.Links {
			if l.Link != in.Witness[i] {
				t.Errorf("links[%d] is %q, witness[%d] %q", i, l.Link, i, in.Witness[i])
			}
			var want string
			switch {
			case strings.HasPrefix(l.File, dir+"/network/"):
				want = "terraform-root"
			case strings.HasPrefix(l.File, dir+"/facts/"):
				want = "aws-facts"
			}
			switch {
			case want == "" && l.Source != nil:
				t.Errorf("%s (%s:%d): the root's own link has source %+v", l.Link, l.File, l.Line, l.Source)
			case want != "" && (l.Source == nil || l.Source.Kind != want || l.Source.File != l.File || l.Source.ID == ""):
				t.Errorf("%s (%s:%d): source %+v, want %s at that file with an ID", l.Link, l.File, l.Line, l.Source, want)
			}
			kinds[want]++
		}
	}
	if kinds["terraform-root"] == 0 || kinds["aws-facts"] == 0 || kinds[""] == 0 {
		t.Errorf("links by source %v: want some from each of the root, the network root and the facts", kinds)
	}
}
