package rules

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// DAS103 reports an activity stream whose mode the cluster's engine does
// not support: Aurora MySQL runs streams in asynchronous mode only.
func DAS103() *Rule {
	return &Rule{
		ID:    "DAS103",
		Name:  "stream-mode-unsupported",
		Title: "Activity stream mode not supported by the engine",
		Description: "An Aurora MySQL DB cluster's Database Activity Stream is started in synchronous mode (mode sync). " +
			"Aurora MySQL supports asynchronous mode only, so the stream does not start and no activity is audited.",
		Tags: []string{"reliability", "aws", "aurora", "database-activity-streams"},
		// Very high would need the mode of every custom resource; the one
		// daslint reads may not be the one the function passes on.
		Precision: "high",
		Severity:  Warning,
		Doc:       mustDoc("DAS103"),
		Since:     "0.2.0",
		Sources: []Source{
			{"Amazon Aurora User Guide: Monitoring Amazon Aurora with Database Activity Streams (Asynchronous and synchronous mode)", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.html"},
			{"Amazon Aurora User Guide: Starting a database activity stream", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.Enabling.html"},
			{"Amazon RDS API Reference: StartActivityStream", "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartActivityStream.html"},
		},
		Check: checkDAS103,
	}
}

func checkDAS103(p *Pass) {
	byCluster := map[string][]*model.ActivityStream{}
	for _, s := range p.Model.ActivityStreams {
		if s.Maybe == nil && s.Cluster.Key != "" {
			byCluster[s.Cluster.Key] = append(byCluster[s.Cluster.Key], s)
		}
	}
	for i := range p.Clusters {
		c := &p.Clusters[i]
		if c.Cluster == nil || !c.Cluster.Engine.Known() || !isAuroraMySQL(c.Cluster.Engine.Value) {
			continue
		}
		var syncs []*model.ActivityStream
		for _, s := range streamsOf(byCluster, c) {
			if s.Mode.Known() && strings.EqualFold(s.Mode.Value, "sync") {
				syncs = append(syncs, s)
			}
		}
		if len(syncs) == 0 {
			continue
		}
		p.Report(modeFinding(p.Model.Source, c, syncs))
	}
}

// streamsOf returns the activity streams that name the cluster by
// identity (byCluster: the model's certain streams by the address of the
// cluster they name), the result's own evidence first.
func streamsOf(byCluster map[string][]*model.ActivityStream, c *network.ClusterResult) []*model.ActivityStream {
	var out []*model.ActivityStream
	if c.Stream != nil {
		out = append(out, c.Stream)
	}
	for _, s := range byCluster[c.Cluster.Address] {
		if s != c.Stream {
			out = append(out, s)
		}
	}
	return out
}

// modeFinding is the DAS103 finding of a cluster: each stream that asks
// for synchronous mode, as a related location.
func modeFinding(src model.Source, c *network.ClusterResult, syncs []*model.ActivityStream) Finding {
	var b strings.Builder
	fmt.Fprintf(&b, "DAS103: %s is Aurora MySQL (engine %s), which supports asynchronous activity streams only", c.Cluster.Address, c.Cluster.Engine.Value)
	var related []network.Link
	var causes []string
	for _, s := range syncs {
		fmt.Fprintf(&b, "; %s asks for mode %q (%s)", s.Address, s.Mode.Value, at(s.Mode.Range))
		related = append(related, network.Link{Address: s.Address, Text: fmt.Sprintf("%s mode = %q", s.Address, s.Mode.Value),
			Range: s.Mode.Range, From: s.From})
		causes = append(causes, cause(s.Address, "mode", s.Mode.Value, c.Cluster.Engine.Value))
	}
	return clusterFinding(src, c, b.String(),
		"Start the stream in asynchronous mode ("+asyncSpelling(src)+"); synchronous mode is for Aurora PostgreSQL.", related, causes)
}

// asyncSpelling says how each source asks for asynchronous mode.
func asyncSpelling(src model.Source) string {
	switch src {
	case model.Terraform:
		return `mode = "async"`
	case model.CloudFormation:
		return "the custom resource's mode property, or the payload's Mode, set to async"
	}
	return "aws rds start-activity-stream --mode async"
}
