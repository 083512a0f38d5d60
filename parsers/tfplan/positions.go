package tfplan

import "gopkg.in/yaml.v3"

// lines returns, by address, the line and column of each resource object
// under section (planned_values or values) of the document: JSON is YAML,
// and yaml.v3 nodes keep positions, as in parsers/cloudformation. Nil when
// the document does not parse that way.
func lines(data []byte, section string) map[string][2]int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	out := map[string][2]int{}
	sec := field(doc.Content[0], section)
	if sec == nil {
		return out
	}
	var walk func(m *yaml.Node, depth int)
	walk = func(m *yaml.Node, depth int) {
		if m == nil || depth > 64 {
			return
		}
		if rs := field(m, "resources"); rs != nil {
			for _, r := range rs.Content {
				if a := field(r, "address"); a != nil && a.Kind == yaml.ScalarNode {
					out[a.Value] = [2]int{r.Line, r.Column}
				}
			}
		}
		if cs := field(m, "child_modules"); cs != nil {
			for _, c := range cs.Content {
				walk(c, depth+1)
			}
		}
	}
	walk(field(sec, "root_module"), 0)
	return out
}

// field returns the value of key in mapping node m, or nil.
func field(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
