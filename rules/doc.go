// Package rules turns the network analysis into findings, in the manner of
// golang.org/x/tools/go/analysis: a Rule is a value with an ID, metadata, an
// embedded doc page and a Check function; the runner computes the shared
// network analysis once per model (as an analysis's Requires would) and then
// runs each rule over it.
//
// Rules know nothing of files or formats; they read the model and the
// network results and report Findings, which package report renders.
package rules
