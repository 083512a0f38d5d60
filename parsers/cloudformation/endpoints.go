package cloudformation

import (
	"github.com/daslint/daslint/model"
)

// vpcEndpoint translates AWS::EC2::VPCEndpoint. VpcEndpointType defaults to
// Gateway and PrivateDnsEnabled to false (AWS::EC2::VPCEndpoint reference);
// both are left unset here. A service name whose only unknown part is the
// region (`com.amazonaws.${AWS::Region}.kms`) is kept with
// model.RegionToken in its place: it still names the service in the
// endpoint's own region.
func vpcEndpoint(p props, o model.Origin) {
	ep := &model.VPCEndpoint{
		Origin:         o,
		VPC:            p.ref("VpcId"),
		Type:           p.str("VpcEndpointType"),
		PrivateDNS:     p.boolean("PrivateDnsEnabled"),
		Subnets:        p.refs("SubnetIds"),
		SecurityGroups: p.refs("SecurityGroupIds"),
		Region:         p.model().Region,
		IPAddressType:  p.str("IpAddressType"),
		ServiceRegion:  p.str("ServiceRegion"),
	}
	// DnsOptions.DnsRecordIpType says which records the private DNS name
	// gets; IPv6-only records cannot carry Aurora's IPv4 KMS traffic.
	if v, n, ok := p.value("DnsOptions"); ok {
		switch v.kind {
		case kMap:
			if rt, ok := v.m["DnsRecordIpType"]; ok {
				ep.DNSRecordIPType = p.s.strOf(rt, n)
			}
		case kUnknown:
			ep.DNSRecordIPType = p.s.strOf(v, n)
		}
	}
	if v, n, ok := p.value("ServiceName"); ok {
		if v.kind == kUnknown && v.regionOnly {
			ep.ServiceName = model.KnownStr(v.str, p.s.rng(n))
		} else {
			ep.ServiceName = p.str("ServiceName")
		}
	}
	if v, n, ok := p.value("PolicyDocument"); ok {
		if v.kind == kMap || v.kind == kList {
			v = toJSON(v)
		}
		ep.Policy = p.s.strOf(v, n)
	}
	p.model().VPCEndpoints = append(p.model().VPCEndpoints, ep)
}
