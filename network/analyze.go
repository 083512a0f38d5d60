// Package network decides, offline, whether each DB instance of each Aurora
// cluster with a database activity stream can reach AWS KMS (docs/semantics.md#what-is-checked): it
// resolves subnets, route tables, gateways, endpoints, security groups and
// network ACLs in three-valued logic, and explains every verdict with the
// witness chain, the first broken link of each path, or the unknowns.
package network

import (
	"context"
	"fmt"

	"github.com/daslint/daslint/internal/parallel"
	"github.com/daslint/daslint/model"
)

// Options control the analysis.
type Options struct {
	// AllClusters treats every Aurora cluster as having an activity stream.
	AllClusters bool
	// Workers bounds how many clusters of a model are analysed at once;
	// zero means runtime.GOMAXPROCS. Results do not depend on it.
	Workers int
}

// analyzer holds the index of one model while its clusters are analysed.
type analyzer struct {
	ix *index
	// ctx ends the analysis early (see stopped); nil never does.
	ctx context.Context
}

// stopped reports whether the caller's context is done. It is checked per
// cluster and per instance, which bound the work of a model, rather than per
// link, where it would cost more than it saves.
func (a *analyzer) stopped() bool {
	return a.ctx != nil && a.ctx.Err() != nil
}

// Analyze returns a result for every cluster with an activity stream, in
// declaration order, then one for every activity stream that names no
// cluster of the model (see unattachedStreams).
func Analyze(m *model.Model, opts Options) []ClusterResult {
	out, _ := AnalyzeContext(context.Background(), m, opts)
	return out
}

// AnalyzeContext is Analyze with a context: once ctx is done, the analysis
// stops at the next cluster or instance and returns nil and ctx.Err().
func AnalyzeContext(ctx context.Context, m *model.Model, opts Options) ([]ClusterResult, error) {
	if m == nil {
		return nil, ctx.Err()
	}
	a := &analyzer{ix: newIndex(m), ctx: ctx}
	var jobs []clusterJob
	for _, c := range m.DBClusters {
		if isAurora(c) == model.False {
			continue
		}
		s, uncertain := a.streamOf(c)
		if s == nil && !opts.AllClusters {
			continue
		}
		if opts.AllClusters {
			uncertain = nil
		}
		jobs = append(jobs, clusterJob{cluster: c, stream: s, uncertain: uncertain})
	}
	out := make([]ClusterResult, len(jobs))
	parallel.ForEach(len(jobs), opts.Workers, func(i int) {
		if a.stopped() {
			return // discarded below
		}
		j := jobs[i]
		res := a.analyzeCluster(j.cluster, j.stream)
		if j.uncertain != nil {
			streamMayNotApply(&res, j.stream, j.uncertain)
		}
		unreadMayBreak(&res, m.Unread)
		out[i] = res
	})
	if !a.stopped() {
		out = append(out, a.unattachedStreams()...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// clusterJob is a cluster to analyse with the stream that makes it one,
// and why that stream may not be its own (nil when it is).
type clusterJob struct {
	cluster   *model.DBCluster
	stream    *model.ActivityStream
	uncertain *model.Unresolved
}

// streamMayNotApply weakens the verdict of a cluster that may not have an
// activity stream: DAS works when the cluster has no stream or reaches KMS,
// so, in Kleene logic, a pass stays a pass and a fail becomes unknown.
func streamMayNotApply(res *ClusterResult, s *model.ActivityStream, why *model.Unresolved) {
	if res.Verdict != model.False {
		return
	}
	res.Verdict = model.Unknown
	u := *why
	u.Reason = fmt.Sprintf("%s may be the activity stream of %s (%s); if it is, the stream cannot reach KMS", s.Address, res.Cluster.Address, why.Reason)
	res.Unknowns = dedupUnknowns(append(res.Unknowns, unknownOf(&u, s.Cluster.Range, s.Address)))
}

// unreadMayBreak weakens a pass when some input file of the model could not
// be read or parsed: what it declares is missing, and it may be what breaks
// a path (an endpoint that takes over the KMS name, a deny rule, a more
// specific route). Each unread file is one more unknown link on every path,
// so, in Kleene logic, a pass becomes unknown and a fail stays a fail.
func unreadMayBreak(res *ClusterResult, unread []*model.Unresolved) {
	if len(unread) == 0 || res.Verdict != model.True {
		return
	}
	res.Verdict, res.Path = model.Unknown, ""
	for _, u := range unread {
		res.Unknowns = append(res.Unknowns, unknownOf(u, u.Range, res.Cluster.Address))
	}
	res.Unknowns = dedupUnknowns(res.Unknowns)
}
