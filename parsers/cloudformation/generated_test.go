package cloudformation

import (
	"strconv"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
)

// TestGeneratedNamesOncePerTemplate: references to names that a Transform,
// a Rain directive or a module may generate, and unexpanded Rain
// directives, are one warning per template, at the first, listing what
// they concern; never an error.
func TestGeneratedNamesOncePerTemplate(t *testing.T) {
	const subnet = "  S%d:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: %s, CidrBlock: 10.0.%d.0/24}\n"
	subnets := func(refs ...string) string {
		var b strings.Builder
		for i, r := range refs {
			b.WriteString(strings.NewReplacer("%d", strconv.Itoa(i), "%s", r).Replace(subnet))
		}
		return b.String()
	}
	tests := []struct {
		name, text string
		want       []string // the warnings, in order
		line       int      // of the first
	}{
		{
			name: "one name, three references",
			text: "Transform: AWS::Serverless-2016-10-31\nResources:\n" + subnets("!Ref NetVPC", "!Ref NetVPC", "!GetAtt NetVPC.VpcId"),
			want: []string{"Ref to NetVPC, which is not a parameter or resource of this template; the template's Transform may generate it (and 2 more references)"},
			line: 5,
		},
		{
			name: "three names",
			text: "Transform: [AWS::LanguageExtensions, MyMacro]\nResources:\n" + subnets("!GetAtt Net.VpcId", "!Ref NetVPC", "!Ref Other", "!Ref NetVPC"),
			want: []string{"3 names this template refers to (4 references) are not declared in it: Net, NetVPC, Other; the template's Transform may generate them, so their values are unknown"},
			line: 5,
		},
		{
			name: "Rain directives",
			text: "Resources:\n  Net:\n    Type: !Rain::Module net.yaml\n  Web:\n    Type: !Rain::Module web.yaml\n  Page:\n    Type: AWS::S3::Bucket\n    Properties: {Body: !Rain::Embed page.html, Tags: !Rain::S3Http tags.json, Other: !Rain::Embed b.html}\n" +
				subnets("!Ref NetVPC", "!Ref WebVPC"),
			want: []string{
				"2 Rain modules (net.yaml, web.yaml) are not expanded: daslint does not lint a module as a stack",
				"3 Rain directives are not expanded (!Rain::Embed 2 times, !Rain::S3Http); run rain pkg: what they produce is not checked",
				"2 names this template refers to (2 references) are not declared in it: NetVPC, WebVPC; a Rain directive may generate them",
			},
			line: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := loadText(t, tt.text, Options{})
			var got []diag.Diagnostic
			for _, d := range ds {
				if d.Severity == diag.Error {
					t.Errorf("error: %s", d)
				}
				if strings.Contains(d.Message, "generate") || strings.Contains(d.Message, "Rain") {
					got = append(got, d)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d warnings, want %d: %v", len(got), len(tt.want), ds)
			}
			for i, d := range got {
				if !strings.Contains(d.Message, tt.want[i]) {
					t.Errorf("warning %d: %q, want it to contain %q", i, d.Message, tt.want[i])
				}
			}
			if got[0].Range.Line != tt.line {
				t.Errorf("first warning at line %d, want %d", got[0].Range.Line, tt.line)
			}
		})
	}
}
