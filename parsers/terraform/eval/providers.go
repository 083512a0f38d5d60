package eval

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/model"
)

// regionOf returns the region of a resource: its own `region` argument (AWS
// provider v6 lets every resource override the provider's region), else
// its provider configuration's, else --region, else unknown. A resource of
// another provider has no AWS region (null): its configuration does not
// depend on the AWS provider's, so `provider "aws"` may be configured from
// it (`region = data.terraform_remote_state.net.outputs.region`, the
// built-in terraform provider) without a cycle.
func (e *evaluator) regionOf(m *modInst, r *resourceDecl, body *Body) cty.Value {
	key := providerOf(r)
	if name, _, _ := strings.Cut(key, "."); name != "aws" {
		return cty.NullVal(cty.String)
	}
	if a := body.Attr("region"); a != nil && !a.Value.IsNull() {
		return a.Value
	}
	return e.providerRegion(m, key)
}

// providerOf is the provider configuration key of r as its module sees it:
// its provider argument, else the implied one.
func providerOf(r *resourceDecl) string {
	if p := r.provider(); p != "" {
		return p
	}
	return impliedProvider(r.typ)
}

// providerConfig names the provider configuration that serves key ("aws",
// "aws.west") in module instance m, following the same inheritance as
// providerRegion: the module instance whose provider block it is, or the
// root's (declared or implied). Two resources with the same name are served
// by one configuration: one account and one region.
func providerConfig(m *modInst, key string) string {
	if _, ok := m.cfg().providers[key]; ok || m.parent == nil {
		return m.path + "|provider." + key
	}
	if parentKey, ok := m.call.providers[key]; ok {
		return providerConfig(m.parent, parentKey)
	}
	return providerConfig(m.parent, key)
}

// impliedProvider is the provider Terraform gives a resource that names
// none: the first word of its type (aws_vpc: aws; terraform_remote_state:
// terraform).
func impliedProvider(typ string) string {
	name, _, _ := strings.Cut(typ, "_")
	return name
}

// providerRegion resolves the region of the provider configuration key
// ("aws", "aws.west") as seen from module instance m. A module inherits its
// caller's default provider, or the configurations its `providers` argument
// passes; its own provider blocks (a legacy pattern) win.
func (e *evaluator) providerRegion(m *modInst, key string) cty.Value {
	if p, ok := m.cfg().providers[key]; ok {
		a, set := p.attrs["region"]
		if !set {
			return e.defaultRegion()
		}
		return e.compute(m.path+"|provider."+key, m.prefix()+"provider."+key, &a.Range, func() cty.Value {
			return e.eval(a.Expr, &scope{mod: m})
		})
	}
	if m.parent != nil {
		if parentKey, ok := m.call.providers[key]; ok {
			return e.providerRegion(m.parent, parentKey)
		}
		return e.providerRegion(m.parent, key)
	}
	return e.defaultRegion()
}

// defaultRegion is --region, or unknown: offline there is no environment
// or profile to take a region from.
func (e *evaluator) defaultRegion() cty.Value {
	if e.opts.Region != "" {
		return cty.StringVal(e.opts.Region)
	}
	if e.noRegion == nil {
		e.noRegion = &model.Unresolved{
			Kind:   model.FromVariable,
			Reason: "the AWS provider sets no region and --region is not given",
			Range:  rangeOf(e.rootDir),
		}
	}
	return unknown(cty.String, e.noRegion)
}
