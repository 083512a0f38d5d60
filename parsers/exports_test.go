package parsers

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

const networkTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  NetworkCluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql}
Outputs:
  Subnet:
    Value: !Ref Subnet
    Export: {Name: !Sub "${AWS::StackName}-Subnet"}
`

const databaseTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: db, SubnetIds: [!ImportValue net-Subnet]}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql, DBSubnetGroupName: !Ref Group}
`

// TestImportAcrossTemplates loads an importing and an exporting template
// together: the import settles through the exporter's objects, each
// template is linted on its own, and each cluster lives in one model.
func TestImportAcrossTemplates(t *testing.T) {
	manifest := `{"version": "36.0.0", "artifacts": {
  "NetworkStack": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "network.template.yaml", "stackName": "net"}},
  "Other": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "other.template.yaml"}}}}`
	tests := []struct {
		name    string
		files   map[string]string
		paths   []string
		opts    Options
		models  int    // linted models
		subnet  string // the address the group links to; "" unknown
		unknown string // in the reason when unknown
	}{
		{name: "stack name given", files: map[string]string{"network.yaml": networkTemplate, "database.yaml": databaseTemplate},
			opts: Options{StackNames: []string{"network.yaml=net"}}, models: 2, subnet: "net/Subnet"},
		{name: "stack name unknown", files: map[string]string{"network.yaml": networkTemplate, "database.yaml": databaseTemplate},
			models: 2, unknown: "the export names of network.yaml (AWS::StackName"},
		{name: "context only", files: map[string]string{"ctx/network.yaml": networkTemplate, "db/database.yaml": databaseTemplate},
			paths: []string{"db"}, opts: Options{Context: []string{"ctx"}, StackNames: []string{"ctx/network.yaml=net"}}, models: 1, subnet: "net/Subnet"},
		{name: "cdk manifest", files: map[string]string{"cdk.out/network.template.yaml": networkTemplate, "cdk.out/database.template.yaml": databaseTemplate, "cdk.out/manifest.json": manifest},
			models: 2, subnet: "net/Subnet"},
		{name: "ambiguous", files: map[string]string{"a.yaml": networkTemplate, "b.yaml": networkTemplate, "database.yaml": databaseTemplate},
			opts: Options{StackNames: []string{"a.yaml=net", "b.yaml=net"}}, models: 3, unknown: "ambiguous export: a.yaml (stack net) and b.yaml (stack net)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree(t, tt.files)
			tt.opts.Root = "."
			paths := tt.paths
			if paths == nil {
				paths = []string{"."}
			}
			set, ds := Load(paths, tt.opts)
			if ds.HasErrors() {
				t.Fatalf("diagnostics: %v", ds)
			}
			if len(set.Models) != tt.models {
				t.Fatalf("%d models, want %d", len(set.Models), tt.models)
			}
			var db *model.Model
			clusters := map[string]int{}
			for _, m := range set.Models {
				for _, c := range m.DBClusters {
					clusters[c.Address]++
				}
				if strings.HasSuffix(m.Root, "database.yaml") || strings.HasSuffix(m.Root, "database.template.yaml") {
					db = m
				}
			}
			if want := tt.models - 1; clusters["NetworkCluster"] != want || clusters["Cluster"] != 1 {
				t.Errorf("clusters %v, want NetworkCluster %d times and Cluster once", clusters, want)
			}
			ref := db.DBSubnetGroups[0].Subnets.Items[0]
			if tt.subnet == "" {
				if ref.Unknown == nil || !strings.Contains(ref.Unknown.Reason, tt.unknown) {
					t.Errorf("ref %+v, want unknown with %q", ref, tt.unknown)
				}
				return
			}
			if ref.Key != tt.subnet || !slices.ContainsFunc(db.Subnets, func(s *model.Subnet) bool { return s.Address == tt.subnet }) {
				t.Errorf("ref %+v, subnets %v: want %s in the database model", ref, db.Subnets, tt.subnet)
			}
			// The exporting stack's objects say where they came from:
			// the template and their logical ID in it; the importer's own
			// objects do not.
			for _, s := range db.Subnets {
				if f := s.From; f == nil || f.Kind != model.FromCloudFormationStack || f.ID != "Subnet" ||
					!strings.HasSuffix(f.File, "network.yaml") && !strings.HasSuffix(f.File, "network.template.yaml") || f.Line == 0 {
					t.Errorf("imported %s from %+v, want the network template's Subnet", s.Address, f)
				}
			}
			if f := db.DBSubnetGroups[0].From; f != nil {
				t.Errorf("the importer's own subnet group has provenance %+v", f)
			}
		})
	}
}

