package terraform

import (
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// generatedName is the name of a resource whose name AWS or the provider
// generates (name unset, or name_prefix): it cannot be known offline, but it
// is the resource's own, so it is the resource's identity token, which is
// also what eval gives for a reference to that name.
func (t *translator) generatedName(in *eval.Instance, f *fields, attr string) model.Str {
	s := f.str(attr)
	if s.Set || s.Unknown != nil {
		return s
	}
	return model.KnownStr(model.Token(in.Address), s.Range)
}

// dbSubnetGroup translates aws_db_subnet_group.
func (t *translator) dbSubnetGroup(in *eval.Instance) {
	f := t.fields(in)
	t.m.DBSubnetGroups = append(t.m.DBSubnetGroups, &model.DBSubnetGroup{
		Origin:  t.origin(in),
		Name:    t.generatedName(in, f, "name"),
		Subnets: f.refs("subnet_ids"),
		Region:  t.region(in),
	})
}

// dbCluster translates aws_rds_cluster. db_subnet_group_name links by
// identity when it is a token and by name when it is a literal (RDS links
// by name, docs/semantics.md#computed-ids-and-names).
func (t *translator) dbCluster(in *eval.Instance) {
	f := t.fields(in)
	t.m.DBClusters = append(t.m.DBClusters, &model.DBCluster{
		Origin:         t.origin(in),
		Identifier:     t.generatedName(in, f, "cluster_identifier"),
		Engine:         f.str("engine"),
		EngineVersion:  f.str("engine_version"),
		EngineMode:     f.str("engine_mode"),
		SubnetGroup:    f.ref("db_subnet_group_name"),
		SecurityGroups: f.securityGroups("vpc_security_group_ids"),
		Region:         t.region(in),
		NetworkType:    f.str("network_type"),
	})
}

// dbInstance translates aws_rds_cluster_instance. An unset
// publicly_accessible is false: the provider always sends the argument
// (default false), so the RDS API default never applies (docs/semantics.md#where-each-instance-can-be).
func (t *translator) dbInstance(in *eval.Instance) {
	f := t.fields(in)
	t.m.DBInstances = append(t.m.DBInstances, &model.DBInstance{
		Origin:             t.origin(in),
		Cluster:            f.ref("cluster_identifier"),
		PubliclyAccessible: f.boolean("publicly_accessible"),
		PublicDefault:      model.PublicDefaultFalse,
		AvailabilityZone:   f.zone("availability_zone"),
		Engine:             f.str("engine"),
		InstanceClass:      f.str("instance_class"),
		SubnetGroup:        f.ref("db_subnet_group_name"),
	})
}

// activityStream translates aws_rds_cluster_activity_stream. Its
// resource_arn is the cluster's arn: the cluster's token, or a string built
// around it, or a literal ARN whose last part is the cluster identifier.
func (t *translator) activityStream(in *eval.Instance) {
	f := t.fields(in)
	t.m.ActivityStreams = append(t.m.ActivityStreams, &model.ActivityStream{
		Origin:   t.origin(in),
		Cluster:  t.clusterOfARN(f.str("resource_arn")),
		Evidence: in.Type,
		Mode:     f.str("mode"),
		KMSKey:   f.kmsKeyRef("kms_key_id"),
	})
}

// clusterOfARN links the cluster that an ARN names.
func (t *translator) clusterOfARN(arn model.Str) model.Ref {
	if !arn.Known() {
		return t.refOf(arn)
	}
	tokens := model.Tokens(arn.Value)
	switch {
	case len(tokens) == 1:
		return model.Ref{Key: tokens[0], Range: arn.Range, Maybe: t.maybeOf(tokens[0])}
	case len(tokens) > 1:
		// A built ARN may hold other tokens (a partition or account from a
		// resource); the cluster is the one token of an aws_rds_cluster.
		var found []string
		for _, a := range tokens {
			if resourceType(a) == "aws_rds_cluster" {
				found = append(found, a)
			}
		}
		if len(found) == 1 {
			return model.Ref{Key: found[0], Range: arn.Range, Maybe: t.maybeOf(found[0])}
		}
		return model.Ref{Range: arn.Range, Unknown: &model.Unresolved{
			Kind:   model.FromExpression,
			Reason: "resource_arn refers to several resources: " + strings.Join(tokens, ", "),
			Range:  arn.Range,
		}}
	}
	// arn:PARTITION:rds:REGION:ACCOUNT:cluster:IDENTIFIER stays whole: the
	// network compares its identifier with the clusters of the code, and a
	// source of real objects joins only the cluster with exactly that ARN,
	// never one of another account or region that shares the identifier.
	return model.Ref{Literal: arn.Value, Range: arn.Range}
}

// kmsKeyRef reads a key identifier (a stream's kms_key_id). One built
// around unknown parts (an alias ARN assembled from data.aws_partition and
// data.aws_caller_identity) keeps its known parts, each unknown part
// replaced by model.UnknownPart, so that DAS102 can still read what the
// known parts say (alias/aws/rds).
func (f *fields) kmsKeyRef(name string) model.Ref {
	r := f.ref(name)
	a := f.attr(name)
	if r.Unknown == nil || a == nil || a.Partial == "" {
		return r
	}
	return model.Ref{Literal: strings.ReplaceAll(a.Partial, eval.UnknownRegion, model.UnknownPart), Range: r.Range}
}

// kmsKey translates aws_kms_key and aws_kms_external_key (which has no
// key spec: its imported material is a symmetric encryption key). Unset
// spec and usage are the provider's defaults, SYMMETRIC_DEFAULT and
// ENCRYPT_DECRYPT, which the model leaves unset.
func (t *translator) kmsKey(in *eval.Instance) {
	f := t.fields(in)
	t.m.KMSKeys = append(t.m.KMSKeys, &model.KMSKey{
		Origin:      t.origin(in),
		KeySpec:     f.str("customer_master_key_spec"),
		KeyUsage:    f.str("key_usage"),
		MultiRegion: f.boolean("multi_region"),
		Region:      t.region(in),
	})
}

// kmsAlias translates aws_kms_alias; a name_prefix name is generated, so
// the alias's own token.
func (t *translator) kmsAlias(in *eval.Instance) {
	f := t.fields(in)
	t.m.KMSAliases = append(t.m.KMSAliases, &model.KMSAlias{
		Origin:    t.origin(in),
		Name:      t.generatedName(in, f, "name"),
		TargetKey: f.ref("target_key_id"),
	})
}
