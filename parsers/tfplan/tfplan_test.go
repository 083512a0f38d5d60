package tfplan

import (
	"encoding/json"
	"fmt"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
	"github.com/daslint/daslint/parsers/terraform"
)

func TestClaims(t *testing.T) {
	tests := []struct {
		name, data string
		want       Kind
	}{
		{"plan", `{"format_version":"1.2","planned_values":{"root_module":{}}}`, Plan},
		{"state", `{"format_version":"1.0","values":{"root_module":{}}}`, State},
		{"empty state", `{"format_version":"1.0"}`, None},
		{"template", `{"format_version":"1","Resources":{},"planned_values":{}}`, None},
		{"other json", `{"planned_values":{}}`, None},
		{"yaml", "format_version: 1\nplanned_values: {}\n", None},
		{"broken", `{"format_version":"1.2","planned_values":`, None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Claims([]byte(tt.data)); got != tt.want {
				t.Errorf("Claims = %v, want %v", got, tt.want)
			}
		})
	}
}

// testLinker is a plan with a VPC, two counted subnets, a module with one
// NAT gateway and an output, and a module called with count.
func testLinker() *linker {
	l := &linker{modules: map[string]*configModule{}, calls: map[string]*moduleCall{},
		instances: map[string][]string{}, types: map[string]string{}}
	add := func(addr, typ string) {
		b := baseOf(addr)
		l.instances[b] = append(l.instances[b], addr)
		l.types[b] = typ
	}
	add("aws_vpc.main", "aws_vpc")
	add("aws_subnet.private[0]", "aws_subnet")
	add("aws_subnet.private[1]", "aws_subnet")
	add(`aws_subnet.az["a"]`, "aws_subnet")
	add("aws_kms_key.k", "aws_kms_key")
	add("module.net.aws_nat_gateway.nat", "aws_nat_gateway")
	root := &configModule{ModuleCalls: map[string]moduleCall{}}
	net := moduleCall{Source: "./net", Module: configModule{Outputs: map[string]configOutput{
		"nat_id":  {Expression: json.RawMessage(`{"references":["aws_nat_gateway.nat.id","aws_nat_gateway.nat"]}`)},
		"nat_tag": {Expression: json.RawMessage(`{"references":["aws_nat_gateway.nat.tags_all","aws_nat_gateway.nat"]}`)},
		"vpc":     {Expression: json.RawMessage(`{"references":["var.vpc_id"]}`)},
	}}, Expressions: map[string]json.RawMessage{"vpc_id": json.RawMessage(`{"references":["aws_vpc.main.id","aws_vpc.main"]}`)}}
	root.ModuleCalls["net"] = net
	l.modules[""] = root
	l.modules["module.net"] = &net.Module
	l.calls["module.net"] = &net
	many := moduleCall{CountExpression: json.RawMessage(`{"constant_value":2}`)}
	l.modules["module.many"] = &many.Module
	l.calls["module.many"] = &many
	return l
}

