package network

import (
	"strings"

	"github.com/daslint/daslint/model"
)

// analyzeCluster places every instance of the cluster in every candidate
// subnet of its DB subnet group (docs/semantics.md#where-each-instance-can-be) and ANDs the verdicts.
func (a *analyzer) analyzeCluster(c *model.DBCluster, s *model.ActivityStream) (res ClusterResult) {
	res = ClusterResult{Cluster: c, Stream: s, Verdict: model.True}
	defer a.finishCluster(&res)
	group, gu := a.subnetGroupOf(c)
	members := a.instancesOf(c)
	if len(members) == 0 {
		members = []member{{}}
	}
	if gu != nil {
		a.withoutSubnetGroup(&res, members, gu)
		return res
	}
	subnets, unresolved := a.groupSubnets(group)
	groupVPC := a.placementVPC(c, subnets)
	if group.Subnets.Incomplete != nil {
		u := unknownOf(group.Subnets.Incomplete, group.Subnets.Range, group.Address)
		res.Verdict = model.Unknown
		res.Unknowns = append(res.Unknowns, u)
		unresolved = append(unresolved, u)
	}
	for _, m := range members {
		if a.stopped() {
			return res // discarded by AnalyzeContext
		}
		cands := subnets
		if m.inst != nil && m.inst.AvailabilityZone.Known() {
			cands = nil
			for _, sn := range subnets {
				if model.SameZone(sn.AvailabilityZone, m.inst.AvailabilityZone) != model.False {
					cands = append(cands, sn)
				}
			}
		}
		for _, sn := range cands {
			res.Instances = append(res.Instances, a.instanceResult(c, group, m, sn, groupVPC))
		}
		for _, u := range unresolved {
			res.Instances = append(res.Instances, a.anySubnetResult(c, group, m, groupVPC, u))
		}
		if len(cands) == 0 && len(unresolved) == 0 {
			why, fix := group.Address+" has no subnets", ""
			if len(subnets) > 0 {
				why = "no subnet of " + group.Address + " is in availability zone " + model.ZoneText(m.inst.AvailabilityZone.Value)
				fix = "Pin the instance to the zone of a subnet of " + group.Address + ", or add a subnet in that zone to the group."
			}
			u := &model.Unresolved{Kind: model.FromExpression, Reason: why + "; AWS would refuse the instance", Range: group.Range, Fix: fix}
			res.Instances = append(res.Instances, InstanceResult{Instance: memberName(c, m), Assumed: m.inst == nil,
				Verdict: model.Unknown, Unknowns: []Unknown{unknownOf(u, group.Range, group.Address)}})
		}
	}
	return res
}

// withoutSubnetGroup places the instances of a cluster whose DB subnet
// group cannot be resolved (why) in any subnet of the VPC its security
// groups are in; a cluster that names no group, or the group "default",
// lands in the default VPC, which is not in the scanned code.
func (a *analyzer) withoutSubnetGroup(res *ClusterResult, members []member, gu *model.Unresolved) {
	c := res.Cluster
	why := unknownOf(gu, rangeOr(c.SubnetGroup.Range, c.Range), c.Address)
	defaultVPC := !c.SubnetGroup.IsSet() || strings.EqualFold(c.SubnetGroup.Literal, "default")
	var vpc *model.VPC
	if defaultVPC {
		why.Fix = "Give the cluster a DB subnet group (db_subnet_group_name, DBSubnetGroupName) whose subnets are in the scanned code: the default VPC is not."
	} else {
		vpc = a.placementVPC(c, nil)
	}
	res.Verdict = model.Unknown
	res.Unknowns = append(res.Unknowns, why)
	for _, m := range members {
		res.Instances = append(res.Instances, a.anySubnetResult(c, nil, m, vpc, why))
	}
}

// finishCluster ANDs the instance verdicts and settles the cluster's path.
func (a *analyzer) finishCluster(res *ClusterResult) {
	for i := range res.Instances {
		res.Verdict = res.Verdict.And(res.Instances[i].Verdict)
	}
	if res.Verdict == model.True {
		for i, ir := range res.Instances {
			if i == 0 {
				res.Path = ir.Path
			} else if ir.Path != res.Path {
				res.Path = ""
			}
		}
		res.Unknowns = nil
	} else if isAurora(res.Cluster) == model.Unknown {
		e := res.Cluster.Engine
		res.Unknowns = append(res.Unknowns, unknownOf(e.Unknown, e.Range, res.Cluster.Address))
	}
	res.Unknowns = dedupUnknowns(res.Unknowns)
}

// groupSubnets resolves the subnets of a DB subnet group. Symbolic and
// maybe subnets count as present: RDS refuses a group without subnets in
// at least two zones (docs/semantics.md#symbolic-instances).
func (a *analyzer) groupSubnets(g *model.DBSubnetGroup) ([]*model.Subnet, []Unknown) {
	var subnets []*model.Subnet
	var us []Unknown
	for _, r := range g.Subnets.Items {
		o, u := a.ix.resolve(r, "subnet")
		if s, ok := o.(*model.Subnet); ok {
			subnets = append(subnets, s)
			continue
		}
		if u == nil {
			u = &model.Unresolved{Kind: model.FromExpression, Reason: g.Address + " lists something that is not a subnet", Range: r.Range}
		}
		us = append(us, unknownOf(u, r.Range, g.Address))
	}
	return subnets, us
}

func memberName(c *model.DBCluster, m member) string {
	if m.inst == nil {
		return c.Address
	}
	return m.inst.Address
}

// reading is one way to read the instance's public accessibility.
type reading struct {
	public model.Tri
	why    []Unknown
}

