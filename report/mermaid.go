package report

import (
	"strconv"
	"strings"
)

// Styles of the diagrams: a certain break in red, an unknown one in orange
// and dashed, the same in Mermaid and DOT.
const (
	colorFalse   = "#cc0000"
	fillFalse    = "#ffe3e3"
	colorUnknown = "#e67700"
	fillUnknown  = "#fff4e6"
)

// writeMermaid writes g as a Mermaid flowchart, left to right. Node ids are
// n0, n1, ...: Mermaid ids cannot hold the `.`, `[` and `"` of addresses
// (and `end` is a keyword), so every name is a quoted label instead. The
// node of a broken link has class broken or unknown, and the step into it
// is styled by its index (linkStyle), in the order the edges are written.
func writeMermaid(b *strings.Builder, g graph) {
	b.WriteString("flowchart LR\n")
	for i, n := range g.Nodes {
		label := mermaidLabel(n.Label)
		if pos := nodePlace(n); pos != "" {
			label += "<br/>" + mermaidLabel(pos)
		}
		open, closing := `["`, `"]`
		if n.Start {
			open, closing = `(["`, `"])`
		}
		b.WriteString("  " + mermaidID(i) + open + label + closing + "\n")
	}
	for _, e := range g.Edges {
		arrow := " --> "
		if e.State == stateUnknown {
			arrow = " -.-> "
		}
		if len(e.Paths) > 0 {
			arrow = strings.TrimSuffix(arrow, " ") + `|"` + mermaidLabel(strings.Join(e.Paths, ", ")) + `"| `
		}
		b.WriteString("  " + mermaidID(e.From) + arrow + mermaidID(e.To) + "\n")
	}
	var broken, unknown []string
	for i, n := range g.Nodes {
		switch n.State {
		case stateFalse:
			broken = append(broken, mermaidID(i))
		case stateUnknown:
			unknown = append(unknown, mermaidID(i))
		}
	}
	var brokenEdges, unknownEdges []string
	for i, e := range g.Edges {
		switch e.State {
		case stateFalse:
			brokenEdges = append(brokenEdges, strconv.Itoa(i))
		case stateUnknown:
			unknownEdges = append(unknownEdges, strconv.Itoa(i))
		}
	}
	if len(broken) > 0 {
		b.WriteString("  classDef broken fill:" + fillFalse + ",stroke:" + colorFalse + ",stroke-width:2px\n")
		b.WriteString("  class " + strings.Join(broken, ",") + " broken\n")
	}
	if len(unknown) > 0 {
		b.WriteString("  classDef unknown fill:" + fillUnknown + ",stroke:" + colorUnknown + ",stroke-width:2px,stroke-dasharray:5 3\n")
		b.WriteString("  class " + strings.Join(unknown, ",") + " unknown\n")
	}
	if len(brokenEdges) > 0 {
		b.WriteString("  linkStyle " + strings.Join(brokenEdges, ",") + " stroke:" + colorFalse + ",stroke-width:2px\n")
	}
	if len(unknownEdges) > 0 {
		b.WriteString("  linkStyle " + strings.Join(unknownEdges, ",") + " stroke:" + colorUnknown + ",stroke-width:2px,stroke-dasharray:5 3\n")
	}
}

func mermaidID(i int) string { return "n" + strconv.Itoa(i) }

// mermaidLabel makes s safe inside a double-quoted Mermaid label. Mermaid
// decodes its own entity syntax (#quot;, #35;) in labels, and renders them
// as HTML, so the quote, the characters of HTML and of that syntax are
// written as entities; a backtick would start a Markdown string. Line
// breaks become spaces: a label is one logical line.
var mermaidEscaper = strings.NewReplacer(
	"#", "#35;",
	`"`, "#quot;",
	"&", "#amp;",
	"<", "#lt;",
	">", "#gt;",
	"`", "#96;",
	"\r\n", " ",
	"\n", " ",
	"\r", " ",
)

func mermaidLabel(s string) string {
	if !strings.ContainsAny(s, "#\"&<>`\r\n") {
		return s // nothing to escape, the usual case
	}
	return mermaidEscaper.Replace(s)
}