func TestResolve(t *testing.T) {
	tok := model.Token
	tests := []struct {
		name        string
		refs        []string
		mod         string
		key         any
		want        []string
		wantProblem string
	}{
		{"single instance", []string{"aws_vpc.main.id", "aws_vpc.main"}, "", nil, []string{tok("aws_vpc.main")}, ""},
		{"index in reference", []string{"aws_subnet.private[1].id", "aws_subnet.private[1]", "aws_subnet.private"}, "", nil, []string{tok("aws_subnet.private[1]")}, ""},
		{"string key", []string{`aws_subnet.az["a"].id`, `aws_subnet.az["a"]`}, "", nil, []string{tok(`aws_subnet.az["a"]`)}, ""},
		{"count.index selects own index", []string{"aws_subnet.private", "count.index"}, "", json.Number("1"), []string{tok("aws_subnet.private[1]")}, ""},
		{"own index not in plan", []string{"aws_subnet.private", "count.index"}, "", json.Number("5"), nil, "aws_subnet.private[5] is not in the plan"},
		{"splat names several", []string{"aws_subnet.private"}, "", nil, nil, "could name any of its 2 instances"},
		{"several indexed", []string{"aws_subnet.private[0].id", "aws_subnet.private[0]", "aws_subnet.private[1].id", "aws_subnet.private[1]"}, "", nil,
			[]string{tok("aws_subnet.private[0]"), tok("aws_subnet.private[1]")}, ""},
		{"identity attribute", []string{"aws_kms_key.k.key_id", "aws_kms_key.k"}, "", nil, []string{tok("aws_kms_key.k")}, ""},
		{"main route table", []string{"aws_vpc.main.main_route_table_id", "aws_vpc.main"}, "", nil, []string{tok(model.MainRouteTableAddress("aws_vpc.main"))}, ""},
		{"other attribute", []string{"aws_vpc.main.owner_id", "aws_vpc.main"}, "", nil, nil, "aws_vpc.main.owner_id is known only after apply"},
		{"module output", []string{"module.net.nat_id", "module.net"}, "", nil, []string{tok("module.net.aws_nat_gateway.nat")}, ""},
		{"module output of other attribute", []string{"module.net.nat_tag", "module.net"}, "", nil, nil, "tags_all is known only after apply"},
		{"module variable", []string{"var.vpc_id"}, "module.net", nil, []string{tok("aws_vpc.main")}, ""},
		{"output through variable", []string{"module.net.vpc"}, "", nil, []string{tok("aws_vpc.main")}, ""},
		{"module with count", []string{"module.many[0].x"}, "", nil, nil, "module called with count or for_each"},
		{"data source read at apply", []string{"data.aws_subnet.x.id", "data.aws_subnet.x"}, "", nil, nil, "a data source read only at apply"},
		{"local", []string{"local.ids"}, "", nil, nil, "local.ids"},
		{"resource inside module", []string{"aws_nat_gateway.nat.id"}, "module.net", nil, []string{tok("module.net.aws_nat_gateway.nat")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testLinker().resolve(tt.refs, tt.mod, tt.key, 0)
			if tt.wantProblem != "" {
				if !strings.Contains(got.problem, tt.wantProblem) {
					t.Errorf("problem = %q, want it to contain %q", got.problem, tt.wantProblem)
				}
				return
			}
			if got.problem != "" || !slices.Equal(got.tokens, tt.want) {
				t.Errorf("resolve = %q (problem %q), want %q", got.tokens, got.problem, tt.want)
			}
		})
	}
}

// TestPlanAndCodeAgree checks docs/semantics.md#plan-json: the plan of a root and the root's
// code give the same verdicts, instance by instance and path by path. A
// fixture named *-unknown holds a reference the plan cannot settle (a
// splat): its plan must be unknown, whatever the code says. A fixture with
// a file `code` was planned from the code case it names
// (scripts/gen-plan-fixtures.sh), whose code is compared.
func TestPlanAndCodeAgree(t *testing.T) {
	entries, err := os.ReadDir("../../scripts/plan-fixtures")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join("../../scripts/plan-fixtures", e.Name()))
		}
	}
	if len(dirs) < 6 {
		t.Fatalf("plan fixtures %v, want the six", dirs)
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			if code, err := os.ReadFile(filepath.Join(dir, "code")); err == nil {
				dir = filepath.Join("../../testdata", strings.TrimSpace(string(code)))
			}
			cm, _, ds := terraform.Load(dir, terraform.Options{})
			if ds.HasErrors() {
				t.Fatalf("code: %v", ds)
			}
			planFile := filepath.Join("../../testdata", name, "plan.json")
			data, err := os.ReadFile(planFile)
			if err != nil {
				t.Fatal(err)
			}
			pm, _, pds := Load(planFile, data, Options{})
			if pds.HasErrors() {
				t.Fatalf("plan: %v", pds)
			}
			code, plan := verdicts(cm), verdicts(pm)
			if len(code) == 0 {
				t.Fatal("the code has no cluster")
			}
			if strings.HasSuffix(name, "-unknown") {
				// A cluster's line (instances' are indented) says unknown.
				if !slices.ContainsFunc(plan, func(v string) bool { return !strings.HasPrefix(v, " ") && strings.HasSuffix(v, " unknown") }) {
					t.Errorf("plan verdicts = %q, want unknown", plan)
				}
				return
			}
			if !slices.Equal(code, plan) {
				t.Errorf("verdicts differ:\ncode: %q\nplan: %q", code, plan)
			}
		})
	}
}

