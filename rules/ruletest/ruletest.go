// Package ruletest runs one daslint rule over a folder of real Terraform and
// CloudFormation files and checks its findings against expectations written
// next to the code they are about, in the spirit of
// golang.org/x/tools/go/analysis/analysistest.
//
// An expectation is a comment on the line where a finding is reported (a
// cluster's declaration):
//
//	resource "aws_rds_cluster" "main" { # want DAS001 "cannot reach AWS KMS"
//
//	  DBCluster: # want DAS002 `path to KMS .* unknown`
//
// `want` is followed by one or more pairs of a rule ID and a regular
// expression, quoted as a Go string ("…" or `…`), that the finding's message
// must match. Comments start with # or // (HCL) or # (YAML); JSON has no
// comments, so JSON templates can be linted but hold no expectations.
//
// Every finding of the rule must match an expectation on its line, and every
// expectation of the rule must be matched by one finding. Suppressed
// findings (an inline daslint:ignore), and findings and expectations of
// other rules, are not compared: one folder can serve every rule.
package ruletest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/rules"
)

// Expectation is one `want` clause: a finding of Rule at File:Line whose
// message matches Message.
type Expectation struct {
	File    string
	Line    int
	Rule    string
	Message *regexp.Regexp
}

func (e Expectation) String() string {
	return fmt.Sprintf("%s:%d: %s %q", e.File, e.Line, e.Rule, e.Message)
}

// today is the date suppressions are judged against, fixed so that a test
// does not change with the calendar.
var today = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Run lints dir (its Terraform roots and templates, read with the read
// boundary at dir) with rule alone and compares the findings with the
// `want` comments of dir's files. Input problems of severity error fail the
// test: a rule's test folder is valid code.
func Run(t testing.TB, dir string, rule *rules.Rule) {
	t.Helper()
	all, err := Expectations(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wants []Expectation // another rule's expectations are its own test's
	for _, w := range all {
		if w.Rule == rule.ID {
			wants = append(wants, w)
		}
	}
	set, ds := parsers.Load([]string{dir}, parsers.Options{Root: dir})
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("input problem: %s", d)
		}
	}
	results := rules.Run(set.Models, []*rules.Rule{rule}, rules.Options{Today: today})
	var got []rules.Finding
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Rule == rule.ID && f.Suppressed == nil {
				got = append(got, f)
			}
		}
	}
	for _, problem := range Compare(dir, wants, got) {
		t.Error(problem)
	}
}

// Compare matches findings with expectations and describes, in order, each
// finding that no expectation matches and each expectation left unmatched.
// A finding's place is its Range, relative to dir.
func Compare(dir string, wants []Expectation, got []rules.Finding) []string {
	used := make([]bool, len(wants))
	var problems []string
	for _, f := range got {
		file := relative(dir, f.Range.File)
		matched := false
		for i, w := range wants {
			if !used[i] && w.File == file && w.Line == f.Range.Line && w.Rule == f.Rule && w.Message.MatchString(f.Message) {
				used[i], matched = true, true
				break
			}
		}
		if !matched {
			problems = append(problems, fmt.Sprintf("%s:%d: unexpected %s finding: %s", file, f.Range.Line, f.Rule, f.Message))
		}
	}
	for i, w := range wants {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("%s: no finding matched the expectation", w))
		}
	}
	return problems
}

func relative(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// commented are the files whose comments may hold expectations.
var commented = []string{".tf", ".hcl", ".tfvars", ".yaml", ".yml", ".template"}

// Expectations reads the `want` comments of the files below dir, in file
// and line order, with paths relative to dir.
func Expectations(dir string) ([]Expectation, error) {
	var out []Expectation
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !slices.Contains(commented, filepath.Ext(path)) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		ws, err := Parse(relative(dir, path), data)
		out = append(out, ws...)
		return err
	})
	return out, err
}

// wantComment finds a `want` comment: a # or // followed by the word want.
var wantComment = regexp.MustCompile(`(?:#|//)\s*want\s+(.*)$`)

// Parse reads the expectations of one file's text.
func Parse(file string, data []byte) ([]Expectation, error) {
	var out []Expectation
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		m := wantComment.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		clauses, err := parseClauses(m[1])
		if err != nil {
			return out, fmt.Errorf("%s:%d: %w", file, line, err)
		}
		for _, c := range clauses {
			c.File, c.Line = file, line
			out = append(out, c)
		}
	}
	return out, sc.Err()
}

// parseClauses reads `RULE "regexp" [RULE "regexp" ...]`.
func parseClauses(s string) ([]Expectation, error) {
	var out []Expectation
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		id, rest, ok := strings.Cut(s, " ")
		if !ok || id == "" {
			return nil, fmt.Errorf("want: %q: want RULE \"regexp\"", s)
		}
		rest = strings.TrimSpace(rest)
		quoted, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return nil, fmt.Errorf("want %s: the message pattern must be a quoted Go string: %q", id, rest)
		}
		pattern, err := strconv.Unquote(quoted)
		if err != nil {
			return nil, fmt.Errorf("want %s: %w", id, err)
		}
		re, err := regexp.Compile(pattern)
		if err != nil {
			return nil, fmt.Errorf("want %s: %w", id, err)
		}
		out = append(out, Expectation{Rule: id, Message: re})
		s = rest[len(quoted):]
	}
	return out, nil
}
