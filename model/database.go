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

	// KMSKey is the key the stream encrypts with: a link by identity to a
	// declared KMSKey (or to what the code refers to through its arn or
	// key_id), else the identifier as written (a key ID, key ARN, alias
	// name or alias ARN, as StartActivityStream's KmsKeyId takes it). An
	// identifier built around unknown parts keeps its known parts, each
	// unknown part replaced by UnknownPart. Unset when the code does not
	// say (a CloudFormation custom resource without a KmsKey property).
	KMSKey Ref
}

// UnknownPart stands for an unknown part of a string whose other parts are
// known (`arn:${data.aws_partition.p.partition}:kms:...:alias/aws/rds`). It
// is not an address: no object is ever declared with it.
const UnknownPart = tokenOpen + "?" + tokenClose

// KMSKey is an aws_kms_key / AWS::KMS::Key: what DAS102 needs to know of
// the key a stream encrypts with.
type KMSKey struct {
	Origin
	// KeySpec is customer_master_key_spec / KeySpec; unset means
	// SYMMETRIC_DEFAULT, the symmetric encryption key.
	KeySpec Str
	// KeyUsage is key_usage / KeyUsage; unset means ENCRYPT_DECRYPT.
	KeyUsage Str
	// MultiRegion is multi_region / MultiRegion (a key whose ID starts
	// with mrk-).
	MultiRegion Bool
	// Region is where the key is created, when known (the provider's
	// region for Terraform); unset when it is the model's own.
	Region Str
}

// KMSAlias is an aws_kms_alias / AWS::KMS::Alias: a name for a key, which
// a stream may be started with (DAS102 follows it to the key).
type KMSAlias struct {
	Origin
	// Name is the alias name ("alias/das").
	Name Str
	// TargetKey is the key the alias names.
	TargetKey Ref
}
