package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/parsefloor"
	"github.com/daslint/daslint/internal/stress"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/parsers/terraform"
	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/report"
	"github.com/daslint/daslint/rules"
)

// The stages of a run on the tree of the peer comparison (issue 10,
// stress.WriteStacks: one root of N stacks, N+1 files, 9N resources), each
// timed on its own over the output of the stage before, which is built
// once outside the timer:
//
//	parse     BenchmarkParseFloor: hclparse of every file, the floor
//	evaluate  BenchmarkStageEvaluate: eval.Evaluate, parsing included
//	model     BenchmarkStageModel: the evaluation translated into the model
//	analyse   BenchmarkStageAnalyse: the network analysis and the rules
//	report    BenchmarkStageReport: the report document, written as JSON or text
//	run       BenchmarkStageRun: the whole command, as the CLI runs it
//
// Evaluation proper costs about evaluate − parse. Every benchmark checks
// its result (every file parsed, every cluster passed). The sizes are the
// peer comparison's 100 and 2,000 stacks and the growth series from 1,000
// to 40,000 resources:
//
//	go test ./cmd/daslint -run '^$' -bench 'ParseFloor|Stage' -benchmem -benchtime 3x -count 3
//	go test ./cmd/daslint -run '^$' -bench 'Stage.*/stacks=2000$' -benchmem
var stackSizes = []int{100, 111, 222, 556, 1111, 2000, 2222, 4444}

// forEachSize runs bench as a sub-benchmark for each of stackSizes, on
// the tree of that many stacks (writeStacks, passing), written once per
// size.
func forEachSize(b *testing.B, bench func(b *testing.B, dir string, stacks int)) {
	for _, n := range stackSizes {
		b.Run(fmt.Sprintf("stacks=%d", n), func(b *testing.B) {
			bench(b, writeStacks(b, n, false), n)
		})
	}
}

// parseFloor parses the tree of n stacks in dir and checks that every file
// parsed.
func parseFloor(tb testing.TB, dir string, n int) {
	s, err := parsefloor.Run([]string{dir})
	if err != nil {
		tb.Fatal(err)
	}
	if s.Files != n+1 || s.Broken != 0 {
		tb.Fatalf("parsed %+v, want %d files, none broken", s, n+1)
	}
}

// evaluate evaluates the root of n stacks in dir as the CLI does (read
// boundary, size limit, parse cache) and checks its instances.
func evaluate(tb testing.TB, dir string, n int) (*eval.Result, diag.Diagnostics) {
	res, ds := eval.Evaluate(dir, eval.Options{Root: dir, MaxFileBytes: 10 << 20, Cache: eval.NewParseCache()})
	if len(res.Instances) != n*stress.ResourcesPerStack || len(ds) != 0 {
		tb.Fatalf("%d instances and %d diagnostics (first %v), want %d and none", len(res.Instances), len(ds), ds, n*stress.ResourcesPerStack)
	}
	return res, ds
}

// translate turns the evaluation into the model and checks its clusters.
func translate(tb testing.TB, dir string, res *eval.Result, ds diag.Diagnostics, n int) (*model.Model, diag.Diagnostics) {
	m, _, ds := terraform.FromEvaluation(context.Background(), dir, res, ds)
	if len(m.DBClusters) != n || len(ds) != 0 {
		tb.Fatalf("%d clusters and %d diagnostics (first %v), want %d and none", len(m.DBClusters), len(ds), ds, n)
	}
	return m, ds
}

// analyse runs every rule over m, with the CLI's default options, and
// checks that every cluster passed with no finding.
func analyse(tb testing.TB, m *model.Model, n int) []rules.Result {
	opts := ruleOptions(&cliArgs{unknown: "warn"}, nil)
	res := rules.Run([]*model.Model{m}, rules.All(), opts)
	if len(res) != 1 || len(res[0].Clusters) != n || len(res[0].Findings) != 0 {
		tb.Fatalf("%d results, want 1 with %d clusters and no finding", len(res), n)
	}
	for _, c := range res[0].Clusters {
		if c.Verdict != model.True {
			tb.Fatalf("cluster %s: verdict %v, want pass", c.Cluster.Address, c.Verdict)
		}
	}
	return res
}

// passed counts the clusters that passed in a JSON report.
func passed(json string) int {
	return strings.Count(json, `"verdict": "pass",`+"\n      \"path\"")
}

