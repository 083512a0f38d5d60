package awsfacts

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// node is a JSON value read through yaml.v3, which keeps the line and
// column of every value (encoding/json does not).
type node struct {
	y    *yaml.Node
	file string
}

// parse reads data as JSON. JSON is read with yaml.v3 for positions and
// checked with encoding/json for syntax that YAML would accept but the AWS
// CLI never prints.
//
// It returns the document decoded by encoding/json too, to recognize.
func parse(file string, data []byte) (node, any, diag.Diagnostics) {
	var ds diag.Diagnostics
	at := model.Range{File: file, Line: 1, Column: 1}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			at.Line, at.Column = position(data, int(syn.Offset))
		}
		ds.Errorf(at, "cannot parse AWS facts: %v; export the file again with the AWS CLI (--output json)", err)
		return node{}, nil, ds
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(unescapeSlashes(data), &doc); err != nil || len(doc.Content) == 0 {
		ds.Errorf(at, "cannot read AWS facts: the JSON could not be read with positions")
		return node{}, nil, ds
	}
	return node{y: doc.Content[0], file: file}, v, ds
}

// position turns a byte offset into a line and column.
func position(data []byte, off int) (line, col int) {
	line, col = 1, 1
	for _, b := range data[:min(off, len(data))] {
		col++
		if b == '\n' {
			line, col = line+1, 1
		}
	}
	return line, col
}

// unescapeSlashes rewrites the JSON escape \/, which YAML does not know, to
// a plain /.
func unescapeSlashes(data []byte) []byte {
	if !bytes.Contains(data, []byte(`\/`)) {
		return data
	}
	out := make([]byte, 0, len(data))
	inString, escaped := false, false
	for _, b := range data {
		switch {
		case escaped:
			escaped = false
			if b == '/' {
				out[len(out)-1] = '/'
				continue
			}
		case inString && b == '\\':
			escaped = true
		case b == '"':
			inString = !inString
		}
		out = append(out, b)
	}
	return out
}

func (n node) ok() bool { return n.y != nil }

// rng is where the value starts.
func (n node) rng() model.Range {
	if n.y == nil {
		return model.Range{File: n.file}
	}
	return model.Range{File: n.file, Line: n.y.Line, Column: n.y.Column}
}

// get returns the value of key in an object, or a missing node.
func (n node) get(key string) node {
	if n.y == nil || n.y.Kind != yaml.MappingNode {
		return node{file: n.file}
	}
	for i := 0; i+1 < len(n.y.Content); i += 2 {
		if n.y.Content[i].Value == key {
			return node{y: n.y.Content[i+1], file: n.file}
		}
	}
	return node{file: n.file}
}

// items are the elements of an array.
func (n node) items() []node {
	if n.y == nil || n.y.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]node, len(n.y.Content))
	for i, c := range n.y.Content {
		out[i] = node{y: c, file: n.file}
	}
	return out
}

func (n node) isScalar() bool {
	return n.y != nil && n.y.Kind == yaml.ScalarNode && n.y.Tag != "!!null"
}

// text is a string value, "" when missing.
func (n node) text() string {
	if !n.isScalar() {
		return ""
	}
	return n.y.Value
}

// str is a string attribute: unset when missing.
func (n node) str() model.Str {
	if !n.isScalar() {
		return model.Str{}
	}
	return model.KnownStr(n.y.Value, n.rng())
}

// boolean is a boolean attribute: unset when missing.
func (n node) boolean() model.Bool {
	if !n.isScalar() {
		return model.Bool{}
	}
	return model.KnownBool(strings.EqualFold(n.y.Value, "true"), n.rng())
}

// integer is an integer attribute: unset when missing or not a number.
func (n node) integer() model.Int {
	if !n.isScalar() {
		return model.Int{}
	}
	v, err := strconv.ParseInt(n.y.Value, 10, 64)
	if err != nil {
		return model.Int{}
	}
	return model.KnownInt(v, n.rng())
}

// ref is a link by ID: a Literal, which Link turns into a Key when the
// snapshot holds the object.
func (n node) ref() model.Ref {
	if n.text() == "" {
		return model.Ref{}
	}
	return model.Ref{Literal: n.text(), Range: n.rng()}
}
