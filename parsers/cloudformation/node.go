package cloudformation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// Limits on what one template may make daslint do. CloudFormation itself
// accepts templates of at most 1 MB (S3) and far less nesting; these bounds
// only stop hostile input (alias bombs, pathological nesting) from exhausting
// memory or the stack.
const (
	maxFileSize  = 16 << 20
	maxDepth     = 256
	maxNodes     = 1 << 20
	maxFlowDepth = 1000
)

// tooManyValues is the error of a template that expands to more than
// maxNodes values.
const tooManyValues = "template expands to more than %d values (YAML alias bomb?); it is not read: use fewer nested aliases"

// nodeKind is the shape of a node.
type nodeKind uint8

const (
	scalarNode nodeKind = iota
	seqNode
	mapNode
)

// node is a template value with its position: a yaml.Node with aliases
// expanded, merge keys applied and short-form intrinsics (`!Ref X`) rewritten
// to their long form (`{Ref: X}`), so that the evaluator sees one syntax.
type node struct {
	kind nodeKind
	// tag is the resolved YAML tag of a scalar: "!!str", "!!int", "!!float",
	// "!!bool" or "!!null".
	tag   string
	value string
	items []*node // sequence items
	keys  []*node // mapping keys, in order; vals holds the values
	vals  []*node
	line  int
	col   int
	// endLine is the last line of the node's text.
	endLine int
	// unknown is set on a value that Fn::ForEach substituted from a
	// collection that is not known offline: it evaluates to unknown.
	unknown *model.Unresolved
}

// get returns the value of key in a mapping node, or nil. When a key is
// repeated, the last one wins, as in JSON.
func (n *node) get(key string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i := len(n.keys) - 1; i >= 0; i-- {
		if n.keys[i].value == key {
			return n.vals[i]
		}
	}
	return nil
}

// isNull reports whether n is absent or a YAML null.
func (n *node) isNull() bool { return n == nil || (n.kind == scalarNode && n.tag == "!!null") }

// shortTags are the YAML short forms of the intrinsic functions and what they
// stand for.
var shortTags = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"!Ref":            "Ref",
		"!Condition":      "Condition",
		"!GetAtt":         "Fn::GetAtt",
		"!Sub":            "Fn::Sub",
		"!Join":           "Fn::Join",
		"!Select":         "Fn::Select",
		"!Split":          "Fn::Split",
		"!If":             "Fn::If",
		"!Equals":         "Fn::Equals",
		"!And":            "Fn::And",
		"!Or":             "Fn::Or",
		"!Not":            "Fn::Not",
		"!FindInMap":      "Fn::FindInMap",
		"!GetAZs":         "Fn::GetAZs",
		"!ImportValue":    "Fn::ImportValue",
		"!GetStackOutput": "Fn::GetStackOutput",
		"!Cidr":           "Fn::Cidr",
		"!Base64":         "Fn::Base64",
		"!Length":         "Fn::Length",
		"!ToJsonString":   "Fn::ToJsonString",
		"!Transform":      "Fn::Transform",
		// Rules-section functions.
		"!Contains":         "Fn::Contains",
		"!EachMemberEquals": "Fn::EachMemberEquals",
		"!EachMemberIn":     "Fn::EachMemberIn",
		"!RefAll":           "Fn::RefAll",
		"!ValueOf":          "Fn::ValueOf",
		"!ValueOfAll":       "Fn::ValueOfAll",
	}
})

// parseFile parses data into a node tree. It returns nil and an error
// diagnostic when the text is not YAML or JSON.
func parseFile(file string, data []byte, ds *diag.Diagnostics) *node {
	n, _ := parseYAML(file, data, ds)
	return n
}

// parsed is what parsing a template learnt besides its tree.
type parsed struct {
	// aliases counts the YAML aliases of the text (each written once,
	// however often it is expanded) and firstAlias is the first of them.
	aliases    int
	firstAlias *yaml.Node
	// rainModules are the values tagged !Rain::Module: the paths of the
	// Rain modules the template includes.
	rainModules map[*node]bool
}

