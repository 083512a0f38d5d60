package cloudformation

import (
	"fmt"
	"slices"
	"strings"

	"github.com/daslint/daslint/model"
)

// What a template deploys without declaring it: StackSets, Rain modules and
// registry modules (docs/semantics.md#stacksets-and-modules). None is read.
// A StackSet's template goes to other stacks, so it changes nothing here;
// a module's resources join this stack, so whatever it creates may be what
// breaks a path, and no cluster of the template may pass.

// stackSetType is the resource type of a StackSet.
const stackSetType = "AWS::CloudFormation::StackSet"

// rainModule is a resource whose Type is a Rain module (`!Rain::Module
// path` or `{Rain::Module: path}`), which `rain pkg` replaces by the
// module's resources.
type rainModule struct {
	id   string
	path *node
}

// rainModulePath returns the path of a Rain module Type, or nil when t is
// an ordinary type.
func (s *stack) rainModulePath(t *node) *node {
	if t == nil {
		return nil
	}
	if t.kind == scalarNode && s.rainTags[t] {
		return t
	}
	if t.kind == mapNode && len(t.keys) == 1 && t.keys[0].value == "Rain::Module" && t.vals[0].kind == scalarNode {
		return t.vals[0]
	}
	return nil
}

// indexModulesSection reads the Modules section of a Rain template
// (`Modules: {Name: {Source: path}}`): each entry is a module that resources
// use as their Type, which `rain pkg` replaces by the module's resources.
func (s *stack) indexModulesSection() {
	ms := s.root.get("Modules")
	if ms == nil || ms.kind != mapNode {
		return
	}
	for i, k := range ms.keys {
		if src := ms.vals[i].get("Source"); src != nil && src.kind == scalarNode {
			s.rainModules = append(s.rainModules, rainModule{id: k.value, path: src})
		}
	}
	if len(s.rainModules) > 0 && !s.generated {
		s.generated, s.generatedBy = true, "a Rain module"
	}
}

// isRegistryModule reports whether typ is a CloudFormation registry module
// (Org::Service::Thing::MODULE).
func isRegistryModule(typ string) bool { return strings.HasSuffix(typ, "::MODULE") }

// reportDeployments reports what the stack deploys without declaring it:
// its StackSets, whatever their condition (a StackSet's local template is
// never a stack of its own), and its Rain modules. Registry modules are
// reported as they are translated: one under a false condition creates
// nothing.
func (s *stack) reportDeployments() {
	if s.imported {
		return
	}
	for _, r := range s.order {
		if r.typ == stackSetType {
			s.stackSet(r)
		}
	}
	s.reportModules()
}

// reportModules warns about the Rain modules of the stack, takes their
// local files out of the templates linted as stacks, and marks the model
// as not fully read.
func (s *stack) reportModules() {
	if len(s.rainModules) == 0 {
		return
	}
	names := make([]string, 0, len(s.rainModules))
	for _, m := range s.rainModules {
		if !slices.Contains(names, m.path.value) {
			names = append(names, m.path.value) // a file used twice is named once
		}
		if !isRemote(m.path.value) && m.path.value != "" {
			s.ld.info.NestedFiles = append(s.ld.info.NestedFiles, s.localPath(m.path.value))
		}
	}
	first := s.rainModules[0]
	what := fmt.Sprintf("Rain module %s (%s)", s.address(first.id), first.path.value)
	if len(s.rainModules) > 1 {
		what = fmt.Sprintf("%d Rain modules (%s)", len(s.rainModules), strings.Join(names, ", "))
	}
	adds := "what it adds"
	if len(s.rainModules) > 1 {
		adds = "what they add"
	}
	s.warnf(first.path, "%s not expanded: daslint does not lint a module as a stack, and %s to this template is not checked, so no cluster here can pass; run rain pkg and lint its output", what+verbFor(len(s.rainModules)), adds)
	s.ld.m.Unread = append(s.ld.m.Unread, &model.Unresolved{Kind: model.FromModule, Range: s.rng(first.path),
		Reason: what + verbFor(len(s.rainModules)) + " not expanded: the resources a module adds may change the network",
		Fix:    "Run rain pkg and lint the template it writes, in which the modules are expanded; or check that the modules add nothing to the cluster's network and suppress this finding with that reason."})
}

func verbFor(n int) string {
	if n == 1 {
		return " is"
	}
	return " are"
}

// registryModule warns about a registry module: its resources are not
// known offline, and may be the network of a cluster.
func (s *stack) registryModule(r *resource) {
	if s.imported {
		return
	}
	t := r.node.get("Type")
	s.warnf(t, "module %s (%s) is a registry module: daslint cannot read it offline, so what it creates is unknown and no cluster of this template can pass; check what the module creates, or declare its resources in the template", s.address(r.id), r.typ)
	s.ld.m.Unread = append(s.ld.m.Unread, &model.Unresolved{Kind: model.FromModule, Range: s.rng(t),
		Reason: fmt.Sprintf("registry module %s (%s) is not read: what it creates is unknown and may change the network", s.address(r.id), r.typ),
		Fix:    "Check what the registry module creates (aws cloudformation describe-type); if it adds nothing to the cluster's network, suppress this finding with that reason, else declare those resources in the template."})
}

// stackSet warns that a StackSet's template is not linted, and takes a
// local TemplateURL out of the templates linted as stacks: the StackSet
// deploys it to accounts and regions with parameters this template does
// not give.
func (s *stack) stackSet(r *resource) {
	addr := s.address(r.id)
	body, url := r.props.get("TemplateBody"), r.props.get("TemplateURL")
	switch {
	case url != nil:
		v := s.eval(url)
		path, known := v.scalarString()
		if known && path != "" && !isRemote(path) {
			s.ld.info.NestedFiles = append(s.ld.info.NestedFiles, s.localPath(strings.TrimPrefix(path, "file://")))
			s.warnf(url, "StackSet %s: its template %s is not linted as a stack (a StackSet deploys it to other accounts and regions, with parameters this template may not give); lint it with the parameters of its stack instances", addr, path)
			return
		}
		s.warnf(url, "StackSet %s: its template is not linted (a StackSet deploys it to other stacks); lint the template on its own", addr)
	case body != nil:
		s.warnf(body, "StackSet %s: its inline TemplateBody is not linted as a stack (a StackSet deploys it to other stacks); keep the template in a file of its own to lint it", addr)
	default:
		s.warnf(r.node.get("Type"), "StackSet %s: its template is not linted (a StackSet deploys it to other stacks)", addr)
	}
}
