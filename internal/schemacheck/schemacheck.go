// Package schemacheck validates JSON documents against a JSON Schema kept
// in the repository, for tests: the daslint/v1 report schema and the GitLab
// Code Quality schema. It reads schemas from files and never from the
// network. (internal/sarifcheck does the same for SARIF's schema.)
package schemacheck

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Compile reads and compiles the schema in file, asserting formats as
// well as structure.
func Compile(file string) (*jsonschema.Schema, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// A schema's $id names it by a URL; registering the document under a
	// local name first keeps the compiler from fetching anything.
	url := "file:///" + filepath.Base(file)
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return s, nil
}

// Validate checks the JSON document doc against s. The error lists every
// violation with its JSON pointer.
func Validate(s *jsonschema.Schema, doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return s.Validate(v)
}
