package tfplan

import (
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// indexIDs indexes the known IDs and ARNs of the resources of a state, or
// of a plan's resources that exist already. These hold real IDs where a
// plan of new resources holds references: `subnet_id = "subnet-0a1b…"` is
// the subnet of the state whose id that is, and it links by identity as the
// reference in code would. The IDs AWS gives a VPC's main route table,
// default security group and network ACL stand for those implicit objects.
// An ID two resources claim links to neither.
func (b *builder) indexIDs(root *valuesModule) {
	b.ids = map[string]string{}
	taken := map[string]bool{}
	set := func(id, tok string) {
		if id == "" || taken[id] {
			return
		}
		if old, ok := b.ids[id]; ok && old != tok {
			delete(b.ids, id)
			taken[id] = true
			return
		}
		b.ids[id] = tok
	}
	regions := map[string]bool{}
	var implicit [][2]string
	var walk func(vm *valuesModule, depth int)
	walk = func(vm *valuesModule, depth int) {
		if depth > maxDepth {
			return
		}
		for _, r := range vm.Resources {
			if r.Mode != "managed" {
				continue
			}
			if r.Type == "aws_vpc" {
				for attr, address := range eval.ImplicitVPCObjects(r.Address) {
					if id, _ := r.Values[attr].(string); id != "" {
						implicit = append(implicit, [2]string{id, model.Token(address)})
					}
				}
			}
			for _, attr := range []string{"id", "arn"} { // RDS and KMS ids are the names and key ids
				if id, _ := r.Values[attr].(string); id != "" {
					set(id, model.Token(r.Address))
				}
			}
			if reg := arnRegion(stringOf(r.Values["arn"])); reg != "" {
				regions[reg] = true
			}
		}
		for i := range vm.ChildModules {
			walk(&vm.ChildModules[i], depth+1)
		}
	}
	walk(root, 0)
	// The implicit objects win over an aws_default_route_table (or
	// security group, network ACL) that adopts them: the translator links
	// those through the VPC's implicit addresses.
	for _, p := range implicit {
		if !taken[p[0]] {
			b.ids[p[0]] = p[1]
		}
	}
	if len(regions) == 1 {
		for r := range regions {
			b.stateRegion = r
		}
	}
}

// arnOf is the arn value of the resource at addr in the document, if any.
func (b *builder) arnOf(addr string) string {
	for _, r := range b.resources {
		if r.Address == addr {
			return stringOf(r.Values["arn"])
		}
	}
	return ""
}

// arnRegion is the region field of an ARN, or "".
func arnRegion(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[3]
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

// namesResource reports whether the argument at path names another
// resource by ID, ARN or name: `vpc_id`, `subnet_ids`, `resource_arn`,
// `db_subnet_group_name`, `cluster_identifier`, `security_groups`, and the
// targets inside `route`. An object's own id and arn are left alone, and so
// are tags and descriptions, which may hold any text.
func namesResource(path []any) bool {
	name := ""
	for i := len(path) - 1; i >= 0; i-- {
		if s, ok := path[i].(string); ok {
			name = s
			break
		}
	}
	if top, _ := path[0].(string); top == "tags" || top == "tags_all" {
		return false
	}
	switch {
	case name == "id" || name == "arn":
		return false
	case strings.HasSuffix(name, "_id"), strings.HasSuffix(name, "_ids"), strings.HasSuffix(name, "_arn"),
		strings.HasSuffix(name, "_name"), strings.HasSuffix(name, "identifier"),
		name == "security_groups", name == "subnets":
		return true
	}
	return false
}
