package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

func TestDBSubnetGroup(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_db_subnet_group.named", attrs{"name": cty.StringVal("Catalog"), "subnet_ids": cty.ListVal([]cty.Value{tok("aws_subnet.a"), tok("aws_subnet.b")})}),
		resource("aws_db_subnet_group.generated", attrs{"name_prefix": cty.StringVal("db-"), "subnet_ids": unknownOf(cty.List(cty.String), dataAZ)}),
	)
	want := []*model.DBSubnetGroup{
		{Origin: org("aws_db_subnet_group.named"), Name: known("Catalog"), Subnets: keys("aws_subnet.a", "aws_subnet.b"), Region: known("eu-west-1")},
		// A generated name is the group's own: its identity token.
		{Origin: org("aws_db_subnet_group.generated"), Name: known(model.Token("aws_db_subnet_group.generated")),
			Subnets: model.Refs{Set: true, Incomplete: dataAZ}, Region: known("eu-west-1")},
	}
	if d := diff(want, m.DBSubnetGroups); d != "" {
		t.Errorf("subnet groups (-want +got):\n%s", d)
	}
}

func TestDBCluster(t *testing.T) {
	tests := []struct {
		name string
		in   attrs
		want *model.DBCluster
	}{
		{"subnet group by identity", attrs{"engine": cty.StringVal("aurora-mysql"), "cluster_identifier": cty.StringVal("main"),
			"db_subnet_group_name": tok("aws_db_subnet_group.db"), "vpc_security_group_ids": cty.SetVal([]cty.Value{tok("aws_security_group.db")})},
			&model.DBCluster{Origin: org("aws_rds_cluster.main"), Identifier: known("main"), Engine: known("aurora-mysql"),
				SubnetGroup: key("aws_db_subnet_group.db"), SecurityGroups: keys("aws_security_group.db"), Region: known("eu-west-1")}},
		{"subnet group by name, identifier generated", attrs{"engine": cty.StringVal("aurora-postgresql"), "db_subnet_group_name": cty.StringVal("catalog")},
			&model.DBCluster{Origin: org("aws_rds_cluster.main"), Identifier: known(model.Token("aws_rds_cluster.main")), Engine: known("aurora-postgresql"),
				SubnetGroup: lit("catalog"), Region: known("eu-west-1")}},
		{"empty security groups are none: the VPC default", attrs{"cluster_identifier": cty.StringVal("main"), "vpc_security_group_ids": cty.ListValEmpty(cty.String)},
			&model.DBCluster{Origin: org("aws_rds_cluster.main"), Identifier: known("main"), Region: known("eu-west-1")}},
		{"no subnet group: default VPC", attrs{"cluster_identifier": cty.StringVal("main")},
			&model.DBCluster{Origin: org("aws_rds_cluster.main"), Identifier: known("main"), Region: known("eu-west-1")}},
		{"engine version and mode, for the advisory rules", attrs{"cluster_identifier": cty.StringVal("main"), "engine": cty.StringVal("aurora-mysql"),
			"engine_version": cty.StringVal("5.7.mysql_aurora.2.10.2"), "engine_mode": cty.StringVal("serverless")},
			&model.DBCluster{Origin: org("aws_rds_cluster.main"), Identifier: known("main"), Engine: known("aurora-mysql"),
				EngineVersion: known("5.7.mysql_aurora.2.10.2"), EngineMode: known("serverless"), Region: known("eu-west-1")}},
		{"unknown engine version stays unknown", attrs{"cluster_identifier": cty.StringVal("main"), "engine_version": unknownOf(cty.String, varVPC)},
			&model.DBCluster{Origin: org("aws_rds_cluster.main"), Identifier: known("main"), EngineVersion: model.Str{Unknown: varVPC}, Region: known("eu-west-1")}},
		{"network type", attrs{"cluster_identifier": cty.StringVal("main"), "network_type": cty.StringVal("DUAL")},
			&model.DBCluster{Origin: org("aws_rds_cluster.main"), Identifier: known("main"), Region: known("eu-west-1"), NetworkType: known("DUAL")}},
		{"unknown identifier stays unknown", attrs{"cluster_identifier": unknownOf(cty.String, varVPC)},
			&model.DBCluster{Origin: org("aws_rds_cluster.main"), Identifier: model.Str{Unknown: varVPC}, Region: known("eu-west-1")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := translateAll(t, resource("aws_rds_cluster.main", tc.in))
			if d := diff(tc.want, only(t, "clusters", m.DBClusters)); d != "" {
				t.Errorf("cluster (-want +got):\n%s", d)
			}
		})
	}
}

