package parsers

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/internal/inputfile"
)

// TemplateExport is one export a template declares (see templateExporter).
type TemplateExport struct {
	// Name is the evaluated export name; empty when unknown, with Unknown
	// saying why.
	Name, Unknown string
}

// ExportSource is a template that exports a name: a scanned or context
// template, with its stack name when known and its key (its path relative to
// its read boundary), which names it in addresses when the stack name is not
// known.
type ExportSource struct {
	File, StackName, Key string
	// Account and Region are the account and region the template deploys
	// to, when known: its CDK manifest's environment (the region else
	// --region). Exports and stack names are unique only within one.
	Account, Region string
}

// ExportLookup answers TemplateOptions.Exports: the templates known to
// export a name, and the templates whose export names are unknown
// ("key (reason)"), which may.
type ExportLookup struct {
	Sources []ExportSource
	Unsure  []string
}

// templateExporter is the optional part of a TemplateLoader that lists a
// template's exports, so that Fn::ImportValue can be settled by another
// template of the run (docs/semantics.md#imports-and-exports). A loader without it leaves imports
// unknown.
type templateExporter interface {
	ExportNames(file string, data []byte, opts TemplateOptions) []TemplateExport
}

// exportIndex is every export of the run's templates, linted and context
// ones, built on first use.
type exportIndex struct {
	byName map[string][]ExportSource
	unsure []string
}

// exports answers an Fn::ImportValue of name.
func (c *catalog) exports(name string) ExportLookup {
	c.indexMu.Lock()
	if c.index == nil {
		c.index = c.buildExports()
	}
	srcs, unsure := c.index.byName[name], c.index.unsure
	c.indexMu.Unlock()
	if len(srcs) == 1 {
		// A context template that settles an import is read as a root of
		// its own, so that its problems are reported (contextDiagnostics):
		// an exporter that could not be read whole settles nothing the user
		// can trust. A linted one is read anyway.
		if r, ok := c.byPath[c.paths.abs(srcs[0].File)]; ok && r.context {
			c.read(r)
		}
	}
	return ExportLookup{Sources: srcs, Unsure: unsure}
}

// buildExports reads the export names of every template of the run. It
// reads no root (ExportNames follows no import), so it never waits for one.
func (c *catalog) buildExports() *exportIndex {
	ix := &exportIndex{byName: map[string][]ExportSource{}}
	ex, ok := c.opts.Templates.(templateExporter)
	if !ok {
		return ix
	}
	for _, r := range c.roots {
		if r.kind != templateFile || c.ctx.Err() != nil {
			continue
		}
		data, problem := inputfile.Read(r.path, r.boundary, c.opts.MaxFileBytes)
		// Only a template with an Export can export: most are passed over
		// without being parsed.
		if problem != nil || !bytes.Contains(data, []byte("Export")) || !c.opts.Templates.IsTemplate(r.path, data) {
			continue
		}
		src := ExportSource{File: r.path, StackName: c.stackName(r.path), Key: rootKey(r)}
		src.Account, src.Region = c.stackEnv(r.path)
		if src.Key == "" {
			src.Key = filepath.ToSlash(r.path)
		}
		unsure := false
		for _, e := range ex.ExportNames(r.path, data, c.templateOptions(r)) {
			if e.Name == "" {
				// One reason per template: its names are usually unknown
				// for the same reason (its stack name).
				if !unsure {
					ix.unsure = append(ix.unsure, src.Key+" ("+e.Unknown+")")
				}
				unsure = true
				continue
			}
			ix.byName[e.Name] = append(ix.byName[e.Name], src)
		}
	}
	return ix
}

// stacks answers an Fn::GetStackOutput of the stack name: the templates of
// the run, linted and context ones, whose stack name (--stack-name, a CDK
// manifest) is name. Unlike an export name, a stack name is known without
// reading the template, so no index is built.
func (c *catalog) stacks(name string) ExportLookup {
	var out ExportLookup
	for _, r := range c.roots {
		if r.kind != templateFile || c.ctx.Err() != nil || c.stackName(r.path) != name {
			continue
		}
		data, problem := inputfile.Read(r.path, r.boundary, c.opts.MaxFileBytes)
		if problem != nil || !c.opts.Templates.IsTemplate(r.path, data) {
			continue
		}
		src := ExportSource{File: r.path, StackName: name, Key: rootKey(r)}
		src.Account, src.Region = c.stackEnv(r.path)
		if src.Key == "" {
			src.Key = filepath.ToSlash(r.path)
		}
		out.Sources = append(out.Sources, src)
	}
	if len(out.Sources) == 1 {
		// As for an export: a context template that settles a reference
		// is read as a root of its own, so that its problems are reported.
		if r, ok := c.byPath[c.paths.abs(out.Sources[0].File)]; ok && r.context {
			c.read(r)
		}
	}
	return out
}

