package rules

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// DAS101 reports a cluster with an activity stream whose engine, engine
// version, instance class or serverless configuration cannot run one.
func DAS101() *Rule {
	return &Rule{
		ID:    "DAS101",
		Name:  "engine-unsupported",
		Title: "Aurora cluster configuration does not support activity streams",
		Description: "An Aurora DB cluster with a Database Activity Stream runs on a configuration that the Aurora User Guide " +
			"says cannot run one: Aurora Serverless v1 (engine mode serverless), an Aurora Serverless v2 instance (db.serverless), " +
			"a burstable instance class (db.t*), Aurora MySQL version 1, Aurora MySQL version 2 before 2.11, or a China Region. " +
			"Starting the stream fails, and no activity is audited.",
		Tags: []string{"reliability", "aws", "aurora", "database-activity-streams"},
		// High: each finding rests on a class, mode or version that the
		// documentation rules out; whatever it leaves open is not reported.
		Precision: "high",
		Severity:  Warning,
		Doc:       mustDoc("DAS101"),
		Since:     "0.2.0",
		Sources:   supportSources(),
		Check:     checkDAS101,
	}
}

// supportSources are the pages that say where activity streams run.
func supportSources() []Source {
	return []Source{
		{"Amazon Aurora User Guide: Supported Regions and Aurora DB engines for database activity streams", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.DBActivityStreams.html"},
		{"Amazon Aurora User Guide: Monitoring Amazon Aurora with Database Activity Streams (Overview; Supported DB instance classes for database activity streams)", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.html"},
		{"Amazon Aurora User Guide: Starting a database activity stream", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.Enabling.html"},
	}
}

// unsupported is one fact that rules a stream out: which object, which
// attribute and value, and why.
type unsupported struct {
	origin model.Origin
	attr   string
	value  model.Str
	why    string
	fix    string
}

// The fixes of each kind of fact.
const (
	fixServerlessV1 = "Use a provisioned cluster (engine mode provisioned) with memory-optimized instances (db.r*)"
	fixVersion      = "Upgrade Aurora MySQL to version 3, or to 2.11 or later"
	fixClass        = "Use a memory-optimized instance class that supports activity streams (db.r6g, db.r7g, db.r6i ...; see docs/rules/DAS101.md)"
	fixRegion       = "Run the cluster in a Region that offers database activity streams (see docs/rules/DAS101.md)"
)

// regionWithoutStreams names the Region r when the Aurora User Guide says
// activity streams are not available there for any engine and the Region
// is not new: the China Regions. Regions added lately that lack streams
// today gain features over time, and a list of them would go stale into
// false warnings, so they are left out (docs/rules/DAS101.md).
func regionWithoutStreams(r string) (name string, ok bool) {
	switch r {
	case "cn-north-1":
		return "China (Beijing)", true
	case "cn-northwest-1":
		return "China (Ningxia)", true
	}
	return "", false
}

func checkDAS101(p *Pass) {
	instances := make(map[string]*model.DBInstance, len(p.Model.DBInstances))
	for _, in := range p.Model.DBInstances {
		instances[in.Address] = in
	}
	for i := range p.Clusters {
		c := &p.Clusters[i]
		if c.Cluster == nil {
			continue
		}
		facts := clusterUnsupported(p.Model, c.Cluster)
		facts = append(facts, instancesUnsupported(p.Model.Source, instances, c)...)
		if len(facts) == 0 {
			continue
		}
		p.Report(supportFinding(p.Model.Source, c, facts))
	}
}

// clusterUnsupported returns the cluster's own facts that rule a stream
// out: Serverless v1, an Aurora MySQL version without streams.
func clusterUnsupported(m *model.Model, c *model.DBCluster) []unsupported {
	var out []unsupported
	if r := c.Region; r.Known() || m.Region.Known() {
		if !r.Known() {
			r = m.Region
		}
		if r.Range.File == "" {
			r.Range = c.Range // --region, or a region the run was given
		}
		if name, ok := regionWithoutStreams(r.Value); ok {
			out = append(out, unsupported{c.Origin, "region", r,
				fmt.Sprintf("Aurora does not offer database activity streams in %s (%s)", r.Value, name), fixRegion})
		}
	}
	if mode := c.EngineMode; mode.Known() && mode.Value == "serverless" {
		out = append(out, unsupported{c.Origin, attrName(m.Source, "engine_mode", "EngineMode"), mode,
			"Aurora Serverless v1 does not support database activity streams", fixServerlessV1})
	}
	engine := c.Engine
	if !engine.Known() || !isAuroraMySQL(engine.Value) {
		return out
	}
	if v := c.EngineVersion; v.Known() {
		if why := mysqlVersionUnsupported(v.Value); why != "" {
			out = append(out, unsupported{c.Origin, attrName(m.Source, "engine_version", "EngineVersion"), v, why, fixVersion})
		}
	} else if engine.Value == "aurora" && v.Unknown == nil {
		// The legacy engine is MySQL 5.6-compatible, whatever version AWS picks.
		out = append(out, unsupported{c.Origin, attrName(m.Source, "engine", "Engine"), engine,
			"the engine aurora is Aurora MySQL version 1 (MySQL 5.6-compatible), which does not support database activity streams", fixVersion})
	}
	return out
}

// instancesUnsupported returns the instance classes that rule a stream
// out, once per instance. Only the instances that certainly belong to the
// cluster and certainly exist count: an instance whose cluster or count is
// unknown is not known to run in it.
// byAddr holds the model's instances by address, built once per model: a
// map per cluster made the rule quadratic in the number of clusters.
func instancesUnsupported(src model.Source, byAddr map[string]*model.DBInstance, c *network.ClusterResult) []unsupported {
	var out []unsupported
	seen := map[string]bool{}
	for _, ir := range c.Instances {
		in := byAddr[ir.Instance]
		if ir.Assumed || in == nil || seen[in.Address] || in.Maybe != nil || !in.Cluster.IsSet() || in.Cluster.Unknown != nil {
			continue
		}
		seen[in.Address] = true
		if cl := in.InstanceClass; cl.Known() {
			if why := classUnsupported(cl.Value); why != "" {
				out = append(out, unsupported{in.Origin, attrName(src, "instance_class", "DBInstanceClass"), cl, why, fixClass})
			}
		}
	}
	return out
}

// attrName names an attribute the way the model's source spells it.
func attrName(src model.Source, terraform, cloudFormation string) string {
	if src == model.Terraform {
		return terraform
	}
	return cloudFormation
}

// supportFinding is the DAS101 finding of a cluster: every fact that rules
// its stream out, each a related location. Instances that share a fact
// (one declaration with a count) are named together.
func supportFinding(src model.Source, c *network.ClusterResult, facts []unsupported) Finding {
	var b strings.Builder
	fmt.Fprintf(&b, "DAS101: %s cannot run a database activity stream", c.Cluster.Address)
	var related []network.Link
	var causes []string
	for _, g := range groupFacts(facts) {
		f := g[0]
		names := make([]string, len(g))
		for i, x := range g {
			names[i] = x.origin.Address
			related = append(related, network.Link{Address: x.origin.Address, Text: fmt.Sprintf("%s %s = %q", x.origin.Address, x.attr, x.value.Value),
				Range: x.value.Range, From: x.origin.From})
			causes = append(causes, cause(x.origin.Address, x.attr, x.value.Value))
		}
		fmt.Fprintf(&b, "; %s %s is %q (%s): %s", strings.Join(names, ", "), f.attr, f.value.Value, at(f.value.Range), f.why)
	}
	return clusterFinding(src, c, b.String(), supportRemedy(facts), related, causes)
}

// groupFacts groups the facts that are the same attribute, value and
// declaration, in the order of their first fact.
func groupFacts(facts []unsupported) [][]unsupported {
	type key struct {
		attr, value string
		at          model.Range
	}
	var out [][]unsupported
	index := map[key]int{}
	for _, f := range facts {
		k := key{f.attr, f.value.Value, f.value.Range}
		if i, ok := index[k]; ok {
			out[i] = append(out[i], f)
			continue
		}
		index[k] = len(out)
		out = append(out, []unsupported{f})
	}
	return out
}

// supportRemedy says what to change for each fact, once per kind.
func supportRemedy(facts []unsupported) string {
	fixes := make([]string, 0, len(facts))
	for _, f := range facts {
		fixes = append(fixes, f.fix)
	}
	return remediation(fixes, "")
}
