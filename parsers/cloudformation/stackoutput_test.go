package cloudformation

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// stackOutputImporter reads its subnet with Fn::GetStackOutput; %s is the
// argument map.
const stackOutputImporter = `
Resources:
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds:
        - Fn::GetStackOutput: %s
`

func TestGetStackOutput(t *testing.T) {
	net := ExportSource{File: "network.yaml", StackName: "Net", Key: "network.yaml"}
	tests := []struct {
		name    string
		arg     string
		sources []ExportSource
		noStack bool // Options.Stacks is nil
		// wantKey is the subnet the group links to; empty: unknown, with
		// wantReason in the reason (or, with wantError, an error).
		wantKey, wantReason string
		wantError           bool
	}{
		{name: "output that is not exported", arg: "{StackName: Net, OutputName: NotExported}",
			sources: []ExportSource{net}, wantKey: "Net/Vpc"},
		{name: "exported output, region of the stack", arg: "{StackName: Net, OutputName: SubnetA, Region: eu-west-1, RoleArn: arn:aws:iam::1:role/r}",
			sources: []ExportSource{{File: "network.yaml", StackName: "Net", Key: "network.yaml", Region: "eu-west-1"}},
			wantKey: "Net/SubnetA"},
		{name: "region of the stack unknown", arg: "{StackName: Net, OutputName: SubnetA, Region: eu-west-1}",
			sources: []ExportSource{net}, wantKey: "Net/SubnetA"},
		{name: "region of the reference unknown", arg: `{StackName: Net, OutputName: SubnetA, Region: !Ref "AWS::Region"}`,
			sources: []ExportSource{{File: "network.yaml", StackName: "Net", Key: "network.yaml", Region: "eu-west-1"}},
			wantKey: "Net/SubnetA"},
		{name: "stack in another region", arg: "{StackName: Net, OutputName: SubnetA, Region: us-east-1}",
			sources:    []ExportSource{{File: "network.yaml", StackName: "Net", Key: "network.yaml", Region: "eu-west-1"}},
			wantReason: "no scanned or context template is the stack Net in region us-east-1"},
		{name: "stack in another account", arg: "{StackName: Net, OutputName: SubnetA, RoleArn: arn:aws:iam::222222222222:role/read}",
			sources:    []ExportSource{{File: "network.yaml", StackName: "Net", Key: "network.yaml", Account: "111111111111"}},
			wantReason: "no scanned or context template is the stack Net in account 222222222222"},
		{name: "stack in the role's account", arg: "{StackName: Net, OutputName: SubnetA, RoleArn: arn:aws:iam::111111111111:role/read}",
			sources: []ExportSource{{File: "network.yaml", StackName: "Net", Key: "network.yaml", Account: "111111111111"}},
			wantKey: "Net/SubnetA"},
		{name: "no such stack", arg: "{StackName: Other, OutputName: SubnetA}",
			wantReason: "no scanned or context template is the stack Other (give"},
		{name: "no such output", arg: "{StackName: Net, OutputName: Missing}",
			sources: []ExportSource{net}, wantReason: "network.yaml (stack Net) has no output Missing"},
		{name: "two stacks of that name", arg: "{StackName: Net, OutputName: SubnetA}",
			sources:    []ExportSource{net, {File: "copy.yaml", StackName: "Net", Key: "copy.yaml"}},
			wantReason: "ambiguous stack: network.yaml (stack Net) and copy.yaml (stack Net)"},
		{name: "stack name unknown", arg: "{StackName: !Ref Missing, OutputName: SubnetA}", wantError: true},
		{name: "stack name from a parameter without a value", arg: "{StackName: !Ref NetName, OutputName: SubnetA}",
			wantReason: "the StackName is unknown"},
		{name: "other stacks not scanned", arg: "{StackName: Net, OutputName: SubnetA}", noStack: true,
			wantReason: "other stacks are not scanned"},
		{name: "no output name", arg: "{StackName: Net}", wantError: true},
		{name: "not a map", arg: "[Net, SubnetA]", wantError: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			importer := "Parameters:\n  NetName: {Type: String}\n" + strings.Replace(stackOutputImporter, "%s", tt.arg, 1)
			dir := writeFiles(t, map[string]string{"network.yaml": exporter, "copy.yaml": exporter, "template.yaml": importer})
			opts := Options{Root: dir}
			if !tt.noStack {
				opts.Stacks = func(name string) ExportLookup {
					var look ExportLookup
					for _, src := range tt.sources {
						if src.StackName == name {
							src.File = filepath.Join(dir, src.File)
							look.Sources = append(look.Sources, src)
						}
					}
					return look
				}
			}
			m, _, ds := Load(filepath.Join(dir, "template.yaml"), opts)
			if tt.wantError {
				if !ds.HasErrors() {
					t.Fatalf("no error; diagnostics %v", ds)
				}
				return
			}
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
				if len(m.Subnets) != 0 && !strings.Contains(tt.name, "no such output") {
					t.Errorf("another stack's subnets joined the model: %+v", m.Subnets)
				}
				return
			}
			if ref.Key != tt.wantKey {
				t.Fatalf("ref %+v, want key %s", ref, tt.wantKey)
			}
			if want := filepath.ToSlash(filepath.Join(dir, "network.yaml")); len(m.Joined) != 1 || m.Joined[0] != want {
				t.Errorf("Joined %v, want [%s]", m.Joined, want)
			}
			if len(m.DBClusters) != 0 {
				t.Errorf("the other stack's cluster joined the model: %+v", m.DBClusters)
			}
		})
	}
}