// parseTemplate parses a template, as parseFile, and reports its YAML
// aliases once: daslint expands them, but CloudFormation's own parser may
// not accept a template that has them (docs/limits.md#input-warnings-once-each-nothing-hidden).
func parseTemplate(file string, data []byte, ds *diag.Diagnostics) (*node, parsed) {
	n, p := parseYAML(file, data, ds)
	if n != nil && p.firstAlias != nil {
		at := model.Range{File: file, Line: p.firstAlias.Line, Column: p.firstAlias.Column}
		what := "a YAML alias (*" + p.firstAlias.Value + ")"
		if p.aliases > 1 {
			what = fmt.Sprintf("%d YAML aliases (the first *%s)", p.aliases, p.firstAlias.Value)
		}
		ds.Warnf(at, "the template uses %s: daslint expands them, but CloudFormation's parser may reject the template; write the values out", what)
	}
	return n, p
}

func parseYAML(file string, data []byte, ds *diag.Diagnostics) (*node, parsed) {
	at := func(line, col int) model.Range { return model.Range{File: file, Line: line, Column: col} }
	if len(data) > maxFileSize {
		ds.Errorf(at(1, 1), "file is larger than %d bytes; CloudFormation accepts at most 1 MB", maxFileSize)
		return nil, parsed{}
	}
	if p := inputfile.CheckText(data); p != nil {
		ds.Errorf(at(p.Line, p.Column), "%s", p.Message)
		return nil, parsed{}
	}
	if line, col, ok := flowDepthExceeded(data); ok {
		ds.Errorf(at(line, col), "brackets nested deeper than %d levels; daslint does not read the template: flatten it", maxFlowDepth)
		return nil, parsed{}
	}
	isJSON := false
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		isJSON = true
		data = unescapeSlashes(data)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		ds.Errorf(at(yamlErrorLine(err), 0), "cannot parse template: %s; fix the YAML there (an unclosed bracket or quote may start earlier)", strings.TrimPrefix(err.Error(), "yaml: "))
		return nil, parsed{}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		ds.Errorf(at(1, 1), "template is empty: add a Resources section, or delete the file")
		return nil, parsed{}
	}
	if isJSON {
		checkJSON(file, data, ds)
	}
	// Without an anchor (&name) there is no alias, and nothing to count.
	if where, over := mayExpand(data, doc.Content[0]); over {
		ds.Errorf(at(where.Line, where.Column), tooManyValues, maxNodes)
		return nil, parsed{}
	}
	c := converter{file: file, ds: ds, active: map[*yaml.Node]bool{}}
	n := c.convert(doc.Content[0], 0)
	c.reportRain()
	if c.over {
		return nil, parsed{}
	}
	return n, parsed{aliases: len(c.aliases), firstAlias: c.firstAlias, rainModules: c.rainModules}
}

// unescapeSlashes rewrites the JSON escape \/, which YAML does not know,
// to a plain /. Lines stay where they are; columns after it shift by one.
func unescapeSlashes(data []byte) []byte {
	if !bytes.Contains(data, []byte(`\/`)) {
		return data
	}
	out := make([]byte, 0, len(data))
	inString, escaped := false, false
	for _, b := range data {
		switch {
		case escaped:
			escaped = false
			if b == '/' {
				out[len(out)-1] = '/'
				continue
			}
		case inString && b == '\\':
			escaped = true
		case b == '"':
			inString = !inString
		}
		out = append(out, b)
	}
	return out
}

// checkJSON reports JSON syntax that YAML accepts but CloudFormation does
// not (a trailing comma, a comment). The YAML reading is still used.
func checkJSON(file string, data []byte, ds *diag.Diagnostics) {
	var v any
	err := json.Unmarshal(data, &v)
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		return
	}
	line, col := 1, 1
	for _, b := range data[:min(int(syn.Offset), len(data))] {
		col++
		if b == '\n' {
			line, col = line+1, 1
		}
	}
	ds.Errorf(model.Range{File: file, Line: line, Column: col}, "invalid JSON: %v; fix the JSON there", syn)
}

