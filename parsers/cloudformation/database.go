package cloudformation

import (
	"github.com/daslint/daslint/model"
)

// dbSubnetGroup: RDS links groups by name. A group without
// DBSubnetGroupName gets a generated name, which only a Ref to it can
// carry: its identity token stands for it.
func dbSubnetGroup(p props, o model.Origin) {
	name := p.str("DBSubnetGroupName")
	if !name.Set && name.Unknown == nil {
		name = model.KnownStr(model.Token(o.Address), o.Range)
	}
	p.model().DBSubnetGroups = append(p.model().DBSubnetGroups,
		&model.DBSubnetGroup{Origin: o, Name: name, Subnets: p.refs("SubnetIds")})
}

func dbCluster(p props, o model.Origin) {
	id := p.str("DBClusterIdentifier")
	if !id.Set && id.Unknown == nil {
		id = model.KnownStr(model.Token(o.Address), o.Range)
	}
	p.model().DBClusters = append(p.model().DBClusters, &model.DBCluster{
		Origin:         o,
		Identifier:     id,
		Engine:         p.str("Engine"),
		EngineVersion:  p.str("EngineVersion"),
		EngineMode:     p.str("EngineMode"),
		SubnetGroup:    p.ref("DBSubnetGroupName"),
		SecurityGroups: p.refs("VpcSecurityGroupIds"),
		NetworkType:    p.str("NetworkType"),
	})
}

// dbInstance: an unset PubliclyAccessible is left to the RDS API, whose
// documentation gives two defaults (docs/semantics.md#where-each-instance-can-be).
func dbInstance(p props, o model.Origin) {
	in := &model.DBInstance{
		Origin:             o,
		Cluster:            p.ref("DBClusterIdentifier"),
		PubliclyAccessible: p.boolean("PubliclyAccessible"),
		AvailabilityZone:   p.str("AvailabilityZone"),
		Engine:             p.str("Engine"),
		InstanceClass:      p.str("DBInstanceClass"),
		SubnetGroup:        p.ref("DBSubnetGroupName"),
	}
	if !in.PubliclyAccessible.Set && in.PubliclyAccessible.Unknown == nil {
		in.PublicDefault = model.PublicDefaultRDSAPI
	}
	p.model().DBInstances = append(p.model().DBInstances, in)
}

// kmsKey: unset KeySpec and KeyUsage are SYMMETRIC_DEFAULT and
// ENCRYPT_DECRYPT (AWS::KMS::Key reference); a template's key lives in the
// stack's region, so its Region is left unset.
func kmsKey(p props, o model.Origin) {
	p.model().KMSKeys = append(p.model().KMSKeys, &model.KMSKey{
		Origin:      o,
		KeySpec:     p.str("KeySpec"),
		KeyUsage:    p.str("KeyUsage"),
		MultiRegion: p.boolean("MultiRegion"),
	})
}

func kmsAlias(p props, o model.Origin) {
	p.model().KMSAliases = append(p.model().KMSAliases, &model.KMSAlias{
		Origin:    o,
		Name:      p.str("AliasName"),
		TargetKey: p.ref("TargetKeyId"),
	})
}
