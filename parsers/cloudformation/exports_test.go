package cloudformation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

const exporter = `
Parameters:
  Cidr: {Type: String, Default: 10.0.1.0/24}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: !Ref Cidr}
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-postgresql}
Outputs:
  SubnetA:
    Value: !Ref SubnetA
    Export: {Name: !Sub "${AWS::StackName}-SubnetA"}
  Fixed:
    Value: !Ref SubnetA
    Export: {Name: fixed-subnet}
  NotExported:
    Value: !Ref Vpc
`

const importer = `
Resources:
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!ImportValue %s]
`

// lookup answers Options.Exports from in-memory ExportNames of files.
func lookup(t *testing.T, dir string, sources []ExportSource) func(string) ExportLookup {
	t.Helper()
	return func(name string) ExportLookup {
		var look ExportLookup
		for _, src := range sources {
			data := readFile(t, src.File)
			for _, e := range ExportNames(src.File, data, Options{StackName: src.StackName, Root: dir}) {
				switch e.Name {
				case name:
					look.Sources = append(look.Sources, src)
				case "":
					look.Unsure = append(look.Unsure, src.Key+" ("+e.Unknown+")")
				}
			}
		}
		return look
	}
}

func TestExportNames(t *testing.T) {
	dir := writeFiles(t, map[string]string{"network.yaml": exporter})
	file := filepath.Join(dir, "network.yaml")
	got := ExportNames(file, readFile(t, file), Options{StackName: "Net"})
	want := []Export{{Output: "SubnetA", Name: "Net-SubnetA"}, {Output: "Fixed", Name: "fixed-subnet"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("with a stack name: got %+v, want %+v", got, want)
	}
	got = ExportNames(file, readFile(t, file), Options{})
	if len(got) != 2 || got[0].Name != "" || !strings.Contains(got[0].Unknown, "--stack-name") || got[1].Name != "fixed-subnet" {
		t.Errorf("without a stack name: got %+v", got)
	}
}

func TestImportValue(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		sources []ExportSource
		export  string
		// wantKey is the subnet the group links to; empty: unknown, with
		// wantReason in the reason.
		wantKey, wantReason string
	}{
		{name: "by stack name", export: "Net-SubnetA",
			sources: []ExportSource{{File: "network.yaml", StackName: "Net", Key: "network.yaml"}},
			wantKey: "Net/SubnetA"},
		{name: "fixed name, no stack name", export: "fixed-subnet",
			sources: []ExportSource{{File: "network.yaml", Key: "network.yaml"}},
			wantKey: "network.yaml/SubnetA"},
		{name: "stack name unknown", export: "Net-SubnetA",
			sources:    []ExportSource{{File: "network.yaml", Key: "network.yaml"}},
			wantReason: "export names of network.yaml (AWS::StackName"},
		{name: "nobody exports it", export: "other",
			sources:    []ExportSource{{File: "network.yaml", StackName: "Net", Key: "network.yaml"}},
			wantReason: "no scanned or context template exports it"},
		{name: "ambiguous", export: "fixed-subnet",
			files: map[string]string{"copy.yaml": exporter},
			sources: []ExportSource{{File: "network.yaml", StackName: "Net", Key: "network.yaml"},
				{File: "copy.yaml", StackName: "Copy", Key: "copy.yaml"}},
			wantReason: "ambiguous export: network.yaml (stack Net) and copy.yaml (stack Copy)"},
		{name: "cycle", export: "fixed-subnet",
			files: map[string]string{"network.yaml": `
Resources:
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !ImportValue back, CidrBlock: 10.0.0.0/24}
Outputs:
  Fixed: {Value: !Ref SubnetA, Export: {Name: fixed-subnet}}
`, "template.yaml": strings.Replace(fmtImporter("fixed-subnet"), "Resources:", "Outputs:\n  Back: {Value: x, Export: {Name: back}}\nResources:", 1)},
			sources: []ExportSource{{File: "network.yaml", Key: "network.yaml"}, {File: "template.yaml", Key: "template.yaml"}},
			wantKey: "network.yaml/SubnetA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"network.yaml": exporter, "template.yaml": fmtImporter(tt.export)}
			for k, v := range tt.files {
				files[k] = v
			}
			dir := writeFiles(t, files)
			for i := range tt.sources {
				tt.sources[i].File = filepath.Join(dir, tt.sources[i].File)
			}
			m, info, ds := Load(filepath.Join(dir, "template.yaml"), Options{Root: dir, Exports: lookup(t, dir, tt.sources)})
			if ds.HasErrors() {
				t.Fatalf("diagnostics: %v", ds)
			}
			if len(m.DBSubnetGroups) != 1 || len(m.DBSubnetGroups[0].Subnets.Items) != 1 {
				t.Fatalf("subnet groups: %+v", m.DBSubnetGroups)
			}
			ref := m.DBSubnetGroups[0].Subnets.Items[0]
			if tt.wantKey == "" {
				if ref.Unknown == nil || !strings.Contains(ref.Unknown.Reason, tt.wantReason) {
					t.Fatalf("ref %+v, want unknown with %q", ref, tt.wantReason)
				}
				if len(m.Subnets) != 0 {
					t.Errorf("exporter's subnets joined the model: %+v", m.Subnets)
				}
				return
			}
			if ref.Key != tt.wantKey {
				t.Fatalf("ref %+v, want key %s", ref, tt.wantKey)
			}
			var subnet *model.Subnet
			for _, s := range m.Subnets {
				if s.Address == tt.wantKey {
					subnet = s
				}
			}
			if subnet == nil {
				t.Fatalf("no subnet %s in the model: %+v", tt.wantKey, m.Subnets)
			}
			if subnet.Range.File != filepath.ToSlash(filepath.Join(dir, "network.yaml")) || subnet.Range.Line == 0 {
				t.Errorf("subnet range %+v, want network.yaml", subnet.Range)
			}
			if len(m.DBClusters) != 0 {
				t.Errorf("the exporter's cluster joined the importer's model: %+v", m.DBClusters)
			}
			if want := filepath.ToSlash(filepath.Join(dir, "network.yaml")); len(m.Joined) != 1 || m.Joined[0] != want {
				t.Errorf("Joined %v, want [%s]", m.Joined, want)
			}
			if !strings.Contains(strings.Join(info.Files, " "), "network.yaml") {
				t.Errorf("files %v do not name the exporter", info.Files)
			}
			if !strings.Contains(tt.name, "cycle") {
				return
			}
			// network.yaml's own import of template.yaml closes a cycle.
			for _, s := range m.Subnets {
				if s.VPC.Unknown == nil || !strings.Contains(s.VPC.Unknown.Reason, "import cycle") {
					t.Errorf("subnet %s VPC %+v, want unknown import cycle", s.Address, s.VPC)
				}
			}
		})
	}
}

