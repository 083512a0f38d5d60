package parsers

import (
	"context"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/cloudformation"
)

// cloudFormation is the built-in TemplateLoader: package
// parsers/cloudformation.
type cloudFormation struct{}

func (cloudFormation) IsTemplate(path string, data []byte) bool {
	return cloudformation.IsTemplate(path, data)
}

func (cloudFormation) Load(ctx context.Context, file string, opts TemplateOptions) (*model.Model, TemplateInfo, diag.Diagnostics) {
	m, info, ds := cloudformation.LoadContext(ctx, file, cloudformation.Options{
		Parameters: opts.Parameters,
		Region:     opts.Region,
		// Nested templates may live beside or above the parent
		// (`../shared/vpc.yaml`), within the read boundary.
		Root:         opts.Root,
		MaxFileBytes: opts.MaxFileBytes,
		StackName:    opts.StackName,
		StackAccount: opts.StackAccount,
		StackRegion:  opts.StackRegion,
		Exports:      exportsCallback(opts.Exports),
		Stacks:       exportsCallback(opts.Stacks),
	})
	if info == nil {
		return m, TemplateInfo{}, ds
	}
	return m, TemplateInfo{NestedFiles: info.NestedFiles, Files: info.Files}, ds
}

// ExportNames lists the template's exports, for the run's export index.
func (cloudFormation) ExportNames(file string, data []byte, opts TemplateOptions) []TemplateExport {
	var out []TemplateExport
	for _, e := range cloudformation.ExportNames(file, data, cloudformation.Options{Parameters: opts.Parameters,
		Region: opts.Region, Root: opts.Root, MaxFileBytes: opts.MaxFileBytes, StackName: opts.StackName}) {
		out = append(out, TemplateExport{Name: e.Name, Unknown: e.Unknown})
	}
	return out
}

// exportsCallback adapts the catalog's export and stack lookups to the
// front end's.
func exportsCallback(f func(string) ExportLookup) func(string) cloudformation.ExportLookup {
	if f == nil {
		return nil
	}
	return func(name string) cloudformation.ExportLookup {
		look := f(name)
		out := cloudformation.ExportLookup{Unsure: look.Unsure}
		for _, s := range look.Sources {
			out.Sources = append(out.Sources, cloudformation.ExportSource{File: s.File, StackName: s.StackName, Key: s.Key,
				Account: s.Account, Region: s.Region})
		}
		return out
	}
}
