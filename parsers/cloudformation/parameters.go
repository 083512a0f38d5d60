package cloudformation

import (
	"fmt"
	"os"
	"strings"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// parameter is one entry of the Parameters section, resolved on first use.
type parameter struct {
	name     string
	node     *node
	resolved bool
	value    Value
}

// param returns the value of a parameter: its override (--parameters, or
// the parent stack's Parameters), else its Default, else unknown.
func (s *stack) param(p *parameter) Value {
	if p.resolved {
		return p.value
	}
	p.resolved = true
	r := s.rng(p.node)
	typ := ""
	if t := p.node.get("Type"); t != nil && t.kind == scalarNode {
		typ = t.value
	}
	// An SSM parameter type's value is the name of a Systems Manager
	// parameter; CloudFormation reads the parameter's value at deploy time.
	if strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<") {
		p.value = unknownVal(model.FromImport, r, "parameter %s is read from SSM Parameter Store at deploy time", p.name)
		return p.value
	}
	v, ok := s.overrides[p.name]
	if !ok {
		def := p.node.get("Default")
		if def == nil || def.isNull() {
			p.value = unknownVal(model.FromVariable, r, "parameter %s has no default and no value (give one with --parameters %s=VALUE)", p.name, p.name)
			return p.value
		}
		v = s.eval(def)
	}
	p.value = typed(v, typ, r)
	return p.value
}

// typed converts a parameter value to its declared type: a List<...> or
// CommaDelimitedList given as one string (as --parameters and nested stacks
// give it) is split at commas, each member space-trimmed as the
// CloudFormation parameter documentation says.
func typed(v Value, typ string, r model.Range) Value {
	isList := strings.HasPrefix(typ, "List<") || typ == "CommaDelimitedList"
	switch {
	case v.kind == kUnknown:
		if isList {
			return unknownFrom(v.unknown, r)
		}
		return v
	case isList && v.kind != kList:
		s, _ := v.scalarString()
		var items []Value
		for _, part := range strings.Split(s, ",") {
			items = append(items, strVal(strings.TrimSpace(part), r))
		}
		if s == "" {
			items = nil
		}
		return listVal(items, r)
	case typ == "Number" && v.kind == kString:
		return Value{kind: kNumber, str: strings.TrimSpace(v.str), rng: r}
	}
	return v
}

// parseOverrides reads --parameters values: each a KEY=VALUE pair or a file
// in the AWS CLI form `[{"ParameterKey": k, "ParameterValue": v}]`, or
// `{"Parameters": {k: v}}` (CodePipeline template configuration), or a plain
// `{k: v}` mapping. Later values win.
func parseOverrides(specs []string, ds *diag.Diagnostics, files *[]string) map[string]Value {
	out := map[string]Value{}
	for _, spec := range specs {
		if _, err := os.Stat(spec); err != nil {
			k, v, ok := strings.Cut(spec, "=")
			if !ok || k == "" {
				ds.Errorf(model.Range{File: spec}, "--parameters %s: not a file (%v) and not KEY=VALUE; give a parameters file in the AWS CLI JSON form, or KEY=VALUE", spec, err)
				continue
			}
			out[k] = strVal(v, model.Range{})
			continue
		}
		readParameterFile(spec, out, ds)
		*files = append(*files, spec)
	}
	return out
}

func readParameterFile(file string, out map[string]Value, ds *diag.Diagnostics) {
	data, err := os.ReadFile(file)
	if err != nil {
		ds.Errorf(model.Range{File: file}, "cannot read parameters: %v; check the path given to --parameters", err)
		return
	}
	n := parseFile(file, data, ds)
	if n == nil {
		return
	}
	at := func(n *node) model.Range { return model.Range{File: file, Line: n.line, Column: n.col} }
	set := func(k string, v *node) {
		s, err := scalarText(v)
		if err != nil {
			ds.Errorf(at(v), "parameter %s: %v", k, err)
			return
		}
		out[k] = strVal(s, at(v))
	}
	switch n.kind {
	case seqNode:
		for _, item := range n.items {
			k, v := item.get("ParameterKey"), item.get("ParameterValue")
			if k == nil || k.kind != scalarNode {
				ds.Errorf(at(item), "each entry needs a ParameterKey: write [{\"ParameterKey\": \"Name\", \"ParameterValue\": \"value\"}]")
				continue
			}
			if v == nil {
				if u := item.get("UsePreviousValue"); u != nil {
					out[k.value] = unknownVal(model.FromVariable, at(item), "parameter %s uses its previous value, which only the deployed stack knows", k.value)
				}
				continue
			}
			set(k.value, v)
		}
	case mapNode:
		m := n
		if p := n.get("Parameters"); p != nil && p.kind == mapNode {
			m = p
		}
		for i, k := range m.keys {
			set(k.value, m.vals[i])
		}
	default:
		ds.Errorf(at(n), "parameters file must hold a list of {ParameterKey, ParameterValue} or a mapping")
	}
}

// scalarText returns a parameter file value as CloudFormation receives it:
// a string; a list is joined with commas.
func scalarText(n *node) (string, error) {
	switch n.kind {
	case scalarNode:
		return n.value, nil
	case seqNode:
		parts := make([]string, 0, len(n.items))
		for _, it := range n.items {
			if it.kind != scalarNode {
				return "", fmt.Errorf("list items must be strings")
			}
			parts = append(parts, it.value)
		}
		return strings.Join(parts, ","), nil
	}
	return "", fmt.Errorf("value must be a string, not a mapping")
}
