package parsers

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/awsfacts"
)

// AWS facts (docs/semantics.md#sources-of-one-run): the JSON the AWS CLI prints. All facts files of
// one directory form one snapshot of an account and region, a root of kind
// factsDir. Named as PATH, the snapshot is linted (its clusters with a
// started activity stream are reported); under --context, or beside the
// linted roots, it settles the literal IDs of the other roots (joinFacts).

// factsHead matches the start of a facts file as the AWS CLI prints it:
// the list key first, or describe-vpc-attribute's keys.
var factsHead = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*\{\s*"(Vpcs|Subnets|RouteTables|InternetGateways|NatGateways|VpcEndpoints|SecurityGroups|NetworkAcls|PrefixLists|DBSubnetGroups|DBClusters|DBInstances)"\s*:\s*\[` +
		`|^\s*\{\s*"(EnableDnsSupport|EnableDnsHostnames|VpcId)"\s*:`)
})

// sniffFacts reports whether the .json file at path starts like AWS facts.
// Discovery reads only the head; loading checks the whole file.
func sniffFacts(path string) bool {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return false
	}
	return factsHead().Match(inputfile.Head(path, 4<<10))
}

// loadFacts reads every facts file in the directory r.path into one
// snapshot. A .json file there that is not facts is left to the other
// front ends.
func loadFacts(ctx context.Context, r root, opts Options) (l loaded, ok bool) {
	l.root = r
	entries, err := os.ReadDir(r.path)
	if err != nil {
		l.ds.Errorf(model.Range{File: filepath.ToSlash(r.path)}, "cannot read %s: %v", r.path, unwrapPathError(err))
		return l, true
	}
	snap := awsfacts.NewSnapshot()
	for _, e := range entries {
		if ctx.Err() != nil {
			return l, true
		}
		p := filepath.Join(r.path, e.Name())
		if e.IsDir() || !sniffFacts(p) || (opts.Exclude != nil && opts.Exclude(p)) {
			continue
		}
		data, problem := inputfile.Read(p, r.boundary, opts.MaxFileBytes)
		file := filepath.ToSlash(p)
		if problem != nil {
			l.ds = append(l.ds, diag.Diagnostic{Severity: problem.Severity, Message: problem.Message,
				Range: model.Range{File: file, Line: problem.Line, Column: problem.Column}})
			continue
		}
		// A file that starts like facts and does not parse is broken
		// facts: Add reports it, as a template that claims to be one is.
		// Valid JSON that only starts like facts is some other tool's.
		if _, isFacts := awsfacts.Recognize(data); !isFacts && json.Valid(data) {
			continue
		}
		l.ds = append(l.ds, snap.Add(file, data)...)
		l.files = append(l.files, p)
	}
	if len(l.files) == 0 {
		if r.explicit {
			l.ds.Errorf(model.Range{File: filepath.ToSlash(r.path)}, "%s holds no AWS facts (JSON with a top-level key such as Vpcs, Subnets or DBClusters, as the AWS CLI prints it)", r.path)
			return l, true
		}
		return l, false
	}
	m := snap.Model(awsfacts.Options{Audit: !r.context})
	m.Root = filepath.ToSlash(r.path)
	l.model, l.facts, l.real = m, snap, factsSource(m)
	l.real.name = inputfile.Key(r.boundary, r.path)
	for id, addr := range snap.ClusterIDs() {
		l.real.ids[id] = addr
	}
	l.real.noInstances = !snap.Have(awsfacts.DBInstances)
	return l, true
}

// joinFacts adds to m the facts objects that its literal IDs name
// (`subnet_ids = ["subnet-0abc"]`, `VpcId: vpc-123`, a DB subnet group
// name), with everything they link to and everything of each VPC reached
// (its route tables, gateways, endpoints, security groups, network ACLs,
// and the markers of what was not exported), and rewrites those literals
// into links by identity (docs/semantics.md#literal-ids-and-names). The objects keep their real IDs as
// addresses and their facts file positions; each joins as a copy that
// says it came from the facts (model.Origin.From), which the report shows.
// The facts objects are shared, never changed. See join.go.
func joinFacts(m *model.Model, facts *model.Model) {
	if m == nil || facts == nil {
		return
	}
	joinInto(m, m.Objects(), factsSource(facts))
}

// isJoinable says whether a facts object may join another root: the
// network objects and DB subnet groups. Clusters, instances and activity
// streams of a snapshot are linted only when the snapshot is.
func isJoinable(o model.Object) bool {
	switch o.(type) {
	case *model.DBCluster, *model.DBInstance, *model.ActivityStream:
		return false
	}
	return true
}

// subnetGroupNames are the DB subnet group names the clusters and
// instances of m give as literals.
func subnetGroupNames(m *model.Model) []string {
	var out []string
	for _, c := range m.DBClusters {
		if c.SubnetGroup.Literal != "" {
			out = append(out, c.SubnetGroup.Literal)
		}
	}
	for _, in := range m.DBInstances {
		if in.SubnetGroup.Literal != "" {
			out = append(out, in.SubnetGroup.Literal)
		}
	}
	return out
}

// closure is the seeds with every object of s they link to and every
// object of each VPC reached, in the source model's order. It costs what
// it reaches, not the size of the source.
func (s *realSource) closure(seeds []model.Object) []model.Object {
	in := map[model.Object]bool{}
	vpcs := map[string]bool{}
	var out []model.Object
	work := slices.Clone(seeds)
	for len(work) > 0 {
		o := work[len(work)-1]
		work = work[:len(work)-1]
		if in[o] {
			continue
		}
		in[o] = true
		out = append(out, o)
		awsfacts.WalkObject(o, func(r *model.Ref) {
			if t := s.byAddr[r.Key]; t != nil && !in[t] {
				work = append(work, t)
			}
		})
		if v := s.owner[o]; v != "" && !vpcs[v] {
			vpcs[v] = true
			work = append(work, s.byVPC[v]...)
		}
	}
	slices.SortFunc(out, func(a, b model.Object) int { return s.order[a] - s.order[b] })
	return out
}

// owners maps each facts object to the ID of the VPC it belongs to.
func owners(f *model.Model) map[model.Object]string {
	out := map[model.Object]string{}
	vpcOfSubnet := map[string]string{}
	for _, v := range f.VPCs {
		out[v] = v.Address
	}
	for _, s := range f.Subnets {
		out[s], vpcOfSubnet[s.Address] = s.VPC.Key, s.VPC.Key
	}
	vpcOfTable := map[string]string{}
	for _, t := range f.RouteTables {
		out[t], vpcOfTable[t.Address] = t.VPC.Key, t.VPC.Key
	}
	for _, a := range f.RouteTableAssociations {
		out[a] = firstOf(vpcOfTable[a.Table.Key], vpcOfSubnet[a.Subnet.Key])
	}
	for _, a := range f.MainRouteTableAssociations {
		out[a] = a.VPC.Key
	}
	for _, g := range f.InternetGateways {
		out[g] = g.VPC.Key
	}
	for _, n := range f.NATGateways {
		out[n] = firstOf(n.VPC.Key, vpcOfSubnet[n.Subnet.Key])
	}
	for _, e := range f.VPCEndpoints {
		out[e] = e.VPC.Key
	}
	for _, g := range f.SecurityGroups {
		out[g] = g.VPC.Key
	}
	vpcOfACL := map[string]string{}
	for _, a := range f.NetworkACLs {
		out[a], vpcOfACL[a.Address] = a.VPC.Key, a.VPC.Key
	}
	for _, a := range f.NetworkACLAssociations {
		out[a] = firstOf(vpcOfACL[a.ACL.Key], vpcOfSubnet[a.Subnet.Key])
	}
	return out
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// joinedCopy is a copy of the facts object o, with its inline routes and
// rules, each marked as coming from the facts file that holds it, under its
// AWS ID (docs/semantics.md#where-a-link-came-from). The snapshot's own objects stay unmarked: linted,
// the snapshot is its own source.
func joinedCopy(o model.Object) model.Object {
	switch o := o.(type) {
	case *model.VPC:
		return fromFacts(o)
	case *model.Subnet:
		return fromFacts(o)
	case *model.RouteTable:
		c := fromFacts(o)
		c.Routes = allFromFacts(o.Routes)
		return c
	case *model.Route:
		return fromFacts(o)
	case *model.RouteTableAssociation:
		return fromFacts(o)
	case *model.MainRouteTableAssociation:
		return fromFacts(o)
	case *model.InternetGateway:
		return fromFacts(o)
	case *model.GatewayAttachment:
		return fromFacts(o)
	case *model.NATGateway:
		return fromFacts(o)
	case *model.VPCEndpoint:
		return fromFacts(o)
	case *model.SecurityGroup:
		c := fromFacts(o)
		c.Rules = allFromFacts(o.Rules)
		return c
	case *model.NetworkACL:
		c := fromFacts(o)
		c.Rules = allFromFacts(o.Rules)
		return c
	case *model.NetworkACLAssociation:
		return fromFacts(o)
	case *model.DBSubnetGroup:
		return fromFacts(o)
	case *model.DBCluster:
		return fromFacts(o)
	case *model.DBInstance:
		return fromFacts(o)
	}
	return o
}

// fromFacts is a shallow copy of the facts object o with its provenance.
func fromFacts[T any, P interface {
	*T
	model.Object
}](o P) P {
	c := P(new(T))
	*c = *o
	b := c.Base()
	if b.From == nil {
		b.From = &model.Provenance{Kind: model.FromAWSFacts, File: b.Range.File, Line: b.Range.Line, ID: b.Address}
	}
	return c
}

func allFromFacts[T any, P interface {
	*T
	model.Object
}](os []P) []P {
	if os == nil {
		return nil
	}
	out := make([]P, len(os))
	for i, o := range os {
		out[i] = fromFacts(o)
	}
	return out
}

// appendObject adds o to the list of its kind in m.
func appendObject(m *model.Model, o model.Object) {
	switch o := o.(type) {
	case *model.VPC:
		m.VPCs = append(m.VPCs, o)
	case *model.Subnet:
		m.Subnets = append(m.Subnets, o)
	case *model.RouteTable:
		m.RouteTables = append(m.RouteTables, o)
	case *model.Route:
		m.Routes = append(m.Routes, o)
	case *model.RouteTableAssociation:
		m.RouteTableAssociations = append(m.RouteTableAssociations, o)
	case *model.MainRouteTableAssociation:
		m.MainRouteTableAssociations = append(m.MainRouteTableAssociations, o)
	case *model.InternetGateway:
		m.InternetGateways = append(m.InternetGateways, o)
	case *model.GatewayAttachment:
		m.GatewayAttachments = append(m.GatewayAttachments, o)
	case *model.NATGateway:
		m.NATGateways = append(m.NATGateways, o)
	case *model.VPCEndpoint:
		m.VPCEndpoints = append(m.VPCEndpoints, o)
	case *model.PrefixList:
		m.PrefixLists = append(m.PrefixLists, o)
	case *model.SecurityGroup:
		m.SecurityGroups = append(m.SecurityGroups, o)
	case *model.NetworkACL:
		m.NetworkACLs = append(m.NetworkACLs, o)
	case *model.NetworkACLAssociation:
		m.NetworkACLAssociations = append(m.NetworkACLAssociations, o)
	case *model.DBSubnetGroup:
		m.DBSubnetGroups = append(m.DBSubnetGroups, o)
	case *model.DBCluster:
		m.DBClusters = append(m.DBClusters, o)
	case *model.DBInstance:
		m.DBInstances = append(m.DBInstances, o)
	}
}

// joinWorld joins every source of real objects of the run (facts
// snapshots, then state and plan JSON, linted or context; see
// joinSources) into the model of a root that was just read. A literal that
// one source settled is a link by then, so the first source that holds an
// ID wins: facts before states, as facts are the complete list of their
// kinds in the account, and otherwise in path order.
func (c *catalog) joinWorld(self root, m *model.Model) {
	if m == nil || m.Source == model.AWSFacts {
		return
	}
	own := m.Objects()
	facts, states := c.joinSources(self)
	settleShared(own, facts)
	for _, s := range append(facts, states...) {
		joinInto(m, own, s)
	}
}
