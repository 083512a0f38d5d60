// Package baseline reads and writes baseline files: the fingerprints of
// findings a team has accepted for now, so that a check fails only on new
// ones (`daslint --write-baseline FILE`, then `--baseline FILE`).
//
// A baseline is a JSON document, versioned by its schema, with one entry per
// finding sorted by resource, rule and fingerprint, so that it diffs well in
// review:
//
//	{
//	  "schema": "daslint-baseline/v1",
//	  "findings": [
//	    {"rule": "DAS001", "resource": "aws_rds_cluster.main", "fingerprint": "3f0c..."}
//	  ]
//	}
//
// Only the fingerprint is matched; rule and resource are there for readers.
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// Schema identifies the baseline format.
const Schema = "daslint-baseline/v1"

// Entry is one accepted finding.
type Entry struct {
	Rule        string `json:"rule"`
	Resource    string `json:"resource"`
	Fingerprint string `json:"fingerprint"`
}

// document is the file's JSON form.
type document struct {
	Schema   string  `json:"schema"`
	Findings []Entry `json:"findings"`
}

// Write writes entries as a baseline document, sorted and without
// duplicates; the same findings give the same bytes.
func Write(w io.Writer, entries []Entry) error {
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Resource, b.Resource), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Fingerprint, b.Fingerprint))
	})
	sorted = slices.Compact(sorted)
	if sorted == nil {
		sorted = []Entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(document{Schema: Schema, Findings: sorted}); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Read reads a baseline document and returns its set of fingerprints. name
// is the file's name, for messages.
func Read(r io.Reader, name string) (map[string]bool, error) {
	var doc document
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: not a daslint baseline: %w", name, err)
	}
	if doc.Schema != Schema {
		return nil, fmt.Errorf("%s: baseline schema %q, want %q (write it again with --write-baseline)", name, doc.Schema, Schema)
	}
	set := make(map[string]bool, len(doc.Findings))
	for i, e := range doc.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("%s: finding %d has no fingerprint", name, i+1)
		}
		set[e.Fingerprint] = true
	}
	return set, nil
}
