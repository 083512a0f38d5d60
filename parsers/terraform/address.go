package terraform

import "strings"

// resourceType returns the resource type of a resource instance address
// (`module.db.aws_rds_cluster.this[0]` → `aws_rds_cluster`).
func resourceType(addr string) string {
	parts := splitAddress(addr)
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "module" {
			i++
			continue
		}
		if parts[i] == "data" {
			return ""
		}
		return parts[i]
	}
	return ""
}

// splitAddress splits an address at the dots that are not inside an index.
func splitAddress(addr string) []string {
	var parts []string
	depth, start := 0, 0
	inString := false
	for i := 0; i < len(addr); i++ {
		switch c := addr[i]; {
		case c == '"' && (i == 0 || addr[i-1] != '\\'):
			inString = !inString
		case inString:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			parts = append(parts, stripIndex(addr[start:i]))
			start = i + 1
		}
	}
	return append(parts, stripIndex(addr[start:]))
}

func stripIndex(s string) string {
	if i := strings.IndexByte(s, '['); i >= 0 {
		return s[:i]
	}
	return s
}