// converter turns yaml.Nodes into nodes within the node and depth budgets.
type converter struct {
	file   string
	ds     *diag.Diagnostics
	nodes  int
	over   bool
	active map[*yaml.Node]bool // aliases being expanded, to stop self-reference
	// aliasAt is the outermost alias being expanded: where an alias bomb
	// is reported.
	aliasAt *yaml.Node
	// rain are the Rain directives met, reported once (see reportRain).
	rain []*yaml.Node
	// aliases are the alias nodes met and firstAlias the first of them in
	// the text (see parseTemplate).
	aliases    map[*yaml.Node]bool
	firstAlias *yaml.Node
	// rainModules are the converted values tagged !Rain::Module.
	rainModules map[*node]bool
}

// noteAlias records an alias for the warning of parseTemplate.
func (c *converter) noteAlias(y *yaml.Node) {
	if c.aliases == nil {
		c.aliases = map[*yaml.Node]bool{}
	}
	c.aliases[y] = true
	if f := c.firstAlias; f == nil || y.Line < f.Line || (y.Line == f.Line && y.Column < f.Column) {
		c.firstAlias = y
	}
}

func (c *converter) rng(y *yaml.Node) model.Range {
	return model.Range{File: c.file, Line: y.Line, Column: y.Column}
}

func (c *converter) null(y *yaml.Node) *node {
	return &node{kind: scalarNode, tag: "!!null", line: y.Line, col: y.Column, endLine: y.Line}
}

func (c *converter) convert(y *yaml.Node, depth int) *node {
	c.nodes++
	if c.nodes > maxNodes {
		if !c.over {
			c.over = true
			at := y
			if c.aliasAt != nil {
				at = c.aliasAt
			}
			c.ds.Errorf(c.rng(at), tooManyValues, maxNodes)
		}
		return c.null(y)
	}
	if depth > maxDepth {
		c.ds.Errorf(c.rng(y), "values nested deeper than %d levels; the deeper part is ignored: flatten the value", maxDepth)
		return c.null(y)
	}
	switch y.Kind {
	case yaml.AliasNode:
		c.noteAlias(y)
		if y.Alias == nil || c.active[y.Alias] {
			c.ds.Errorf(c.rng(y), "YAML alias refers to itself: an anchored value cannot contain its own alias")
			return c.null(y)
		}
		c.active[y.Alias] = true
		outer := c.aliasAt == nil
		if outer {
			c.aliasAt = y
		}
		n := c.convert(y.Alias, depth+1)
		if outer {
			c.aliasAt = nil
		}
		delete(c.active, y.Alias)
		return n
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return c.null(y)
		}
		return c.convert(y.Content[0], depth)
	}
	n := &node{line: y.Line, col: y.Column, endLine: y.Line}
	switch y.Kind {
	case yaml.SequenceNode:
		n.kind = seqNode
		for _, item := range y.Content {
			n.items = append(n.items, c.convert(item, depth+1))
		}
	case yaml.MappingNode:
		n.kind = mapNode
		c.mapping(n, y, depth)
	default:
		n.kind = scalarNode
		n.value = y.Value
		n.tag = y.ShortTag()
	}
	n.endLine = max(n.endLine, lastLine(n))
	if y.Tag == "!Rain::Module" && y.Kind == yaml.ScalarNode {
		if c.rainModules == nil {
			c.rainModules = map[*node]bool{}
		}
		c.rainModules[n] = true
	}
	if long, ok := c.intrinsicTag(y); ok {
		return &node{kind: mapNode, keys: []*node{{kind: scalarNode, tag: "!!str", value: long, line: y.Line, col: y.Column, endLine: y.Line}},
			vals: []*node{untag(n)}, line: y.Line, col: y.Column, endLine: n.endLine}
	}
	return n
}

// mapping fills n with the pairs of y, applying YAML merge keys (`<<`).
func (c *converter) mapping(n *node, y *yaml.Node, depth int) {
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			m := c.convert(v, depth+1)
			var sources []*node
			if m.kind == seqNode {
				sources = m.items
			} else {
				sources = []*node{m}
			}
			for _, s := range sources {
				if s.kind == mapNode {
					n.keys = append(n.keys, s.keys...)
					n.vals = append(n.vals, s.vals...)
				}
			}
			continue
		}
		kn := c.convert(k, depth+1)
		if kn.kind != scalarNode {
			c.ds.Errorf(c.rng(k), "mapping key must be a string")
			continue
		}
		n.keys = append(n.keys, kn)
		n.vals = append(n.vals, c.convert(v, depth+1))
	}
}

