package baseline

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteSortsAndReadsBack(t *testing.T) {
	entries := []Entry{
		{Rule: "DAS002", Resource: "b", Fingerprint: "f2"},
		{Rule: "DAS001", Resource: "a", Fingerprint: "f1"},
		{Rule: "DAS001", Resource: "a", Fingerprint: "f1"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, entries); err != nil {
		t.Fatal(err)
	}
	want := `{
  "schema": "daslint-baseline/v1",
  "findings": [
    {
      "rule": "DAS001",
      "resource": "a",
      "fingerprint": "f1"
    },
    {
      "rule": "DAS002",
      "resource": "b",
      "fingerprint": "f2"
    }
  ]
}
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("Write (-want +got):\n%s", diff)
	}
	set, err := Read(&buf, "b.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]bool{"f1": true, "f2": true}, set); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
}

func TestWriteEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"findings": []`) {
		t.Errorf("empty baseline = %s, want an empty findings array", buf.String())
	}
}

func TestReadRejects(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not json", "{", "not a daslint baseline"},
		{"other schema", `{"schema": "daslint-baseline/v0", "findings": []}`, `schema "daslint-baseline/v0"`},
		{"unknown field", `{"schema": "daslint-baseline/v1", "findings": [], "extra": 1}`, "unknown field"},
		{"no fingerprint", `{"schema": "daslint-baseline/v1", "findings": [{"rule": "DAS001"}]}`, "finding 1 has no fingerprint"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in), "b.json")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "b.json: ") {
				t.Errorf("Read = %v, want an error naming b.json and containing %q", err, tc.want)
			}
		})
	}
}
