package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkProvenance checks, independently of want.json, that every link
// of a pass whose path crosses another root (terraform_remote_state) or
// an exporting stack (Fn::ImportValue), and AWS facts, says where it came
// from, and that the linted root's own links say nothing (docs/semantics.md#where-a-link-came-from).
func TestLinkProvenance(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	tests := []struct {
		dir   string
		paths []string
		// kinds maps a file prefix (below dir) to the source kind its
		// links must carry; other files are the linted root's own.
		kinds map[string]string
	}{
		{"testdata/tf-remote-state-network-on-facts-vpc-pass", []string{"database", "network"},
			map[string]string{"network/": "terraform-root", "facts/": "aws-facts", "database/": ""}},
		{"testdata/cfn-export-network-on-facts-vpc-pass", []string{"database.yaml", "network.yaml"},
			map[string]string{"network.yaml": "cloudformation-stack", "facts/": "aws-facts"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.dir), func(t *testing.T) {
			args := []string{"--root", ".", "--format", "json", "--context", tt.dir + "/facts"}
			for _, p := range tt.paths {
				args = append(args, tt.dir+"/"+p)
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != 0 || stderr.Len() != 0 {
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
			seen := map[string]int{}
			for _, in := range doc.Clusters[0].Instances {
				if len(in.Links) != len(in.Witness) || len(in.Links) == 0 {
					t.Fatalf("%d links for %d witness links", len(in.Links), len(in.Witness))
				}
				for i, l := range in.Links {
					if l.Link != in.Witness[i] {
						t.Errorf("links[%d] is %q, witness[%d] %q", i, l.Link, i, in.Witness[i])
					}
					want := ""
					for prefix, kind := range tt.kinds {
						if strings.HasPrefix(l.File, tt.dir+"/"+prefix) {
							want = kind
						}
					}
					switch {
					case want == "" && l.Source != nil:
						t.Errorf("%s (%s:%d): the root's own link has source %+v", l.Link, l.File, l.Line, l.Source)
					case want != "" && (l.Source == nil || l.Source.Kind != want || l.Source.File != l.File || l.Source.ID == ""):
						t.Errorf("%s (%s:%d): source %+v, want %s at that file with an ID", l.Link, l.File, l.Line, l.Source, want)
					}
					seen[want]++
				}
			}
			for _, kind := range tt.kinds {
				if seen[kind] == 0 {
					t.Errorf("links by source %v: none of %q", seen, kind)
				}
			}
		})
	}
}