// The short form !GetStackOutput reads as Fn::GetStackOutput.
func TestGetStackOutputShortForm(t *testing.T) {
	dir := writeFiles(t, map[string]string{"network.yaml": exporter, "template.yaml": `
Resources:
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds:
        - !GetStackOutput {StackName: Net, OutputName: SubnetA}
`})
	stacks := func(string) ExportLookup {
		return ExportLookup{Sources: []ExportSource{{File: filepath.Join(dir, "network.yaml"), StackName: "Net"}}}
	}
	m, _, ds := Load(filepath.Join(dir, "template.yaml"), Options{Root: dir, Stacks: stacks})
	if ds.HasErrors() || len(m.DBSubnetGroups) != 1 {
		t.Fatalf("diagnostics %v, groups %+v", ds, m.DBSubnetGroups)
	}
	if ref := m.DBSubnetGroups[0].Subnets.Items[0]; ref.Key != "Net/SubnetA" {
		t.Errorf("ref %+v, want Net/SubnetA", ref)
	}
}

// Exports and stack names are unique within an account and region: two
// templates of the run that deploy to different regions are not ambiguous
// for a consumer whose region is known.
func TestReferencesWithinEnvironment(t *testing.T) {
	eu := ExportSource{File: "network.yaml", StackName: "Net", Key: "network.yaml", Account: "111111111111", Region: "eu-west-1"}
	us := ExportSource{File: "copy.yaml", StackName: "Net", Key: "copy.yaml", Account: "111111111111", Region: "us-east-1"}
	tests := []struct {
		name, ref           string
		account, region     string
		wantKey, wantReason string
	}{
		{name: "import in the consumer's region", ref: "!ImportValue fixed-subnet", region: "eu-west-1", wantKey: "Net/SubnetA"},
		{name: "import, consumer's region unknown", ref: "!ImportValue fixed-subnet", wantReason: "ambiguous export"},
		{name: "import, consumer in another account", ref: "!ImportValue fixed-subnet", account: "222222222222",
			wantReason: "no scanned or context template exports it in account 222222222222 (only in another account or region: network.yaml (stack Net) and copy.yaml (stack Net))"},
		{name: "stack output in the consumer's region", ref: "!GetStackOutput {StackName: Net, OutputName: SubnetA}", region: "us-east-1", wantKey: "Net/SubnetA"},
		{name: "stack output, consumer's region unknown", ref: "!GetStackOutput {StackName: Net, OutputName: SubnetA}", wantReason: "ambiguous stack"},
		{name: "stack output in a region named", ref: "!GetStackOutput {StackName: Net, OutputName: SubnetA, Region: eu-west-1}", region: "us-east-1", wantKey: "Net/SubnetA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"network.yaml": exporter, "copy.yaml": exporter, "template.yaml": `
Resources:
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [` + tt.ref + `]
`})
			sources := []ExportSource{eu, us}
			for i := range sources {
				sources[i].File = filepath.Join(dir, sources[i].File)
			}
			all := func(string) ExportLookup { return ExportLookup{Sources: slices.Clone(sources)} }
			m, _, ds := Load(filepath.Join(dir, "template.yaml"), Options{Root: dir, Exports: all, Stacks: all,
				StackAccount: tt.account, StackRegion: tt.region})
			if ds.HasErrors() || len(m.DBSubnetGroups) != 1 {
				t.Fatalf("diagnostics %v, groups %+v", ds, m.DBSubnetGroups)
			}
			ref := m.DBSubnetGroups[0].Subnets.Items[0]
			if tt.wantKey != "" {
				if ref.Key != tt.wantKey {
					t.Errorf("ref %+v, want %s", ref, tt.wantKey)
				}
				return
			}
			if ref.Unknown == nil || !strings.Contains(ref.Unknown.Reason, tt.wantReason) {
				t.Errorf("ref %+v, want unknown with %q", ref, tt.wantReason)
			}
		})
	}
}
