// Package report renders a daslint run as text for people or as JSON
// (schema daslint/v1, docs/output.md#json-report) for tools. It knows nothing of AWS: it
// formats the Report document that the command line assembles from the
// analysis, and guarantees its stability: arrays in a fixed order, empty
// arrays as [], no timestamps, the same bytes for the same input.
package report
