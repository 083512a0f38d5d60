package cloudformation

import (
	"slices"
	"strings"
	"testing"
)

// TestSchemaCoversTranslatedTypes: every type daslint translates has a
// schema; a translator added without regenerating the table (go generate)
// fails here instead of warning about every property of its type.
func TestSchemaCoversTranslatedTypes(t *testing.T) {
	for typ := range translators() {
		if _, ok := schemaProperties()[typ]; !ok {
			t.Errorf("%s is translated but has no schema: add it to the go:generate line in schema.go and run go generate", typ)
		}
		if !knownType(typ) {
			t.Errorf("%s is translated but not a known resource type", typ)
		}
	}
	if _, ok := schemaProperties()["AWS::CloudFormation::Stack"]; !ok {
		t.Error("AWS::CloudFormation::Stack has no schema")
	}
}

// TestSchemaTables checks the shape of the tables: sorted types (knownType
// searches them), property types that are themselves in the table, and
// additions that add something (after a regeneration from a newer schema,
// a redundant addition shows up here).
func TestSchemaTables(t *testing.T) {
	if !slices.IsSorted(knownResourceTypes) {
		t.Error("knownResourceTypes is not sorted")
	}
	if len(knownResourceTypes) < 1000 {
		t.Errorf("only %d known resource types", len(knownResourceTypes))
	}
	for typ, props := range schemaProperties() {
		for name, nested := range props {
			if nested == "" {
				continue
			}
			if _, ok := schemaProperties()[nested]; !ok {
				t.Errorf("%s.%s has property type %s, which is not in the table", typ, name, nested)
			}
		}
	}
	for typ, names := range laterProperties() {
		if _, ok := schemaProperties()[typ]; !ok {
			t.Errorf("laterProperties names %s, which has no schema", typ)
		}
		for _, n := range names {
			if _, dup := schemaProperties()[typ][n]; dup {
				t.Errorf("laterProperties: %s already has %s", typ, n)
			}
		}
	}
	for _, typ := range laterResourceTypes {
		if _, found := slices.BinarySearch(knownResourceTypes, typ); found {
			t.Errorf("laterResourceTypes: %s is already known", typ)
		}
		if !strings.HasPrefix(typ, "AWS::") {
			t.Errorf("laterResourceTypes: %s is not an AWS type", typ)
		}
	}
}