// intrinsicTag reports whether y carries a short-form intrinsic tag, and the
// long name it stands for. An unknown local tag is an error.
func (c *converter) intrinsicTag(y *yaml.Node) (string, bool) {
	if y.Tag == "" || strings.HasPrefix(y.Tag, "!!") || y.Style&yaml.TaggedStyle == 0 {
		return "", false
	}
	if long, ok := shortTags()[y.Tag]; ok {
		return long, true
	}
	if strings.HasPrefix(y.Tag, "!Rain::") {
		// A source file of the Rain CLI, not a template until `rain pkg`
		// has expanded it. A module has a warning of its own, which names
		// it (see stack.reportModules).
		if y.Tag != "!Rain::Module" {
			c.rain = append(c.rain, y)
		}
		return "", false
	}
	c.ds.Errorf(c.rng(y), "unknown YAML tag %s (CloudFormation knows !Ref, !GetAtt, !Sub, ...)", y.Tag)
	return "", false
}

// untag returns the argument of a short-form intrinsic: its scalar is read
// as a string whatever it looks like (`!Ref 123` names "123").
func untag(n *node) *node {
	if n.kind == scalarNode {
		n.tag = "!!str"
	}
	return n
}

func lastLine(n *node) int {
	l := n.line
	switch n.kind {
	case seqNode:
		if k := len(n.items); k > 0 {
			l = max(l, n.items[k-1].endLine)
		}
	case mapNode:
		if k := len(n.vals); k > 0 {
			l = max(l, n.vals[k-1].endLine)
		}
	}
	return l
}

// yamlErrorLine extracts the line from a yaml.v3 error ("yaml: line 3: ...").
func yamlErrorLine(err error) int {
	var line int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		if _, serr := fmt.Sscanf(msg[i:], "line %d", &line); serr == nil && line > 0 {
			return line
		}
	}
	return 1
}

// flowDepthExceeded scans for brackets nested deeper than maxFlowDepth,
// before yaml.v3 (which parses recursively, without a depth limit) sees them.
// Quoted strings and comments are skipped; the scan is approximate but can
// only err on nesting no real template has.
func flowDepthExceeded(data []byte) (line, col int, exceeded bool) {
	depth, line, col := 0, 1, 0
	var quote byte
	comment, escaped := false, false
	for _, b := range data {
		col++
		if b == '\n' {
			line, col, comment = line+1, 0, false
			continue
		}
		switch {
		case comment:
		case escaped:
			escaped = false
		case quote == '"' && b == '\\':
			escaped = true
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			if depth > 0 || b == '"' {
				quote = b
			}
		case b == '#':
			comment = true
		case b == '[' || b == '{':
			depth++
			if depth > maxFlowDepth {
				return line, col, true
			}
		case b == ']' || b == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, 0, false
}

// reportRain adds one warning per template for its Rain directives, at the
// first, listing each directive with how often it is used: a Rain source
// file is not a template until `rain pkg` has expanded it.
func (c *converter) reportRain() {
	if len(c.rain) == 0 {
		return
	}
	seen := map[*yaml.Node]bool{}
	count := map[string]int{}
	var tags []string
	first := c.rain[0]
	for _, y := range c.rain {
		if seen[y] {
			continue // an alias repeats the node it names
		}
		seen[y] = true
		if count[y.Tag] == 0 {
			tags = append(tags, y.Tag)
		}
		count[y.Tag]++
		if y.Line < first.Line || (y.Line == first.Line && y.Column < first.Column) {
			first = y
		}
	}
	if len(seen) == 1 {
		c.ds.Warnf(c.rng(first), "Rain directive %s is not expanded (run rain pkg); what it produces is not checked", first.Tag)
		return
	}
	sort.Strings(tags)
	for i, t := range tags {
		if count[t] > 1 {
			tags[i] = fmt.Sprintf("%s %d times", t, count[t])
		}
	}
	c.ds.Warnf(c.rng(first), "%d Rain directives are not expanded (%s); run rain pkg: what they produce is not checked", len(seen), strings.Join(tags, ", "))
}