// instanceResult evaluates one instance in one subnet. When the subnet's
// VPC cannot be resolved, the instance is in any subnet of groupVPC (the
// VPC the rest of its group or its security groups are in, nil when
// unknown): the subnet's own facts rest on its VPC (its main route table,
// its default network ACL).
func (a *analyzer) instanceResult(c *model.DBCluster, g *model.DBSubnetGroup, m member, s *model.Subnet, groupVPC *model.VPC) InstanceResult {
	vpc, vu := a.ix.vpcOf(s.VPC, "VPC of "+s.Address)
	if vu != nil {
		ir := a.anySubnetResult(c, g, m, groupVPC, unknownOf(vu, s.VPC.Range, s.Address))
		ir.Subnet = s.Address
		return ir
	}
	return a.placementResult(&placement{cluster: c, inst: m.inst, group: g, subnet: s, vpc: vpc}, m)
}

// placementResult evaluates a placement, under each reading of the
// instance's public accessibility.
func (a *analyzer) placementResult(p *placement, m member) InstanceResult {
	c := p.cluster
	ir := InstanceResult{Instance: memberName(c, m), Assumed: m.inst == nil}
	if p.subnet != nil {
		ir.Subnet = p.subnet.Address
	}
	p.sgs = a.groupsOf(c.SecurityGroups, p.vpc, c.Address)
	p.publicLink = Link{Address: c.Address, Text: ir.Instance + " publicly accessible", Range: c.Range, From: c.From}
	if m.inst != nil {
		p.publicLink = Link{Address: m.inst.Address, Text: m.inst.Address + " publicly accessible", Range: rangeOr(m.inst.PubliclyAccessible.Range, m.inst.Range), From: m.inst.From}
	}
	readings := a.publicReadings(p)
	p.public, p.publicWhy = readings[0].public, readings[0].why
	o := a.evaluate(p)
	if len(readings) > 1 {
		p.public, p.publicWhy = readings[1].public, readings[1].why
		o2 := a.evaluate(p)
		if o2.val != o.val {
			if o.val == model.True {
				o = o2
			}
			o.val = model.Unknown
			o.unknowns = append(o.unknowns, unknownOf(&model.Unresolved{Kind: model.FromDefault,
				Reason: m.inst.Address + " does not set PubliclyAccessible, and the RDS API documents two defaults (public when the VPC has an internet gateway attached; for Aurora, private unless the DB subnet group is \"default\") under which the verdicts differ; set PubliclyAccessible explicitly",
				Range:  m.inst.Range}, m.inst.Range, m.inst.Address))
		}
	}
	ir.Verdict, ir.Path, ir.Witness, ir.Broken, ir.Fix, ir.Primary = o.val, o.path, o.witness, o.broken, o.fix, o.primary
	ir.EndpointPolicies = o.policies
	if o.val == model.True {
		ir.Serving = o.serving
	}
	if o.val != model.True {
		ir.Unknowns = o.unknowns
	}
	if m.maybe != nil && ir.Verdict == model.False {
		ir.Verdict = model.Unknown
		ir.Unknowns = append(ir.Unknowns, unknownOf(m.maybe, m.inst.Range, m.inst.Address))
	}
	ir.Unknowns = dedupUnknowns(ir.Unknowns)
	return ir
}

// publicReadings returns how to read the instance's public accessibility:
// one reading, or, when PubliclyAccessible is unset and left to the RDS
// API, the two readings its documentation gives (docs/semantics.md#where-each-instance-can-be).
func (a *analyzer) publicReadings(p *placement) []reading {
	i := p.inst
	switch {
	case i == nil:
		u := &model.Unresolved{Kind: model.FromExternal,
			Reason: p.cluster.Address + " declares no instance; the public accessibility of its instances is not known", Range: p.cluster.Range}
		return []reading{{model.Unknown, []Unknown{unknownOf(u, p.cluster.Range, p.cluster.Address)}}}
	case i.PubliclyAccessible.Unknown != nil:
		pa := i.PubliclyAccessible
		return []reading{{model.Unknown, []Unknown{unknownOf(pa.Unknown, pa.Range, i.Address)}}}
	case i.PubliclyAccessible.Set:
		return []reading{{model.TriOf(i.PubliclyAccessible.Value), nil}}
	case i.PublicDefault == model.PublicDefaultRDSAPI:
		return []reading{a.igwReading(p), a.defaultGroupReading(p)}
	}
	// Terraform's provider always sends publicly_accessible, false by default.
	return []reading{{model.False, nil}}
}

func rangeOr(r, def model.Range) model.Range {
	if r.File == "" {
		return def
	}
	return r
}

// igwReading is the first documented default: public when the VPC has an
// internet gateway attached; not known when the VPC is not.
func (a *analyzer) igwReading(p *placement) reading {
	if p.vpc == nil {
		return reading{model.Unknown, []Unknown{p.any.why}}
	}
	igw, us := a.vpcHasIGW(p.vpc)
	return reading{igw, us}
}

// defaultGroupReading is the second: for Aurora, private unless the DB
// subnet group is the one named "default", which is also the group RDS uses
// when a cluster names none; not known when the group's name is not.
func (a *analyzer) defaultGroupReading(p *placement) reading {
	r := p.cluster.SubnetGroup
	switch {
	case p.group != nil:
		return reading{model.TriOf(p.group.Name.Known() && strings.EqualFold(p.group.Name.Value, "default")), nil}
	case r.Literal != "":
		return reading{model.TriOf(strings.EqualFold(r.Literal, "default")), nil}
	case !r.IsSet():
		return reading{model.True, nil}
	}
	return reading{model.Unknown, []Unknown{p.any.why}}
}
