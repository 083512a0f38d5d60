package eval

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// writeTree writes files (path -> content) under a new temporary directory
// and returns it.
func writeTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run evaluates a root module made of files and fails on any error
// diagnostic unless allowErrors.
func run(t *testing.T, files map[string]string, opts Options) (*Result, diag.Diagnostics) {
	t.Helper()
	dir := writeTree(t, files)
	res, ds := Evaluate(dir, opts)
	for _, d := range ds {
		if d.Range.File == "" {
			t.Errorf("diagnostic without a file: %s", d)
		}
	}
	return res, ds
}

func noErrors(t *testing.T, ds diag.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("unexpected error: %s", d)
		}
	}
}

func addresses(res *Result) []string {
	var out []string
	for _, i := range res.Instances {
		out = append(out, i.Address)
	}
	return out
}

func instance(t *testing.T, res *Result, addr string) *Instance {
	t.Helper()
	for _, i := range res.Instances {
		if i.Address == addr {
			return i
		}
	}
	t.Fatalf("no instance %s; have %v", addr, addresses(res))
	return nil
}

func attr(t *testing.T, res *Result, addr, name string) cty.Value {
	t.Helper()
	a := instance(t, res, addr).Body.Attr(name)
	if a == nil {
		t.Fatalf("%s has no attribute %s", addr, name)
	}
	return a.Value
}

// str returns a known string value, failing otherwise.
func str(t *testing.T, v cty.Value) string {
	t.Helper()
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		t.Fatalf("want a known string, got %#v", v)
	}
	return v.AsString()
}

// reasonTexts lists the reasons of v's unknowns as "kind: reason".
func reasonTexts(v cty.Value) []string {
	var out []string
	for _, u := range Reasons(v) {
		out = append(out, string(u.Kind)+": "+u.Reason)
	}
	sort.Strings(out)
	return out
}

func hasDiag(ds diag.Diagnostics, sev diag.Severity, substr string) bool {
	for _, d := range ds {
		if d.Severity == sev && strings.Contains(d.Message, substr) {
			return true
		}
	}
	return false
}

var tok = model.Token

func ctyNum(i int64) cty.Value { return cty.NumberIntVal(i) }

func ctyBool(b bool) cty.Value { return cty.BoolVal(b) }

var ctyListString = cty.List(cty.String)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func itoa(i int) string { return strconv.Itoa(i) }
