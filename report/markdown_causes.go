package report

import (
	"fmt"
	"slices"
	"strings"
)

// The causes of a Markdown report: a tree whose clusters share a network
// (one VPC without a KMS endpoint, one module's security group) breaks
// the same way in every cluster, and a comment that explains each cluster
// in turn repeats one reason and one fix dozens of times. A cause is a
// broken link with its reason and fix, written once with everywhere it
// breaks. Names of the instance and the subnet are abstracted as in the
// text (abstract), so that "aws_rds_cluster_instance.a[0] is not publicly
// accessible" and the same of [1], at one file:line, are one cause.

// cause is one broken link and the placements it breaks.
type cause struct {
	status, link, reason, fix string // link, reason, fix abstracted
	file                      string
	line                      int
	from                      string // where the link came from, as a suffix
	paths                     []string
	sites                     []*causeSite // in report order
}

// causeSite is the placements of one cluster that a cause breaks.
type causeSite struct {
	cluster string
	members []Instance
	all     int // the cluster's placements
}

// clusterToken stands for the cluster in the texts of a cause: a reason
// such as "the security group of aws_rds_cluster.a" is the same cause in
// every cluster that shares the group.
const clusterToken = "\x00cluster\x00"

// maxCauseSites is how many clusters a cause names; the others are
// counted.
const maxCauseSites = 10

// markdownCauses returns the causes of r's clusters as list items, those
// that break the most clusters first, ties in report order.
func markdownCauses(clusters []Cluster) []string {
	var causes []*cause
	index := map[string]*cause{}
	for _, c := range clusters {
		if c.Verdict == VerdictPass {
			continue
		}
		for _, in := range c.Instances {
			for _, p := range pathOrder(in.Broken) {
				br := in.Broken[p]
				abs := func(s string) string { return replaceName(abstract(s, in), c.ID, clusterToken) }
				k := &cause{status: br.Status, link: abs(br.Link), reason: abs(br.Reason), fix: abs(br.Fix),
					file: br.File, line: br.Line, from: sourceSuffixAt(br.From, br.File, br.Line)}
				key := strings.Join([]string{k.status, k.link, k.reason, k.fix, fileLine(k.file, k.line), k.from}, "\x01")
				if index[key] == nil {
					index[key] = k
					causes = append(causes, k)
				}
				index[key].at(p, c, in)
			}
		}
	}
	slices.SortStableFunc(causes, func(a, b *cause) int { return len(b.sites) - len(a.sites) })
	items := make([]string, len(causes))
	for i, k := range causes {
		items[i] = k.item()
	}
	return items
}

// at records that path p of placement in of cluster id breaks at k.
func (k *cause) at(p string, c Cluster, in Instance) {
	if !slices.Contains(k.paths, p) {
		k.paths = append(k.paths, p)
	}
	var site *causeSite
	if n := len(k.sites); n > 0 && k.sites[n-1].cluster == c.ID {
		site = k.sites[n-1]
	} else {
		site = &causeSite{cluster: c.ID, all: len(c.Instances)}
		k.sites = append(k.sites, site)
	}
	for _, m := range site.members {
		if m.ID == in.ID && m.Subnet == in.Subnet {
			return
		}
	}
	site.members = append(site.members, in)
}

// item writes k as a list item: the paths, the link and its position,
// the reason, the fix, and where.
func (k *cause) item() string {
	var all []Instance
	for _, s := range k.sites {
		all = append(all, s.members...)
	}
	// One group of every placement the cause breaks: its concrete names
	// the instance or subnet when there is one, else "each instance".
	g := groupPlacements(all, func(Instance) string { return "" })[0]
	cluster := k.sites[0].cluster
	if len(k.sites) > 1 {
		cluster = "each cluster"
	}
	fill := func(s string) string {
		in := g.members[0]
		s = strings.ReplaceAll(strings.ReplaceAll(s, instanceToken, in.ID), subnetToken, in.Subnet)
		return strings.ReplaceAll(g.concrete(s), clusterToken, cluster)
	}
	var b strings.Builder
	paths := make([]string, len(k.paths))
	for i, p := range k.paths {
		paths[i] = "**" + mdText(p) + "**"
	}
	mark, noun, verb := "❌", "path", "breaks"
	if len(paths) > 1 {
		noun, verb = "paths", "break"
	}
	if k.status == VerdictUnknown {
		mark, verb = "⚠️", "may break"
	}
	fmt.Fprintf(&b, "- %s %s %s %s at %s %s%s", mark, strings.Join(paths, ", "), noun, verb,
		mdCode(fill(k.link)), mdCode(fileLine(k.file, k.line)), mdText(k.from))
	if k.reason != "" {
		fmt.Fprintf(&b, ": %s", mdText(fill(k.reason)))
	}
	if k.fix != "" {
		fmt.Fprintf(&b, "<br>Fix: %s", mdText(fill(k.fix)))
	}
	b.WriteString("<br>In ")
	if len(k.sites) > 1 {
		fmt.Fprintf(&b, "%s: ", count(len(k.sites), "cluster"))
	}
	for i, s := range k.sites {
		if i == maxCauseSites {
			fmt.Fprintf(&b, " and %d more", len(k.sites)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(mdCode(s.cluster))
		if len(s.members) < s.all {
			// Not every placement of the cluster: name those it breaks.
			sg := groupPlacements(s.members, func(Instance) string { return "" })[0]
			fmt.Fprintf(&b, " (%s)", mdPlacements(sg))
		}
	}
	b.WriteByte('\n')
	return b.String()
}
