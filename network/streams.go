package network

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// Every activity stream that daslint sees is reported (docs/semantics.md#never-silent). A stream
// that names a cluster of the model is reported through that cluster; one
// that names none the model holds (its cluster comes from a module that is
// not read, a variable, a data source, an import, or a literal identifier of
// a cluster outside the scanned code) cannot be checked, and dropping it
// would wave a possibly broken stream through. It gets a result of its own:
// a ClusterResult with no Cluster, the stream as its subject, verdict
// unknown, and the reason its cluster is not known.

// unattachedStreams returns a result for each stream of the model that
// names no cluster of it for certain, in declaration order.
func (a *analyzer) unattachedStreams() []ClusterResult {
	var out []ClusterResult
	for _, s := range a.ix.m.ActivityStreams {
		if a.attached(s) {
			continue
		}
		u := a.whyUnattached(s)
		out = append(out, ClusterResult{
			Stream:   s,
			Verdict:  model.Unknown,
			Unknowns: []Unknown{unknownOf(u, rangeOr(s.Cluster.Range, s.Range), s.Address)},
		})
	}
	return out
}

// attached reports whether a cluster of the model is certainly the target
// of s. Any cluster counts, whatever its engine: a stream on a cluster that
// is not Aurora is outside what daslint checks (docs/semantics.md#what-is-checked), not unknown. A
// stream certainly targets a cluster it names by address, or by an
// identifier equal to the cluster's known one (streamTargets), which is
// what the index answers without asking every cluster.
func (a *analyzer) attached(s *model.ActivityStream) bool {
	return a.ix.db.targetsSomeCluster(s.Cluster)
}

// whyUnattached says what is missing to know the cluster of s: the reason
// its cluster ref is unknown, a cluster identifier that the scanned code
// does not declare (or does not declare for certain), or a ref to an object
// that is not a cluster.
func (a *analyzer) whyUnattached(s *model.ActivityStream) *model.Unresolved {
	r := s.Cluster
	at := rangeOr(r.Range, s.Range)
	switch {
	case r.Unknown != nil:
		return r.Unknown
	case r.Literal != "":
		// Only a cluster whose identifier is unknown may match.
		for _, c := range a.ix.db.idUnknown {
			if match, u := a.streamTargets(r, c); match == model.Unknown && u != nil {
				return &model.Unresolved{Kind: u.Kind, Range: u.Range,
					Reason: fmt.Sprintf("%s names the DB cluster %q, and the identifier of %s is not known: %s", s.Address, clusterID(r.Literal), c.Address, u.Reason)}
			}
		}
		return &model.Unresolved{Kind: model.FromExternal, Range: at,
			Reason: fmt.Sprintf("%s names the DB cluster %q, which is not declared in the scanned code", s.Address, clusterID(r.Literal))}
	case r.Key != "":
		return &model.Unresolved{Kind: model.FromExpression, Range: at,
			Reason: fmt.Sprintf("%s refers to %s, which is not a DB cluster in the scanned code", s.Address, r.Key)}
	}
	return &model.Unresolved{Kind: model.FromExpression, Range: at,
		Reason: fmt.Sprintf("%s names no DB cluster", s.Address)}
}

// clusterID is the cluster identifier an ARN or identifier names: the part
// after ":cluster:" of an RDS cluster ARN, else the text itself.
func clusterID(s string) string {
	if i := strings.LastIndex(s, ":cluster:"); i >= 0 {
		return s[i+len(":cluster:"):]
	}
	return s
}
