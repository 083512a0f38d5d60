package cloudformation

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestModulesAndStackSets: what a template deploys without declaring it is
// named in one warning; its local files are not linted as stacks; a module
// (Rain or registry) leaves the model not fully read, so that no verdict
// of it can pass, while a StackSet does not (it deploys elsewhere).
func TestModulesAndStackSets(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		warn   string // the one warning about it
		line   int
		nested []string // files taken out of the templates linted as stacks
		unread bool
	}{
		{
			name:   "Rain module, short form",
			text:   "Resources:\n  Net:\n    Type: !Rain::Module modules/net.yaml\n",
			warn:   "Rain module Net (modules/net.yaml) is not expanded",
			line:   3,
			nested: []string{"modules/net.yaml"},
			unread: true,
		},
		{
			name:   "Rain module, long form",
			text:   "Resources:\n  Net:\n    Type:\n      Rain::Module: ./net.yaml\n",
			warn:   "Rain module Net (./net.yaml) is not expanded",
			line:   4,
			nested: []string{"net.yaml"},
			unread: true,
		},
		{
			name:   "Rain Modules section",
			text:   "Modules:\n  Net:\n    Source: ./modules/net.yaml\n  Web:\n    Source: web.yaml\nResources:\n  Network:\n    Type: Net\n  Site:\n    Type: Web\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref NetworkVPC, CidrBlock: 10.0.0.0/24}\n",
			warn:   "2 Rain modules (./modules/net.yaml, web.yaml) are not expanded",
			line:   3,
			nested: []string{"modules/net.yaml", "web.yaml"},
			unread: true,
		},
		{
			name:   "one Rain module file used twice is named once",
			text:   "Modules:\n  A:\n    Source: bucket.yaml\n  B:\n    Source: bucket.yaml\nResources:\n  One:\n    Type: A\n  Two:\n    Type: B\n",
			warn:   "2 Rain modules (bucket.yaml) are not expanded",
			line:   3,
			nested: []string{"bucket.yaml", "bucket.yaml"},
			unread: true,
		},
		{
			name:   "remote Rain module",
			text:   "Resources:\n  Net:\n    Type: !Rain::Module https://example.com/net.yaml\n",
			warn:   "Rain module Net (https://example.com/net.yaml) is not expanded",
			line:   3,
			unread: true,
		},
		{
			name:   "registry module",
			text:   "Resources:\n  Net:\n    Type: My::Network::Vpc::MODULE\n    Properties: {Cidr: 10.0.0.0/16}\n",
			warn:   "module Net (My::Network::Vpc::MODULE) is a registry module: daslint cannot read it offline",
			line:   3,
			unread: true,
		},
		{
			name: "registry module under a false condition",
			text: "Conditions:\n  Never: !Equals [a, b]\nResources:\n  Net:\n    Type: My::Network::Vpc::MODULE\n    Condition: Never\n",
		},
		{
			name:   "StackSet with a local TemplateURL",
			text:   "Resources:\n  Set:\n    Type: AWS::CloudFormation::StackSet\n    Properties:\n      StackSetName: s\n      PermissionModel: SELF_MANAGED\n      TemplateURL: ./member.yaml\n",
			warn:   "StackSet Set: its template ./member.yaml is not linted as a stack",
			line:   7,
			nested: []string{"member.yaml"},
		},
		{
			name:   "StackSet under a false condition",
			text:   "Conditions:\n  Never: !Equals [a, b]\nResources:\n  Set:\n    Type: AWS::CloudFormation::StackSet\n    Condition: Never\n    Properties:\n      StackSetName: s\n      PermissionModel: SELF_MANAGED\n      TemplateURL: member.yaml\n",
			warn:   "StackSet Set: its template member.yaml is not linted as a stack",
			line:   10,
			nested: []string{"member.yaml"},
		},
		{
			name: "StackSet with a remote TemplateURL",
			text: "Resources:\n  Set:\n    Type: AWS::CloudFormation::StackSet\n    Properties:\n      StackSetName: s\n      PermissionModel: SELF_MANAGED\n      TemplateURL: https://bucket.s3.amazonaws.com/member.yaml\n",
			warn: "StackSet Set: its template is not linted",
			line: 7,
		},
		{
			name: "StackSet with a TemplateBody",
			text: "Resources:\n  Set:\n    Type: AWS::CloudFormation::StackSet\n    Properties:\n      StackSetName: s\n      PermissionModel: SELF_MANAGED\n      TemplateBody: |\n        Resources: {}\n",
			warn: "StackSet Set: its inline TemplateBody is not linted as a stack",
			line: 7,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"template.yaml": tt.text})
			m, info, ds := Load(filepath.Join(dir, "template.yaml"), Options{Root: dir})
			var got []diag.Diagnostic
			for _, d := range ds {
				if d.Severity == diag.Error {
					t.Errorf("error: %s", d)
				}
				if (strings.Contains(d.Message, "module") || strings.Contains(d.Message, "StackSet")) && !strings.Contains(d.Message, "may generate") {
					got = append(got, d)
				}
			}
			switch {
			case tt.warn == "" && len(got) > 0:
				t.Errorf("warnings %v, want none", got)
			case tt.warn != "" && len(got) != 1:
				t.Errorf("warnings %v, want one containing %q", ds, tt.warn)
			case tt.warn != "" && (!strings.Contains(got[0].Message, tt.warn) || got[0].Range.Line != tt.line):
				t.Errorf("warning %s, want one at line %d containing %q", got[0], tt.line, tt.warn)
			}
			var nested []string
			for _, f := range info.NestedFiles {
				rel, err := filepath.Rel(dir, f)
				if err != nil {
					t.Fatal(err)
				}
				nested = append(nested, filepath.ToSlash(rel))
			}
			if strings.Join(nested, " ") != strings.Join(tt.nested, " ") {
				t.Errorf("nested files %v, want %v", nested, tt.nested)
			}
			if (len(m.Unread) > 0) != tt.unread {
				t.Errorf("unread %v, want %v", m.Unread, tt.unread)
			}
		})
	}
}

