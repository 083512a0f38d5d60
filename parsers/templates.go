package parsers

import (
	"bytes"
	"context"
	"regexp"
	"sync"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// TemplateLoader is the CloudFormation front end as discovery needs it. The
// built-in one is package parsers/cloudformation (see cloudformation.go);
// the interface keeps discovery testable without real templates.
type TemplateLoader interface {
	// IsTemplate reports whether data, read from path, is a CloudFormation
	// template (and not some other YAML or JSON file).
	IsTemplate(path string, data []byte) bool
	// Load reads the template in file, following local nested stacks. Once
	// ctx is done it may stop early; its result is then discarded.
	Load(ctx context.Context, file string, opts TemplateOptions) (*model.Model, TemplateInfo, diag.Diagnostics)
}

// TemplateOptions are the CloudFormation options of a run.
type TemplateOptions struct {
	// Parameters are --parameters values: files in the AWS CLI JSON form or
	// KEY=VALUE overrides, in order given.
	Parameters []string
	// Region is --region, the value of AWS::Region.
	Region string
	// Root is the read boundary (absolute, symlink-free): nested templates
	// are read only below it.
	Root string
	// MaxFileBytes bounds nested templates as Options.MaxFileBytes does.
	MaxFileBytes int64
	// StackName is the template's stack name (--stack-name, a CDK
	// manifest); empty when unknown.
	StackName string
	// StackAccount and StackRegion are the account and region the template
	// deploys to (a CDK manifest's environment, the region else --region);
	// empty when unknown. An import settles only within them.
	StackAccount, StackRegion string
	// Exports finds the templates of the run that export a name, for
	// Fn::ImportValue; nil leaves imports unknown.
	Exports func(name string) ExportLookup
	// Stacks finds the templates of the run whose stack name is name, for
	// Fn::GetStackOutput; nil leaves those references unknown.
	Stacks func(name string) ExportLookup
}

// TemplateInfo is what discovery needs to know about a loaded template.
type TemplateInfo struct {
	// NestedFiles are the local templates of nested stacks it followed;
	// they are not linted again on their own.
	NestedFiles []string
	// Files are all files read (the template, nested templates, parameter
	// files).
	Files []string
}

// formatVersionKey matches a top-level AWSTemplateFormatVersion key, in
// YAML or JSON form (where it may follow the opening brace on its line).
var formatVersionKey = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^\s*(\{\s*)?"?AWSTemplateFormatVersion"?\s*:`)
})

// claimsTemplate reports whether data declares itself a CloudFormation
// template even though it may not parse: such a file is loaded anyway, so
// that its syntax error is reported (exit status 2) instead of the file
// being passed over as "not a template".
func claimsTemplate(data []byte) bool {
	// The key's name is the regular expression's only literal: most
	// files are passed over without running it over all their lines.
	return bytes.Contains(data, []byte("AWSTemplateFormatVersion")) && formatVersionKey().Match(data)
}
