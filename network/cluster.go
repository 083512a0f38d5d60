package network

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// auroraEngine reports whether an engine is one of Aurora clusters (RDS API
// CreateDBCluster Engine); the legacy "aurora" is Aurora MySQL 5.6.
func auroraEngine(engine string) bool {
	switch engine {
	case "aurora", "aurora-mysql", "aurora-postgresql":
		return true
	}
	return false
}

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
	return model.TriOf(auroraEngine(strings.ToLower(c.Engine.Value)))
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
	for _, i := range a.ix.db.streamCandidates(c) {
		s := a.ix.m.ActivityStreams[i]
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
		return strings.EqualFold(clusterID(r.Literal), c.Identifier.Value)
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
	for _, k := range a.ix.db.instanceCandidates(c) {
		i := a.ix.m.DBInstances[k]
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
			return oneSubnetGroup(c, r, gs)
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

// oneSubnetGroup picks, among the groups named as the cluster names its
// group, the one it uses. RDS names are unique per account and region, so
// groups in another region than the cluster's are not it (a global
// database's secondary cluster and its VPC module reuse the primary's
// names); when more than one remains, or none, which group the cluster uses
// is not known.
func oneSubnetGroup(c *model.DBCluster, r model.Ref, gs []*model.DBSubnetGroup) (*model.DBSubnetGroup, *model.Unresolved) {
	var same []*model.DBSubnetGroup
	for _, g := range gs {
		if c.Region.Known() && g.Region.Known() && !strings.EqualFold(c.Region.Value, g.Region.Value) {
			continue
		}
		same = append(same, g)
	}
	if len(same) == 1 {
		return same[0], nil
	}
	addrs := make([]string, 0, len(gs))
	for _, g := range gs {
		addrs = append(addrs, g.Address)
	}
	where := "in its region"
	if !c.Region.Known() {
		where = "and its region is not known"
	}
	if len(same) == 0 {
		return nil, &model.Unresolved{Kind: model.FromExternal, Range: r.Range,
			Reason: fmt.Sprintf("%s uses the DB subnet group %q; the groups of that name that daslint reads (%s) are all in other regions, so it is none of them", c.Address, r.Literal, strings.Join(addrs, ", "))}
	}
	return nil, &model.Unresolved{Kind: model.FromExpression, Range: r.Range,
		Reason: fmt.Sprintf("%s uses the DB subnet group %q, a name that %d groups in the scanned code share (%s) %s; daslint cannot tell which one it is", c.Address, r.Literal, len(same), strings.Join(addrs, ", "), where)}
}
