package parsers

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// Clusters by identifier or ARN (docs/semantics.md#literal-ids-and-names): an activity stream whose
// cluster is a literal (`resource_arn = "arn:aws:rds:…:cluster:orders"`,
// the ARN a data source answered, a CloudFormation custom resource's
// cluster identifier) names a cluster of a source of real objects when
// the source holds it. The cluster joins with its instances, its DB subnet
// group and their network, so the cluster gets a verdict instead of the
// stream's DAS002 unknown. The joined cluster keeps its address in the
// source (the DBClusterIdentifier for facts, `<state file>::<address>`
// for a state) and its provenance, and is placed at the stream: the
// stream is where the user edits what makes the cluster linted here.

// clusterJoin is what a source adds for the clusters the streams of a
// model name.
type clusterJoin struct {
	seeds []model.Object
	links map[string]string // literal → cluster address
	at    map[string]*model.ActivityStream
}

// clusterSeeds are the clusters of s named by literal by the activity
// streams of own, with their instances and DB subnet groups. A model that
// declares a cluster of that identifier, or one whose identifier is not
// known (it might be that one), keeps the stream to its own clusters.
func (s *realSource) clusterSeeds(m *model.Model, own []model.Object) clusterJoin {
	j := clusterJoin{links: map[string]string{}, at: map[string]*model.ActivityStream{}}
	if len(s.clusters) == 0 {
		return j
	}
	for _, o := range own {
		st, ok := o.(*model.ActivityStream)
		if !ok || st.Cluster.Literal == "" || declaresCluster(m, st.Cluster.Literal) {
			continue
		}
		c := s.clusters[s.ids[st.Cluster.Literal]]
		if c == nil || !sameRegion(m, st.Cluster.Literal, c) {
			continue
		}
		j.links[st.Cluster.Literal] = c.Address
		if j.at[c.Address] != nil {
			continue
		}
		j.at[c.Address] = st
		j.seeds = append(j.seeds, c)
		for _, in := range s.instances[c.Address] {
			j.seeds = append(j.seeds, in)
		}
		if n := c.SubnetGroup.Literal; n != "" {
			for _, g := range s.model.DBSubnetGroups {
				if g.Name.Known() && strings.EqualFold(g.Name.Value, n) {
					j.seeds = append(j.seeds, g)
				}
			}
		}
	}
	return j
}

// sameRegion says whether the cluster c of a source may be the one that
// the literal of a model names. An ARN names its region (and account), and
// matched c's exactly; a bare identifier is unique only per account and
// region, so a cluster of another region than the model's is another one.
func sameRegion(m *model.Model, lit string, c *model.DBCluster) bool {
	if strings.HasPrefix(lit, "arn:") {
		return true
	}
	return !m.Region.Known() || !c.Region.Known() || strings.EqualFold(m.Region.Value, c.Region.Value)
}

// declaresCluster reports whether m holds a cluster that the literal
// identifier or ARN may name.
func declaresCluster(m *model.Model, lit string) bool {
	id := lit
	if i := strings.LastIndex(lit, ":cluster:"); i >= 0 {
		id = lit[i+len(":cluster:"):]
	}
	for _, c := range m.DBClusters {
		if !c.Identifier.Known() || strings.EqualFold(c.Identifier.Value, id) {
			return true
		}
	}
	return false
}

// indexClusters indexes the clusters of s's model and the instances of
// each, by identity or by cluster identifier.
func (s *realSource) indexClusters() {
	s.clusters = map[string]*model.DBCluster{}
	s.instances = map[string][]*model.DBInstance{}
	byID := map[string]string{}
	for _, c := range s.model.DBClusters {
		s.clusters[c.Address] = c
		if c.Identifier.Known() {
			byID[strings.ToLower(c.Identifier.Value)] = c.Address
		}
	}
	for _, in := range s.model.DBInstances {
		addr := in.Cluster.Key
		if addr == "" {
			addr = byID[strings.ToLower(in.Cluster.Literal)]
		}
		if s.clusters[addr] != nil {
			s.instances[addr] = append(s.instances[addr], in)
		}
	}
}

// placeCluster is the copy of the joined cluster c that joins a model:
// at the stream st that names it, which is the place the user edits, with
// its provenance (model.Origin.From) kept.
func placeCluster(c *model.DBCluster, st *model.ActivityStream, copyOf func(model.Object) model.Object) *model.DBCluster {
	var p *model.DBCluster
	if copyOf != nil {
		p, _ = copyOf(c).(*model.DBCluster)
	}
	if p == nil {
		cp := *c
		p = &cp
	}
	p.Range, p.Callers = st.Range, st.Callers
	return p
}

// instancesMarker stands for the instances of a cluster joined from AWS
// facts without describe-db-instances: the cluster has instances that
// the facts do not show, so where they are and whether they are public is
// unknown, never assumed.
func instancesMarker(c *model.DBCluster) *model.DBInstance {
	at := c.Range
	if c.From != nil {
		at = model.Range{File: c.From.File, Line: c.From.Line}
	}
	u := &model.Unresolved{Kind: model.FromExternal, Range: at, Reason: fmt.Sprintf(
		"the AWS facts hold the DB cluster %s but not its instances: export them with aws rds describe-db-instances --output json > db-instances.json and give the file with --context",
		c.Address)}
	return &model.DBInstance{
		Origin:             model.Origin{Address: c.Address + "#instances", Type: "DB instances (not exported)", Range: at, From: c.From},
		Cluster:            model.Ref{Key: c.Address, Range: at},
		PubliclyAccessible: model.Bool{Unknown: u, Range: at},
		AvailabilityZone:   model.UnknownStr(u, at),
	}
}
