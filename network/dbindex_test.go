package network

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// The index must give exactly the answers of asking every instance and
// stream about every cluster: these are the questions as they were asked
// before the index, and random models with identifiers that differ only
// in case (ASCII and Unicode, the Kelvin sign and the long s among them)
// compare the two.

func bruteInstances(a *analyzer, c *model.DBCluster) []member {
	var out []member
	for _, i := range a.ix.m.DBInstances {
		switch {
		case a.refersToCluster(i.Cluster, c):
			out = append(out, member{inst: i, maybe: i.Maybe})
		case i.Cluster.Unknown != nil:
			out = append(out, member{inst: i, maybe: i.Cluster.Unknown})
		}
	}
	return out
}

func bruteStream(a *analyzer, c *model.DBCluster) (*model.ActivityStream, *model.Unresolved) {
	var maybe *model.ActivityStream
	var why *model.Unresolved
	for _, s := range a.ix.m.ActivityStreams {
		match, u := a.streamTargets(s.Cluster, c)
		switch {
		case match == model.True && s.Maybe == nil:
			return s, nil
		case maybe != nil || match == model.False:
		case match == model.True:
			maybe, why = s, s.Maybe
		default:
			maybe, why = s, u
		}
	}
	return maybe, why
}

func bruteAttached(a *analyzer, s *model.ActivityStream) bool {
	for _, c := range a.ix.m.DBClusters {
		if match, _ := a.streamTargets(s.Cluster, c); match == model.True {
			return true
		}
	}
	return false
}

func bruteWhyUnattached(a *analyzer, s *model.ActivityStream) string {
	r := s.Cluster
	if r.Unknown != nil || r.Key != "" || r.Literal == "" {
		return a.whyUnattached(s).Reason // not a path the index changes
	}
	for _, c := range a.ix.m.DBClusters {
		if match, u := a.streamTargets(r, c); match == model.Unknown && u != nil {
			return fmt.Sprintf("%s names the DB cluster %q, and the identifier of %s is not known: %s", s.Address, clusterID(r.Literal), c.Address, u.Reason)
		}
	}
	return fmt.Sprintf("%s names the DB cluster %q, which is not declared in the scanned code", s.Address, clusterID(r.Literal))
}

// Identifiers that fold together in various ways.
var foldIDs = []string{"db", "DB", "Db", "k", "K", "\u212a", "s", "S", "\u017f", "straße", "STRASSE", "Straße", "\xff", "\xfe", "é", "É"}

func randomRef(r *rand.Rand, clusters int) model.Ref {
	var ref model.Ref
	switch r.IntN(5) {
	case 0:
		ref.Key = fmt.Sprintf("aws_rds_cluster.c%d", r.IntN(clusters+1))
	case 1:
		ref.Literal = foldIDs[r.IntN(len(foldIDs))]
	case 2:
		ref.Literal = "arn:aws:rds:eu-west-1:123456789012:cluster:" + foldIDs[r.IntN(len(foldIDs))]
	case 3:
		ref.Unknown = &model.Unresolved{Reason: "unknown ref"}
	}
	if r.IntN(4) == 0 {
		ref.Unknown = &model.Unresolved{Reason: "also unknown"}
	}
	return ref
}

func randomDBModel(r *rand.Rand) *model.Model {
	m := &model.Model{}
	clusters := 1 + r.IntN(5)
	for i := range clusters {
		c := &model.DBCluster{Origin: model.Origin{Address: fmt.Sprintf("aws_rds_cluster.c%d", i)}}
		switch r.IntN(3) {
		case 0:
			c.Identifier = model.Str{Value: foldIDs[r.IntN(len(foldIDs))], Set: true}
		case 1:
			c.Identifier = model.Str{Set: true, Unknown: &model.Unresolved{Reason: fmt.Sprintf("id of c%d", i)}}
		}
		m.DBClusters = append(m.DBClusters, c)
	}
	for i := range r.IntN(8) {
		in := &model.DBInstance{Origin: model.Origin{Address: fmt.Sprintf("aws_rds_cluster_instance.i%d", i)}, Cluster: randomRef(r, clusters)}
		if r.IntN(3) == 0 {
			in.Maybe = &model.Unresolved{Reason: "maybe"}
		}
		m.DBInstances = append(m.DBInstances, in)
	}
	for i := range r.IntN(6) {
		s := &model.ActivityStream{Origin: model.Origin{Address: fmt.Sprintf("aws_rds_cluster_activity_stream.s%d", i)}, Cluster: randomRef(r, clusters)}
		if r.IntN(3) == 0 {
			s.Maybe = &model.Unresolved{Reason: "maybe"}
		}
		m.ActivityStreams = append(m.ActivityStreams, s)
	}
	return m
}

func TestDBIndexAgreesWithEveryPair(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	for n := range 3000 {
		m := randomDBModel(r)
		a := &analyzer{ix: newIndex(m)}
		for _, c := range m.DBClusters {
			if got, want := a.instancesOf(c), bruteInstances(a, c); !slices.Equal(got, want) {
				t.Fatalf("model %d, %s: instances %v, want %v", n, c.Address, got, want)
			}
			gs, gu := a.streamOf(c)
			ws, wu := bruteStream(a, c)
			if gs != ws || gu != wu {
				t.Fatalf("model %d, %s: stream %v (%v), want %v (%v)", n, c.Address, gs, gu, ws, wu)
			}
		}
		for _, s := range m.ActivityStreams {
			if got, want := a.attached(s), bruteAttached(a, s); got != want {
				t.Fatalf("model %d, %s (%+v): attached %v, want %v", n, s.Address, s.Cluster, got, want)
			}
			if got, want := a.whyUnattached(s).Reason, bruteWhyUnattached(a, s); got != want {
				t.Fatalf("model %d, %s: %q, want %q", n, s.Address, got, want)
			}
		}
	}
}

func TestFoldKeyIsEqualFold(t *testing.T) {
	for _, x := range foldIDs {
		for _, y := range foldIDs {
			if got, want := foldKey(x) == foldKey(y), strings.EqualFold(x, y); got != want {
				t.Errorf("foldKey(%q) == foldKey(%q) is %v, EqualFold %v", x, y, got, want)
			}
		}
	}
}
