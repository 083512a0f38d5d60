package network

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// auroraEngines are the engines of Aurora clusters (RDS API
// CreateDBCluster Engine); the legacy "aurora" is Aurora MySQL 5.6.
var auroraEngines = map[string]bool{"aurora": true, "aurora-mysql": true, "aurora-postgresql": true}

// isAurora says whether a cluster is Aurora. An unset engine is read as
// Aurora: the AWS provider defaulted engine to "aurora". An unknown engine
// may be Aurora: the cluster is checked, since skipping it could hide a
// broken stream.
func isAurora(c *model.DBCluster) model.Tri {
	switch {
	case c.Engine.Unknown != nil:
		return model.Unknown
	case !c.Engine.Set:
		return model.True
	}
	return model.TriOf(auroraEngines[strings.ToLower(c.Engine.Value)])
}

// streamOf returns the activity stream of a cluster: one whose cluster ref
// names it by identity, or by cluster identifier or ARN, case-insensitively
// as RDS compares identifiers. When no stream certainly belongs to the
// cluster, it returns a stream that may (its ref is unknown, it names an
// identifier while the cluster's is unknown, or the stream itself may not
// exist) together with the reason it is uncertain.
func (a *analyzer) streamOf(c *model.DBCluster) (*model.ActivityStream, *model.Unresolved) {
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

// streamTargets says whether a stream's cluster ref names c, and when that
// is unknown, why.
func (a *analyzer) streamTargets(r model.Ref, c *model.DBCluster) (model.Tri, *model.Unresolved) {
	switch {
	case r.Key != "":
		return model.TriOf(r.Key == c.Address), nil
	case r.Literal != "" && c.Identifier.Unknown != nil:
		return model.Unknown, c.Identifier.Unknown
	case r.Literal != "":
		return model.TriOf(a.refersToCluster(r, c)), nil
	case r.Unknown != nil:
		return model.Unknown, r.Unknown
	}
	return model.False, nil
}

// refersToCluster says whether a ref names c by identity, or by cluster
// identifier or ARN, case-insensitively as RDS compares identifiers.
func (a *analyzer) refersToCluster(r model.Ref, c *model.DBCluster) bool {
	switch {
	case r.Key != "":
		return r.Key == c.Address
	case r.Literal != "" && c.Identifier.Known():
		id := r.Literal
		if i := strings.LastIndex(id, ":cluster:"); i >= 0 {
			id = id[i+len(":cluster:"):]
		}
		return strings.EqualFold(id, c.Identifier.Value)
	}
	return false
}

// member is an instance of a cluster, or an instance that may be one.
type member struct {
	inst  *model.DBInstance
	maybe *model.Unresolved
}

// instancesOf returns the cluster's instances. An instance whose cluster
// ref is unknown may belong to any cluster.
func (a *analyzer) instancesOf(c *model.DBCluster) []member {
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

// subnetGroupOf resolves the cluster's DB subnet group, by identity or by
// name (case-insensitively, as RDS does). None, or the group named
// "default", means the default VPC, which is not in the scanned code.
func (a *analyzer) subnetGroupOf(c *model.DBCluster) (*model.DBSubnetGroup, *model.Unresolved) {
	r := c.SubnetGroup
	switch {
	case !r.IsSet():
		return nil, &model.Unresolved{Kind: model.FromExternal,
			Reason: c.Address + " names no DB subnet group, so it lands in the default VPC, which is not in the scanned code", Range: c.Range}
	case r.Literal != "":
		if strings.EqualFold(r.Literal, "default") {
			return nil, &model.Unresolved{Kind: model.FromExternal,
				Reason: c.Address + " uses the DB subnet group \"default\", which is in the default VPC, not in the scanned code", Range: r.Range}
		}
		if gs := a.ix.subnetGroups[strings.ToLower(r.Literal)]; len(gs) > 0 {
			return gs[0], nil
		}
	}
	o, u := a.ix.resolve(r, "DB subnet group")
	if g, ok := o.(*model.DBSubnetGroup); ok {
		return g, nil
	}
	if u == nil {
		u = &model.Unresolved{Kind: model.FromExpression, Reason: fmt.Sprintf("%s does not name a DB subnet group", r.Key), Range: r.Range}
	}
	return nil, u
}
