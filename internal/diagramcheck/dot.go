package diagramcheck

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	dotIDRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// A DOT quoted string: any character but a quote or a line break,
	// or an escaped character.
	dotStr       = `"(?:[^"\\\n]|\\.)*"`
	dotAttrs     = `\[(?:[a-z]+=(?:` + dotStr + `|[A-Za-z0-9.]+)(?:, )?)+\]`
	dotNodeRE    = regexp.MustCompile(`^    ([^ ]+) ` + dotAttrs + `;$`)
	dotEdgeRE    = regexp.MustCompile(`^    ([^ ]+) -> ([^ ]+)(?: ` + dotAttrs + `)?;$`)
	dotLabelRE   = regexp.MustCompile(`^    label=` + dotStr + `;$`)
	dotSubRE     = regexp.MustCompile(`^  subgraph (cluster_[0-9]+) \{$`)
	dotDefaultRE = regexp.MustCompile(`^  (?:rankdir=LR;|(?:node|edge) ` + dotAttrs + `;)$`)
)

// DOT checks a digraph as daslint writes it: one digraph, subgraphs named
// cluster_N each opened and closed, node statements with valid ids and
// well-formed attribute lists before the edges that use them, and every
// quoted string closed.
func DOT(src string) error {
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	if len(lines) < 2 || lines[0] != "digraph daslint {" || lines[len(lines)-1] != "}" {
		return fmt.Errorf("not one digraph daslint { ... }")
	}
	nodes := map[string]bool{}
	subgraphs := map[string]bool{}
	in := false
	for i, l := range lines[1 : len(lines)-1] {
		n := i + 2
		switch {
		case !in && dotDefaultRE.MatchString(l):
		case !in && dotSubRE.MatchString(l):
			name := dotSubRE.FindStringSubmatch(l)[1]
			if subgraphs[name] {
				return fmt.Errorf("line %d: subgraph %s twice", n, name)
			}
			subgraphs[name], in = true, true
		case in && l == "  }":
			in = false
		case in && dotLabelRE.MatchString(l):
		case in && dotNodeRE.MatchString(l):
			id := dotNodeRE.FindStringSubmatch(l)[1]
			if !dotIDRE.MatchString(id) || nodes[id] {
				return fmt.Errorf("line %d: invalid or repeated node id %q", n, id)
			}
			nodes[id] = true
		case in && dotEdgeRE.MatchString(l):
			m := dotEdgeRE.FindStringSubmatch(l)
			for _, id := range m[1:3] {
				if !nodes[id] {
					return fmt.Errorf("line %d: edge to undeclared node %s", n, id)
				}
			}
		default:
			return fmt.Errorf("line %d: unexpected statement: %s", n, l)
		}
	}
	if in {
		return fmt.Errorf("a subgraph is not closed")
	}
	return nil
}
