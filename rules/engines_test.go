package rules

import (
	"slices"
	"testing"

	"github.com/daslint/daslint/model"
)

func TestMySQLVersionUnsupported(t *testing.T) {
	tests := []struct {
		version     string
		unsupported bool
	}{
		{"8.0.mysql_aurora.3.05.2", false},
		{"8.0.mysql_aurora.3.01.0", false},
		{"8.0", false}, // every version 3 supports streams
		{"5.7.mysql_aurora.2.11.2", false},
		{"5.7.mysql_aurora.2.12.0", false},
		{"5.7.mysql_aurora.2.10.2", true},
		{"5.7.mysql_aurora.2.07.9", true},
		{"5.7.mysql_aurora.2.10", true},   // every 2.10.x
		{"5.7.mysql_aurora.2.1", false},   // 2.10, 2.11 or 2.12: not known
		{"5.7.mysql_aurora.2", false},     // any version 2: not known
		{"5.7", false},                    // any version 2: not known
		{"5.7.12", true},                  // 2.01-2.03
		{"5.6.10a", true},                 // version 1
		{"5.6.mysql_aurora.1.22.2", true}, // version 1
		{"5.6", true},
		{"8.4.mysql_aurora.4.0.0", false},  // not in the table daslint knows: silent
		{"5.7.mysql_aurora.3.05.2", false}, // inconsistent: silent
		{"15.4", false},                    // not MySQL
		{"", false},
		{"5.7.mysql_aurora.x.11", false},
	}
	for _, tc := range tests {
		if got := mysqlVersionUnsupported(tc.version) != ""; got != tc.unsupported {
			t.Errorf("mysqlVersionUnsupported(%q) = %v, want %v", tc.version, got, tc.unsupported)
		}
	}
}

func TestClassUnsupported(t *testing.T) {
	tests := []struct {
		class       string
		unsupported bool
	}{
		{"db.serverless", true},
		{"db.t3.medium", true},
		{"db.t4g.large", true},
		{"db.t2.small", true},
		{"db.r6g.large", false},
		{"db.r8g.2xlarge", false},
		{"db.x2g.xlarge", false},
		{"db.r5.large", false},
		{"db.m5.large", false}, // not in the list, but not ruled out for good either
		{"db.test", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := classUnsupported(tc.class) != ""; got != tc.unsupported {
			t.Errorf("classUnsupported(%q) = %v, want %v", tc.class, got, tc.unsupported)
		}
	}
}

func TestClusterUnsupported(t *testing.T) {
	unknown := &model.Unresolved{Kind: model.FromVariable, Reason: "var.x has no value"}
	tests := []struct {
		name    string
		cluster model.DBCluster
		want    []string // the attributes reported
	}{
		{"Serverless v1", model.DBCluster{Engine: knownStr("aurora-postgresql"), EngineMode: knownStr("serverless")}, []string{"engine_mode"}},
		{"provisioned", model.DBCluster{Engine: knownStr("aurora-mysql"), EngineMode: knownStr("provisioned")}, nil},
		{"unknown mode", model.DBCluster{Engine: knownStr("aurora-mysql"), EngineMode: model.Str{Unknown: unknown}}, nil},
		{"legacy engine without a version is version 1", model.DBCluster{Engine: knownStr("aurora")}, []string{"engine"}},
		{"legacy engine, unknown version: still version 1, but said once the version is known",
			model.DBCluster{Engine: knownStr("aurora"), EngineVersion: model.Str{Unknown: unknown}}, nil},
		{"aurora-mysql without a version: AWS picks a supported one", model.DBCluster{Engine: knownStr("aurora-mysql")}, nil},
		{"old version 2", model.DBCluster{Engine: knownStr("aurora-mysql"), EngineVersion: knownStr("5.7.mysql_aurora.2.09.2")}, []string{"engine_version"}},
		{"a MySQL version on a PostgreSQL cluster is not judged", model.DBCluster{Engine: knownStr("aurora-postgresql"), EngineVersion: knownStr("5.7.12")}, nil},
		{"unknown engine", model.DBCluster{Engine: model.Str{Unknown: unknown}, EngineVersion: knownStr("5.7.12")}, nil},
		{"a China Region", model.DBCluster{Engine: knownStr("aurora-postgresql"), Region: knownStr("cn-north-1")}, []string{"region"}},
		{"a Region with streams", model.DBCluster{Engine: knownStr("aurora-postgresql"), Region: knownStr("eu-west-1")}, nil},
		{"an unknown Region", model.DBCluster{Engine: knownStr("aurora-postgresql"), Region: model.Str{Unknown: unknown}}, nil},
		{"both", model.DBCluster{Engine: knownStr("aurora-mysql"), EngineMode: knownStr("serverless"), EngineVersion: knownStr("5.7.mysql_aurora.2.07.1")},
			[]string{"engine_mode", "engine_version"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range clusterUnsupported(&model.Model{Source: model.Terraform}, &tc.cluster) {
				got = append(got, f.attr)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("reported %v, want %v", got, tc.want)
			}
		})
	}
}

func knownStr(s string) model.Str { return model.KnownStr(s, model.Range{}) }
