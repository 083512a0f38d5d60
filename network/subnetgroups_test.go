package network

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// RDS names are unique per account and region only: a cluster that names
// its DB subnet group uses the group of that name in its own region, and
// when the scanned code leaves it open which group that is, the verdict is
// unknown, never the verdict of whichever group came first.
func TestSubnetGroupByNameAndRegion(t *testing.T) {
	tests := []struct {
		name                  string
		cluster, first, other string // regions; "" is not known
		verdict               model.Tri
		subnet                string // the subnet judged, when one group is chosen
		reason                string // in the cluster's unknowns otherwise
		one                   bool   // only the first group has the name
	}{
		{"own region picks the first", "eu-west-1", "eu-west-1", "us-east-1", model.True, "aws_subnet.db", "", false},
		{"own region picks the other", "us-east-1", "eu-west-1", "us-east-1", model.False, "aws_subnet.other", "", false},
		{"group regions unknown", "eu-west-1", "", "", model.Unknown, "", "2 groups in the scanned code share", false},
		{"cluster region unknown", "", "eu-west-1", "us-east-1", model.Unknown, "", "its region is not known", false},
		{"both in the cluster's region", "eu-west-1", "eu-west-1", "eu-west-1", model.Unknown, "", "2 groups in the scanned code share", false},
		{"none in the cluster's region", "ap-south-1", "eu-west-1", "us-east-1", model.Unknown, "", "all in other regions", false},
		// One group of the name is no proof that it is the cluster's: a
		// group of another region (AWS facts of another region, a global
		// database's primary) is another group.
		{"the only group in another region", "us-east-1", "eu-west-1", "", model.Unknown, "", "all in other regions", true},
		{"the only group, its region unknown", "us-east-1", "", "", model.True, "aws_subnet.db", "", true},
		{"the only group, the cluster's region unknown", "", "eu-west-1", "", model.True, "aws_subnet.db", "", true},
	}
	region := func(r string) model.Str {
		if r == "" {
			return model.Str{}
		}
		return str(r)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			// A second VPC whose DB subnet has no route at all, with a
			// group of the same name.
			vpc2 := w.b.vpc("other", "10.1.0.0/16")
			sub2 := w.b.subnet("other", vpc2, "10.1.1.0/24", "us-east-1a")
			w.b.table("other", vpc2, sub2)
			name := "db"
			if tt.one {
				name = "unrelated"
			}
			g2 := w.b.subnetGroup(name, sub2)
			w.group.Region, g2.Region = region(tt.first), region(tt.other)
			w.cluster.Region = region(tt.cluster)
			w.cluster.SubnetGroup = model.Ref{Literal: "DB", Range: model.Range{File: "main.tf", Line: 2}}

			res := Analyze(w.b.m, Options{})
			if len(res) != 1 {
				t.Fatalf("%d results", len(res))
			}
			cr := res[0]
			if cr.Verdict != tt.verdict {
				t.Errorf("verdict %v, want %v", cr.Verdict, tt.verdict)
			}
			if tt.subnet != "" {
				for _, ir := range cr.Instances {
					if ir.Subnet != tt.subnet {
						t.Errorf("instance judged in %s, want %s", ir.Subnet, tt.subnet)
					}
				}
				return
			}
			var reasons []string
			for _, u := range cr.Unknowns {
				reasons = append(reasons, u.Reason)
			}
			if !strings.Contains(strings.Join(reasons, "\n"), tt.reason) {
				t.Errorf("unknowns %q, want one containing %q", reasons, tt.reason)
			}
		})
	}
}
