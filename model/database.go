package model

// DBSubnetGroup is an aws_db_subnet_group / AWS::RDS::DBSubnetGroup.
type DBSubnetGroup struct {
	Origin
	// Name is the group's name, through which RDS links it (case-insensitively).
	Name    Str
	Subnets Refs
	// Region is where the group lives, when known (provider region,
	// resource `region` argument, --region): RDS names are unique only
	// within a region.
	Region Str
}

// DBCluster is an aws_rds_cluster / AWS::RDS::DBCluster.
type DBCluster struct {
	Origin
	// Identifier is the cluster identifier, through which instances may link it.
	Identifier Str
	Engine     Str
	// EngineVersion is the engine version as written: a full version
	// ("8.0.mysql_aurora.3.05.2", "15.4") or a prefix that the provider
	// accepts ("8.0"); unset leaves it to AWS.
	EngineVersion Str
	// EngineMode is "provisioned" (the default), "serverless" (Aurora
	// Serverless v1), "parallelquery", "global" or "multimaster".
	EngineMode Str
	// SubnetGroup links by identity or by name; unset means the default VPC.
	SubnetGroup Ref
	// SecurityGroups, when unset, is the VPC's default security group.
	SecurityGroups Refs
	// Region is where the cluster lives, when known; a subnet group named
	// by the cluster is looked up in that region.
	Region Str
	// NetworkType is "IPV4" (the default when unset) or "DUAL" (dual-stack:
	// its instances have IPv6 addresses too).
	NetworkType Str
}

// PublicDefault says how to read an unset PubliclyAccessible.
type PublicDefault uint8

// The ways an unset PubliclyAccessible is read.
const (
	// PublicDefaultFalse: unset means private (Terraform's provider always
	// sends false).
	PublicDefaultFalse PublicDefault = iota
	// PublicDefaultRDSAPI: unset leaves it to the RDS API, which documents two
	// defaults (docs/semantics.md#where-each-instance-can-be); the analysis evaluates both.
	PublicDefaultRDSAPI
)

// DBInstance is an aws_rds_cluster_instance / AWS::RDS::DBInstance.
type DBInstance struct {
	Origin
	// Cluster links by identity or by cluster identifier.
	Cluster            Ref
	PubliclyAccessible Bool
	PublicDefault      PublicDefault
	AvailabilityZone   Str
	Engine             Str
	// InstanceClass is the DB instance class ("db.r6g.large",
	// "db.serverless" for Aurora Serverless v2).
	InstanceClass Str
	// SubnetGroup is the instance's own DB subnet group, if given; Aurora
	// instances use their cluster's.
	SubnetGroup Ref
}

// ActivityStream says that a cluster has a database activity stream:
// aws_rds_cluster_activity_stream, or in CloudFormation a custom resource or
// daslint metadata (docs/semantics.md#when-a-cluster-has-an-activity-stream).
type ActivityStream struct {
	Origin
	Cluster Ref
	// Evidence says how the stream was detected, for the report.
	Evidence string
	// Mode is the stream's mode as StartActivityStream takes it ("sync" or
	// "async"); unset when the source does not say.
	Mode Str
	// KMSKey is the stream's KMS key: a declared key by identity, or a
	// literal key ID, key ARN, alias name or alias ARN.
	KMSKey Ref
}

// KMSKey is an aws_kms_key / AWS::KMS::Key.
type KMSKey struct {
	Origin
}
