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
// clean bill of health when daslint found nothing to check (SPEC §7.3). It
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
		path = cfg.paths[0]
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
	if cfg.allClusters {
		return files + " read, no Aurora DB cluster found", path
	}
	return files + " read, no Aurora DB cluster with an activity stream found (--all-clusters checks every Aurora cluster; docs/activity-streams.md says how a stream is recognised)", path
}

// scanned names the paths of the scan, as the user gave them.
func scanned(cfg *cliArgs) string {
	if len(cfg.paths) == 0 || cfg.hook {
		return "."
	}
	ps := make([]string, len(cfg.paths))
	for i, p := range cfg.paths {
		ps[i] = diag.Path(p)
	}
	return strings.Join(ps, ", ")
}
