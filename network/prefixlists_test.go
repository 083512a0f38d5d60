package network

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

// TestMoreSpecificRoutes covers docs/semantics.md#more-specific-routes: a
// route beside 0.0.0.0/0 counts only when its destination may hold KMS's
// public addresses, in every route table on the path (the NAT gateway's
// own subnet's included).
func TestMoreSpecificRoutes(t *testing.T) {
	pass := expect{verdict: model.True, path: PathNAT}
	// unknown is the result of a route that may carry KMS traffic; the
	// unknown it lists says what to do about it (fix).
	unknown := func(fix string) expect {
		return expect{verdict: model.Unknown, broken: PathNAT, reason: "it is not known which route", status: model.Unknown, fix: fix}
	}
	tgw := model.Ref{Literal: "tgw-0abc"}
	// toList adds to t a route to prefix list pl with target tgw.
	toList := func(w *world, t *model.RouteTable, pl model.Ref) *model.Route {
		r := w.b.route(t, "", model.TargetTransitGateway, tgw)
		r.DestinationCIDR, r.DestinationPrefixList = model.Str{}, pl
		return r
	}
	gatewayEndpoint := func(w *world, service string) *model.VPCEndpoint {
		e := w.b.endpoint("s3", w.vpc, service)
		e.Type, e.PrivateDNS, e.Subnets = model.Str{}, model.Bool{}, model.Refs{}
		return e
	}
	// toGateway adds the route that a gateway endpoint's route table
	// association stands for, in table t.
	toGateway := func(w *world, t *model.RouteTable, e *model.VPCEndpoint) {
		r := toList(w, t, key(e))
		r.TargetKind, r.Target = model.TargetVPCEndpoint, key(e)
	}
	list := func(w *world, family string, cidrs ...string) *model.PrefixList {
		l := &model.PrefixList{Origin: w.b.origin("aws_ec2_managed_prefix_list", "corp"), AddressFamily: str(family)}
		for _, c := range cidrs {
			l.Entries.Items = append(l.Entries.Items, str(c))
		}
		l.Entries.Set = len(cidrs) > 0
		w.b.m.PrefixLists = append(w.b.m.PrefixLists, l)
		return l
	}
	entry := func(w *world, l model.Ref, cidr string) {
		w.b.m.PrefixListEntries = append(w.b.m.PrefixListEntries, &model.PrefixListEntry{
			Origin: w.b.origin("aws_ec2_managed_prefix_list_entry", "extra"), PrefixList: l, CIDR: str(cidr)})
	}
	unknownList := model.Ref{Unknown: unresolved(model.FromVariable, `variable "pl_id" has no value`)}
	tests := []struct {
		name string
		edit func(w *world)
		want expect
	}{
		{"private /8 to a peering connection", func(w *world) {
			w.b.route(w.privRT, "10.0.0.0/8", model.TargetPeering, model.Ref{Literal: "pcx-1"})
		}, pass},
		{"shared and link-local ranges to a transit gateway", func(w *world) {
			w.b.route(w.privRT, "100.64.0.0/10", model.TargetTransitGateway, tgw)
			w.b.route(w.privRT, "169.254.0.0/16", model.TargetTransitGateway, tgw)
		}, pass},
		{"public /24 to a transit gateway", func(w *world) {
			w.b.route(w.privRT, "52.94.0.0/24", model.TargetTransitGateway, tgw)
		}, unknown("Send 52.94.0.0/24 to the same target as 0.0.0.0/0")},
		{"S3 gateway endpoint prefix list", func(w *world) {
			toGateway(w, w.privRT, gatewayEndpoint(w, "com.amazonaws.eu-west-1.s3"))
		}, pass},
		{"DynamoDB gateway endpoint prefix list with an unknown region", func(w *world) {
			toGateway(w, w.privRT, gatewayEndpoint(w, "com.amazonaws."+model.RegionToken+".dynamodb"))
		}, pass},
		{"S3 gateway endpoint prefix list in the NAT gateway's subnet", func(w *world) {
			toGateway(w, w.pubRT, gatewayEndpoint(w, "com.amazonaws.eu-west-1.s3"))
		}, pass},
		{"prefix list of an interface endpoint", func(w *world) {
			e := gatewayEndpoint(w, "com.amazonaws.eu-west-1.s3")
			e.Type = str("Interface")
			toGateway(w, w.privRT, e)
		}, unknown("Send aws_vpc_endpoint.s3 to the same target")},
		{"prefix list of an endpoint of unknown type", func(w *world) {
			e := gatewayEndpoint(w, "com.amazonaws.eu-west-1.s3")
			e.Type = model.UnknownStr(unresolved(model.FromVariable, `variable "type" has no value`), model.Range{})
			toGateway(w, w.privRT, e)
		}, expect{verdict: model.Unknown, kind: model.FromVariable}},
		{"prefix list of a gateway endpoint for another service", func(w *world) {
			toGateway(w, w.privRT, gatewayEndpoint(w, "com.amazonaws.eu-west-1.kms"))
		}, unknown("Send aws_vpc_endpoint.s3 to the same target")},
		{"literal prefix list ID in the NAT gateway's subnet", func(w *world) {
			toList(w, w.pubRT, model.Ref{Literal: "pl-63a5400a"})
		}, expect{verdict: model.Unknown, broken: PathNAT, kind: model.FromTarget, fix: "Send prefix list pl-63a5400a to the same target as 0.0.0.0/0 in aws_route_table.public"}},
		{"unknown prefix list", func(w *world) {
			toList(w, w.privRT, unknownList)
		}, expect{verdict: model.Unknown, kind: model.FromTarget}},
		{"undeclared prefix list", func(w *world) {
			toList(w, w.privRT, model.Ref{Key: "aws_ec2_managed_prefix_list.gone"})
		}, expect{verdict: model.Unknown, kind: model.FromTarget}},
		{"destination that is no prefix list", func(w *world) {
			toList(w, w.privRT, key(w.sg))
		}, expect{verdict: model.Unknown, kind: model.FromExpression}},
		{"customer prefix list of private entries", func(w *world) {
			toList(w, w.privRT, key(list(w, "IPv4", "10.0.0.0/8", "192.168.0.0/16")))
		}, pass},
		{"customer prefix list with a public entry", func(w *world) {
			toList(w, w.privRT, key(list(w, "IPv4", "10.0.0.0/8", "203.0.113.0/24")))
		}, unknown("Keep only private ranges in aws_ec2_managed_prefix_list.corp")},
		{"customer prefix list with a public entry in the NAT gateway's subnet", func(w *world) {
			toList(w, w.pubRT, key(list(w, "IPv4", "203.0.113.0/24")))
		}, expect{verdict: model.Unknown, kind: model.FromTarget, fix: "Keep only private ranges in aws_ec2_managed_prefix_list.corp"}},
		{"customer prefix list with an unknown entry", func(w *world) {
			l := list(w, "IPv4", "10.0.0.0/8")
			l.Entries.Items = append(l.Entries.Items, model.UnknownStr(unresolved(model.FromVariable, `variable "cidr" has no value`), model.Range{}))
			toList(w, w.privRT, key(l))
		}, expect{verdict: model.Unknown, kind: model.FromVariable}},
		{"customer prefix list of unknown length", func(w *world) {
			l := list(w, "IPv4", "10.0.0.0/8")
			l.Entries.Incomplete = unresolved(model.FromVariable, `variable "entries" has no value`)
			toList(w, w.privRT, key(l))
		}, expect{verdict: model.Unknown, kind: model.FromVariable}},
		{"customer prefix list without entries is filled elsewhere", func(w *world) {
			toList(w, w.privRT, key(list(w, "IPv4")))
		}, unknown("Declare the entries of aws_ec2_managed_prefix_list.corp")},
		{"customer prefix list without entries, with a loose private entry", func(w *world) {
			entry(w, unknownList, "10.1.0.0/16")
			toList(w, w.privRT, key(list(w, "IPv4")))
		}, expect{verdict: model.Unknown, kind: model.FromExternal}},
		{"AWS-managed S3 prefix list from the AWS facts", func(w *world) {
			l := list(w, "IPv4")
			l.AWSManaged, l.Name = true, str("com.amazonaws.eu-west-1.s3")
			l.Entries.Incomplete = unresolved(model.FromExternal, "the entries are not in the AWS facts")
			toList(w, w.pubRT, key(l))
		}, pass},
		{"AWS-managed prefix list of another service", func(w *world) {
			l := list(w, "IPv4")
			l.AWSManaged, l.Name = true, str("com.amazonaws.global.cloudfront.origin-facing")
			toList(w, w.privRT, key(l))
		}, unknown("Send aws_ec2_managed_prefix_list.corp to the same target")},
		{"customer prefix list named like the S3 list is judged by its entries", func(w *world) {
			l := list(w, "IPv4", "198.51.100.0/24")
			l.Name = str("com.amazonaws.eu-west-1.s3")
			toList(w, w.privRT, key(l))
		}, unknown("Keep only private ranges")},
		{"customer IPv6 prefix list never matches IPv4 traffic", func(w *world) {
			toList(w, w.privRT, key(list(w, "IPv6", "2001:db8::/32")))
		}, pass},
		{"standalone private entry", func(w *world) {
			l := list(w, "IPv4")
			entry(w, key(l), "172.16.0.0/12")
			toList(w, w.privRT, key(l))
		}, pass},
		{"standalone public entry", func(w *world) {
			l := list(w, "IPv4", "10.0.0.0/8")
			entry(w, key(l), "0.0.0.0/1")
			toList(w, w.privRT, key(l))
		}, unknown("Keep only private ranges")},
		{"standalone public entry whose list is unknown may belong to it", func(w *world) {
			l := list(w, "IPv4", "10.0.0.0/8")
			entry(w, unknownList, "198.51.100.0/24")
			toList(w, w.privRT, key(l))
		}, unknown("Keep only private ranges")},
		{"standalone private entry whose list is unknown", func(w *world) {
			l := list(w, "IPv4", "10.0.0.0/8")
			entry(w, unknownList, "10.1.0.0/16")
			toList(w, w.privRT, key(l))
		}, pass},
		{"public prefix list to the same NAT gateway: no doubt", func(w *world) {
			r := toList(w, w.privRT, key(list(w, "IPv4", "203.0.113.0/24")))
			r.TargetKind, r.Target = model.TargetNATGateway, key(w.nat)
		}, pass},
		{"private prefix list does not hide a broken default route", func(w *world) {
			toList(w, w.privRT, key(list(w, "IPv4", "10.0.0.0/8")))
			w.privRoute.TargetKind, w.privRoute.Target = model.TargetPeering, model.Ref{Literal: "pcx-1"}
		}, expect{verdict: model.False, broken: PathNAT, reason: "peering"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld()
			tt.edit(w)
			want := tt.want
			fix := want.fix
			want.fix = ""
			res := Analyze(w.b.m, Options{})
			check(t, res, want)
			if fix != "" && !hasUnknownFix(res, fix) {
				t.Errorf("no unknown whose fix contains %q\n%s", fix, dump(res[0]))
			}
		})
	}
}

// hasUnknownFix says whether some unknown of a result says what to do in
// words that contain fix.
func hasUnknownFix(res []ClusterResult, fix string) bool {
	for _, r := range res {
		for _, ir := range r.Instances {
			for _, u := range ir.Unknowns {
				if strings.Contains(u.Fix, fix) {
					return true
				}
			}
		}
	}
	return false
}
