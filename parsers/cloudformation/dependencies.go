package cloudformation

import (
	"sort"
	"strings"
)

// checkDependencies reports references to undefined names and circular
// dependencies between resources, which CloudFormation rejects. It reads
// the template's syntax only, so it also covers resource types daslint does
// not translate.
func (s *stack) checkDependencies() {
	deps := map[string][]string{}
	for _, r := range s.order {
		seen := map[string]bool{}
		add := func(id string) {
			if _, ok := s.resources[id]; ok && !seen[id] {
				seen[id] = true
				deps[r.id] = append(deps[r.id], id)
			}
		}
		s.walkRefs(r.props, add)
		if d := r.node.get("DependsOn"); d != nil {
			for _, it := range append([]*node{d}, d.items...) {
				if it.kind != scalarNode {
					continue
				}
				if _, ok := s.resources[it.value]; !ok {
					s.undeclared(it, it.value, "DependsOn %s, which is not a resource of this template", it.value)
					continue
				}
				add(it.value)
			}
		}
	}
	if os := s.root.get("Outputs"); os != nil {
		s.walkRefs(os, func(string) {})
	}
	// A transform rewrites the dependency graph: SAM, for one, turns a
	// function's DeploymentPreference alarms into a deployment group's.
	if !s.generated {
		s.reportCycles(deps)
	}
}

// walkRefs calls add for every logical ID that n refers to through Ref,
// Fn::GetAtt or Fn::Sub, and reports names that are defined nowhere.
func (s *stack) walkRefs(n *node, add func(string)) {
	if n == nil {
		return
	}
	switch n.kind {
	case seqNode:
		for _, it := range n.items {
			s.walkRefs(it, add)
		}
		return
	case scalarNode:
		return
	}
	if len(n.keys) == 1 {
		arg := n.vals[0]
		switch n.keys[0].value {
		case "Ref":
			if arg.kind == scalarNode {
				s.checkName(arg.value, n, add)
			}
		case "Fn::GetAtt":
			if id := getAttTarget(arg); id != "" {
				if _, ok := s.resources[id]; ok {
					add(id)
				} else {
					s.undeclared(n, id, "Fn::GetAtt to %s, which is not a resource of this template", id)
				}
			}
		case "Fn::Sub":
			s.walkSub(arg, n, add)
		}
	}
	for _, v := range n.vals {
		s.walkRefs(v, add)
	}
}

func (s *stack) checkName(name string, n *node, add func(string)) {
	if _, ok := s.pseudo(name, n); ok {
		return
	}
	if _, ok := s.params[name]; ok {
		return
	}
	if _, ok := s.resources[name]; ok {
		add(name)
		return
	}
	s.undeclared(n, name, "Ref to %s, which is not a parameter or resource of this template", name)
}

func getAttTarget(arg *node) string {
	switch {
	case arg.kind == scalarNode:
		id, _, _ := strings.Cut(arg.value, ".")
		return id
	case arg.kind == seqNode && len(arg.items) > 0 && arg.items[0].kind == scalarNode:
		return arg.items[0].value
	}
	return ""
}

func (s *stack) walkSub(arg, n *node, add func(string)) {
	tmpl, vars := arg, (*node)(nil)
	if arg.kind == seqNode && len(arg.items) == 2 {
		tmpl, vars = arg.items[0], arg.items[1]
	}
	if tmpl.kind != scalarNode {
		return
	}
	rest := tmpl.value
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			return
		}
		rest = rest[i+2:]
		j := strings.Index(rest, "}")
		if j < 0 {
			return
		}
		name := strings.TrimSpace(rest[:j])
		rest = rest[j+1:]
		if strings.HasPrefix(name, "!") || vars.get(name) != nil {
			continue
		}
		if _, ok := s.params[name]; !ok {
			if _, ok := s.pseudo(name, n); !ok {
				if id, _, found := strings.Cut(name, "."); found {
					if _, ok := s.resources[id]; ok {
						add(id)
					} else {
						s.undeclared(n, id, "Fn::GetAtt to %s, which is not a resource of this template", id)
					}
					continue
				}
			}
		}
		s.checkName(name, n, add)
	}
}

// reportCycles finds the cycles of the dependency graph and reports each
// once, at its first resource in template order.
func (s *stack) reportCycles(deps map[string][]string) {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var path []string
	reported := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		color[id] = grey
		path = append(path, id)
		for _, d := range deps[id] {
			switch color[d] {
			case white:
				visit(d)
			case grey:
				start := 0
				for i, p := range path {
					if p == d {
						start = i
					}
				}
				cycle := append(append([]string(nil), path[start:]...), d)
				members := append([]string(nil), path[start:]...)
				sort.Strings(members)
				key := strings.Join(members, ",")
				if !reported[key] {
					reported[key] = true
					s.errorf(s.resources[d].node, "circular dependency between resources: %s", strings.Join(cycle, " -> "))
				}
			}
		}
		path = path[:len(path)-1]
		color[id] = black
	}
	for _, r := range s.order {
		if color[r.id] == white {
			visit(r.id)
		}
	}
}
