package main

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/rules"
)

// nothingToLint says why a scan reported no cluster, and the path it is
// about (the first scanned path), or "" when it
// reported one or need not say: a bare "0 files, 0 clusters" reads like a
// clean bill of health when daslint found nothing to check (docs/semantics.md#never-silent). It
// distinguishes a scan that found no Terraform root or template (a wrong
// path, a layout daslint does not discover) from one that read files but
// found no cluster with an activity stream (see docs/activity-streams.md
// for how one is recognised). A --hook run whose changed files select no
// root stays quiet: most commits touch no infrastructure. A scan with
// input errors, or cut short by --timeout, already says why it is short.
func nothingToLint(cfg *cliArgs, set *parsers.Set, results []rules.Result, ds diag.Diagnostics) (msg, path string) {
	if ds.HasErrors() {
		return "", ""
	}
	for _, r := range results {
		if len(r.Clusters) > 0 {
			return "", ""
		}
	}
	path = "."
	if len(cfg.paths) > 0 && !cfg.hook {
		path = shownPath(cfg.paths[0])
	}
	if len(set.Models) == 0 {
		if cfg.hook {
			return "", ""
		}
		return fmt.Sprintf("no Terraform root or CloudFormation template found under %s", scanned(cfg)), path
	}
	files := fmt.Sprintf("%d files", set.Files)
	if set.Files == 1 {
		files = "1 file"
	}
	what := "no Aurora DB cluster with an activity stream found"
	if cfg.allClusters {
		what = "no Aurora DB cluster found"
	}
	if notRead := unreadNote(set); notRead != "" {
		// Something was not read (a Terragrunt unit whose module is not
		// known, a file that could not be read): "none found" must not
		// read as "none there" (docs/semantics.md#never-silent).
		return files + " read, " + what + " in what could be read; " + notRead, path
	}
	if cfg.allClusters {
		return files + " read, " + what, path
	}
	return files + " read, " + what + " (--all-clusters checks every Aurora cluster; docs/activity-streams.md says how a stream is recognised)", path
}

// unreadNote says what the models of set could not read (model.Unread),
// the first reason and how many more, or "" when they read everything.
func unreadNote(set *parsers.Set) string {
	var first string
	n := 0
	for _, m := range set.Models {
		for _, u := range m.Unread {
			if u == nil {
				continue
			}
			if n == 0 {
				first = u.Reason
			}
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return "not read: " + first + " (a cluster there is not checked)"
	}
	return fmt.Sprintf("not read: %s, and %d more (a cluster there is not checked; see the input problems)", first, n-1)
}

// scanned names the paths of the scan, as the user gave them.
func scanned(cfg *cliArgs) string {
	if len(cfg.paths) == 0 || cfg.hook {
		return "."
	}
	ps := make([]string, len(cfg.paths))
	for i, p := range cfg.paths {
		ps[i] = shownPath(p)
	}
	return strings.Join(ps, ", ")
}
