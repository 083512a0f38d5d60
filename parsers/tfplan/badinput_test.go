package tfplan

import (
	"fmt"
	"strings"
	"testing"
)

// TestBadInput feeds documents that claim to be plans but are malformed or
// odd: they give diagnostics or an empty model, never a panic.
func TestBadInput(t *testing.T) {
	tests := map[string]string{
		"planned_values not an object": `{"format_version":"1.2","planned_values":5}`,
		"resources not a list":         `{"format_version":"1.2","planned_values":{"root_module":{"resources":{}}}}`,
		"resource values a list":       `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_vpc.a","mode":"managed","type":"aws_vpc","name":"a","values":[1]}]}}}`,
		"after_unknown odd": `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_subnet.a","mode":"managed","type":"aws_subnet","name":"a","values":{"vpc_id":null,"x":[1]}}]}},
			"resource_changes":[{"address":"aws_subnet.a","change":{"after_unknown":{"vpc_id":true,"x":[true,{"y":true},7],"z":{"q":[true]}}}}],
			"configuration":{"root_module":{"resources":[{"address":"aws_subnet.a","mode":"managed","type":"aws_subnet","name":"a","expressions":{"vpc_id":{"references":["aws_vpc.missing.id"]},"x":[{"y":{"references":[7]}}],"z":"odd"}}]}}}`,
		"references cycle through modules": `{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.m","resources":[{"address":"module.m.aws_subnet.a","mode":"managed","type":"aws_subnet","name":"a","values":{}}]}]}},
			"resource_changes":[{"address":"module.m.aws_subnet.a","change":{"after_unknown":{"vpc_id":true}}}],
			"configuration":{"root_module":{"module_calls":{"m":{"source":"./m","expressions":{"v":{"references":["module.m.o"]}},"module":{"outputs":{"o":{"expression":{"references":["var.v"]}}},"resources":[{"address":"aws_subnet.a","mode":"managed","type":"aws_subnet","name":"a","expressions":{"vpc_id":{"references":["var.v"]}}}]}}}}}}`,
		"outputs fanning out": fanOut(),
		"empty state":         `{"format_version":"1.0","values":{}}`,
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			m, _, _ := Load("plan.json", []byte(data), Options{})
			if m == nil {
				t.Fatal("nil model")
			}
		})
	}
}

// fanOut is a chain of modules thirty deep in which each output reads
// three outputs of the module it calls: followed naively, 3^30
// expressions.
func fanOut() string {
	mod := `{"outputs":{"o":{"expression":{"references":["aws_vpc.v.id"]}},"p":{"expression":{"references":["aws_vpc.v.id"]}},"q":{"expression":{"references":["aws_vpc.v.id"]}}}}`
	for i := 0; i < 30; i++ {
		out := `{"expression":{"references":["module.c.o","module.c.p","module.c.q"]}}`
		mod = fmt.Sprintf(`{"outputs":{"o":%s,"p":%s,"q":%s},"module_calls":{"c":{"source":"./c","module":%s}}}`, out, out, out, mod)
	}
	vpc := "module.m" + strings.Repeat(".module.c", 30) + ".aws_vpc.v"
	return `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_subnet.a","mode":"managed","type":"aws_subnet","name":"a","values":{}},
		{"address":"` + vpc + `","mode":"managed","type":"aws_vpc","name":"v","values":{}}]}},
		"resource_changes":[{"address":"aws_subnet.a","change":{"after_unknown":{"vpc_id":true}}}],
		"configuration":{"root_module":{"resources":[{"address":"aws_subnet.a","mode":"managed","type":"aws_subnet","name":"a","expressions":{"vpc_id":{"references":["module.m.o"]}}}],
		"module_calls":{"m":{"source":"./m","module":` + mod + `}}}}}`
}

// TestFanOutStops checks that the work to settle one attribute is bounded,
// and that the attribute is then unknown, saying why.
func TestFanOutStops(t *testing.T) {
	m, _, _ := Load("plan.json", []byte(fanOut()), Options{})
	if len(m.Subnets) != 1 {
		t.Fatalf("%d subnets, want 1", len(m.Subnets))
	}
	u := m.Subnets[0].VPC.Unknown
	if u == nil || !strings.Contains(u.Reason, "too many references") {
		t.Errorf("vpc_id = %+v, want unknown for too many references", m.Subnets[0].VPC)
	}
}
