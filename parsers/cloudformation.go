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
	})
	if info == nil {
		return m, TemplateInfo{}, ds
	}
	return m, TemplateInfo{NestedFiles: info.NestedFiles, Files: info.Files}, ds
}