func TestDBInstance(t *testing.T) {
	tests := []struct {
		name  string
		in    attrs
		want  *model.DBInstance
		warns int
	}{
		{"publicly_accessible unset is false by the provider", attrs{"cluster_identifier": tok("aws_rds_cluster.main"), "engine": cty.StringVal("aurora-mysql")},
			&model.DBInstance{Origin: org("aws_rds_cluster_instance.a"), Cluster: key("aws_rds_cluster.main"), PublicDefault: model.PublicDefaultFalse,
				Engine: known("aurora-mysql")}, 0},
		{"literal identifier, zone and subnet group", attrs{"cluster_identifier": cty.StringVal("main"), "publicly_accessible": cty.True,
			"availability_zone": cty.StringVal("eu-west-1a"), "db_subnet_group_name": cty.StringVal("catalog")},
			&model.DBInstance{Origin: org("aws_rds_cluster_instance.a"), Cluster: lit("main"), PubliclyAccessible: knownBool(true),
				AvailabilityZone: known("eu-west-1a"), SubnetGroup: lit("catalog")}, 0},
		{"instance class", attrs{"cluster_identifier": tok("aws_rds_cluster.main"), "instance_class": cty.StringVal("db.serverless")},
			&model.DBInstance{Origin: org("aws_rds_cluster_instance.a"), Cluster: key("aws_rds_cluster.main"), InstanceClass: known("db.serverless")}, 0},
		{"publicly_accessible maybe warns and is unknown", attrs{"cluster_identifier": tok("aws_rds_cluster.main"), "publicly_accessible": cty.StringVal("maybe")},
			&model.DBInstance{Origin: org("aws_rds_cluster_instance.a"), Cluster: key("aws_rds_cluster.main"),
				PubliclyAccessible: model.Bool{Unknown: &model.Unresolved{Kind: model.FromExpression, Reason: "publicly_accessible of aws_rds_cluster_instance.a is not a valid bool"}}}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := translateAll(t, resource("aws_rds_cluster_instance.a", tc.in))
			if d := diff(tc.want, only(t, "instances", m.DBInstances)); d != "" {
				t.Errorf("instance (-want +got):\n%s", d)
			}
			if len(ds) != tc.warns {
				t.Errorf("got %d diagnostics %v, want %d", len(ds), ds, tc.warns)
			}
		})
	}
}

func TestActivityStream(t *testing.T) {
	cluster := model.Token("module.db.aws_rds_cluster.this[0]")
	tests := []struct {
		name string
		arn  cty.Value
		want model.Ref
	}{
		{"the cluster's token", cty.StringVal(cluster), key("module.db.aws_rds_cluster.this[0]")},
		{"an ARN built around the cluster's token", cty.StringVal("arn:aws:rds:eu-west-1:123456789012:cluster:" + cluster),
			key("module.db.aws_rds_cluster.this[0]")},
		{"an ARN with another token beside the cluster's", cty.StringVal("arn:" + model.Token("aws_thing.partition") + ":rds:eu-west-1:1:cluster:" + cluster),
			key("module.db.aws_rds_cluster.this[0]")},
		{"a literal ARN stays whole (its account and region name the cluster)", cty.StringVal("arn:aws:rds:eu-west-1:123456789012:cluster:main"), lit("arn:aws:rds:eu-west-1:123456789012:cluster:main")},
		{"a literal that is no cluster ARN", cty.StringVal("main"), lit("main")},
		{"unknown", unknownOf(cty.String, varVPC), model.Ref{Unknown: varVPC}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := translateAll(t, resource("aws_rds_cluster_activity_stream.das", attrs{"resource_arn": tc.arn, "mode": cty.StringVal("async"),
				"kms_key_id": tok("aws_kms_key.das")}))
			want := &model.ActivityStream{Origin: org("aws_rds_cluster_activity_stream.das"), Cluster: tc.want, Evidence: "aws_rds_cluster_activity_stream",
				Mode:   known("async"),
				KMSKey: key("aws_kms_key.das")}
			if d := diff(want, only(t, "activity streams", m.ActivityStreams)); d != "" {
				t.Errorf("activity stream (-want +got):\n%s", d)
			}
		})
	}
}

