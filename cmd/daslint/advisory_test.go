package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestAdvisoryRulesListed: `daslint rules` lists DAS101 and DAS103 as
// warnings, and `daslint explain` prints their pages.
func TestAdvisoryRulesListed(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"rules", "--format", "json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("rules: exit %d, stderr %q", code, stderr.String())
	}
	var list []struct {
		ID       string   `json:"id"`
		Severity string   `json:"severity"`
		Tags     []string `json:"tags"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, r := range list {
		found[r.ID] = r.Severity
	}
	for _, id := range []string{"DAS101", "DAS103"} {
		if found[id] != "warning" {
			t.Errorf("%s: severity %q in `daslint rules`, want warning", id, found[id])
		}
		stdout.Reset()
		if code := run([]string{"explain", id}, &stdout, &stderr); code != 0 || !strings.HasPrefix(stdout.String(), "# "+id+": ") {
			t.Errorf("explain %s: exit %d, page starts %.40q", id, code, stdout.String())
		}
	}
}

// TestAdvisorySkipRule: --skip-rule turns an advisory rule off for one run;
// the other rules still run, and a warning never changes the exit status.
func TestAdvisorySkipRule(t *testing.T) {
	const dir = "../../testdata/tf-das103-mysql-sync-fail"
	rulesOf := func(args ...string) []string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"--format", "json"}, append(args, dir)...), &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", args, code, stderr.String())
		}
		var doc struct {
			Findings []struct {
				Rule string `json:"rule"`
			} `json:"findings"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range doc.Findings {
			ids = append(ids, f.Rule)
		}
		return ids
	}
	// The case's one NAT gateway serves two zones: DAS104 warns too.
	if got := strings.Join(rulesOf(), " "); got != "DAS103 DAS104" {
		t.Errorf("findings %q, want DAS103 DAS104", got)
	}
	if got := strings.Join(rulesOf("--skip-rule", "DAS103"), " "); got != "DAS104" {
		t.Errorf("findings %q with --skip-rule DAS103, want DAS104 alone", got)
	}
	if got := rulesOf("--skip-rule", "DAS103", "--skip-rule", "DAS104"); len(got) != 0 {
		t.Errorf("findings %q with --skip-rule DAS103 and DAS104, want none", got)
	}
}
