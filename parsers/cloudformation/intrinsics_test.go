package cloudformation

import (
	"fmt"
	"strings"
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// evalTemplate is the template the intrinsic tests evaluate expressions in.
const evalTemplate = `
Parameters:
  Env: {Type: String, Default: prod}
  Port: {Type: Number, Default: "443"}
  Nets: {Type: CommaDelimitedList, Default: "a, b,c"}
  Vpc: {Type: "AWS::EC2::VPC::Id"}
  Nets2: {Type: "List<AWS::EC2::Subnet::Id>"}
Mappings:
  Region:
    eu-west-1: {Cidr: 10.1.0.0/16}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: {"Fn::Equals": [{"Ref": "Env"}, dev]}
  NoVpc: !Equals [!Ref Vpc, ""]
  ProdAndNoVpc: !And [!Condition IsProd, !Condition NoVpc]
  DevAndNoVpc: !And [!Condition IsDev, !Condition NoVpc]
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties: {VpcId: !Ref VPC, GroupDescription: x}
`

// show renders a value compactly for comparison.
func show(v Value) string {
	switch v.kind {
	case kString:
		return fmt.Sprintf("%q", v.str)
	case kNumber:
		return v.str
	case kBool:
		return fmt.Sprint(v.b)
	case kList:
		parts := make([]string, len(v.list))
		for i, e := range v.list {
			parts[i] = show(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case kMap:
		parts := make([]string, len(v.keys))
		for i, k := range v.keys {
			parts[i] = k + ":" + show(v.m[k])
		}
		return "{" + strings.Join(parts, " ") + "}"
	case kUnknown:
		return "unknown(" + string(v.unknown.Kind) + ")"
	case kNoValue:
		return "novalue"
	}
	return "null"
}

// evalIn evaluates expr (YAML) in evalTemplate.
func evalIn(t *testing.T, expr string, region string) (Value, diag.Diagnostics) {
	t.Helper()
	ld := &loader{opts: Options{Region: region}, m: &model.Model{}, info: &Info{}, byAddr: map[string]*resource{}}
	s := ld.newStack("t.yaml", []byte(evalTemplate), "", nil, nil, nil)
	if s == nil || len(ld.ds) > 0 {
		t.Fatalf("template does not load: %v", ld.ds)
	}
	n := parseFile("t.yaml", []byte("X: "+expr), &ld.ds)
	if n == nil {
		t.Fatalf("expression %q does not parse: %v", expr, ld.ds)
	}
	return s.eval(n.get("X")), ld.ds
}

func TestIntrinsics(t *testing.T) {
	vpc := fmt.Sprintf("%q", model.Token("VPC"))
	zone := func(list string, i int, region string) string {
		return fmt.Sprintf("%q", model.ZoneToken(list, i, fmt.Sprintf("Fn::Select [%d, Fn::GetAZs %q]", i, region)))
	}
	tests := []struct {
		name, expr, want string
		region           string
		wantErr          string
	}{
		{name: "ref parameter default", expr: "!Ref Env", want: `"prod"`},
		{name: "ref long form", expr: "{Ref: Env}", want: `"prod"`},
		{name: "ref number parameter", expr: "!Ref Port", want: "443"},
		{name: "ref list parameter is split and trimmed", expr: "!Ref Nets", want: `["a" "b" "c"]`},
		{name: "ref parameter without value", expr: "!Ref Vpc", want: "unknown(variable)"},
		{name: "ref resource is its identity token", expr: "!Ref VPC", want: vpc},
		{name: "ref region given", expr: "!Ref AWS::Region", region: "eu-west-1", want: `"eu-west-1"`},
		{name: "ref region unknown", expr: "!Ref AWS::Region", want: "unknown(variable)"},
		{name: "ref account id", expr: "!Ref AWS::AccountId", want: "unknown(computed)"},
		{name: "novalue drops list item", expr: "[a, !Ref AWS::NoValue, b]", want: `["a" "b"]`},
		{name: "novalue drops map key", expr: "{A: 1, B: !Ref AWS::NoValue}", want: "{A:1}"},
		{name: "ref to nothing", expr: "!Ref Nothing", want: "unknown(expression)", wantErr: "Ref to Nothing"},
		{name: "getatt property", expr: "!GetAtt VPC.CidrBlock", want: `"10.0.0.0/16"`},
		{name: "getatt long form", expr: `{"Fn::GetAtt": [VPC, CidrBlock]}`, want: `"10.0.0.0/16"`},
		{name: "getatt default security group", expr: "!GetAtt VPC.DefaultSecurityGroup",
			want: fmt.Sprintf("%q", model.Token(model.DefaultSecurityGroupAddress("VPC")))},
		{name: "getatt default network acl", expr: "!GetAtt VPC.DefaultNetworkAcl",
			want: fmt.Sprintf("%q", model.Token(model.DefaultNetworkACLAddress("VPC")))},
		{name: "getatt id is identity", expr: "!GetAtt SG.GroupId", want: fmt.Sprintf("%q", model.Token("SG"))},
		{name: "getatt property that is a ref", expr: "!GetAtt SG.VpcId", want: vpc},
		{name: "getatt computed", expr: "!GetAtt VPC.Ipv6CidrBlocks", want: "unknown(computed)"},
		{name: "getatt to nothing", expr: "!GetAtt Nope.Arn", want: "unknown(expression)", wantErr: "Fn::GetAtt to Nope"},
		{name: "sub parameter", expr: "!Sub ${Env}-db", want: `"prod-db"`},
		{name: "sub long form with variables", expr: `{"Fn::Sub": ["${A}/${Env}", {A: !Ref VPC}]}`,
			want: fmt.Sprintf("%q", model.Token("VPC")+"/prod")},
		{name: "sub literal", expr: "!Sub ${!Env}", want: `"${Env}"`},
		{name: "sub getatt", expr: "!Sub ${VPC.CidrBlock}", want: `"10.0.0.0/16"`},
		{name: "sub unknown region", expr: "!Sub com.amazonaws.${AWS::Region}.kms", want: "unknown(variable)"},
		{name: "sub region given", expr: "!Sub com.amazonaws.${AWS::Region}.kms", region: "us-east-1", want: `"com.amazonaws.us-east-1.kms"`},
		{name: "join", expr: `!Join ["-", [a, !Ref Env, 3]]`, want: `"a-prod-3"`},
		{name: "join long form", expr: `{"Fn::Join": [",", [x, y]]}`, want: `"x,y"`},
		{name: "join unknown part", expr: `!Join ["", [a, !Ref AWS::AccountId]]`, want: "unknown(computed)"},
		{name: "select", expr: "!Select [1, [a, b, c]]", want: `"b"`},
		{name: "select string index", expr: `!Select ["2", !Ref Nets]`, want: `"c"`},
		{name: "select out of range", expr: "!Select [5, [a]]", want: "unknown(expression)", wantErr: "out of range"},
		{name: "select of the region's zones is a zone token", expr: "!Select [1, !GetAZs '']", want: zone("region", 1, "")},
		{name: "select of another region's zones", expr: "!Select [0, !GetAZs us-east-1]", want: zone("us-east-1", 0, "us-east-1")},
		{name: "zones of AWS::Region are the stack's region's", expr: "!Select [1, !GetAZs {Ref: AWS::Region}]", want: zone("region", 1, "")},
		{name: "zones of a given AWS::Region are the stack's region's", expr: "!Select [1, {Fn::GetAZs: {Ref: AWS::Region}}]", region: "eu-west-1", want: zone("region", 1, "")},
		{name: "zones of the given region are the stack's region's", expr: "!Select [0, !GetAZs eu-west-1]", region: "eu-west-1", want: zone("region", 0, "")},
		{name: "zones of a region built around AWS::Region", expr: "!Select [0, !GetAZs {Fn::Sub: '${AWS::Region}x'}]", want: "unknown(data source)"},
		{name: "zones of an unknown region", expr: "!Select [0, !GetAZs {Ref: Vpc}]", want: "unknown(data source)"},
		{name: "equals of a zone and a name", expr: "!Equals [!Select [0, !GetAZs ''], us-east-1a]", want: "unknown(data source)"},
		{name: "equals of one zone written twice", expr: "!Equals [!Select [0, !GetAZs ''], !Select [0, !GetAZs {Ref: AWS::Region}]]", want: "true"},
		{name: "equals of two zones of one list", expr: "!Equals [!Select [0, !GetAZs ''], !Select [1, !GetAZs '']]", want: "unknown(data source)"},
		{name: "select of unknown list", expr: "!Select [0, !Ref Nets2]", want: "unknown(variable)"},
		{name: "split", expr: `!Split [",", "a,b"]`, want: `["a" "b"]`},
		{name: "split long form", expr: `{"Fn::Split": ["|", "x|y|z"]}`, want: `["x" "y" "z"]`},
		{name: "if true", expr: "!If [IsProd, yes, no]", want: `"yes"`},
		{name: "if false long form", expr: `{"Fn::If": [IsDev, yes, no]}`, want: `"no"`},
		{name: "if novalue", expr: "!If [IsProd, !Ref AWS::NoValue, x]", want: "novalue"},
		{name: "if unknown", expr: "!If [NoVpc, a, b]", want: "unknown(condition)"},
		{name: "if unknown, branches agree", expr: "!If [NoVpc, a, a]", want: `"a"`},
		{name: "if undefined condition", expr: "!If [Nope, a, b]", want: "unknown(expression)", wantErr: "condition Nope is not defined"},
		{name: "equals", expr: "!Equals [!Ref Port, 443]", want: "true"},
		{name: "equals string bool", expr: `!Equals ["true", true]`, want: "true"},
		{name: "equals unknown", expr: "!Equals [!Ref Vpc, x]", want: "unknown(variable)"},
		{name: "and false beats unknown", expr: "!And [!Condition IsDev, !Condition NoVpc]", want: "false"},
		{name: "and unknown", expr: "!Condition ProdAndNoVpc", want: "unknown(variable)"},
		{name: "and long form", expr: `{"Fn::And": [{Condition: IsProd}, {Condition: IsProd}]}`, want: "true"},
		{name: "or true beats unknown", expr: "!Or [!Condition NoVpc, !Condition IsProd]", want: "true"},
		{name: "or long form", expr: `{"Fn::Or": [{Condition: IsDev}, {Condition: IsDev}]}`, want: "false"},
		{name: "not", expr: "!Not [!Condition IsProd]", want: "false"},
		{name: "not long form unknown", expr: `{"Fn::Not": [{Condition: NoVpc}]}`, want: "unknown(variable)"},
		{name: "condition false via and", expr: "!Condition DevAndNoVpc", want: "false"},
		{name: "findinmap", expr: "!FindInMap [Region, eu-west-1, Cidr]", want: `"10.1.0.0/16"`},
		{name: "findinmap region key", expr: "!FindInMap [Region, !Ref AWS::Region, Cidr]", region: "eu-west-1", want: `"10.1.0.0/16"`},
		{name: "findinmap unknown key", expr: "!FindInMap [Region, !Ref AWS::Region, Cidr]", want: "unknown(variable)"},
		{name: "findinmap missing", expr: "!FindInMap [Region, x, Cidr]", want: "unknown(expression)", wantErr: "Mappings has no"},
		{name: "findinmap default", expr: "!FindInMap [Region, x, Cidr, {DefaultValue: d}]", want: `"d"`},
		{name: "getazs", expr: "!GetAZs ''", want: "unknown(data source)"},
		{name: "getazs long form", expr: `{"Fn::GetAZs": {Ref: "AWS::Region"}}`, want: "unknown(data source)"},
		{name: "importvalue", expr: "!ImportValue net-vpc", want: "unknown(import)"},
		{name: "importvalue long form", expr: `{"Fn::ImportValue": {"Fn::Sub": "${Env}-vpc"}}`, want: "unknown(import)"},
		{name: "cidr", expr: "!Cidr [10.0.0.0/16, 3, 8]", want: `["10.0.0.0/24" "10.0.1.0/24" "10.0.2.0/24"]`},
		{name: "cidr long form from getatt", expr: `{"Fn::Cidr": [{"Fn::GetAtt": [VPC, CidrBlock]}, 2, 12]}`, want: `["10.0.0.0/20" "10.0.16.0/20"]`},
		{name: "cidr ipv6", expr: "!Cidr ['2001:db8::/56', 2, 64]", want: `["2001:db8::/64" "2001:db8:0:1::/64"]`},
		{name: "cidr too many", expr: "!Cidr [10.0.0.0/24, 3, 7]", want: "unknown(expression)", wantErr: "fewer than"},
		{name: "base64", expr: "!Base64 hello", want: `"aGVsbG8="`},
		{name: "base64 long form", expr: `{"Fn::Base64": {"Ref": "Env"}}`, want: `"cHJvZA=="`},
		{name: "unknown intrinsic", expr: `{"Fn::Frobnicate": [1]}`, want: "unknown(expression)", wantErr: "unknown intrinsic function Fn::Frobnicate"},
		{name: "condition key that is data", expr: "{Condition: {StringEquals: {a: b}}}", want: "{Condition:{StringEquals:{a:\"b\"}}}"},
		{name: "scalars keep their kind", expr: "[true, 3, x]", want: `[true 3 "x"]`},
		{name: "dynamic reference", expr: "'{{resolve:ssm:/net/vpc}}'", want: "unknown(import)"},
		{name: "rules function", expr: "!Contains [[a], a]", want: "unknown(expression)"},
		{name: "length", expr: "!Length [a, b]", want: "2"},
		{name: "tojsonstring", expr: "!ToJsonString {a: [1, x]}", want: `"{\"a\":[1,\"x\"]}"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, ds := evalIn(t, tc.expr, tc.region)
			if got := show(v); got != tc.want {
				t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
			}
			if tc.wantErr == "" {
				if len(ds) > 0 {
					t.Errorf("unexpected diagnostics: %v", ds)
				}
				return
			}
			if len(ds) == 0 || !strings.Contains(ds[0].Message, tc.wantErr) {
				t.Fatalf("diagnostics %v, want one containing %q", ds, tc.wantErr)
			}
			if ds[0].Range.File != "t.yaml" || ds[0].Range.Line != 1 {
				t.Errorf("diagnostic at %v, want t.yaml:1", ds[0].Range)
			}
		})
	}
}

func TestUnknownCarriesReason(t *testing.T) {
	v, _ := evalIn(t, "!Sub arn:aws:ec2:${AWS::Region}:x:${Vpc}", "")
	if v.kind != kUnknown || !strings.Contains(v.unknown.Reason, "AWS::Region") {
		t.Fatalf("got %s (%v), want unknown because of AWS::Region", show(v), v.unknown)
	}
	if v.regionOnly {
		t.Error("a string with two unknown parts must not be region-only")
	}
	v, _ = evalIn(t, "!Sub com.amazonaws.${AWS::Region}.kms", "")
	if !v.regionOnly || v.str != "com.amazonaws."+model.RegionToken+".kms" {
		t.Errorf("got regionOnly=%v str=%q, want region-only with RegionToken", v.regionOnly, v.str)
	}
}