// TestActivityStreamKMSKey: kms_key_id links a declared key by identity
// (its key_id and arn share a token) and keeps a literal as written.
func TestActivityStreamKMSKey(t *testing.T) {
	arn := "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	tests := []struct {
		name string
		key  cty.Value
		want model.Ref
	}{
		{"a declared key", cty.StringVal(model.Token("aws_kms_key.das")), key("aws_kms_key.das")},
		{"a literal key ARN", cty.StringVal(arn), lit(arn)},
		{"an alias", cty.StringVal("alias/das"), lit("alias/das")},
		{"unknown", unknownOf(cty.String, varVPC), model.Ref{Unknown: varVPC}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := translateAll(t, resource("aws_rds_cluster_activity_stream.das", attrs{"resource_arn": tok("aws_rds_cluster.main"), "mode": cty.StringVal("async"),
				"kms_key_id": tc.key}))
			if d := diff(tc.want, only(t, "activity streams", m.ActivityStreams).KMSKey); d != "" {
				t.Errorf("kms key (-want +got):\n%s", d)
			}
		})
	}
}

func TestKMSKey(t *testing.T) {
	tests := []struct {
		name string
		in   attrs
		want *model.KMSKey
	}{
		{"defaults are left unset", attrs{"description": cty.StringVal("DAS")},
			&model.KMSKey{Origin: org("aws_kms_key.das"), Region: known("eu-west-1")}},
		{"spec, usage and multi-Region", attrs{"customer_master_key_spec": cty.StringVal("HMAC_256"), "key_usage": cty.StringVal("GENERATE_VERIFY_MAC"), "multi_region": cty.True},
			&model.KMSKey{Origin: org("aws_kms_key.das"), KeySpec: known("HMAC_256"), KeyUsage: known("GENERATE_VERIFY_MAC"),
				MultiRegion: model.KnownBool(true, model.Range{}), Region: known("eu-west-1")}},
		{"unknown spec", attrs{"customer_master_key_spec": unknownOf(cty.String, varVPC)},
			&model.KMSKey{Origin: org("aws_kms_key.das"), KeySpec: model.Str{Unknown: varVPC}, Region: known("eu-west-1")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := translateAll(t, resource("aws_kms_key.das", tc.in))
			if d := diff(tc.want, only(t, "KMS keys", m.KMSKeys)); d != "" {
				t.Errorf("KMS key (-want +got):\n%s", d)
			}
		})
	}
}

func TestResourceType(t *testing.T) {
	tests := map[string]string{
		"aws_rds_cluster.main":                         "aws_rds_cluster",
		"aws_rds_cluster.main[0]":                      "aws_rds_cluster",
		`module.db["a.b"].aws_rds_cluster.this["x.y"]`: "aws_rds_cluster",
		"module.a.module.b[0].aws_subnet.s[?]":         "aws_subnet",
		"data.aws_region.current":                      "",
		"module.only":                                  "",
	}
	for addr, want := range tests {
		if got := resourceType(addr); got != want {
			t.Errorf("resourceType(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestKMSAlias(t *testing.T) {
	m, _ := translateAll(t,
		resource("aws_kms_alias.named", attrs{"name": cty.StringVal("alias/das"), "target_key_id": tok("aws_kms_key.das")}),
		resource("aws_kms_alias.generated", attrs{"name_prefix": cty.StringVal("alias/das-"), "target_key_id": cty.StringVal("1234abcd")}),
	)
	want := []*model.KMSAlias{
		{Origin: org("aws_kms_alias.named"), Name: known("alias/das"), TargetKey: key("aws_kms_key.das")},
		{Origin: org("aws_kms_alias.generated"), Name: known(model.Token("aws_kms_alias.generated")), TargetKey: lit("1234abcd")},
	}
	if d := diff(want, m.KMSAliases); d != "" {
		t.Errorf("KMS aliases (-want +got):\n%s", d)
	}
}
