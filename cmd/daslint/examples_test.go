package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMonorepoExample runs the commands that examples/monorepo/README.md
// documents and checks their verdicts: the database root passes through the
// network root's NAT gateway when that root is scanned or given as
// --context, and is unknown (naming the backend) when it is not.
func TestMonorepoExample(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	const cluster = "examples/monorepo/database/main.tf aws_rds_cluster.orders"
	tests := []struct {
		name    string
		args    []string
		verdict string
		path    string
	}{
		{"the repository's roots", []string{"examples/monorepo"}, "pass", "nat"},
		{"database with network as context", []string{"examples/monorepo/database", "--context", "examples/monorepo/network"}, "pass", "nat"},
		{"database alone", []string{"examples/monorepo/database"}, "unknown", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, code := runJSON(t, tt.args...)
			if code != 0 {
				t.Errorf("exit %d, want 0", code)
			}
			wantVerdicts(t, doc, map[string]string{cluster: tt.verdict})
			for _, c := range doc.Clusters {
				if got := deref(c.Path); got != tt.path {
					t.Errorf("%s: path %q, want %q", c.ID, got, tt.path)
				}
			}
			wantProblems(t, doc, nil)
		})
	}
}

// TestDocumentedMonorepoRuns checks that every `$ daslint examples/monorepo…`
// block pasted in README.md, docs/*.md and examples/monorepo/README.md is what the
// command prints today (the run's time masked), so the documentation stays
// true.
func TestDocumentedMonorepoRuns(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	n := 0
	docs, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range append([]string{"README.md", "examples/monorepo/README.md"}, docs...) {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range pastedRuns(string(data), "$ daslint examples/monorepo") {
			n++
			args := strings.Fields(strings.TrimPrefix(b.command, "$ daslint "))
			var stdout, stderr bytes.Buffer
			run(args, &stdout, &stderr)
			got := strings.TrimRight(elapsed.ReplaceAllString(stdout.String(), "; done in (time)"), "\n")
			want := strings.TrimRight(elapsed.ReplaceAllString(b.output, "; done in (time)"), "\n")
			if got != want {
				t.Errorf("%s: %s prints\n%s\nbut the document shows\n%s", doc, b.command, got, want)
			}
		}
	}
	if n < 3 {
		t.Errorf("found %d documented runs of the monorepo example, want at least 3", n)
	}
}

type pastedRun struct{ command, output string }

// pastedRuns returns the fenced code blocks of markdown whose first line
// starts with prefix: the command and the output pasted below it.
func pastedRuns(markdown, prefix string) []pastedRun {
	var out []pastedRun
	var cur *pastedRun
	var body strings.Builder
	inBlock := false
	sc := bufio.NewScanner(strings.NewReader(markdown))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			if inBlock && cur != nil {
				cur.output = body.String()
				out = append(out, *cur)
			}
			inBlock, cur = !inBlock, nil
			body.Reset()
			continue
		}
		if !inBlock {
			continue
		}
		if cur == nil && body.Len() == 0 && strings.HasPrefix(line, prefix) {
			cur = &pastedRun{command: line}
			continue
		}
		if cur != nil {
			body.WriteString(line + "\n")
		} else {
			body.WriteString("x") // not a documented run: skip the block
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
