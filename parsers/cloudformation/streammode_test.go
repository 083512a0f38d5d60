package cloudformation

import (
	"testing"
)

// TestStreamMode: the mode a stream's custom resource gives, as "VALUE",
// "unknown" or "" (none).
func TestStreamMode(t *testing.T) {
	tests := []struct {
		name  string
		props string
		want  string
	}{
		{"Mode", `{ServiceToken: arn:x, Action: StartActivityStream, Cluster: !Ref Cluster, Mode: sync}`, "sync"},
		{"any case, nested", `{ServiceToken: arn:x, Action: StartActivityStream, Stream: {Cluster: !Ref Cluster, activitystreammode: async}}`, "async"},
		{"a parameter without a value is unknown", `{ServiceToken: arn:x, Action: StartActivityStream, Cluster: !Ref Cluster, StreamMode: !Ref NoDefault}`, "unknown"},
		{"EngineMode is not the stream's", `{ServiceToken: arn:x, Action: StartActivityStream, Cluster: !Ref Cluster, EngineMode: provisioned}`, ""},
		{"none", `{ServiceToken: arn:x, Action: StartActivityStream, Cluster: !Ref Cluster}`, ""},
		{"SDK payload", `{ServiceToken: arn:x, Create: !Sub '{"action":"startActivityStream","parameters":{"ResourceArn":"${Cluster.DBClusterArn}","Mode":"sync"}}'}`, "sync"},
		{"SDK payload with an unknown mode", `{ServiceToken: arn:x, Create: !Sub '{"action":"startActivityStream","parameters":{"ResourceArn":"${Cluster.DBClusterArn}","Mode":"${NoDefault}"}}'}`, ""},
	}
	const head = "Parameters:\n  NoDefault: {Type: String}\nResources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties: {Engine: aurora-mysql}\n" +
		"  Stream:\n    Type: Custom::ActivityStream\n    Properties: "
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := loadText(t, head+tc.props+"\n", Options{})
			noErrors(t, ds)
			if len(m.ActivityStreams) != 1 {
				t.Fatalf("got %d streams, want 1", len(m.ActivityStreams))
			}
			mode := m.ActivityStreams[0].Mode
			got := mode.Value
			if mode.Unknown != nil {
				got = "unknown"
			}
			if got != tc.want {
				t.Errorf("mode %q, want %q", got, tc.want)
			}
		})
	}
}

// TestEngineFacts: the facts the advisory rules read from a cluster and
// its instance.
func TestEngineFacts(t *testing.T) {
	const text = `Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, EngineVersion: 5.7.mysql_aurora.2.11.2, EngineMode: provisioned}
  Writer:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: aurora-mysql, DBClusterIdentifier: !Ref Cluster, DBInstanceClass: db.t3.medium}
`
	m, ds := loadText(t, text, Options{})
	noErrors(t, ds)
	c, in := m.DBClusters[0], m.DBInstances[0]
	if c.EngineVersion.Value != "5.7.mysql_aurora.2.11.2" || c.EngineMode.Value != "provisioned" {
		t.Errorf("cluster engine version %+v, mode %+v", c.EngineVersion, c.EngineMode)
	}
	if in.InstanceClass.Value != "db.t3.medium" || in.InstanceClass.Range.Line != 7 {
		t.Errorf("instance class %+v, want db.t3.medium at line 7", in.InstanceClass)
	}
}
