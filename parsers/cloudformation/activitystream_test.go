package cloudformation

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// TestActivityStreamDetection: which custom resources start a stream, and
// the cluster each stream names, as "Key", "literal:ID", "unknown:KIND" or
// "none" (docs/activity-streams.md).
func TestActivityStreamDetection(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{name: "custom type name with Ref", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::DatabaseActivityStream
    Properties: {ServiceToken: arn:x, ClusterId: !Ref Cluster}`},
		{name: "CloudFormation CustomResource with keyword in a property, GetAtt", want: []string{"Cluster"}, body: `
  Stream:
    Type: AWS::CloudFormation::CustomResource
    Properties: {ServiceToken: arn:x, Action: start-activitystream, Arn: !GetAtt Cluster.DBClusterArn}`},
		{name: "Sub with an unknown account still refers", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::DAS
    Properties: {ServiceToken: arn:x, Call: StartActivityStream, Arn: !Sub "arn:aws:rds:${AWS::Region}:${AWS::AccountId}:cluster:${Cluster}"}`},
		{name: "CLI spelling", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::RdsCall
    Properties: {ServiceToken: arn:x, Command: start-activity-stream, ResourceArn: !GetAtt Cluster.DBClusterArn}`},
		{name: "boto3 spelling", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::RdsCall
    Properties: {ServiceToken: arn:x, Method: start_activity_stream, Cluster: !Ref Cluster}`},
		{name: "API spelling in an SDK payload", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::AWS
    Properties:
      ServiceToken: arn:x
      Create: !Sub '{"service":"RDS","action":"StartActivityStream","parameters":{"ResourceArn":"${Cluster.DBClusterArn}"}}'`},
		{name: "type name in another spelling", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::Start_Activity_Stream
    Properties: {ServiceToken: arn:x, Target: !Ref Cluster}`},
		{name: "a property named for the stream", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::AuditSetup
    Properties: {ServiceToken: arn:x, ActivityStreamMode: async, Cluster: !Ref Cluster}`},
		{name: "DasEnabler with the cluster and a KMS key", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::DasEnabler
    Properties: {ServiceToken: arn:x, ClusterArn: !GetAtt Cluster.DBClusterArn, KmsKeyId: alias/das}`},
		{name: "acronym DAS inside a type name", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::AuroraDASStarter
    Properties: {ServiceToken: arn:x, DBCluster: !Ref Cluster, KMSKeyArn: arn:aws:kms:eu-west-1:1:key/k}`},
		{name: "DasEnabler without a KMS key", want: nil, body: `
  Stream:
    Type: Custom::DasEnabler
    Properties: {ServiceToken: arn:x, ClusterArn: !GetAtt Cluster.DBClusterArn}`},
		{name: "das inside another word is no DAS", want: nil, body: `
  Stream:
    Type: Custom::Dashboard
    Properties: {ServiceToken: arn:x, ClusterArn: !GetAtt Cluster.DBClusterArn, KmsKeyId: alias/x}`},
		{name: "boto3 call in the inline code of the ServiceToken function", want: []string{"Cluster"}, body: `
  Enabler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::1:role/r
      Code:
        ZipFile: |
          import boto3
          def handler(event, context):
              boto3.client("rds").start_activity_stream(ResourceArn=event["ResourceProperties"]["ClusterArn"], Mode="async", KmsKeyId="k")
  Stream:
    Type: Custom::Enable
    Properties: {ServiceToken: !GetAtt Enabler.Arn, ClusterArn: !GetAtt Cluster.DBClusterArn}`},
		{name: "stopActivityStream alone is no start", want: nil, body: `
  Stream:
    Type: Custom::AWS
    Properties:
      ServiceToken: arn:x
      Delete: !Sub '{"service":"RDS","action":"stopActivityStream","parameters":{"ResourceArn":"${Cluster.DBClusterArn}"}}'`},
		{name: "a stop type name is no start", want: nil, body: `
  Stream:
    Type: Custom::StopActivityStream
    Properties: {ServiceToken: arn:x, Cluster: !Ref Cluster}`},
		{name: "start on create, stop on delete", want: []string{"Cluster"}, body: `
  Stream:
    Type: Custom::AWS
    Properties:
      ServiceToken: arn:x
      Create: !Sub '{"service":"RDS","action":"startActivityStream","parameters":{"ResourceArn":"${Cluster.DBClusterArn}"}}'
      Delete: !Sub '{"service":"RDS","action":"stopActivityStream","parameters":{"ResourceArn":"${Cluster.DBClusterArn}"}}'`},
		{name: "prose is not an action", want: nil, body: `
  Stream:
    Type: Custom::Notify
    Properties: {ServiceToken: arn:x, Message: the activity stream of the cluster, Cluster: !Ref Cluster}`},
		{name: "custom resource without the keyword", want: nil, body: `
  Other:
    Type: Custom::Backup
    Properties: {ServiceToken: arn:x, Cluster: !Ref Cluster}`},
		{name: "a cluster identifier not in the template", want: []string{"literal:some-cluster"}, body: `
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: arn:x, Cluster: some-cluster}`},
		{name: "a cluster imported from another stack", want: []string{"unknown:import"}, body: `
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: !ImportValue das-enabler-arn, ResourceArn: !ImportValue db-cluster-arn, KmsKeyId: k}`},
		{name: "a property about something of the cluster is not the cluster", want: []string{"unknown:import"}, body: `
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: arn:x, ClusterParameterGroupName: audit, ResourceArn: !ImportValue db-cluster-arn}`},
		{name: "a cluster from a parameter without a value", want: []string{"unknown:variable"}, body: `
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: arn:x, DBClusterIdentifier: !Ref ClusterName}`},
		{name: "a cluster from a parameter's literal default", want: []string{"literal:legacy"}, body: `
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: arn:x, DBClusterIdentifier: !Ref Legacy}`},
		{name: "a literal ARN inside an SDK payload", want: []string{"literal:orders"}, body: `
  Stream:
    Type: Custom::AWS
    Properties:
      ServiceToken: arn:x
      Create: '{"service":"RDS","action":"startActivityStream","parameters":{"ResourceArn":"arn:aws:rds:eu-west-1:1:cluster:orders","Mode":"async"}}'`},
		{name: "an SDK payload around an import", want: []string{"unknown:import"}, body: `
  Stream:
    Type: Custom::AWS
    Properties:
      ServiceToken: arn:x
      Create: !Join ["", ['{"service":"RDS","action":"startActivityStream","parameters":{"ResourceArn":"', !ImportValue db-arn, '"}}']]`},
		{name: "a reference to something that is not a cluster", want: []string{"Other"}, body: `
  Other:
    Type: AWS::KMS::Key
    Properties: {KeyPolicy: {}}
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: arn:x, ClusterArn: !GetAtt Other.Arn}`},
		{name: "names no cluster at all", want: []string{"none"}, body: `
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: arn:x}`},
		{name: "only the named cluster", want: []string{"Other"}, body: `
  Other:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql}
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: arn:x, Cluster: !Ref Other}`},
		{name: "metadata", want: []string{"Meta"}, body: `
  Meta:
    Type: AWS::RDS::DBCluster
    Metadata: {daslint: {activityStream: "true"}}
    Properties: {Engine: aurora-mysql}
  NoMeta:
    Type: AWS::RDS::DBCluster
    Metadata: {daslint: {activityStream: false}}
    Properties: {Engine: aurora-mysql}`},
	}
	const head = "Parameters:\n  ClusterName: {Type: String}\n  Legacy: {Type: String, Default: legacy}\n" +
		"Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties: {Engine: aurora-postgresql}"
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := loadText(t, head+tc.body+"\n", Options{})
			noErrors(t, ds)
			var got []string
			for _, s := range m.ActivityStreams {
				got = append(got, refString(s.Cluster))
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("streams on %v, want %v", got, tc.want)
			}
		})
	}
}

// refString describes a stream's cluster ref for the tests.
func refString(r model.Ref) string {
	switch {
	case r.Key != "":
		return r.Key
	case r.Literal != "":
		return "literal:" + r.Literal
	case r.Unknown != nil:
		return "unknown:" + string(r.Unknown.Kind)
	}
	return "none"
}

// cdkTemplate is shaped like `cdk synth` output: hashed logical IDs,
// aws:cdk:path metadata, and an AwsCustomResource whose Create payload is a
// JSON string built with Fn::Join.
const cdkTemplate = `{
  "Resources": {
    "DatabaseB269D8BB": {
      "Type": "AWS::RDS::DBCluster",
      "Properties": {"Engine": "aurora-postgresql", "DBSubnetGroupName": {"Ref": "DatabaseSubnets56F17B9A"}},
      "Metadata": {"aws:cdk:path": "Stack/Database/Resource"}
    },
    "DatabaseSubnets56F17B9A": {
      "Type": "AWS::RDS::DBSubnetGroup",
      "Properties": {"DBSubnetGroupDescription": "Subnets", "SubnetIds": ["subnet-1", "subnet-2"]},
      "Metadata": {"aws:cdk:path": "Stack/Database/Subnets/Default"}
    },
    "StartStream4D3E1A2B": {
      "Type": "Custom::AWS",
      "Properties": {
        "ServiceToken": {"Fn::GetAtt": ["AWS679f53fac002430cb0da5b7982bd22872D164C4C", "Arn"]},
        "Create": {"Fn::Join": ["", [
          "{\"service\":\"RDS\",\"action\":\"startActivityStream\",\"parameters\":{\"ResourceArn\":\"arn:",
          {"Ref": "AWS::Partition"}, ":rds:", {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":cluster:",
          {"Ref": "DatabaseB269D8BB"},
          "\",\"Mode\":\"async\",\"KmsKeyId\":\"", {"Ref": "Key961B73FD"}, "\"},\"physicalResourceId\":{\"id\":\"das\"}}"
        ]]},
        "InstallLatestAwsSdk": false
      },
      "Metadata": {"aws:cdk:path": "Stack/StartStream/Resource/Default"}
    },
    "Key961B73FD": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {}}},
    "AWS679f53fac002430cb0da5b7982bd22872D164C4C": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs20.x"}}
  }
}`

func TestActivityStreamCDK(t *testing.T) {
	m, ds := loadText(t, cdkTemplate, Options{})
	noErrors(t, ds)
	if len(m.ActivityStreams) != 1 || m.ActivityStreams[0].Cluster.Key != "DatabaseB269D8BB" {
		t.Fatalf("streams %+v, want one on DatabaseB269D8BB", m.ActivityStreams)
	}
	if s := m.ActivityStreams[0]; s.Address != "StartStream4D3E1A2B" || s.Range.Line != 13 {
		t.Errorf("stream origin %s at %v, want StartStream4D3E1A2B at line 13", s.Address, s.Range)
	}
	if c := m.DBClusters[0]; c.SubnetGroup.Key != "DatabaseSubnets56F17B9A" {
		t.Errorf("cluster subnet group %+v", c.SubnetGroup)
	}
}
