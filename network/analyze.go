// Package network decides, offline, whether each DB instance of each Aurora
// cluster with a database activity stream can reach AWS KMS (SPEC §1): it
// resolves subnets, route tables, gateways, endpoints, security groups and
// network ACLs in three-valued logic, and explains every verdict with the
// witness chain, the first broken link of each path, or the unknowns.
package network

import "github.com/daslint/daslint/model"

// Options control the analysis.
type Options struct {
	// AllClusters treats every Aurora cluster as having an activity stream.
	AllClusters bool
}

// analyzer holds the index of one model while its clusters are analysed.
type analyzer struct {
	ix *index
}

// Analyze returns a result for every cluster with an activity stream, in
// declaration order.
func Analyze(m *model.Model, opts Options) []ClusterResult {
	if m == nil {
		return nil
	}
	a := &analyzer{ix: newIndex(m)}
	var out []ClusterResult
	for _, c := range m.DBClusters {
		if isAurora(c) == model.False {
			continue
		}
		s := a.streamOf(c)
		if s == nil && !opts.AllClusters {
			continue
		}
		out = append(out, a.analyzeCluster(c, s))
	}
	return out
}
