package report

import (
	"fmt"
	"io"
	"strings"
)

// DOT writes r as one Graphviz digraph, left to right, with a subgraph per
// cluster (drawn as a box titled with the cluster, its verdict and
// position): the network its placements pass through, as the Markdown
// diagrams draw it, for every cluster, passing ones included. Render it
// with `dot -Tsvg`. Node ids are c<cluster>n<node>, so that two clusters
// in one VPC keep their own pictures. It normalizes r first.
func DOT(w io.Writer, r *Report) error {
	r.Normalize()
	var b strings.Builder
	b.WriteString("digraph daslint {\n")
	b.WriteString("  rankdir=LR;\n")
	b.WriteString("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for ci, c := range r.Clusters {
		fmt.Fprintf(&b, "  subgraph cluster_%d {\n", ci)
		fmt.Fprintf(&b, "    label=%s;\n", dotString(c.ID+" ("+c.Verdict+")\n"+fileLine(c.File, c.Line)))
		g := clusterGraph(c)
		if len(g.Nodes) == 0 {
			fmt.Fprintf(&b, "    c%dempty [shape=plaintext, label=%s];\n", ci, dotString("no placement to draw"))
		}
		for ni, n := range g.Nodes {
			label := n.Label
			if pos := nodePlace(n); pos != "" {
				label += "\n" + pos
			}
			attrs := []string{"label=" + dotString(label)}
			if n.Start {
				attrs = append(attrs, "shape=oval")
			}
			attrs = append(attrs, dotStyle(n.State, true)...)
			fmt.Fprintf(&b, "    %s [%s];\n", dotID(ci, ni), strings.Join(attrs, ", "))
		}
		for _, e := range g.Edges {
			var attrs []string
			if len(e.Paths) > 0 {
				attrs = append(attrs, "label="+dotString(strings.Join(e.Paths, ", ")))
			}
			attrs = append(attrs, dotStyle(e.State, false)...)
			fmt.Fprintf(&b, "    %s -> %s", dotID(ci, e.From), dotID(ci, e.To))
			if len(attrs) > 0 {
				fmt.Fprintf(&b, " [%s]", strings.Join(attrs, ", "))
			}
			b.WriteString(";\n")
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func dotID(cluster, node int) string { return fmt.Sprintf("c%dn%d", cluster, node) }

// dotStyle colours a broken node or step red, an unknown one orange and
// dashed.
func dotStyle(s linkState, node bool) []string {
	var color, fill, style string
	switch s {
	case stateFalse:
		color, fill, style = colorFalse, fillFalse, "bold"
	case stateUnknown:
		color, fill, style = colorUnknown, fillUnknown, "dashed"
	default:
		return nil
	}
	attrs := []string{"color=" + dotString(color), "penwidth=2"}
	if node {
		return append(attrs, "style="+dotString("rounded,filled,"+style), "fillcolor="+dotString(fill))
	}
	return append(attrs, "style="+style, "fontcolor="+dotString(color))
}

// dotString quotes s as a DOT string. Inside quotes only `"` needs an
// escape, but in a label a backslash starts an escape sequence (\n, \l,
// \N...), so a backslash is doubled; a line break becomes \n (centred).
func dotString(s string) string {
	return `"` + dotEscaper.Replace(s) + `"`
}

var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
