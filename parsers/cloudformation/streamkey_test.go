package cloudformation

import "testing"

// TestStreamKMSKey: a stream custom resource names its KMS key in a
// property whose name contains KmsKey, as "Key", "literal:ID",
// "unknown:KIND" or "none" (see refString).
func TestStreamKMSKey(t *testing.T) {
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
