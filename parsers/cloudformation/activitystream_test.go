package cloudformation

import (
	"testing"
)

func TestActivityStreamDetection(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // clusters with a stream
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
		{name: "custom resource without the keyword", want: nil, body: `
  Other:
    Type: Custom::Backup
    Properties: {ServiceToken: arn:x, Cluster: !Ref Cluster}`},
		{name: "keyword but no cluster", want: nil, body: `
  Stream:
    Type: Custom::ActivityStream
    Properties: {ServiceToken: arn:x, Cluster: some-cluster}`},
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
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := loadText(t, "Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties: {Engine: aurora-postgresql}"+tc.body+"\n", Options{})
			noErrors(t, ds)
			var got []string
			for _, s := range m.ActivityStreams {
				got = append(got, s.Cluster.Key)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("streams on %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("streams on %v, want %v", got, tc.want)
				}
			}
		})
	}
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
