package tfplan

import (
	"bytes"
	"encoding/json"
)

// document is the part of `terraform show -json` output that daslint reads
// (Terraform's JSON output format, format_version 1.x).
type document struct {
	FormatVersion   string           `json:"format_version"`
	PlannedValues   *values          `json:"planned_values"`
	Values          *values          `json:"values"` // a state
	ResourceChanges []resourceChange `json:"resource_changes"`
	Configuration   *configuration   `json:"configuration"`
	Variables       map[string]any   `json:"variables"`
}

type values struct {
	Outputs    map[string]valuesOutput `json:"outputs"`
	RootModule valuesModule            `json:"root_module"`
}

// valuesOutput is one output of a state (or of a plan's planned values).
type valuesOutput struct {
	Value any `json:"value"`
}

type valuesModule struct {
	Address      string           `json:"address"`
	Resources    []valuesResource `json:"resources"`
	ChildModules []valuesModule   `json:"child_modules"`
}

type valuesResource struct {
	Address string         `json:"address"`
	Mode    string         `json:"mode"`
	Type    string         `json:"type"`
	Name    string         `json:"name"`
	Index   any            `json:"index"`
	Values  map[string]any `json:"values"`
}

type resourceChange struct {
	Address       string `json:"address"`
	ModuleAddress string `json:"module_address"`
	Mode          string `json:"mode"`
	Type          string `json:"type"`
	Name          string `json:"name"`
	Index         any    `json:"index"`
	Change        struct {
		Actions      []string `json:"actions"`
		AfterUnknown any      `json:"after_unknown"`
	} `json:"change"`
}

type configuration struct {
	ProviderConfig map[string]providerConfig `json:"provider_config"`
	RootModule     configModule              `json:"root_module"`
}

type providerConfig struct {
	Name          string                     `json:"name"`
	ModuleAddress string                     `json:"module_address"`
	Expressions   map[string]json.RawMessage `json:"expressions"`
}

type configModule struct {
	Resources   []configResource        `json:"resources"`
	ModuleCalls map[string]moduleCall   `json:"module_calls"`
	Outputs     map[string]configOutput `json:"outputs"`
}

type configOutput struct {
	Expression json.RawMessage `json:"expression"`
}

type moduleCall struct {
	Source            string                     `json:"source"`
	Expressions       map[string]json.RawMessage `json:"expressions"`
	CountExpression   json.RawMessage            `json:"count_expression"`
	ForEachExpression json.RawMessage            `json:"for_each_expression"`
	Module            configModule               `json:"module"`
}

type configResource struct {
	Address           string                     `json:"address"`
	Mode              string                     `json:"mode"`
	Type              string                     `json:"type"`
	Name              string                     `json:"name"`
	ProviderConfigKey string                     `json:"provider_config_key"`
	Expressions       map[string]json.RawMessage `json:"expressions"`
}

// expression is one expression of the configuration section: a constant,
// or the references it makes.
type expression struct {
	References    []string `json:"references"`
	ConstantValue any      `json:"constant_value"`
}

// Kind is what a `terraform show -json` document holds.
type Kind uint8

// Document kinds.
const (
	None Kind = iota
	Plan
	State
)

// Claims reports whether data is the output of `terraform show -json`: a
// plan (format_version and planned_values) or a state (format_version and
// values, no planned_values), going by content as docs/semantics.md#sources-of-one-run asks. A
// format-4 state as Terraform stores it (terraform.tfstate, `terraform
// state pull`) is a State too.
func Claims(data []byte) Kind {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return None
	}
	if !bytes.Contains(data, []byte(`"format_version"`)) {
		if claimsRaw(data) {
			return State
		}
		return None
	}
	var head struct {
		FormatVersion *string         `json:"format_version"`
		PlannedValues json.RawMessage `json:"planned_values"`
		Values        json.RawMessage `json:"values"`
		Resources     json.RawMessage `json:"Resources"`
	}
	if json.Unmarshal(data, &head) != nil || head.FormatVersion == nil || head.Resources != nil {
		return None
	}
	switch {
	case head.PlannedValues != nil:
		return Plan
	case head.Values != nil:
		return State
	}
	return None
}
