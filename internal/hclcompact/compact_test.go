package hclcompact

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/internal/goldenroots"
)

// TestFoldLiteralsKeepsValues: folding the quoted strings of an argument,
// alone or in tuples and objects, leaves its value, its range and the
// traversals it reads as they were.
func TestFoldLiteralsKeepsValues(t *testing.T) {
	for _, src := range []string{
		`"10.0.0.0/16"`,
		`""`,
		`"caf\u00e9 ${"x"}"`,
		`"a$${b}"`,
		`["0.0.0.0/0", "::/0", 443]`,
		`{ Name = "x", Env = ["a", "b"], "k" = { v = "w" } }`,
		`"${var.x}"`,
		`["a", var.y]`,
		"<<EOF\nplain\nEOF\n",
	} {
		parse := func() hclsyntax.Expression {
			x, ds := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
			if ds.HasErrors() {
				t.Fatalf("%s: %s", src, ds)
			}
			return x
		}
		want, folded := parse(), FoldLiterals(parse())
		if folded.Range() != want.Range() {
			t.Errorf("%s: range %v, want %v", src, folded.Range(), want.Range())
		}
		if w, g := fmt.Sprint(want.Variables()), fmt.Sprint(folded.Variables()); w != g {
			t.Errorf("%s: reads %s, want %s", src, g, w)
		}
		ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
			"var": cty.ObjectVal(map[string]cty.Value{"x": cty.StringVal("X"), "y": cty.StringVal("Y")}),
		}}
		wv, wds := want.Value(ctx)
		gv, gds := folded.Value(ctx)
		if wds.HasErrors() || gds.HasErrors() || !wv.RawEquals(gv) {
			t.Errorf("%s: value %#v (%s), want %#v (%s)", src, gv, gds, wv, wds)
		}
	}
}

// TestPos32 checks that a position whose numbers do not fit in 32 bits is
// refused, so that its argument keeps its whole range.
func TestPos32(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("positions fit in 32 bits")
	}
	// Converted at run time: the constants would not compile where int
	// has 32 bits.
	var max32 int64 = math.MaxInt32
	over, far := int(max32+1), int(4*max32)
	for _, c := range []struct {
		p    hcl.Pos
		fits bool
	}{
		{hcl.Pos{Line: 1, Column: 1, Byte: 0}, true},
		{hcl.Pos{Line: 1 << 30, Column: 7, Byte: over - 1}, true},
		{hcl.Pos{Line: 1, Column: 1, Byte: over}, false},
		{hcl.Pos{Line: far, Column: 1, Byte: 0}, false},
		{hcl.Pos{Line: 1, Column: -far, Byte: 0}, false},
	} {
		q, fits := toPos32(c.p)
		if fits != c.fits || (fits && q.pos() != c.p) {
			t.Errorf("toPos32(%+v) = %+v, %v; want fits %v", c.p, q, fits, c.fits)
		}
	}
	a := &hclsyntax.Attribute{Name: "x", Expr: &hclsyntax.LiteralValueExpr{Val: cty.True,
		SrcRange: hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 1, Column: 5, Byte: far}, End: hcl.Pos{Line: 1, Column: 9, Byte: far + 4}}},
		SrcRange: hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 1, Column: 1, Byte: far - 4}, End: hcl.Pos{Line: 1, Column: 9, Byte: far + 4}}}
	if c := NewAttr(a.Name, a.SrcRange, a.Expr); c.Range() != a.SrcRange {
		t.Errorf("range %v, want %v", c.Range(), a.SrcRange)
	}
}

// TestCompactArenaSizedExactly converts every case above and every native
// file of the golden Terraform roots, and requires that the arrays
// CompactFile allocates for a file hold exactly what it keeps: a count
// short of it would allocate node by node again, one past it would keep
// memory that nothing uses.
func TestCompactArenaSizedExactly(t *testing.T) {
	check := func(name string, src []byte) bool {
		f, ds := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		if ds.HasErrors() {
			return false
		}
		a := compactFile(f)
		if a == nil {
			t.Fatalf("%s: no arena for a native file", name)
		}
		if !a.used() {
			t.Errorf("%s: %d cut bodies, %d bodies, %d arguments and %d blocks left over", name,
				len(a.cuts), len(a.bodies), len(a.attrs), len(a.blocks))
		}
		return len(Of(f).Bodies) > 0
	}
	for i, src := range []string{
		"resource \"a\" \"b\" {\n  count = 2\n  x = \"y\"\n  n {\n    m {\n      z = [\"1\", 2]\n    }\n  }\n  dynamic \"d\" {\n    for_each = []\n    content {\n      k = 1\n    }\n  }\n  lifecycle {\n    ignore_changes = [x]\n  }\n}\n",
		"data \"a\" \"b\" {\n}\nresource \"one_label\" {\n  x = 1\n}\nlocals {\n  y = 2\n}\n",
		"",
	} {
		check(fmt.Sprintf("case%d.tf", i), []byte(src))
	}
	roots, err := goldenroots.Terraform(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	files, converted := 0, 0
	for _, dir := range roots {
		names, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files++
			if check(name, src) {
				converted++
			}
		}
	}
	if converted < 100 {
		t.Errorf("%d of %d golden files had a resource body converted, want the golden cases'", converted, files)
	}
}

func TestArenaFallsBackWhenShort(t *testing.T) {
	from := make([]int, 3)
	if s := take(&from, 2); cap(s) != 2 || len(s) != 0 || len(from) != 1 {
		t.Errorf("take 2 of 3: cap %d len %d, %d left", cap(s), len(s), len(from))
	}
	if s := take(&from, 2); cap(s) != 2 || len(from) != 1 {
		t.Errorf("take 2 of 1: cap %d, %d left; want a new array and the one left alone", cap(s), len(from))
	}
	p := next(&from)
	*p = 7
	if len(from) != 0 {
		t.Errorf("next left %d", len(from))
	}
	if q := next(&from); q == nil || q == p {
		t.Error("next of an empty arena gave no new element")
	}
}