func verdicts(m *model.Model) []string {
	var out []string
	for _, r := range network.Analyze(m, network.Options{}) {
		id := "?"
		if r.Cluster != nil {
			id = r.Cluster.Address
		}
		out = append(out, id+" "+r.Verdict.String())
		for _, in := range r.Instances {
			out = append(out, "  "+in.Instance+" "+in.Subnet+" "+in.Verdict.String()+" "+fmt.Sprint(in.Path))
		}
	}
	slices.Sort(out) // a subnet group's subnets come in no set order
	return out
}

// TestRealIDsAndCodeAgree checks that documents holding real IDs give the
// verdicts of the code: the state of an applied root, and the plan of a
// change to a root that exists (new resources name existing ones by ID).
func TestRealIDsAndCodeAgree(t *testing.T) {
	tests := []struct{ file, code string }{
		{"tfstate-nat-pass/state.json", "tfplan-nat-pass"},
		{"tfstate-nat-missing-fail/state.json", "tfplan-nat-missing-fail"},
		{"tfplan-existing-network-add-endpoint-pass/plan.json", "tfplan-kms-endpoint-pass"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			cm, _, ds := terraform.Load(filepath.Join("../../scripts/plan-fixtures", tt.code), terraform.Options{})
			if ds.HasErrors() {
				t.Fatalf("code: %v", ds)
			}
			file := filepath.Join("../../testdata", tt.file)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if Claims(data) == None {
				t.Fatalf("%s is not recognised", file)
			}
			sm, _, sds := Load(file, data, Options{})
			if sds.HasErrors() {
				t.Fatalf("document: %v", sds)
			}
			if c, s := verdicts(cm), verdicts(sm); len(c) == 0 || !slices.Equal(c, s) {
				t.Errorf("verdicts differ:\ncode:     %q\ndocument: %q", c, s)
			}
		})
	}
}

func TestEveryInstance(t *testing.T) {
	tests := []struct {
		expr, resource, attr string
	}{
		{"aws_subnet.db[*].id", "aws_subnet.db", "id"},
		{"[for s in aws_subnet.db : s.id]", "aws_subnet.db", "id"},
		{"[for k, s in aws_subnet.db : s.arn]", "aws_subnet.db", "arn"},
		{`[for s in aws_subnet.db : s.id if s.availability_zone != "a"]`, "", ""},
		{"{for k, s in aws_subnet.db : k => s.id}", "", ""},
		{"[for s in aws_subnet.db : s.tags.Name]", "", ""},
		{"[for s in aws_subnet.db : other.id]", "", ""},
		{"aws_subnet.db[*].tags.Name", "", ""},
		{"aws_subnet.db[0].id", "", ""},
		{"data.aws_subnets.x[*].ids", "", ""},
		{"module.net[*].id", "", ""},
		{"var.subnets[*].id", "", ""},
		{"[for s in local.subnets : s.id]", "", ""},
		{"values(aws_subnet.db)[*].id", "", ""},
	}
	for _, tt := range tests {
		expr, diags := hclsyntax.ParseExpression([]byte(tt.expr), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tt.expr, diags)
		}
		res, attr, ok := everyInstance(expr)
		if ok != (tt.resource != "") || res != tt.resource || attr != tt.attr {
			t.Errorf("everyInstance(%s) = %q, %q, %v; want %q, %q", tt.expr, res, attr, ok, tt.resource, tt.attr)
		}
	}
}
