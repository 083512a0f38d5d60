package network

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/daslint/daslint/model"
)

// TestNarrowEgress checks docs/semantics.md#narrow-egress on the nat path:
// egress TCP 443 only to private ranges or to a gateway endpoint's S3 or
// DynamoDB prefix list breaks the path, to a public range narrower than
// 0.0.0.0/0 it is unknown, and the message names the rule and destination.
func TestNarrowEgress(t *testing.T) {
	onlyTo := func(cidrs ...string) func(w *world) {
		return func(w *world) {
			w.sg.Rules = []*model.SecurityGroupRule{sgRule(model.Egress, "tcp", 443, 443, cidrs...)}
		}
	}
	toPrefixList := func(pl model.Ref) func(w *world) {
		return func(w *world) {
			r := sgRule(model.Egress, "tcp", 443, 443)
			r.Origin = w.sg.Origin
			r.PrefixLists = model.Refs{Set: true, Items: []model.Ref{pl}}
			w.sg.Rules = []*model.SecurityGroupRule{r}
		}
	}
	gateway := func(service, typ string) func(w *world) {
		return func(w *world) {
			e := w.b.endpoint("svc", w.vpc, service)
			e.Type, e.PrivateDNS, e.Subnets = model.Str{}, model.Bool{}, model.Refs{}
			if typ != "" {
				e.Type = str(typ)
			}
			toPrefixList(key(e))(w)
		}
	}
	// list is a prefix list object: from AWS facts (AWS-owned), a data
	// "aws_prefix_list" found by name, or declared in the code.
	list := func(name, family string, awsManaged bool) func(w *world) {
		return func(w *world) {
			l := &model.PrefixList{Origin: w.b.origin("data.aws_prefix_list", "svc"), Name: str(name), AWSManaged: awsManaged}
			if family != "" {
				l.AddressFamily = str(family)
			}
			w.b.m.PrefixLists = append(w.b.m.PrefixLists, l)
			toPrefixList(key(l))(w)
		}
	}
	// customer is a customer-managed prefix list declared in the code with
	// inline entries, and standalone entries: of the list, or of a list
	// that is not known (loose).
	customer := func(inline []string, standalone []string, loose []string) func(w *world) {
		return func(w *world) {
			l := &model.PrefixList{Origin: w.b.origin("aws_ec2_managed_prefix_list", "corp"), Name: str("corp"), AddressFamily: str("IPv4")}
			for _, c := range inline {
				l.Entries.Items = append(l.Entries.Items, str(c))
			}
			l.Entries.Set = len(inline) > 0
			w.b.m.PrefixLists = append(w.b.m.PrefixLists, l)
			for i, c := range standalone {
				w.b.m.PrefixListEntries = append(w.b.m.PrefixListEntries, &model.PrefixListEntry{
					Origin: w.b.origin("aws_ec2_managed_prefix_list_entry", fmt.Sprintf("e%d", i)), PrefixList: key(l), CIDR: str(c)})
			}
			for i, c := range loose {
				w.b.m.PrefixListEntries = append(w.b.m.PrefixListEntries, &model.PrefixListEntry{
					Origin: w.b.origin("aws_ec2_managed_prefix_list_entry", fmt.Sprintf("loose%d", i)), CIDR: str(c),
					PrefixList: model.Ref{Unknown: &model.Unresolved{Kind: model.FromVariable, Reason: "var.list has no value"}}})
			}
			toPrefixList(key(l))(w)
		}
	}
	nacl := func(rules ...*model.NetworkACLRule) func(w *world) {
		return func(w *world) {
			a := w.b.acl("db", w.vpc, w.db)
			for _, r := range rules {
				r.ACL = key(a)
			}
			a.Rules = rules
		}
	}
	ephemeralIn := naclRule(200, false, "tcp", "allow", "0.0.0.0/0", 1024, 65535)
	tests := []struct {
		name string
		edit func(w *world)
		want expect
	}{
		{"security group to 10.0.0.0/8 only", onlyTo("10.0.0.0/8"), expect{verdict: model.False, broken: PathNAT, status: model.False,
			reason: "only to 10.0.0.0/8 (a private range", fix: "private ranges and S3 or DynamoDB prefix lists never hold KMS's addresses"}},
		{"security group to private and link-local ranges", onlyTo("100.64.0.0/10", "169.254.0.0/16"), expect{verdict: model.False, broken: PathNAT,
			reason: "only to 100.64.0.0/10 (a private range, which never holds KMS's public addresses) and 169.254.0.0/16"}},
		{"security group to a public /24", onlyTo("203.0.113.0/24"), expect{verdict: model.Unknown, broken: PathNAT, status: model.Unknown,
			reason: "203.0.113.0/24 (a public range narrower than 0.0.0.0/0)", kind: model.FromExternal, fix: "AWS's published IP ranges, which change"}},
		{"security group to a private range and 0.0.0.0/0", onlyTo("10.0.0.0/8", "0.0.0.0/0"), expect{verdict: model.True, path: PathNAT}},
		{"security group to the S3 gateway endpoint's prefix list", gateway("com.amazonaws.eu-west-1.s3", "Gateway"), expect{verdict: model.False, broken: PathNAT,
			reason: "the prefix list of aws_vpc_endpoint.svc (an S3 or DynamoDB gateway endpoint's prefix list"}},
		{"security group to the DynamoDB gateway endpoint's prefix list", gateway("com.amazonaws.eu-west-1.dynamodb", "") /* the type defaults to Gateway */, expect{verdict: model.False, broken: PathNAT}},
		{"an interface endpoint's prefix list is not known", gateway("com.amazonaws.eu-west-1.s3", "Interface"), expect{verdict: model.Unknown, broken: PathNAT, kind: model.FromExternal}},
		{"another service's gateway endpoint is not known", gateway("com.amazonaws.eu-west-1.ec2", "Gateway"), expect{verdict: model.Unknown, broken: PathNAT}},
		{"security group to S3's AWS-managed prefix list", list("com.amazonaws.eu-west-1.s3", "", true), expect{verdict: model.False, broken: PathNAT, status: model.False,
			reason: "prefix list data.aws_prefix_list.svc (an S3 or DynamoDB gateway endpoint's prefix list"}},
		{"security group to DynamoDB's list of an unknown region", list("com.amazonaws."+model.RegionToken+".dynamodb", "", true), expect{verdict: model.False, broken: PathNAT}},
		{"another AWS-managed prefix list is not known", list("com.amazonaws.global.cloudfront.origin-facing", "", true), expect{verdict: model.Unknown, broken: PathNAT, kind: model.FromExternal}},
		{"a customer list named like S3's is not known", list("com.amazonaws.eu-west-1.s3", "", false), expect{verdict: model.Unknown, broken: PathNAT}},
		{"an IPv6 prefix list holds no IPv4 address", list("v6", "IPv6", false), expect{verdict: model.False, broken: PathNAT,
			reason: "prefix list data.aws_prefix_list.svc (IPv6"}},
		{"a customer list of private entries", customer([]string{"10.0.0.0/8", "192.168.0.0/16"}, nil, nil), expect{verdict: model.False, broken: PathNAT, status: model.False,
			reason: "prefix list aws_ec2_managed_prefix_list.corp (its entries are private ranges", fix: "private ranges and S3 or DynamoDB prefix lists never hold KMS's addresses"}},
		{"a customer list whose standalone entries are private", customer(nil, []string{"172.16.0.0/12"}, nil), expect{verdict: model.False, broken: PathNAT}},
		{"a customer list holding 0.0.0.0/0", customer([]string{"10.0.0.0/8", "0.0.0.0/0"}, nil, nil), expect{verdict: model.True, path: PathNAT}},
		{"a customer list holding a public /24", customer([]string{"10.0.0.0/8"}, []string{"203.0.113.0/24"}, nil), expect{verdict: model.Unknown, broken: PathNAT, status: model.Unknown,
			reason: "prefix list aws_ec2_managed_prefix_list.corp (a prefix list that holds, or may hold, a public range", kind: model.FromTarget,
			why: "aws_ec2_managed_prefix_list_entry.e0 puts 203.0.113.0/24 in prefix list aws_ec2_managed_prefix_list.corp, which is not private"}},
		{"a loose public entry may belong to the list", customer([]string{"10.0.0.0/8"}, nil, []string{"0.0.0.0/0"}), expect{verdict: model.Unknown, broken: PathNAT,
			why: "its prefix list is not known, so it may belong to aws_ec2_managed_prefix_list.corp"}},
		{"a loose private entry does not matter", customer([]string{"10.0.0.0/8"}, nil, []string{"10.1.0.0/16"}), expect{verdict: model.False, broken: PathNAT}},
		{"a customer list with no entries in the code", customer(nil, nil, nil), expect{verdict: model.Unknown, broken: PathNAT,
			reason: "(a prefix list whose entries are not known offline)", why: "has no entries in the scanned code", kind: model.FromExternal}},
		{"a literal prefix list is not known", toPrefixList(model.Ref{Literal: "pl-6da54004"}), expect{verdict: model.Unknown, broken: PathNAT,
			reason: "prefix list pl-6da54004 (a prefix list whose entries are not known offline)"}},
		{"network ACL egress to 172.16.0.0/12 only", nacl(naclRule(100, true, "tcp", "allow", "172.16.0.0/12", 443, 443), ephemeralIn),
			expect{verdict: model.False, broken: PathNAT, status: model.False, reason: "(rule 100) allows TCP 443 only to 172.16.0.0/12 (a private range"}},
		{"network ACL return traffic from a private range only", nacl(naclRule(100, true, "tcp", "allow", "0.0.0.0/0", 443, 443),
			naclRule(200, false, "tcp", "allow", "10.0.0.0/8", 1024, 65535)),
			expect{verdict: model.False, broken: PathNAT, reason: "allows TCP 1024-65535 only from 10.0.0.0/8"}},
		{"network ACL egress to ::/0 only", nacl(func() *model.NetworkACLRule {
			r := naclRule(100, true, "tcp", "allow", "", 443, 443)
			r.CIDR, r.IPv6CIDR = model.Str{}, str("::/0")
			return r
		}(), ephemeralIn), expect{verdict: model.False, broken: PathNAT, reason: "allows TCP 443 only to ::/0 (IPv6"}},
		{"network ACL denies a private range before allowing 0.0.0.0/0", nacl(naclRule(90, true, "tcp", "deny", "10.0.0.0/8", 443, 443),
			naclRule(100, true, "tcp", "allow", "0.0.0.0/0", 443, 443), naclRule(90, false, "-1", "deny", "192.168.0.0/16", 0, 0), ephemeralIn),
			expect{verdict: model.True, path: PathNAT}},
		{"network ACL denies 0.0.0.0/0 before allowing", nacl(naclRule(90, true, "tcp", "deny", "0.0.0.0/0", 443, 443),
			naclRule(100, true, "tcp", "allow", "0.0.0.0/0", 443, 443), ephemeralIn), expect{verdict: model.False, broken: PathNAT,
			reason: "does not allow egress TCP 443 to 0.0.0.0/0: aws_network_acl_rule.r (rule 90) denies TCP 443 to 0.0.0.0/0 first",
			fix:    "let aws_network_acl_rule.r (rule 90) not deny TCP 443 to 0.0.0.0/0, or number a rule allowing egress TCP 443 to 0.0.0.0/0 before it"}},
		{"network ACL denies one port of the ephemeral range first", nacl(naclRule(100, true, "tcp", "allow", "0.0.0.0/0", 443, 443),
			naclRule(51, false, "tcp", "deny", "0.0.0.0/0", 3389, 3389), naclRule(63, false, "tcp", "allow", "0.0.0.0/0", 1024, 65535)),
			expect{verdict: model.False, broken: PathNAT, status: model.False,
				reason: "does not allow ingress TCP 1024-65535 from 0.0.0.0/0: aws_network_acl_rule.r (rule 51) denies TCP 3389 from 0.0.0.0/0 first"}},
		{"network ACL denies every protocol from anywhere first", nacl(naclRule(100, true, "tcp", "allow", "0.0.0.0/0", 443, 443),
			naclRule(10, false, "-1", "deny", "0.0.0.0/0", 0, 0), ephemeralIn),
			expect{verdict: model.False, broken: PathNAT, reason: "(rule 10) denies TCP 1024-65535 from 0.0.0.0/0 first"}},
		{"network ACL's last entry is the implicit deny, not a rule that denies first", nacl(naclRule(100, true, "tcp", "allow", "0.0.0.0/0", 443, 443),
			naclRule(32767, false, "-1", "deny", "0.0.0.0/0", 0, 0)),
			expect{verdict: model.False, broken: PathNAT, reason: "does not allow ingress TCP 1024-65535 from 0.0.0.0/0", notReason: "first"}},
		{"network ACL egress to a public /24", nacl(naclRule(100, true, "tcp", "allow", "203.0.113.0/24", 443, 443), ephemeralIn),
			expect{verdict: model.Unknown, broken: PathNAT, status: model.Unknown, reason: "203.0.113.0/24 (a public range narrower than 0.0.0.0/0)",
				fix: "AWS's published IP ranges, which change"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			check(t, Analyze(w.b.m, Options{}), tt.want)
		})
	}
}

func TestClassifyCIDR(t *testing.T) {
	tests := []struct {
		cidr string
		v    model.Tri
		kind destKind
	}{
		{"0.0.0.0/0", model.True, destPublic},
		{"10.0.0.0/8", model.False, destPrivate},
		{"172.16.0.0/12", model.False, destPrivate},
		{"192.168.10.0/24", model.False, destPrivate},
		{"100.64.0.0/10", model.False, destPrivate},
		{"169.254.0.0/16", model.False, destPrivate},
		{"203.0.113.0/24", model.Unknown, destPublic},
		{"0.0.0.0/1", model.Unknown, destPublic},
		{"8.0.0.0/7", model.Unknown, destPublic},
	}
	for _, tt := range tests {
		v, k := classifyCIDR(netip.MustParsePrefix(tt.cidr))
		if v != tt.v || k != tt.kind {
			t.Errorf("classifyCIDR(%s) = %v, %v; want %v, %v", tt.cidr, v, k, tt.v, tt.kind)
		}
	}
}
