package network

import (
	"testing"

	"github.com/daslint/daslint/model"
)

// The cohort of the database subnets and of the objects that attach to
// them, as Terraform's eval names them: same count text, same module.
const (
	zonesCohort = "count=length ( data . aws_availability_zones . a . names )"
	otherCohort = "count=length ( var . db_subnets )"
)

// makeCohort turns the world's DB subnet into a maybe object at addr with
// the given cohort (a symbolic instance when addr ends in [?]), and its route
// table association into a maybe object of assocCohort that links it, with
// SameIndex when sameIndex. The subnet group lists the subnet, which is
// therefore taken to exist (docs/semantics.md#symbolic-instances).
func makeCohort(w *world, addr, subnetCohort, assocCohort string, sameIndex bool) *model.RouteTableAssociation {
	as := w.b.m.RouteTableAssociations[1]
	if as.Subnet.Key != w.db.Address {
		panic("world: the second association is not the DB subnet's")
	}
	w.db.Address, w.db.Cohort = addr, subnetCohort
	w.db.Maybe = unresolved(model.FromCondition, "aws_subnet.db: count depends on data.aws_availability_zones.a")
	w.group.Subnets.Items[0] = model.Ref{Key: addr, Maybe: w.db.Maybe}
	as.Maybe = unresolved(model.FromCondition, "aws_route_table_association.db: count depends on data.aws_availability_zones.a")
	as.Cohort = assocCohort
	as.Subnet = model.Ref{Key: addr, Maybe: w.db.Maybe, SameIndex: sameIndex}
	return as
}

// denyAllACL associates a network ACL without rules (which denies
// everything) with the DB subnet through a standalone association that may
// not exist, of the given cohort.
func denyAllACL(w *world, cohort string, sameIndex bool) {
	acl := w.b.acl("deny", w.vpc)
	as := &model.NetworkACLAssociation{Origin: w.b.origin("aws_network_acl_association", "db[?]"),
		ACL: key(acl), Subnet: model.Ref{Key: w.db.Address, Maybe: w.db.Maybe, SameIndex: sameIndex}}
	as.Maybe = unresolved(model.FromCondition, "aws_network_acl_association.db: count depends on data.aws_availability_zones.a")
	as.Cohort = cohort
	w.b.m.NetworkACLAssociations = append(w.b.m.NetworkACLAssociations, as)
}

func TestCohortAssociations(t *testing.T) {
	pass := func(p Path) expect { return expect{verdict: model.True, path: p} }
	tests := []struct {
		name string
		edit func(w *world)
		want expect
	}{
		// A symbolic association of the subnets' own count, naming the
		// subnet with its own index, exists whenever the subnet does.
		{"symbolic, same cohort, same index: present", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, true)
		}, pass(PathNAT)},
		// Present also when it leads nowhere: the verdict is then false,
		// not unknown.
		{"symbolic, same cohort, same index, table without default route: fail", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, true)
			w.privRT.Routes = nil
		}, expect{verdict: model.False, broken: PathNAT, reason: "has no IPv4 default route"}},
		// aws_subnet.db[count.index + 1]: some other subnet of the cohort,
		// which may not exist, so this subnet's table is unknown.
		{"symbolic, same cohort, no same index: unknown", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, false)
		}, expect{verdict: model.Unknown, kind: model.FromCondition, reason: "may not exist"}},
		{"symbolic, other cohort: unknown", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, otherCohort, true)
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		{"symbolic, no cohort on either: unknown", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", "", "", true)
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		{"symbolic, association without cohort: unknown", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, "", true)
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		// The element of the subnet list may be absent for a reason of its
		// own (not the subnet's existence): still a maybe.
		{"same cohort and index, but the link itself may be absent: unknown", func(w *world) {
			as := makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, true)
			as.Subnet.Maybe = unresolved(model.FromCondition, "condition UseDB is unknown")
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		// A CloudFormation resource under an unknown condition, or a
		// resource in a module with an unknown count: one object per
		// member of the cohort, linked plainly.
		{"non-symbolic, same cohort: present", func(w *world) {
			makeCohort(w, "PrivateSubnetB", "condition:HasThirdAZ", "condition:HasThirdAZ", false)
		}, pass(PathNAT)},
		{"non-symbolic, other cohort: unknown", func(w *world) {
			makeCohort(w, "PrivateSubnetB", "condition:HasThirdAZ", "condition:IsProd", false)
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},

		// Network ACL associations follow the same rule.
		{"NACL association, same cohort and index: present, denies", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, true)
			denyAllACL(w, zonesCohort, true)
		}, expect{verdict: model.False, broken: PathNAT, reason: "aws_network_acl.deny"}},
		{"NACL association, other cohort: unknown", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, true)
			denyAllACL(w, otherCohort, true)
		}, expect{verdict: model.Unknown, kind: model.FromCondition, reason: "network ACL"}},
		{"NACL association, same cohort, no same index: unknown", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, true)
			denyAllACL(w, zonesCohort, false)
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		// Inline subnet_ids of a maybe ACL of another cohort: the link's
		// maybe is the subnet's own, but the ACL may still not exist.
		{"inline NACL of a maybe ACL of another cohort: unknown", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, true)
			acl := w.b.acl("deny", w.vpc)
			acl.Subnets = model.Refs{Set: true, Items: []model.Ref{{Key: w.db.Address, Maybe: w.db.Maybe, SameIndex: true}}}
			acl.Maybe, acl.Cohort = unresolved(model.FromCondition, "aws_network_acl.deny: count depends on var.strict"), otherCohort
		}, expect{verdict: model.Unknown, kind: model.FromCondition}},
		{"inline NACL of a maybe ACL of the same cohort: present, denies", func(w *world) {
			makeCohort(w, "aws_subnet.db[?]", zonesCohort, zonesCohort, true)
			acl := w.b.acl("deny", w.vpc)
			acl.Subnets = model.Refs{Set: true, Items: []model.Ref{{Key: w.db.Address, Maybe: w.db.Maybe, SameIndex: true}}}
			acl.Maybe, acl.Cohort = unresolved(model.FromCondition, "aws_network_acl.deny: count depends on data.aws_availability_zones.a"), zonesCohort
		}, expect{verdict: model.False, broken: PathNAT, reason: "aws_network_acl.deny"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			check(t, Analyze(w.b.m, Options{}), tt.want)
		})
	}
}