func TestReadManifest(t *testing.T) {
	tree(t, map[string]string{
		"manifest.json": `{"version": "36.0.0", "artifacts": {
  "Net": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/eu-west-1",
    "properties": {"templateFile": "Net.template.json", "stackName": "prod-net"}},
  "Db": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
    "properties": {"templateFile": "Db.template.json"}},
  "Stage": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Stage"}},
  "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}}}`,
		"broken/manifest.json": `{"artifacts": [`,
	})
	got := readManifest("manifest.json")
	want := map[string]manifestStack{"Net.template.json": {name: "prod-net", account: "111111111111", region: "eu-west-1"},
		"Db.template.json": {name: "Db"}}
	if !maps.Equal(got, want) {
		t.Errorf("readManifest = %v, want %v", got, want)
	}
	if got := readManifest("broken/manifest.json"); len(got) != 0 {
		t.Errorf("a broken manifest names %v", got)
	}
	if got := readManifest("missing/manifest.json"); len(got) != 0 {
		t.Errorf("a missing manifest names %v", got)
	}
}

// TestContextExporterProblems: a --context template that settles an import
// is reported for its problems, as other context roots that were read.
func TestContextExporterProblems(t *testing.T) {
	tree(t, map[string]string{
		"ctx/network.yaml": networkTemplate + "  Broken:\n    Value: !Ref Missing\n",
		"db/database.yaml": databaseTemplate,
	})
	set, ds := Load([]string{"db"}, Options{Root: ".", Context: []string{"ctx"}, StackNames: []string{"ctx/network.yaml=net"}})
	if len(set.Models) != 1 {
		t.Fatalf("%d models, want the database only", len(set.Models))
	}
	n := 0
	for _, d := range ds {
		if strings.Contains(d.Message, "Missing") {
			n++
			if d.Range.File != "ctx/network.yaml" {
				t.Errorf("problem at %s, want ctx/network.yaml", d.Range.File)
			}
		}
	}
	if n != 1 {
		t.Errorf("the exporter's problem is reported %d times, want once: %v", n, ds)
	}
}

func TestParseEnvironment(t *testing.T) {
	for env, want := range map[string][2]string{
		"aws://111111111111/eu-west-1":         {"111111111111", "eu-west-1"},
		"aws://unknown-account/us-east-2":      {"", "us-east-2"},
		"aws://111111111111/unknown-region":    {"111111111111", ""},
		"aws://111111111111":                   {"", ""},
		"":                                     {"", ""},
		"gcp://project/eu-west-1":              {"", ""},
		"aws://unknown-account/unknown-region": {"", ""},
	} {
		if account, region := parseEnvironment(env); account != want[0] || region != want[1] {
			t.Errorf("parseEnvironment(%q) = %q, %q, want %q", env, account, region, want)
		}
	}
}

// TestManifestRegion checks that a template of a CDK cloud assembly whose
// manifest gives its stack an environment is read in that region: its
// AWS::Region and its model's region, whatever --region says, while a stack
// the manifest leaves environment-agnostic takes --region.
func TestManifestRegion(t *testing.T) {
	manifest := `{"version": "36.0.0", "artifacts": {
  "Pinned": {"type": "aws:cloudformation:stack", "environment": "aws://111111111111/eu-west-1", "properties": {"templateFile": "pinned.template.json"}},
  "Agnostic": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region", "properties": {"templateFile": "agnostic.template.json"}}}}`
	template := `{"Resources": {"Ep": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": "vpc-1",
  "ServiceName": {"Fn::Join": ["", ["com.amazonaws.", {"Ref": "AWS::Region"}, ".kms"]]}}}}}`
	tree(t, map[string]string{"cdk.out/manifest.json": manifest, "cdk.out/pinned.template.json": template,
		"cdk.out/agnostic.template.json": template})
	for _, region := range []string{"", "us-east-1"} {
		set, ds := Load([]string{"cdk.out"}, Options{Root: ".", Region: region})
		if ds.HasErrors() {
			t.Fatalf("diagnostics: %v", ds)
		}
		got := map[string]string{}
		for _, m := range set.Models {
			name := strings.TrimSuffix(m.Root[strings.LastIndex(m.Root, "/")+1:], ".template.json")
			got[name+" region"] = m.Region.Value
			got[name+" service"] = m.VPCEndpoints[0].ServiceName.Value
		}
		want := map[string]string{"pinned region": "eu-west-1", "pinned service": "com.amazonaws.eu-west-1.kms",
			"agnostic region": region, "agnostic service": "com.amazonaws." + model.RegionToken + ".kms"}
		if region != "" {
			want["agnostic service"] = "com.amazonaws." + region + ".kms"
		}
		if !maps.Equal(got, want) {
			t.Errorf("--region %q: got %v, want %v", region, got, want)
		}
	}
}
