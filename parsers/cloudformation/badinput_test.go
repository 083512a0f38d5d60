package cloudformation

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// aliasBomb is a "billion laughs" document: ten levels of ten aliases.
var aliasBomb = func() string {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'k'; i++ {
		prev := string(i - 1)
		bomb += string(i) + ": &" + string(i) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
			", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
	}
	bomb += "Resources:\n  X: {Type: AWS::EC2::VPC, Properties: {Tags: *k}}\n"
	return bomb
}()

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		text string
		msg  string
		// line is where the diagnostic must be; -1 accepts any line (yaml.v3
		// reports some syntax errors at the line before the construct).
		line int
		// vpcs is how many VPCs must still be translated.
		vpcs int
		// severity "warning" says that no error is allowed.
		severity diag.Severity
	}{
		{name: "malformed yaml", text: "Resources:\n  A: {Type: AWS::EC2::VPC\n  B: [\n", msg: "cannot parse", line: -1},
		{name: "malformed json", text: "{\"Resources\": {\"A\": {\"Type\": \"AWS::EC2::VPC\",}}}", msg: "invalid JSON", line: 1, vpcs: 1},
		{name: "resources not a mapping", text: "Resources:\n  - A\n", msg: "Resources must be a mapping", line: 2},
		{name: "no resources", text: "Description: x\n", msg: "no Resources", line: 1},
		{name: "empty", text: "", msg: "empty", line: 1},
		{name: "resource without type", text: "Resources:\n  A: {Properties: {}}\n  B: {Type: AWS::EC2::VPC}\n", msg: "has no Type", line: 2, vpcs: 1},
		{name: "unknown intrinsic", text: "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: {\"Fn::Nope\": x}}\n", msg: "unknown intrinsic function Fn::Nope", line: 4, vpcs: 1},
		{name: "unknown tag", text: "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Nope x}\n", msg: "unknown YAML tag !Nope", line: 4, vpcs: 1},
		{name: "ref to nothing in an ignored type", text: "Resources:\n  A: {Type: AWS::EC2::VPC}\n  B:\n    Type: AWS::SNS::Topic\n    Properties: {Name: !Ref Ghost}\n", msg: "Ref to Ghost", line: 5, vpcs: 1},
		{name: "depends on nothing", text: "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    DependsOn: Ghost\n", msg: "DependsOn Ghost", line: 4, vpcs: 1},
		{name: "circular ref", text: "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !GetAtt B.CidrBlock}\n  B:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !GetAtt A.CidrBlock}\n", msg: "circular dependency between resources: A -> B -> A", line: 3, vpcs: 2},
		{name: "circular depends on", text: "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    DependsOn: [B]\n  B:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref A}\n", msg: "circular dependency", line: 3, vpcs: 1},
		{name: "circular condition", text: "Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  V:\n    Type: AWS::EC2::VPC\n    Condition: A\n", msg: "condition A depends on itself", line: 3, vpcs: 1},
		{name: "circular nested outputs", text: "Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: !GetAtt S.Outputs.Url}\n", msg: "depends on its own outputs", line: 4},
		{name: "alias bomb", text: aliasBomb, msg: "alias bomb", line: -1},
		{name: "deep flow nesting", text: "Resources: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n", msg: "nested deeper", line: 1},
		{name: "deep nesting under the bracket limit", text: "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {Tags: " + strings.Repeat("[", 900) + strings.Repeat("]", 900) + "}\n", msg: "nested deeper than 256", line: 4, vpcs: 1},
		{name: "self alias", text: "a: &a [*a]\nResources: {}\n", msg: "", line: 0},
		{name: "bad select", text: "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Select [0]}\n", msg: "Fn::Select takes a list of 2", line: 4, vpcs: 1},
		{name: "properties not a mapping", text: "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: [1]\n", msg: "Properties of A must be a mapping", line: 4, vpcs: 1},
		{name: "transform may generate what a Ref names", text: "Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref FnRole}\n", msg: "Transform may generate it", line: 5, severity: diag.Warning},
		{name: "rain directive", text: "Resources:\n  Net:\n    Type: !Rain::Module net.yaml\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !GetAtt NetVPC.CidrBlock}\n", msg: "Rain module Net (net.yaml) is not expanded", line: 3, vpcs: 1, severity: diag.Warning},
		{name: "wrong property shape", text: "Resources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: [a]}\n", msg: "must be a string", line: 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// No clock: the limits bound the work (see TestAliasBombWork); a
			// load that never ends shows as the test binary's timeout.
			m, ds := loadText(t, tc.text, Options{})
			for _, d := range ds {
				if d.Range.File == "" || d.Range.Line == 0 {
					t.Errorf("diagnostic without file and line: %v", d)
				}
			}
			if tc.severity != "" && ds.HasErrors() {
				t.Errorf("want only warnings, got %v", ds)
			}
			if tc.msg != "" {
				found := false
				for _, d := range ds {
					if strings.Contains(d.Message, tc.msg) && (d.Range.Line == tc.line || tc.line < 0) {
						found = true
					}
				}
				if !found {
					t.Errorf("diagnostics %v, want one at line %d containing %q", ds, tc.line, tc.msg)
				}
			}
			if len(m.VPCs) != tc.vpcs {
				t.Errorf("%d VPCs translated, want %d", len(m.VPCs), tc.vpcs)
			}
		})
	}
}

// TestAliasBombWork converts the alias bomb of TestBadInput (10^10 values
// once expanded) and checks that the converter visits no more than its
// budget of values, plus one per level of nesting it was inside when the
// budget ran out: the work is bounded, whatever the machine.
func TestAliasBombWork(t *testing.T) {
	nodes, ds := converted(t, aliasBomb)
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "alias bomb") {
		t.Errorf("diagnostics %v; want the alias bomb, once", ds)
	}
	// Each of the 11 levels of aliases holds 10 items: past the budget,
	// the open levels may each still visit their remaining items once.
	if limit := maxNodes + 11*10; nodes > limit {
		t.Errorf("converter visited %d values, want at most %d", nodes, limit)
	}
}
