package awsfacts

import (
	"encoding/json"
	"testing"
)

// TestRecognizeValue checks that Add, which recognizes the document it
// decoded (recognizeValue), decides as Recognize does on the raw bytes.
func TestRecognizeValue(t *testing.T) {
	for _, doc := range []string{
		`{"Subnets": []}`,
		`{"Subnets": [], "NextToken": "x"}`,
		`{"Subnets": [], "Vpcs": []}`,
		`{"Subnets": {}}`,
		`{"Subnets": null}`,
		`{"Subnets": [], "Other": 1}`,
		`{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}}`,
		`{"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": true}}`,
		`{"VpcId": "vpc-1", "Other": {}}`,
		`{"VpcId": "vpc-1", "EnableDnsSupport": {}, "Subnets": []}`,
		`{"NextToken": "x"}`,
		`{"Subnets": [], "Subnets": {}}`,
		`{}`,
		`[]`,
		`null`,
		`"Subnets"`,
	} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		wantKind, wantOK := Recognize([]byte(doc))
		if kind, ok := recognizeValue(v); kind != wantKind || ok != wantOK {
			t.Errorf("%s: recognizeValue = %q, %t; Recognize = %q, %t", doc, kind, ok, wantKind, wantOK)
		}
	}
}