func fmtImporter(name string) string { return strings.Replace(importer, "%s", name, 1) }

func TestStackNamePseudo(t *testing.T) {
	dir := writeFiles(t, map[string]string{"template.yaml": `
Resources:
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: !Ref "AWS::StackName", DBSubnetGroupName: !Sub "${AWS::StackName}-db", SubnetIds: [subnet-1]}
`})
	m, _, _ := Load(filepath.Join(dir, "template.yaml"), Options{Root: dir, StackName: "Db"})
	if got := m.DBSubnetGroups[0].Name; got.Unknown != nil || !strings.EqualFold(got.Value, "Db-db") {
		t.Errorf("name %+v, want Db-db", got)
	}
	m, _, _ = Load(filepath.Join(dir, "template.yaml"), Options{Root: dir})
	if got := m.DBSubnetGroups[0].Name; got.Unknown == nil || !strings.Contains(got.Unknown.Reason, "--stack-name") {
		t.Errorf("name %+v, want unknown naming --stack-name", got)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestImportJoinedList: an exported list is a string (Fn::Join); the
// importer splits it again, and each part keeps its identity.
func TestImportJoinedList(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"network.yaml": `
Resources:
  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24}}
  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: vpc-1, CidrBlock: 10.0.2.0/24}}
Outputs:
  Subnets:
    Value: !Join [",", [!Ref A, !Ref B]]
    Export: {Name: subnets}
`,
		"template.yaml": `
Resources:
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: db, SubnetIds: !Split [",", !ImportValue subnets]}
`})
	src := []ExportSource{{File: filepath.Join(dir, "network.yaml"), StackName: "Net"}}
	m, _, ds := Load(filepath.Join(dir, "template.yaml"), Options{Root: dir, Exports: lookup(t, dir, src)})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var keys []string
	for _, r := range m.DBSubnetGroups[0].Subnets.Items {
		keys = append(keys, r.Key)
	}
	if strings.Join(keys, " ") != "Net/A Net/B" || len(m.Subnets) != 2 {
		t.Errorf("subnets %v (model has %d), want Net/A Net/B", keys, len(m.Subnets))
	}
}
