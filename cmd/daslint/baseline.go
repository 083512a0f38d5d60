package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/daslint/daslint/baseline"
	"github.com/daslint/daslint/rules"
)

// readBaseline reads --baseline FILE; "" means none.
func readBaseline(file string) (map[string]bool, error) {
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the baseline %s: %w (write one with --write-baseline %s)", file, unwrapPath(err), file)
	}
	return baseline.Read(bytes.NewReader(data), file)
}

// writeBaseline writes --write-baseline FILE: the fingerprints of every
// finding that is not suppressed in the code (a suppression already says
// why; baselining it as well would outlive its until date). The findings
// written are then marked as in the baseline, so the run reports what a run
// with --baseline FILE would.
func writeBaseline(file string, results []rules.Result) error {
	var entries []baseline.Entry
	for i := range results {
		for j := range results[i].Findings {
			f := &results[i].Findings[j]
			if f.Suppressed != nil {
				continue
			}
			entries = append(entries, baseline.Entry{Rule: f.Rule, Resource: f.Subject, Fingerprint: f.Fingerprint})
			f.Baseline = true
		}
	}
	var buf bytes.Buffer
	if err := baseline.Write(&buf, entries); err != nil {
		return err
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write the baseline %s: %w (check that its directory exists and is writable)", file, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the path from an *fs.PathError, which the message
// already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
