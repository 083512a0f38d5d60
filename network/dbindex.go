package network

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/daslint/daslint/model"
)

// dbIndex narrows the questions that pair clusters with their instances and
// activity streams (refersToCluster, streamTargets) to the candidates that
// can answer other than False: those that name the cluster by address, by
// an identifier equal under case folding, or by a ref that is not known.
// Asking every instance and stream of the model about every cluster is
// quadratic in the size of the model. The candidates are positions in the
// model's slices, in declaration order, and the callers still ask the
// original question of each, so the index only decides which to ask.
type dbIndex struct {
	instByKey   map[string][]int // instances whose cluster ref is an address
	instByID    map[string][]int // ... an identifier or ARN, by foldKey(clusterID)
	instUnknown []int            // ... unknown

	streamByKey   map[string][]int // streams whose cluster ref is an address
	streamByID    map[string][]int // ... an identifier or ARN, by foldKey(clusterID)
	streamLiteral []int            // every stream whose ref is an identifier or ARN
	streamUnknown []int            // ... neither, and unknown

	clusterAddrs map[string]bool // every cluster's address
	clusterIDs   map[string]bool // foldKey of every known cluster identifier
	// idUnknown are the clusters whose identifier is not known, in
	// declaration order.
	idUnknown []*model.DBCluster
}

func newDBIndex(m *model.Model) dbIndex {
	d := dbIndex{
		instByKey: map[string][]int{}, instByID: map[string][]int{},
		streamByKey: map[string][]int{}, streamByID: map[string][]int{},
		clusterAddrs: map[string]bool{}, clusterIDs: map[string]bool{},
	}
	for i, in := range m.DBInstances {
		r := in.Cluster
		switch {
		case r.Key != "":
			d.instByKey[r.Key] = append(d.instByKey[r.Key], i)
		case r.Literal != "":
			k := foldKey(clusterID(r.Literal))
			d.instByID[k] = append(d.instByID[k], i)
		}
		if r.Unknown != nil {
			d.instUnknown = append(d.instUnknown, i)
		}
	}
	for i, s := range m.ActivityStreams {
		r := s.Cluster
		switch {
		case r.Key != "":
			d.streamByKey[r.Key] = append(d.streamByKey[r.Key], i)
		case r.Literal != "":
			k := foldKey(clusterID(r.Literal))
			d.streamByID[k] = append(d.streamByID[k], i)
			d.streamLiteral = append(d.streamLiteral, i)
		case r.Unknown != nil:
			d.streamUnknown = append(d.streamUnknown, i)
		}
	}
	for _, c := range m.DBClusters {
		d.clusterAddrs[c.Address] = true
		switch {
		case c.Identifier.Unknown != nil:
			d.idUnknown = append(d.idUnknown, c)
		case c.Identifier.Known():
			d.clusterIDs[foldKey(c.Identifier.Value)] = true
		}
	}
	return d
}

// instanceCandidates are the positions of the instances that may belong to
// c, in declaration order.
func (d *dbIndex) instanceCandidates(c *model.DBCluster) []int {
	var byID []int
	if c.Identifier.Known() {
		byID = d.instByID[foldKey(c.Identifier.Value)]
	}
	return mergePositions(d.instByKey[c.Address], byID, d.instUnknown)
}

// streamCandidates are the positions of the streams that may target c, in
// declaration order: an identifier may name c when c's is unknown.
func (d *dbIndex) streamCandidates(c *model.DBCluster) []int {
	var byID []int
	switch {
	case c.Identifier.Unknown != nil:
		byID = d.streamLiteral
	case c.Identifier.Known():
		byID = d.streamByID[foldKey(c.Identifier.Value)]
	}
	return mergePositions(d.streamByKey[c.Address], byID, d.streamUnknown)
}

// targetsSomeCluster reports whether streamTargets(r, c) is True for some
// cluster c: r is the address of a cluster, or an identifier or ARN that
// folds to a cluster's known identifier.
func (d *dbIndex) targetsSomeCluster(r model.Ref) bool {
	switch {
	case r.Key != "":
		return d.clusterAddrs[r.Key]
	case r.Literal != "":
		return d.clusterIDs[foldKey(clusterID(r.Literal))]
	}
	return false
}

// mergePositions merges ascending lists of positions into one, without
// repeats.
func mergePositions(lists ...[]int) []int {
	n, nonEmpty := 0, 0
	var only []int
	for _, l := range lists {
		if len(l) > 0 {
			n += len(l)
			nonEmpty++
			only = l
		}
	}
	if nonEmpty <= 1 {
		return only
	}
	out := make([]int, 0, n)
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// foldKey maps s to a key that two strings share whenever strings.EqualFold
// says they are equal: each rune becomes the smallest rune of its simple
// case-folding orbit, which is the equivalence EqualFold tests rune by rune
// (invalid bytes read as utf8.RuneError on both sides).
func foldKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// An ASCII letter's orbit has its upper case as smallest rune.
		return strings.ToUpper(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune is the smallest rune of r's simple case-folding orbit.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}
