package main

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/rules"
)

func TestNothingToLint(t *testing.T) {
	m := &model.Model{}
	noCluster := []rules.Result{{Model: m}}
	oneCluster := []rules.Result{{Model: m, Clusters: []network.ClusterResult{{Verdict: model.True}}}}
	unread := &model.Model{Unread: []*model.Unresolved{{Reason: "the unit's terraform.source is not known offline"}}}
	var errs diag.Diagnostics
	errs.Errorf(model.Range{File: "main.tf", Line: 1}, "broken")
	var warns diag.Diagnostics
	warns.Warnf(model.Range{File: "main.tf", Line: 1}, "module not vendored")
	tests := []struct {
		name     string
		cfg      cliArgs
		set      parsers.Set
		results  []rules.Result
		ds       diag.Diagnostics
		want     string // substring; "" for no message
		wantPath string
	}{
		{"no root", cliArgs{paths: []string{"infra", "stacks"}}, parsers.Set{}, nil, nil,
			"no Terraform root or CloudFormation template found under infra, stacks", "infra"},
		{"no root, no path given", cliArgs{}, parsers.Set{}, nil, nil, "found under .", "."},
		{"no root, --hook stays quiet", cliArgs{hook: true, paths: []string{"k8s/web.yaml"}}, parsers.Set{}, nil, nil, "", ""},
		{"no root, input errors say why", cliArgs{paths: []string{"nope"}}, parsers.Set{}, nil, errs, "", ""},
		{"files but no DAS cluster", cliArgs{paths: []string{"infra"}}, parsers.Set{Models: []*model.Model{m}, Files: 3}, noCluster, warns,
			"3 files read, no Aurora DB cluster with an activity stream found", "infra"},
		{"one file, --hook", cliArgs{hook: true, paths: []string{"main.tf"}}, parsers.Set{Models: []*model.Model{m}, Files: 1}, noCluster, nil,
			"1 file read, no Aurora DB cluster with an activity stream", "."},
		{"--all-clusters", cliArgs{allClusters: true}, parsers.Set{Models: []*model.Model{m}, Files: 2}, noCluster, nil,
			"2 files read, no Aurora DB cluster found", "."},
		{"a unit's module not read", cliArgs{paths: []string{"live/vpc"}}, parsers.Set{Models: []*model.Model{unread}, Files: 1}, []rules.Result{{Model: unread}}, warns,
			"1 file read, no Aurora DB cluster with an activity stream found in what could be read; not read: the unit's terraform.source is not known offline (a cluster there is not checked)", "live/vpc"},
		{"two not read", cliArgs{allClusters: true}, parsers.Set{Models: []*model.Model{unread, unread}, Files: 2}, []rules.Result{{Model: unread}}, warns,
			"2 files read, no Aurora DB cluster found in what could be read; not read: the unit's terraform.source is not known offline, and 1 more", "."},
		{"a cluster reported", cliArgs{}, parsers.Set{Models: []*model.Model{m}, Files: 2}, oneCluster, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, path := nothingToLint(&tt.cfg, &tt.set, tt.results, tt.ds)
			if tt.want == "" && msg != "" || !strings.Contains(msg, tt.want) || path != tt.wantPath {
				t.Errorf("got %q about %q, want %q about %q", msg, path, tt.want, tt.wantPath)
			}
		})
	}
}