// templateOptions are the options a template of the run is read with.
func (c *catalog) templateOptions(r root) TemplateOptions {
	// A CDK manifest's environment is where the stack deploys: its region
	// is the template's AWS::Region, as --region is for one that says none.
	account, region := c.stackEnv(r.path)
	return TemplateOptions{Parameters: c.opts.Parameters, Region: region, Root: r.boundary,
		MaxFileBytes: c.opts.MaxFileBytes, StackName: c.stackName(r.path), StackAccount: account,
		StackRegion: region, Exports: c.exports, Stacks: c.stacks}
}

// stackName is the stack name of the template at path: --stack-name, else
// the CDK cloud assembly manifest beside it, else unknown ("").
func (c *catalog) stackName(path string) string {
	abs := absPath(path)
	if n, ok := c.stackNames[abs]; ok {
		return n
	}
	return c.manifestStack(abs).name
}

// stackEnv is the account and region the template at path deploys to: its
// CDK manifest's environment, the region else --region; "" when unknown.
func (c *catalog) stackEnv(path string) (account, region string) {
	st := c.manifestStack(absPath(path))
	if st.region == "" {
		st.region = c.opts.Region
	}
	return st.account, st.region
}

// manifestStack is what the CDK cloud assembly manifest beside the template
// at abs says of it; zero when there is none.
func (c *catalog) manifestStack(abs string) manifestStack {
	dir := filepath.Dir(abs)
	c.namesMu.Lock()
	defer c.namesMu.Unlock()
	stacks, ok := c.manifests[dir]
	if !ok {
		stacks = readManifest(filepath.Join(dir, "manifest.json"))
		c.manifests[dir] = stacks
	}
	return stacks[filepath.Base(abs)]
}

// parseStackNames reads --stack-name FILE=NAME values into a map from the
// absolute template path to its name. Malformed values are left out:
// the command line checks them.
func parseStackNames(values []string) map[string]string {
	out := map[string]string{}
	for _, v := range values {
		file, name, ok := strings.Cut(v, "=")
		if !ok || file == "" || name == "" {
			continue
		}
		out[absPath(file)] = name
	}
	return out
}

// cdkManifest is the part of a CDK cloud assembly's manifest.json that
// names stacks: each artifact of type aws:cloudformation:stack has its
// environment (aws://ACCOUNT/REGION), its template file (relative to the
// assembly directory) and, when the app set one, its stack name; otherwise
// the stack is named after the artifact ID (@aws-cdk/cloud-assembly-schema,
// AwsCloudFormationStackProperties).
type cdkManifest struct {
	Artifacts map[string]struct {
		Type        string `json:"type"`
		Environment string `json:"environment"`
		Properties  struct {
			TemplateFile string `json:"templateFile"`
			StackName    string `json:"stackName"`
		} `json:"properties"`
	} `json:"artifacts"`
}

// manifestStack is one stack of a cloud assembly: its name, and its account
// and region when the app gave them ("" for CDK's unknown-account and
// unknown-region).
type manifestStack struct {
	name, account, region string
}

// readManifest maps the template file names of a cloud assembly to their
// stacks; a missing or unreadable manifest names nothing.
func readManifest(path string) map[string]manifestStack {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var m cdkManifest
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	stacks := map[string]manifestStack{}
	for id, a := range m.Artifacts {
		if a.Type != "aws:cloudformation:stack" || a.Properties.TemplateFile == "" {
			continue
		}
		st := manifestStack{name: a.Properties.StackName}
		st.account, st.region = parseEnvironment(a.Environment)
		if st.name == "" {
			st.name = id
		}
		stacks[filepath.Base(filepath.FromSlash(a.Properties.TemplateFile))] = st
	}
	return stacks
}

// parseEnvironment reads a CDK environment, aws://ACCOUNT/REGION. Each part
// is "" when the app left it to deploy time (unknown-account,
// unknown-region) or env is not one.
func parseEnvironment(env string) (account, region string) {
	rest, ok := strings.CutPrefix(env, "aws://")
	if !ok {
		return "", ""
	}
	account, region, ok = strings.Cut(rest, "/")
	if !ok {
		return "", ""
	}
	if account == "unknown-account" {
		account = ""
	}
	if region == "unknown-region" {
		region = ""
	}
	return account, region
}
