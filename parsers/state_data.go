package parsers

import (
	"strings"
	"sync"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Data sources settled by a state or plan JSON (docs/semantics.md#data-sources-answered-by-other-sources): a state is
// never the complete list of anything in the account, so it settles a
// lookup by exact ID only: `data "aws_subnet" { id = "subnet-0abc" }` is
// the subnet of a state of the run whose id that is. Its values are the
// state's (real IDs), which then join like literal IDs (join.go). A lookup
// with any other argument, a tag or a filter is left to AWS facts.

// stateDataIDs is, for each data source a state can settle, the argument
// that names the object exactly (its value is the resource's id in the
// state) and the resource type that manages such objects.
var stateDataIDs = sync.OnceValue(func() map[string]struct{ arg, resource string } {
	return map[string]struct{ arg, resource string }{
		"aws_vpc":                     {"id", "aws_vpc"},
		"aws_subnet":                  {"id", "aws_subnet"},
		"aws_security_group":          {"id", "aws_security_group"},
		"aws_route_table":             {"route_table_id", "aws_route_table"},
		"aws_internet_gateway":        {"internet_gateway_id", "aws_internet_gateway"},
		"aws_nat_gateway":             {"id", "aws_nat_gateway"},
		"aws_vpc_endpoint":            {"id", "aws_vpc_endpoint"},
		"aws_db_subnet_group":         {"name", "aws_db_subnet_group"},
		"aws_ec2_managed_prefix_list": {"id", "aws_ec2_managed_prefix_list"},
		"aws_rds_cluster":             {"cluster_identifier", "aws_rds_cluster"},
	}
})

// lookupData answers a data source from the sources of the run: AWS facts
// first (facts_data.go), then, by exact ID, the states. A facts answer
// that Terraform would fail on stands: the account has no such object, or
// several.
func (c *catalog) lookupData(q eval.DataQuery) (map[string]cty.Value, string, error) {
	vals, why, err := c.dataSource(q)
	if vals != nil || err != nil || strings.Contains(why, "Terraform would fail") {
		return vals, why, err
	}
	if got := c.stateData(q); got != nil {
		return got, "", nil
	}
	return vals, why, err
}

// stateData answers q from the first state or plan JSON of the run, in
// path order, that holds an object of its type with exactly the ID asked
// for; nil when none does or q asks for more than the ID.
func (c *catalog) stateData(q eval.DataQuery) map[string]cty.Value {
	spec, ok := stateDataIDs()[q.Type]
	if !ok || q.Body == nil {
		return nil
	}
	id, ok := exactID(q.Body, spec.arg)
	if !ok {
		return nil
	}
	for _, r := range c.candidateStates() {
		s := c.stateOf(r)
		if s == nil {
			continue
		}
		if got := s.src.Lookup(spec.resource, id); got != nil {
			return got
		}
	}
	return nil
}

// exactID is the value of the argument arg when it is the only argument
// of the data source that is set (no tags, no filter blocks).
func exactID(b *eval.Body, arg string) (string, bool) {
	for _, a := range b.Attrs {
		if a.Name != arg && !a.Value.IsNull() {
			return "", false
		}
	}
	for t, blocks := range b.Blocks {
		if t != "timeouts" && len(blocks) > 0 {
			return "", false
		}
	}
	id, ok := attrString(b, arg)
	if !ok || id == "" || strings.Contains(id, "⟪") {
		return "", false // unknown, or an object of the code itself
	}
	return id, true
}
