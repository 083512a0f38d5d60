package cloudformation

import (
	"testing"

	"github.com/daslint/daslint/model"
)

// TestStreamKMSKey: the key a stream's custom resource gives, as
// "Key", "literal:ID", "unknown:KIND" or "none".
func TestStreamKMSKey(t *testing.T) {
	tests := []struct {
		name, props, want string
	}{
		{"KmsKeyId GetAtt", `KmsKeyId: !GetAtt Key.Arn`, "Key"},
		{"KMSKeyArn Ref", `KMSKeyArn: !Ref Key`, "Key"},
		{"nested, any case", `Parameters: {kms_key_id: alias/aws/rds}`, "literal:alias/aws/rds"},
		{"the same key twice", "KmsKeyId: alias/das\n      Parameters: {KmsKeyId: alias/das}", "literal:alias/das"},
		{"two different keys say nothing", "KmsKeyId: alias/das\n      Parameters: {KmsKeyId: alias/other}", "none"},
		{"no key property", `Mode: async`, "none"},
		{"a parameter without a default", `KmsKeyId: !Ref KeyArn`, "unknown:variable"},
		{"an ARN around pseudo parameters keeps its last part", `KmsKeyId: !Sub "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/rds"`,
			"literal:" + model.UnknownPart + ":alias/aws/rds"},
		{"a CDK payload", `Create: '{"service":"RDS","action":"startActivityStream","parameters":{"KmsKeyId":"alias/aws/rds","Mode":"async"}}'`,
			"literal:alias/aws/rds"},
		{"a CDK payload around an unknown", `Create: !Sub '{"parameters":{"ResourceArn":"arn:${AWS::Partition}:rds","KmsKeyId":"alias/aws/rds"}}'`,
			"literal:" + model.UnknownPart + ":alias/aws/rds"},
		{"the service token is not the key", `ServiceToken: arn:aws:lambda:eu-west-1:1:function:KmsKeyStarter`, "none"},
	}
	const head = "Parameters:\n  KeyArn: {Type: String}\nResources:\n" +
		"  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties: {Engine: aurora-postgresql}\n" +
		"  Key:\n    Type: AWS::KMS::Key\n" +
		"  Stream:\n    Type: Custom::ActivityStream\n    Properties:\n      Cluster: !Ref Cluster\n      "
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := loadText(t, head+tc.props+"\n", Options{})
			noErrors(t, ds)
			if len(m.ActivityStreams) != 1 {
				t.Fatalf("%d streams, want 1", len(m.ActivityStreams))
			}
			if got := refString(m.ActivityStreams[0].KMSKey); got != tc.want {
				t.Errorf("key = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestKMSKeyProperties(t *testing.T) {
	m, ds := loadText(t, "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: {KeySpec: RSA_2048, KeyUsage: SIGN_VERIFY, MultiRegion: \"true\"}\n"+
		"  Plain:\n    Type: AWS::KMS::Key\n", Options{})
	noErrors(t, ds)
	if len(m.KMSKeys) != 2 {
		t.Fatalf("%d keys, want 2", len(m.KMSKeys))
	}
	k := m.KMSKeys[0]
	if k.KeySpec.Value != "RSA_2048" || k.KeyUsage.Value != "SIGN_VERIFY" || k.MultiRegion.Tri(false) != model.True {
		t.Errorf("key = %+v", k)
	}
	p := m.KMSKeys[1]
	if p.KeySpec.Set || p.KeyUsage.Set || p.MultiRegion.Tri(false) != model.False || p.Region.Set {
		t.Errorf("a key without properties has its defaults unset: %+v", p)
	}
}

// TestStreamKMSKeyProperty: a stream custom resource names its KMS key in a
// property whose name contains KmsKey, as "Key", "literal:ID",
// "unknown:KIND" or "none" (see refString).
func TestStreamKMSKeyProperty(t *testing.T) {
	tests := []struct {
		name, props, want string
	}{
		{"Ref to a declared key", `KmsKeyId: !Ref Key`, "Key"},
		{"GetAtt of a declared key's ARN", `KMSKeyArn: !GetAtt Key.Arn`, "Key"},
		{"a literal key ARN", `StreamKmsKey: arn:aws:kms:eu-west-1:111122223333:key/k`, "literal:arn:aws:kms:eu-west-1:111122223333:key/k"},
		{"an alias", `kms_key_id: alias/das`, "literal:alias/das"},
		{"a parameter without a value", `KmsKeyId: !Ref KeyParam`, "unknown:variable"},
		{"a map is no key", `KmsKeyConfig: {Id: x}`, "none"},
		{"no key property", `Other: x`, "none"},
	}
	const head = "Parameters:\n  KeyParam: {Type: String}\n" +
		"Resources:\n  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties: {Engine: aurora-postgresql}\n" +
		"  Key:\n    Type: AWS::KMS::Key\n    Properties: {KeyPolicy: {}}\n" +
		"  Stream:\n    Type: Custom::ActivityStream\n    Properties:\n      ServiceToken: arn:x\n      Cluster: !Ref Cluster\n      "
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ds := loadText(t, head+tc.props+"\n", Options{})
			noErrors(t, ds)
			if len(m.ActivityStreams) != 1 {
				t.Fatalf("%d streams, want 1", len(m.ActivityStreams))
			}
			if got := refString(m.ActivityStreams[0].KMSKey); got != tc.want {
				t.Errorf("KMS key %s, want %s", got, tc.want)
			}
		})
	}
}

func TestKMSAliasProperties(t *testing.T) {
	m, ds := loadText(t, "Resources:\n  Key:\n    Type: AWS::KMS::Key\n  Alias:\n    Type: AWS::KMS::Alias\n    Properties: {AliasName: alias/das, TargetKeyId: !Ref Key}\n", Options{})
	noErrors(t, ds)
	if len(m.KMSAliases) != 1 {
		t.Fatalf("%d aliases, want 1", len(m.KMSAliases))
	}
	if a := m.KMSAliases[0]; a.Address != "Alias" || a.Name.Value != "alias/das" || a.TargetKey.Key != "Key" {
		t.Errorf("alias = %+v", a)
	}
}
