package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/diag"
)

func TestFunctions(t *testing.T) {
	tests := []struct {
		expr string
		want cty.Value
	}{
		{`cidrsubnet("10.0.0.0/16", 4, 2)`, cty.StringVal("10.0.32.0/20")},
		{`cidrsubnets("10.0.0.0/16", 8, 8)[1]`, cty.StringVal("10.0.1.0/24")},
		{`cidrhost("10.0.0.0/24", 5)`, cty.StringVal("10.0.0.5")},
		{`cidrnetmask("10.0.0.0/16")`, cty.StringVal("255.255.0.0")},
		{`element(["a", "b"], 3)`, cty.StringVal("b")},
		{`length(concat(["a"], ["b", "c"]))`, cty.NumberIntVal(3)},
		{`length("héllo")`, cty.NumberIntVal(5)},
		{`length(flatten([["a"], ["b", ["c"]]]))`, cty.NumberIntVal(3)},
		{`lookup({a = "x"}, "b", "d")`, cty.StringVal("d")},
		{`lookup({a = "x"}, "a", "d")`, cty.StringVal("x")},
		{`lookup(tomap({a = "x"}), "a")`, cty.StringVal("x")},
		{`lookup({service = "kms", private = true}, "service", null)`, cty.StringVal("kms")},
		{`lookup({service = "kms"}, "policy", null) == null`, cty.True},
		{`try(lookup({a = "x"}, "b"), "missing")`, cty.StringVal("missing")},
		{`merge({a = 1}, {b = 2})["b"]`, cty.NumberIntVal(2)},
		{`join(",", keys({b = 1, a = 2}))`, cty.StringVal("a,b")},
		{`values({b = 1, a = 2})[0]`, cty.NumberIntVal(2)},
		{`zipmap(["a"], ["x"])["a"]`, cty.StringVal("x")},
		{`tostring(tonumber("4"))`, cty.StringVal("4")},
		{`tobool("true")`, cty.True},
		{`length(toset(["a", "a"]))`, cty.NumberIntVal(1)},
		{`try(["x"][3], "fallback")`, cty.StringVal("fallback")},
		{`can(["x"][3])`, cty.False},
		{`coalesce("", "b")`, cty.StringVal("b")},
		{`length(coalescelist([], ["a"]))`, cty.NumberIntVal(1)},
		{`join("", compact(["a", "", "b"]))`, cty.StringVal("ab")},
		{`length(distinct(["a", "a", "b"]))`, cty.NumberIntVal(2)},
		{`format("%s-%02d", "az", 3)`, cty.StringVal("az-03")},
		{`formatlist("%s!", ["a", "b"])[1]`, cty.StringVal("b!")},
		{`split(",", "a,b")[1]`, cty.StringVal("b")},
		{`replace("a-b-c", "-", "_")`, cty.StringVal("a_b_c")},
		{`replace("a1b22", "/[0-9]+/", "#")`, cty.StringVal("a#b#")},
		{`"${lower("AB")}${upper("cd")}${trimspace(" x ")}${trim("--y--", "-")}"`, cty.StringVal("abCDxy")},
		{`trimprefix("com.kms", "com.")`, cty.StringVal("kms")},
		{`substr("eu-west-1a", 0, 9)`, cty.StringVal("eu-west-1")},
		{`range(3)[2]`, cty.NumberIntVal(2)},
		{`slice(["a", "b", "c"], 1, 3)[0]`, cty.StringVal("b")},
		{`min(3, 1, 2) + max(1, 5)`, cty.NumberIntVal(6)},
		{`contains(["a"], "a")`, cty.True},
		{`one(["only"])`, cty.StringVal("only")},
		{`sort(["b", "a"])[0]`, cty.StringVal("a")},
		{`reverse(["a", "b"])[0]`, cty.StringVal("b")},
		{`index(["a", "b"], "b")`, cty.NumberIntVal(1)},
		{`length(chunklist(["a", "b", "c"], 2))`, cty.NumberIntVal(2)},
		{`length(setproduct(["a", "b"], ["1", "2"]))`, cty.NumberIntVal(4)},
		{`length(setunion(["a"], ["b"]))`, cty.NumberIntVal(2)},
		{`length(setintersection(["a", "b"], ["b"]))`, cty.NumberIntVal(1)},
		{`abs(-2) + ceil(1.2) + floor(1.8)`, cty.NumberIntVal(5)},
		{`jsondecode(jsonencode({a = "b"})).a`, cty.StringVal("b")},
		{`regex("^eu-([a-z]+)-", "eu-west-1")[0]`, cty.StringVal("west")},
		{`length(regexall("[0-9]", "a1b2"))`, cty.NumberIntVal(2)},
		{`startswith("com.amazonaws", "com") && endswith("x.kms", ".kms") && strcontains("abc", "b")`, cty.True},
		{`alltrue([true, true]) && anytrue([false, true])`, cty.True},
		{`sum([1, 2, 3])`, cty.NumberIntVal(6)},
		{`transpose({a = ["x", "y"]})["y"][0]`, cty.StringVal("a")},
		{`base64decode(base64encode("kms"))`, cty.StringVal("kms")},
		{`sha256("")`, cty.StringVal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")},
		{`file("${path.module}/policy.json")`, cty.StringVal(`{"a": 1}`)},
		{`fileexists("policy.json")`, cty.True},
		{`templatefile("t.tpl", { region = "eu-west-1" })`, cty.StringVal("com.amazonaws.eu-west-1.kms")},
		{`length(fileset(".", "*.json"))`, cty.NumberIntVal(1)},
	}
	src := "resource \"null_resource\" \"r\" {\n"
	for i, tt := range tests {
		src += "  f" + itoa(i) + " = " + tt.expr + "\n"
	}
	src += "}\n"
	res, ds := run(t, map[string]string{
		"main.tf":     src,
		"policy.json": `{"a": 1}`,
		"t.tpl":       `com.amazonaws.${region}.kms`,
	}, Options{})
	noErrors(t, ds)
	for i, tt := range tests {
		got, _ := attr(t, res, "null_resource.r", "f"+itoa(i)).UnmarkDeep()
		if !got.RawEquals(tt.want) && !equalKnown(got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.expr, got, tt.want)
		}
	}
}

