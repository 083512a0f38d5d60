package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Load reads and parses the configuration file at file. knownRules are the
// rule IDs a `rules` entry may name.
func Load(file string, knownRules []string) (*Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: file, Message: fmt.Sprintf("cannot read the configuration: %v", err)}
	}
	return Parse(file, data, knownRules)
}

// keys are the top-level keys, in the order the documentation lists them.
var keys = []string{"rules", "unknown", "var_files", "vars", "parameters", "region", "root", "context", "exclude", "all_clusters"}

// Parse parses the content of a configuration file named file.
func Parse(file string, data []byte, knownRules []string) (*Config, error) {
	p := &parser{c: &Config{File: file}, known: knownRules}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return p.c, nil
		}
		return nil, syntaxError(file, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return p.c, nil // an empty file, or only comments
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return p.c, nil
	}
	if err := p.top(root); err != nil {
		return nil, err
	}
	return p.c, nil
}

type parser struct {
	c     *Config
	known []string
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) error {
	return &Error{File: p.c.File, Line: n.Line, Column: n.Column, Message: fmt.Sprintf(format, args...)}
}

func (p *parser) top(root *yaml.Node) error {
	if root.Kind != yaml.MappingNode {
		return p.errorf(root, "the configuration must be a mapping of settings (%s)", strings.Join(keys, ", "))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			return p.errorf(k, "%s is set twice", k.Value)
		}
		seen[k.Value] = true
		var err error
		switch k.Value {
		case "rules":
			err = p.rules(v)
		case "unknown":
			p.c.Unknown, err = p.oneOf(v, "unknown", "warn", "error", "ignore")
		case "var_files":
			p.c.VarFiles, err = p.paths(v, "var_files")
		case "vars":
			p.c.Vars, err = p.assignments(v, "vars")
		case "parameters":
			err = p.parameters(v)
		case "region":
			p.c.Region, err = p.str(v, "region")
		case "root":
			p.c.Root, err = p.str(v, "root")
			p.c.Root = p.resolve(p.c.Root)
		case "context":
			p.c.Context, err = p.paths(v, "context")
		case "exclude":
			err = p.exclude(v)
		case "all_clusters":
			var b bool
			b, err = p.boolean(v, "all_clusters")
			p.c.AllClusters = &b
		default:
			err = p.errorf(k, "unknown setting %q%s", k.Value, suggestion(k.Value, keys))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// rules reads `rules: {DAS001: {enabled: bool, severity: ...}}`.
func (p *parser) rules(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return p.errorf(n, "rules must be a mapping from rule ID to {enabled, severity}, got %s", kindOf(n))
	}
	p.c.Rules = map[string]Rule{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(p.known, k.Value) {
			return p.errorf(k, "unknown rule %q%s", k.Value, suggestion(k.Value, p.known))
		}
		if v.Kind != yaml.MappingNode {
			return p.errorf(v, "rules.%s must be a mapping {enabled, severity}, got %s", k.Value, kindOf(v))
		}
		var r Rule
		for j := 0; j+1 < len(v.Content); j += 2 {
			rk, rv := v.Content[j], v.Content[j+1]
			where := "rules." + k.Value + "." + rk.Value
			switch rk.Value {
			case "enabled":
				b, err := p.boolean(rv, where)
				if err != nil {
					return err
				}
				r.Enabled = &b
			case "severity":
				s, err := p.oneOf(rv, where, "error", "warning", "off")
				if err != nil {
					return err
				}
				r.Severity = s
			default:
				return p.errorf(rk, "unknown setting %q of rules.%s%s", rk.Value, k.Value, suggestion(rk.Value, []string{"enabled", "severity"}))
			}
		}
		p.c.Rules[k.Value] = r
	}
	return nil
}

// parameters reads a mapping {Key: Value} or a list of what --parameters
// takes (FILE or KEY=VALUE).
func (p *parser) parameters(n *yaml.Node) error {
	switch n.Kind {
	case yaml.MappingNode:
		var err error
		p.c.Parameters, err = p.assignments(n, "parameters")
		return err
	case yaml.SequenceNode:
		items, err := p.strings(n, "parameters")
		for _, it := range items {
			if !strings.Contains(it, "=") {
				it = p.resolve(it)
			}
			p.c.Parameters = append(p.c.Parameters, it)
		}
		return err
	}
	return p.errorf(n, "parameters must be a mapping {Key: Value} or a list of files and Key=Value, got %s", kindOf(n))
}

func (p *parser) exclude(n *yaml.Node) error {
	items, err := p.strings(n, "exclude")
	if err != nil {
		return err
	}
	for i, it := range items {
		if err := CheckPattern(it); err != nil {
			return p.errorf(n.Content[i], "exclude pattern %q: %v", it, err)
		}
	}
	p.c.Exclude = items
	return nil
}

// assignments reads a mapping of scalars as NAME=VALUE, sorted by name.
func (p *parser) assignments(n *yaml.Node, what string) ([]string, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n, "%s must be a mapping of names to values, got %s", what, kindOf(n))
	}
	var out []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return nil, p.errorf(v, "%s.%s must be a single value (write lists and maps as a Terraform expression string), got %s", what, k.Value, kindOf(v))
		}
		out = append(out, k.Value+"="+v.Value)
	}
	slices.Sort(out)
	return out, nil
}

func (p *parser) paths(n *yaml.Node, what string) ([]string, error) {
	items, err := p.strings(n, what)
	for i, it := range items {
		items[i] = p.resolve(it)
	}
	return items, err
}

// resolve makes a relative path in the file relative to the file's
// directory.
func (p *parser) resolve(f string) string {
	if filepath.IsAbs(f) {
		return f
	}
	return filepath.Join(p.c.Dir(), filepath.FromSlash(f))
}

func (p *parser) strings(n *yaml.Node, what string) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.errorf(n, "%s must be a list of strings, got %s", what, kindOf(n))
	}
	out := make([]string, 0, len(n.Content))
	for _, it := range n.Content {
		s, err := p.str(it, what+" entry")
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (p *parser) str(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Value == "" {
		return "", p.errorf(n, "%s must be a non-empty string, got %s", what, kindOf(n))
	}
	return n.Value, nil
}

func (p *parser) boolean(n *yaml.Node, what string) (bool, error) {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		return false, p.errorf(n, "%s must be true or false, got %s", what, kindOf(n))
	}
	return b, nil
}

func (p *parser) oneOf(n *yaml.Node, what string, allowed ...string) (string, error) {
	if n.Kind == yaml.ScalarNode && slices.Contains(allowed, n.Value) {
		return n.Value, nil
	}
	return "", p.errorf(n, "%s must be %s, got %s", what, strings.Join(allowed, ", "), kindOf(n))
}

// kindOf describes a node for messages.
func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

// yamlLine matches the position yaml.v3 puts in its syntax errors.
var yamlLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^yaml: line ([0-9]+): `)
})

// syntaxError turns a yaml.v3 syntax error into an Error at its line.
func syntaxError(file string, err error) error {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: line, Column: 1, Message: msg[len(m[0]):]}
	}
	return &Error{File: file, Message: strings.TrimPrefix(msg, "yaml: ")}
}
