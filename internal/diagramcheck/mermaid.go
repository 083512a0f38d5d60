// Package diagramcheck checks, for tests, the structure of the diagrams
// daslint writes: the Mermaid flowcharts of the Markdown report and the
// Graphviz DOT document. It knows the subset of each language daslint
// emits, not the whole grammar; scripts/check-diagrams.sh parses the golden
// files with the real Mermaid parser and Graphviz where they are installed.
package diagramcheck

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	// Mermaid ids: plain word characters; `end` (any case) closes a
	// subgraph and breaks a flowchart.
	idRE = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	// n0["label"] or n0(["label"]); a label holds no quote or line break.
	mermaidNodeRE = regexp.MustCompile(`^  (\S+?)(\["[^"\n]*"\]|\(\["[^"\n]*"\]\))$`)
	// n0 --> n1, n0 -.-> n1, optionally with |"label"|.
	mermaidEdgeRE = regexp.MustCompile(`^  (\S+) (-->|-\.->)(\|"[^"\n]*"\|)? (\S+)$`)
	classDefRE    = regexp.MustCompile(`^  classDef ([A-Za-z0-9_]+) [^"]+$`)
	classRE       = regexp.MustCompile(`^  class (\S+) ([A-Za-z0-9_]+)$`)
	linkStyleRE   = regexp.MustCompile(`^  linkStyle ([0-9,]+) [^"]+$`)
)

// MermaidBlocks returns the contents of every ```mermaid block of a
// Markdown document.
func MermaidBlocks(markdown string) []string {
	var blocks []string
	var cur *strings.Builder
	for _, line := range strings.Split(markdown, "\n") {
		switch {
		case cur == nil && line == "```mermaid":
			cur = &strings.Builder{}
		case cur != nil && line == "```":
			blocks = append(blocks, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	return blocks
}

// Mermaid checks a flowchart as daslint writes it: the header, then node
// declarations with sanitised ids and quoted labels, edges between
// declared nodes, class assignments to declared nodes and defined
// classes, and link styles whose indices are edges.
func Mermaid(src string) error {
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	if len(lines) == 0 || lines[0] != "flowchart LR" {
		return fmt.Errorf("line 1: want %q, got %q", "flowchart LR", lines[0])
	}
	nodes := map[string]bool{}
	classes := map[string]bool{}
	edges := 0
	for i, l := range lines[1:] {
		n := i + 2
		if err := balanced(l); err != nil {
			return fmt.Errorf("line %d: %w: %s", n, err, l)
		}
		if m := mermaidNodeRE.FindStringSubmatch(l); m != nil {
			if err := checkID(m[1]); err != nil {
				return fmt.Errorf("line %d: %w", n, err)
			}
			if nodes[m[1]] {
				return fmt.Errorf("line %d: node %s declared twice", n, m[1])
			}
			nodes[m[1]] = true
			continue
		}
		if m := mermaidEdgeRE.FindStringSubmatch(l); m != nil {
			for _, id := range []string{m[1], m[4]} {
				if !nodes[id] {
					return fmt.Errorf("line %d: edge to undeclared node %s", n, id)
				}
			}
			edges++
			continue
		}
		if m := classDefRE.FindStringSubmatch(l); m != nil {
			classes[m[1]] = true
			continue
		}
		if m := classRE.FindStringSubmatch(l); m != nil {
			if !classes[m[2]] {
				return fmt.Errorf("line %d: class %s is not defined", n, m[2])
			}
			for _, id := range strings.Split(m[1], ",") {
				if !nodes[id] {
					return fmt.Errorf("line %d: class of undeclared node %s", n, id)
				}
			}
			continue
		}
		if m := linkStyleRE.FindStringSubmatch(l); m != nil {
			for _, s := range strings.Split(m[1], ",") {
				if k, err := strconv.Atoi(s); err != nil || k >= edges {
					return fmt.Errorf("line %d: linkStyle %s: no such edge (%d edges)", n, s, edges)
				}
			}
			continue
		}
		return fmt.Errorf("line %d: not a node, edge, class or link style: %s", n, l)
	}
	return nil
}

func checkID(id string) error {
	if !idRE.MatchString(id) || strings.EqualFold(id, "end") {
		return fmt.Errorf("invalid node id %q", id)
	}
	return nil
}

// balanced reports whether the brackets of l, outside double quotes, are
// balanced, and every quote is closed.
func balanced(l string) error {
	var stack []rune
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	quoted := false
	for _, r := range l {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '(' || r == '[' || r == '{':
			stack = append(stack, r)
		case pairs[r] != 0:
			if len(stack) == 0 || stack[len(stack)-1] != pairs[r] {
				return fmt.Errorf("unbalanced %q", r)
			}
			stack = stack[:len(stack)-1]
		}
	}
	switch {
	case quoted:
		return fmt.Errorf("unclosed quote")
	case len(stack) > 0:
		return fmt.Errorf("unclosed %q", stack[len(stack)-1])
	}
	return nil
}