func TestFileFunctionsAreConfined(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("s"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{"main.tf": `
resource "null_resource" "r" {
  abs  = file("` + filepath.ToSlash(filepath.Join(outside, "secret")) + `")
  link = file("link/secret")
  up   = fileexists("../x")
}
`})
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symlinks:", err)
	}
	res, ds := Evaluate(dir, Options{})
	for _, a := range []string{"abs", "link", "up"} {
		v := attr(t, res, "null_resource.r", a)
		if v.IsKnown() || len(Reasons(v)) == 0 {
			t.Errorf("%s = %#v, want unknown with a reason", a, v)
		}
	}
	// Valid Terraform (the file may exist where Terraform runs): a warning
	// per call, not an input error.
	if !hasDiag(ds, diag.Warning, "outside the read boundary") || ds.HasErrors() {
		t.Errorf("want warnings, no errors, for reads outside the root, got %v", ds)
	}
}

func TestUnknownFunctionIsAnErrorAndEvaluationContinues(t *testing.T) {
	res, ds := run(t, map[string]string{"main.tf": `
resource "null_resource" "r" {
  bad  = nosuchfunc(1)
  good = "ok"
}
`}, Options{})
	if !hasDiag(ds, diag.Error, "nosuchfunc") {
		t.Errorf("want an error naming the function, got %v", ds)
	}
	for _, d := range ds {
		if d.Range.Line != 3 {
			t.Errorf("diagnostic at line %d, want 3: %s", d.Range.Line, d)
		}
	}
	if v := attr(t, res, "null_resource.r", "bad"); v.IsKnown() || len(Reasons(v)) != 1 {
		t.Errorf("bad = %#v", v)
	}
	if got := str(t, attr(t, res, "null_resource.r", "good")); got != "ok" {
		t.Errorf("good = %q", got)
	}
}

func TestSyntaxErrorSkipsOnlyThatFile(t *testing.T) {
	res, ds := run(t, map[string]string{
		"broken.tf":     "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n}\n",
		"good.tf":       `resource "aws_vpc" "y" {}`,
		".hidden.tf":    `this is not read`,
		"notes.txt":     `neither is this`,
		"bad.tf.json":   `{"resource": `,
		"x_override.tf": `resource "aws_vpc" "y" { cidr_block = "10.9.0.0/16" }`,
	}, Options{})
	if !hasDiag(ds, diag.Warning, "x_override.tf is ignored") {
		t.Errorf("want a warning for the override file, got %v", ds)
	}
	var broken, badJSON bool
	for _, d := range ds {
		if d.Severity == diag.Error && filepath.Base(d.Range.File) == "broken.tf" && d.Range.Line == 2 && d.Range.Column > 0 {
			broken = true
		}
		if d.Severity == diag.Error && filepath.Base(d.Range.File) == "bad.tf.json" {
			badJSON = true
		}
		if filepath.Base(d.Range.File) == ".hidden.tf" {
			t.Errorf("hidden file was read: %s", d)
		}
	}
	if !broken || !badJSON {
		t.Errorf("want errors in broken.tf line 2 and bad.tf.json, got %v", ds)
	}
	if got := addresses(res); len(got) != 1 || got[0] != "aws_vpc.y" {
		t.Errorf("addresses = %v, want the good file's resource", got)
	}
}

// equalKnown compares numbers by value (cty numbers of different precision
// are not RawEqual).
func equalKnown(a, b cty.Value) bool {
	return a.IsKnown() && b.IsKnown() && a.Equals(b).True()
}
