package network

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// EndpointPolicy is whether the policy of a KMS endpoint lets the activity
// stream's KMS calls (kms:GenerateDataKey, kms:Decrypt) through
// (docs/semantics.md#endpoint-policy).
type EndpointPolicy struct {
	// Endpoint is the address of the endpoint.
	Endpoint string
	// Status is True when the policy lets the calls through, False when it
	// certainly stops one of them, Unknown when that cannot be known offline.
	Status model.Tri
	// Policy is where the policy that decides is declared: the endpoint's
	// policy (PolicyDocument), or an aws_vpc_endpoint_policy. For an unset
	// policy it is the endpoint.
	Policy Link
	// Reason and Fix explain a Status other than True.
	Reason string
	Fix    string

	unknowns []Unknown
}

// endpointPolicy judges every policy the endpoint may have: its own, and
// those of aws_vpc_endpoint_policy resources that name it or may name it.
// A separate policy replaces the endpoint's own (provider docs,
// aws_vpc_endpoint_policy), and which of two policies holds depends on the
// order they are applied, so when they disagree the link is Unknown; when
// all agree, that is the link.
func (a *analyzer) endpointPolicy(e *model.VPCEndpoint, c *model.DBCluster) EndpointPolicy {
	type source struct {
		obj   model.Object
		pol   model.Str
		desc  string
		maybe *model.Unresolved // a separate policy that may not apply to e
	}
	var srcs []source
	own := source{obj: e, pol: e.Policy, desc: "the endpoint policy of " + e.Address}
	separate := a.ix.epPolicy[e]
	mayLack := len(separate) == 0
	for _, p := range separate {
		srcs = append(srcs, source{obj: p, pol: p.Policy, desc: fmt.Sprintf("the endpoint policy %s of %s", p.Address, e.Address), maybe: p.Maybe})
		mayLack = mayLack || p.Maybe != nil
	}
	for _, o := range a.ix.looseEp {
		if p, ok := o.(*model.EndpointPolicy); ok {
			srcs = append(srcs, source{obj: p, pol: p.Policy, desc: fmt.Sprintf("the endpoint policy %s, which may be of %s,", p.Address, e.Address), maybe: p.Endpoint.Unknown})
			mayLack = true
		}
	}
	if mayLack || e.Policy.Set || e.Policy.Unknown != nil {
		// The endpoint's own policy holds unless a separate one certainly
		// replaces it; one it sets fights a separate one.
		srcs = append([]source{own}, srcs...)
	}
	var key *streamKey
	judged := make([]EndpointPolicy, 0, len(srcs))
	for _, s := range srcs {
		if key == nil && s.pol.Known() && strings.TrimSpace(s.pol.Value) != "" {
			k := a.streamKeyOf(c)
			key = &k
		}
		j := a.judgeSource(e, s.obj, s.pol, s.desc, key)
		if s.maybe != nil && j.Status != model.True {
			j.unknowns = append(j.unknowns, unknownOf(s.maybe, s.obj.Base().Range, s.obj.Base().Address))
		}
		judged = append(judged, j)
	}
	return agree(e, judged)
}

// judgeSource judges one policy; key is nil when the policy is unset or
// unknown (no key is needed).
func (a *analyzer) judgeSource(e *model.VPCEndpoint, o model.Object, pol model.Str, desc string, key *streamKey) EndpointPolicy {
	at := linkTo(o, desc)
	if pol.Set || pol.Unknown != nil {
		at.Range = rangeOr(pol.Range, at.Range)
	}
	out := EndpointPolicy{Endpoint: e.Address, Status: model.True, Policy: at}
	switch {
	case pol.Unknown != nil:
		out.Status = model.Unknown
		out.Reason = fmt.Sprintf("%s is not known (%s)", desc, pol.Unknown.Reason)
		out.unknowns = []Unknown{unknownOf(pol.Unknown, pol.Range, o.Base().Address)}
		return out
	case !pol.Set || strings.TrimSpace(pol.Value) == "":
		return out // the default full-access policy
	}
	j := judgePolicy(pol.Value, *key, a.isKMSKey)
	out.Status = j.val
	switch j.val {
	case model.False:
		out.Reason = desc + " " + j.why
		out.Fix = j.fix + " in " + desc
	case model.Unknown:
		out.Reason = fmt.Sprintf("%s may not let the activity stream's KMS calls through: %s", desc, j.why)
		out.unknowns = []Unknown{unknownOf(&model.Unresolved{Kind: model.FromPolicy, Reason: out.Reason, Range: pol.Range, Fix: j.fix},
			pol.Range, o.Base().Address)}
	}
	return out
}

// agree combines the policies an endpoint may have: their common value,
// else Unknown.
func agree(e *model.VPCEndpoint, js []EndpointPolicy) EndpointPolicy {
	if len(js) == 0 {
		return EndpointPolicy{Endpoint: e.Address, Status: model.True, Policy: linkTo(e, "the endpoint policy of "+e.Address)}
	}
	out := js[0]
	var us []Unknown
	for _, j := range js {
		us = append(us, j.unknowns...)
		switch {
		case j.Status == out.Status:
		case j.Status == model.Unknown || out.Status == model.True:
			out = j
		}
	}
	mixed := false
	for _, j := range js {
		mixed = mixed || j.Status != js[0].Status
	}
	if mixed && out.Status == model.False {
		// One policy stops the calls and another lets them through.
		why := fmt.Sprintf("%s and %s set different policies on %s, and which one holds depends on the order they are applied: %s",
			js[0].Policy.Address, js[len(js)-1].Policy.Address, e.Address, out.Reason)
		u := unknownOf(&model.Unresolved{Kind: model.FromPolicy, Reason: why, Range: out.Policy.Range,
			Fix: "set the policy of " + e.Address + " in one place only"}, out.Policy.Range, out.Policy.Address)
		out.Status, out.Reason, out.Fix = model.Unknown, why, ""
		us = append(us, u)
	}
	if out.Status != model.True {
		out.unknowns = us
	} else {
		out.unknowns = nil
	}
	return out
}

// streamKeyOf is the KMS key of the cluster's activity stream, as far as
// the code says.
func (a *analyzer) streamKeyOf(c *model.DBCluster) streamKey {
	if c == nil {
		return streamKey{}
	}
	s, _ := a.streamOf(c)
	if s == nil {
		return streamKey{}
	}
	if r := s.KMSKey; r.Key != "" && a.isKMSKey(r.Key) {
		return streamKey{addr: r.Key}
	} else if r.Key == "" {
		return streamKey{literal: r.Literal}
	}
	return streamKey{} // an alias or another object: its key is not known
}

// isKMSKey says whether addr is a declared KMS key.
func (a *analyzer) isKMSKey(addr string) bool {
	for _, k := range a.ix.m.KMSKeys {
		if k.Address == addr {
			return true
		}
	}
	return false
}
