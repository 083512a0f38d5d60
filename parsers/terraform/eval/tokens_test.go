package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// TestTokensAreNotInspected: a function that looks inside the placeholder
// of a computed id or ARN returns an unknown whose reason names the
// resource, never a known value computed from the placeholder, nor an
// error; a function that passes it through keeps the token, so links
// survive.
func TestTokensAreNotInspected(t *testing.T) {
	tok := cty.StringVal(model.Token("aws_rds_cluster.x"))
	inspect := []string{
		`slice(split("/", aws_rds_cluster.x.arn), 1, 3)`,
		`element(split(":", aws_rds_cluster.x.arn), 4)`,
		`substr(aws_rds_cluster.x.id, 0, 3)`,
		`replace(aws_rds_cluster.x.arn, "/:cluster:.*/", "")`,
		`regex("^arn:([^:]+)", aws_rds_cluster.x.arn)`,
		`length(regexall(":", aws_rds_cluster.x.arn))`,
		`trimprefix(aws_rds_cluster.x.arn, "arn:")`,
		`upper(aws_rds_cluster.x.id)`,
		`length(aws_rds_cluster.x.arn)`,
		`format("%q", aws_rds_cluster.x.id)`,
		`format("%10s", aws_rds_cluster.x.id)`,
		`jsondecode(aws_rds_cluster.x.id)`,
		`base64encode(aws_rds_cluster.x.id)`,
		`sha256(aws_rds_cluster.x.id)`,
		`cidrhost(aws_rds_cluster.x.id, 1)`,
		`startswith(aws_rds_cluster.x.arn, "arn:aws:rds")`,
		`strcontains(aws_rds_cluster.x.arn, ":cluster:")`,
		`tonumber(aws_rds_cluster.x.id)`,
		`element(["a"], aws_rds_cluster.x.id)`,
		`sort([aws_rds_cluster.x.id, "a"])`,
		`file(aws_rds_cluster.x.id)`,
		`urlencode(aws_rds_cluster.x.arn)`,
		`try(element(split(":", aws_rds_cluster.x.arn), 4), "fallback")`,
	}
	pass := []struct {
		expr string
		want cty.Value
	}{
		{`tostring(aws_rds_cluster.x.arn)`, tok},
		{`coalesce("", aws_rds_cluster.x.arn)`, tok},
		{`join(",", [aws_rds_cluster.x.arn])`, tok},
		{`format("%s", aws_rds_cluster.x.id)`, tok},
		{`format("%v/%%", aws_rds_cluster.x.id)`, cty.StringVal(model.Token("aws_rds_cluster.x") + "/%")},
		{`"${aws_rds_cluster.x.arn}/foo"`, cty.StringVal(model.Token("aws_rds_cluster.x") + "/foo")},
		{`lookup({(aws_rds_cluster.x.id) = "v"}, aws_rds_cluster.x.id, "d")`, cty.StringVal("v")},
		{`element([aws_rds_cluster.x.id], 0)`, tok},
		{`length([aws_rds_cluster.x.id, "a"])`, cty.NumberIntVal(2)},
		{`one(concat([], [aws_rds_cluster.x.id]))`, tok},
		{`contains([aws_rds_cluster.x.id], aws_rds_cluster.x.id)`, cty.True},
		{`local.arn`, tok},
	}
	src := "resource \"aws_rds_cluster\" \"x\" {}\nlocals {\n  arn = aws_rds_cluster.x.arn\n}\nresource \"null_resource\" \"r\" {\n"
	for i, expr := range inspect {
		src += "  i" + itoa(i) + " = " + expr + "\n"
	}
	for i, tt := range pass {
		src += "  p" + itoa(i) + " = " + tt.expr + "\n"
	}
	src += "}\n"
	res, ds := run(t, map[string]string{"main.tf": src}, Options{})
	noErrors(t, ds)
	for i, expr := range inspect {
		v := attr(t, res, "null_resource.r", "i"+itoa(i))
		if v.IsWhollyKnown() {
			t.Errorf("%s = %#v, want unknown", expr, v)
			continue
		}
		reasons := strings.Join(reasonTexts(v), "; ")
		// try drops the marks of an unknown result: it is unknown, which is
		// what matters, with the generic reason.
		if !strings.HasPrefix(expr, "try(") && !strings.Contains(reasons, "of aws_rds_cluster.x, which is known only after apply") {
			t.Errorf("%s: reasons %q, want one naming aws_rds_cluster.x", expr, reasons)
		}
	}
	for i, tt := range pass {
		got, _ := attr(t, res, "null_resource.r", "p"+itoa(i)).UnmarkDeep()
		if !got.RawEquals(tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.expr, got, tt.want)
		}
	}
}

// TestEveryFunctionIsGuarded: a function not on the token-safe list reads
// its arguments, so a token in any of them makes the result unknown. This
// holds for every function in the table, including those added later.
func TestEveryFunctionIsGuarded(t *testing.T) {
	e := &evaluator{ctx: context.Background()}
	fs := e.functions()
	tok := cty.StringVal(model.Token("aws_vpc.a"))
	for name, f := range fs {
		if e.unevaluated[name] != "" || name == forCountFunc {
			continue
		}
		if _, listed := tokenSafe()[name]; listed {
			continue
		}
		args := make([]cty.Value, len(f.Params()))
		for i := range args {
			args[i] = tok
		}
		if len(args) == 0 {
			args = []cty.Value{tok}
		}
		v, err := f.Call(args)
		if err != nil || v.IsKnown() {
			t.Errorf("%s(token...) = %#v, %v; want an unknown", name, v, err)
		}
	}
}
