package terragrunt

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"gopkg.in/yaml.v3"
)

// maxYAMLNodes bounds the values one yamldecode call builds, aliases
// expanded: a small document can alias itself into billions of nodes.
const maxYAMLNodes = 1 << 17

// yamlDecode is Terraform's yamldecode for Terragrunt configurations, where
// live repositories keep their settings in YAML files
// (`yamldecode(file(find_in_parent_folders("env.yaml")))`): mappings become
// objects, sequences tuples, scalars strings, numbers, bools or null by
// their resolved YAML tag, as Terraform's go-cty-yaml does.
var yamlDecode = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "src", Type: cty.String}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(args[0].AsString()), &doc); err != nil {
				return cty.NilVal, fmt.Errorf("yamldecode: %w", err)
			}
			if doc.Kind == 0 || len(doc.Content) == 0 {
				return cty.NullVal(cty.DynamicPseudoType), nil
			}
			budget := maxYAMLNodes
			return yamlValue(doc.Content[0], &budget)
		},
	})
})

func yamlValue(n *yaml.Node, budget *int) (cty.Value, error) {
	*budget--
	if *budget < 0 {
		return cty.NilVal, errors.New("yamldecode: the document expands to too many values")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return cty.NullVal(cty.DynamicPseudoType), nil
		}
		return yamlValue(n.Content[0], budget)
	case yaml.AliasNode:
		return yamlValue(n.Alias, budget)
	case yaml.SequenceNode:
		elems := make([]cty.Value, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c, budget)
			if err != nil {
				return cty.NilVal, err
			}
			elems = append(elems, v)
		}
		return cty.TupleVal(elems), nil
	case yaml.MappingNode:
		return yamlMapping(n, budget)
	case yaml.ScalarNode:
		return yamlScalar(n)
	}
	return cty.NilVal, fmt.Errorf("yamldecode: unsupported YAML node at line %d", n.Line)
}

// yamlMapping builds an object; `<<` merge keys bring in the keys of the
// mappings they name, which the mapping's own keys override.
func yamlMapping(n *yaml.Node, budget *int) (cty.Value, error) {
	attrs := map[string]cty.Value{}
	var merged []map[string]cty.Value
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		val, err := yamlValue(v, budget)
		if err != nil {
			return cty.NilVal, err
		}
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			if m, ok := objectMap(val); ok {
				merged = append(merged, m)
				continue
			}
			if val.Type().IsTupleType() {
				for _, e := range val.AsValueSlice() {
					if m, ok := objectMap(e); ok {
						merged = append(merged, m)
					}
				}
				continue
			}
			return cty.NilVal, fmt.Errorf("yamldecode: a merge key at line %d names no mapping", k.Line)
		}
		if k.Kind != yaml.ScalarNode {
			return cty.NilVal, fmt.Errorf("yamldecode: a mapping key at line %d is not a scalar", k.Line)
		}
		attrs[k.Value] = val
	}
	for _, m := range merged {
		for k, v := range m {
			if _, own := attrs[k]; !own {
				attrs[k] = v
			}
		}
	}
	return cty.ObjectVal(attrs), nil
}

func objectMap(v cty.Value) (map[string]cty.Value, bool) {
	if v.IsNull() || !v.Type().IsObjectType() {
		return nil, false
	}
	m := v.AsValueMap()
	if m == nil {
		m = map[string]cty.Value{}
	}
	return m, true
}

func yamlScalar(n *yaml.Node) (cty.Value, error) {
	switch n.ShortTag() {
	case "!!null":
		return cty.NullVal(cty.DynamicPseudoType), nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return cty.NilVal, fmt.Errorf("yamldecode: %w", err)
		}
		return cty.BoolVal(b), nil
	case "!!int", "!!float":
		if v, err := cty.ParseNumberVal(n.Value); err == nil {
			return v, nil // decimal, exact also beyond float64
		}
		var f float64 // 0x1F, 0o17, 1e3, .inf
		if err := n.Decode(&f); err != nil {
			return cty.NilVal, fmt.Errorf("yamldecode: %w", err)
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return cty.NilVal, fmt.Errorf("yamldecode: %s at line %d is no number Terraform can hold", n.Value, n.Line)
		}
		return cty.NumberFloatVal(f), nil
	}
	return cty.StringVal(n.Value), nil
}
