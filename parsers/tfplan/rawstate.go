package tfplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Raw state: the format-4 JSON that Terraform keeps in terraform.tfstate,
// that an s3 or gcs backend holds, and that `terraform state pull` prints.
// It holds the same resources and outputs as `terraform show -json` of that
// state, grouped by resource instead of by module, with each instance's
// values under "attributes"; rawDocument turns it into the shape of `show
// -json`, so that one builder reads both.

// rawState is the part of a format-4 state that daslint reads.
type rawState struct {
	Version          json.Number          `json:"version"`
	TerraformVersion string               `json:"terraform_version"`
	Outputs          map[string]rawOutput `json:"outputs"`
	Resources        []rawResource        `json:"resources"`
}

type rawOutput struct {
	Value any `json:"value"`
}

type rawResource struct {
	Module    string        `json:"module"`
	Mode      string        `json:"mode"`
	Type      string        `json:"type"`
	Name      string        `json:"name"`
	Instances []rawInstance `json:"instances"`
}

type rawInstance struct {
	IndexKey   any            `json:"index_key"`
	Attributes map[string]any `json:"attributes"`
}

// claimsRaw reports whether data is a format-4 state: a JSON object with a
// numeric version 4, a lineage or terraform_version, and a resources list.
// Keys are matched exactly (encoding/json would match "Resources", the key
// of a CloudFormation template, case-insensitively).
func claimsRaw(data []byte) bool {
	if !bytes.Contains(data, []byte(`"version"`)) || !bytes.Contains(data, []byte(`"resources"`)) {
		return false
	}
	var head map[string]json.RawMessage
	if json.Unmarshal(data, &head) != nil {
		return false
	}
	v, res := head["version"], head["resources"]
	_, lineage := head["lineage"]
	_, tfv := head["terraform_version"]
	return string(bytes.TrimSpace(v)) == "4" && len(res) > 0 && res[0] == '[' && (lineage || tfv)
}

// rawDocument decodes a format-4 state into the document `terraform show
// -json` prints for it: every instance becomes a resource of the values
// section (flat: its address names its module), the outputs their values.
func rawDocument(data []byte) (*document, error) {
	var st rawState
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&st); err != nil {
		return nil, err
	}
	if st.Version.String() != "4" {
		return nil, fmt.Errorf("state format version %s, daslint reads version 4", st.Version)
	}
	vals := &values{Outputs: map[string]valuesOutput{}}
	for name, o := range st.Outputs {
		vals.Outputs[name] = valuesOutput(o)
	}
	for _, r := range st.Resources {
		if r.Type == "" || r.Name == "" {
			continue
		}
		for _, in := range r.Instances {
			vals.RootModule.Resources = append(vals.RootModule.Resources, valuesResource{
				Address: rawAddress(r, in.IndexKey), Mode: r.Mode, Type: r.Type, Name: r.Name,
				Index: in.IndexKey, Values: in.Attributes,
			})
		}
	}
	return &document{FormatVersion: "1.0", Values: vals}, nil
}

// rawAddress is the address `terraform show -json` gives an instance.
func rawAddress(r rawResource, key any) string {
	addr := r.Type + "." + r.Name
	if r.Mode == "data" {
		addr = "data." + addr
	}
	if r.Module != "" {
		addr = r.Module + "." + addr
	}
	switch k := key.(type) {
	case json.Number:
		addr += "[" + k.String() + "]"
	case float64:
		addr += "[" + strconv.FormatFloat(k, 'f', -1, 64) + "]"
	case string:
		addr += "[" + strconv.Quote(k) + "]"
	}
	return addr
}

// rawLines is lines for a format-4 state: the position of each instance
// object, by its address.
func rawLines(data []byte) map[string][2]int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	out := map[string][2]int{}
	rs := field(doc.Content[0], "resources")
	if rs == nil || rs.Kind != yaml.SequenceNode {
		return out
	}
	text := func(n *yaml.Node, key string) string {
		if v := field(n, key); v != nil && v.Kind == yaml.ScalarNode {
			return v.Value
		}
		return ""
	}
	for _, r := range rs.Content {
		res := rawResource{Module: text(r, "module"), Mode: text(r, "mode"), Type: text(r, "type"), Name: text(r, "name")}
		ins := field(r, "instances")
		if ins == nil || ins.Kind != yaml.SequenceNode {
			continue
		}
		for _, in := range ins.Content {
			var key any
			if k := field(in, "index_key"); k != nil && k.Kind == yaml.ScalarNode {
				if k.Tag == "!!int" {
					key = json.Number(k.Value)
				} else {
					key = k.Value
				}
			}
			out[rawAddress(res, key)] = [2]int{in.Line, in.Column}
		}
	}
	return out
}
