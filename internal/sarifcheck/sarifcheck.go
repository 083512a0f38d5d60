// Package sarifcheck validates SARIF logs against the official SARIF 2.1.0
// JSON schema, for tests. It reads the schema from a file and never from
// the network.
package sarifcheck

import (
	"bytes"
	"fmt"
	"os"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaFile is the path of the schema (OASIS sarif-schema-2.1.0.json,
// errata 01) relative to the repository root.
const SchemaFile = "report/testdata/sarif-schema-2.1.0.json"

// Validate checks log against the schema in schemaFile, asserting formats
// ("uri", "date-time") as well as structure. The error lists every
// violation with its JSON pointer.
func Validate(schemaFile string, log []byte) error {
	f, err := os.Open(schemaFile)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The schema's own id names it; registering the document under a
	// local name keeps the compiler from fetching anything.
	const url = "file:///sarif-schema-2.1.0.json"
	if err := c.AddResource(url, schemaDoc); err != nil {
		return err
	}
	schema, err := c.Compile(url)
	if err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return schema.Validate(doc)
}
