package awsfacts

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// The RDS shapes, as botocore's rds service model defines them
// (DBSubnetGroup, DBCluster, DBInstance). RDS names its objects by
// user-chosen identifiers in separate namespaces (a cluster and an instance
// may share one); a cluster's address is its identifier, an instance's its
// identifier unless a cluster has it, then its ARN resource form "db:ID";
// a DB subnet group's is its ARN resource form "subgrp:NAME". Links to a
// subnet group go by name, as RDS links them.

func (s *Snapshot) dbSubnetGroup(n node) {
	name := n.get("DBSubnetGroupName").text()
	if name == "" {
		return
	}
	o, ok := s.dbOrigin("subgrp:"+strings.ToLower(name), "aws rds describe-db-subnet-groups", n)
	if !ok {
		return
	}
	g := &model.DBSubnetGroup{Origin: o, Name: n.get("DBSubnetGroupName").str(), Region: s.noteRegion(n.get("DBSubnetGroupArn"))}
	g.Subnets = refList(n.get("Subnets"), func(x node) node { return x.get("SubnetIdentifier") })
	s.m.DBSubnetGroups = append(s.m.DBSubnetGroups, g)
}

func (s *Snapshot) dbCluster(n node) {
	id := n.get("DBClusterIdentifier").text()
	o, ok := s.dbOrigin(id, "aws rds describe-db-clusters", n)
	if !ok {
		return
	}
	c := &model.DBCluster{Origin: o, Identifier: n.get("DBClusterIdentifier").str(), Engine: n.get("Engine").str(),
		EngineVersion: n.get("EngineVersion").str(), EngineMode: n.get("EngineMode").str(),
		SubnetGroup: n.get("DBSubnetGroup").ref(), Region: s.noteRegion(n.get("DBClusterArn")),
		NetworkType: n.get("NetworkType").str()}
	c.SecurityGroups = refList(n.get("VpcSecurityGroups"), func(x node) node { return x.get("VpcSecurityGroupId") })
	s.m.DBClusters = append(s.m.DBClusters, c)
	s.streams = append(s.streams, streamFact{cluster: c, status: n.get("ActivityStreamStatus"), mode: n.get("ActivityStreamMode"),
		kmsKey: n.get("ActivityStreamKmsKeyId")})
}

func (s *Snapshot) dbInstance(n node) {
	id := n.get("DBInstanceIdentifier").text()
	addr := id
	if s.dbIDs[id] {
		addr = "db:" + id
	}
	o, ok := s.dbOrigin(addr, "aws rds describe-db-instances", n)
	if !ok {
		return
	}
	in := &model.DBInstance{Origin: o, PubliclyAccessible: n.get("PubliclyAccessible").boolean(),
		AvailabilityZone: n.get("AvailabilityZone").str(), Engine: n.get("Engine").str(),
		InstanceClass: n.get("DBInstanceClass").str(), Cluster: n.get("DBClusterIdentifier").ref()}
	if !in.Cluster.IsSet() {
		in.SubnetGroup = n.get("DBSubnetGroup").get("DBSubnetGroupName").ref()
	}
	s.m.DBInstances = append(s.m.DBInstances, in)
}

// dbOrigin names an RDS object; the same object exported twice is read
// once.
func (s *Snapshot) dbOrigin(addr, typ string, n node) (model.Origin, bool) {
	if addr == "" || s.dbIDs[addr] {
		return model.Origin{}, false
	}
	s.dbIDs[addr] = true
	r := n.rng()
	r.EndLine = endLine(n)
	return model.Origin{Address: addr, Type: typ, Range: r}, true
}

// streamFact is a cluster's ActivityStreamStatus and ActivityStreamMode.
type streamFact struct {
	cluster *model.DBCluster
	status  node
	mode    node
	// kmsKey is the cluster's ActivityStreamKmsKeyId.
	kmsKey node
}

// linkClusters makes each instance's cluster identifier a link by
// identity when the snapshot holds the cluster (identifiers compare
// case-insensitively, as RDS stores them in lower case).
func (s *Snapshot) linkClusters() {
	byID := map[string]*model.DBCluster{}
	for _, c := range s.m.DBClusters {
		byID[strings.ToLower(c.Identifier.Value)] = c
	}
	for _, in := range s.m.DBInstances {
		if c := byID[strings.ToLower(in.Cluster.Literal)]; c != nil {
			in.Cluster = model.Ref{Key: c.Address, Range: in.Cluster.Range}
		}
	}
}

// addStreams gives every cluster whose activity stream is started or
// starting an activity stream (docs/semantics.md#sources-of-one-run: a live-account audit).
func (s *Snapshot) addStreams() {
	for _, f := range s.streams {
		st := f.status.text()
		if st != "started" && st != "starting" {
			continue
		}
		c := f.cluster
		s.m.ActivityStreams = append(s.m.ActivityStreams, &model.ActivityStream{
			Origin:   model.Origin{Address: c.Address + "#activity-stream", Type: "ActivityStreamStatus", Range: f.status.rng()},
			Cluster:  model.Ref{Key: c.Address, Range: f.status.rng()},
			Evidence: fmt.Sprintf("ActivityStreamStatus is %q", st),
			Mode:     f.mode.str(),
			KMSKey:   f.kmsKey.ref(),
		})
	}
}

// ClusterIDs maps the identifier and the ARN of each DB cluster of the
// snapshot to its address, so that a literal in another root's code (a
// stream's resource_arn, a custom resource's cluster identifier) can name
// it (docs/semantics.md#literal-ids-and-names). Of a cluster exported twice, only the object read is
// named: an ARN of the other copy (another region or account) names
// nothing.
func (s *Snapshot) ClusterIDs() map[string]string {
	out := map[string]string{}
	for _, n := range s.items[DBClusters] {
		id := n.get("DBClusterIdentifier").text()
		if id == "" || out[id] != "" {
			continue
		}
		out[id] = id
		if arn := n.get("DBClusterArn").text(); arn != "" {
			out[arn] = id
		}
	}
	return out
}