// TestStages runs each stage of the benchmarks below on a small tree, so
// that their checks are known to hold.
func TestStages(t *testing.T) {
	const n = 3
	dir := writeStacks(t, n, false)
	parseFloor(t, dir, n)
	res, ds := evaluate(t, dir, n)
	m, ds := translate(t, dir, res, ds, n)
	results := analyse(t, m, n)
	var out strings.Builder
	if err := report.JSON(&out, document(&parsers.Set{Models: []*model.Model{m}, Files: n + 1}, results, ds, "test")); err != nil {
		t.Fatal(err)
	}
	if got := passed(out.String()); got != n {
		t.Errorf("%d clusters passed in the report, want %d", got, n)
	}
	lintTree(t, dir, n)
}

// BenchmarkParseFloor is the parse-only floor (package parsefloor):
// discovery's walk and hclparse of every file, sequentially, on the trees
// of the whole-CLI benchmark BenchmarkStageRun. scripts/bench-peers.sh
// runs the same as a process (internal/cmd/parsefloor).
func BenchmarkParseFloor(b *testing.B) {
	forEachSize(b, func(b *testing.B, dir string, n int) {
		b.ReportAllocs()
		for b.Loop() {
			parseFloor(b, dir, n)
		}
	})
}

// BenchmarkStageEvaluate is the Terraform evaluation of the root,
// parsing included.
func BenchmarkStageEvaluate(b *testing.B) {
	forEachSize(b, func(b *testing.B, dir string, n int) {
		b.ReportAllocs()
		for b.Loop() {
			evaluate(b, dir, n)
		}
	})
}

// BenchmarkStageModel is the translation of an evaluated root into the
// model, suppressions included.
func BenchmarkStageModel(b *testing.B) {
	forEachSize(b, func(b *testing.B, dir string, n int) {
		res, ds := evaluate(b, dir, n)
		b.ReportAllocs()
		for b.Loop() {
			translate(b, dir, res, ds, n)
		}
	})
}

// BenchmarkStageAnalyse is the network analysis and the rules over the
// model of the root.
func BenchmarkStageAnalyse(b *testing.B) {
	forEachSize(b, func(b *testing.B, dir string, n int) {
		res, ds := evaluate(b, dir, n)
		m, _ := translate(b, dir, res, ds, n)
		b.ReportAllocs()
		for b.Loop() {
			analyse(b, m, n)
		}
	})
}

// BenchmarkStageReport builds the report document of the analysed root
// and writes it as JSON and as text.
func BenchmarkStageReport(b *testing.B) {
	for _, format := range []string{"json", "text"} {
		b.Run(format, func(b *testing.B) {
			forEachSize(b, func(b *testing.B, dir string, n int) {
				res, ds := evaluate(b, dir, n)
				m, ds := translate(b, dir, res, ds, n)
				results := analyse(b, m, n)
				set := &parsers.Set{Models: []*model.Model{m}, Files: n + 1}
				b.ReportAllocs()
				for b.Loop() {
					writeStage(b, format, set, results, ds, n)
				}
			})
		})
	}
}

// writeStage builds the document and writes it in format, checking that
// it reports n passing clusters.
func writeStage(b *testing.B, format string, set *parsers.Set, results []rules.Result, ds diag.Diagnostics, n int) {
	var out strings.Builder
	doc := document(set, results, ds, "bench")
	if format == "json" {
		if err := report.JSON(&out, doc); err != nil {
			b.Fatal(err)
		}
		if got := passed(out.String()); got != n {
			b.Fatalf("%d clusters passed in the report, want %d", got, n)
		}
		return
	}
	if err := report.Text(&out, doc, report.TextOptions{}); err != nil {
		b.Fatal(err)
	}
	if want := fmt.Sprintf(": %d pass, 0 fail, 0 unknown;", n); !strings.Contains(out.String(), want) {
		b.Fatalf("the text report does not say %q:\n%.500s", want, out.String())
	}
}

// BenchmarkStageRun is the whole command, in process: discovery,
// evaluation, model, analysis, rules and the JSON report.
func BenchmarkStageRun(b *testing.B) {
	forEachSize(b, func(b *testing.B, dir string, n int) {
		b.ReportAllocs()
		for b.Loop() {
			lintTree(b, dir, n)
		}
	})
}

// BenchmarkStageRunText is BenchmarkStageRun with the default text
// report, what a terminal or a pre-commit hook shows.
func BenchmarkStageRunText(b *testing.B) {
	forEachSize(b, func(b *testing.B, dir string, n int) {
		b.ReportAllocs()
		for b.Loop() {
			if code := run([]string{"--no-color", dir}, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("exit status %d", code)
			}
		}
	})
}