// TestAliasWarning: a template with YAML aliases is read with them
// expanded, and has one warning, at the first alias in the text, however
// often the aliases are expanded.
func TestAliasWarning(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // "" for no warning
		line int
	}{
		{name: "no alias", text: "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n"},
		{
			name: "one alias",
			text: "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: &p {CidrBlock: 10.0.0.0/16}\n  W:\n    Type: AWS::EC2::VPC\n    Properties: *p\n",
			want: "the template uses a YAML alias (*p)",
			line: 7,
		},
		{
			name: "merge keys and nested aliases",
			text: "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: &p {CidrBlock: &c 10.0.0.0/16}\n  W:\n    Type: AWS::EC2::VPC\n    Properties:\n      <<: *p\n      Tags: [{Key: c, Value: *c}]\n  X:\n    Type: AWS::EC2::VPC\n    Properties: *p\n",
			want: "the template uses 3 YAML aliases (the first *p)",
			line: 8,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds := loadText(t, tt.text, Options{})
			var got []diag.Diagnostic
			for _, d := range ds {
				if strings.Contains(d.Message, "alias") {
					got = append(got, d)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warnings %v, want none", got)
			case tt.want != "" && len(got) != 1:
				t.Errorf("warnings %v, want one containing %q", ds, tt.want)
			case tt.want != "" && (got[0].Severity != diag.Warning || !strings.Contains(got[0].Message, tt.want) || got[0].Range.Line != tt.line):
				t.Errorf("warning %s, want a warning at line %d containing %q", got[0], tt.line, tt.want)
			}
			if len(m.VPCs) == 0 {
				t.Fatal("no VPC read")
			}
			for _, v := range m.VPCs {
				if !v.CIDR.Known() || v.CIDR.Value != "10.0.0.0/16" {
					t.Errorf("%s: CIDR %+v, want the aliased 10.0.0.0/16", v.Address, v.CIDR)
				}
			}
		})
	}
}
