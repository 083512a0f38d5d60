package parsers

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// What Terragrunt configuration reads through its file functions (file,
// read_terragrunt_config, sops_decrypt_file, …), for the pre-selection of
// units (preselect.go). A unit reads the .hcl files it includes, which may
// be anywhere (`_envcommon/db.hcl`, named from the repository root), and
// whatever their file functions name: a YAML file read by yamldecode(file(…))
// is a unit's input as much as its terragrunt.hcl. Evaluating the
// configuration would say which files; the bytes say what each call's
// path ends with when that end is literal (`${get_repo_root()}/env.yaml`,
// find_in_parent_folders("env.yaml")): a changed file whose name has that
// end may be read, and one that has none of them is not. A call whose path
// ends otherwise (`file(local.path)`) may read any file.

// hclReads is what the file functions of some .hcl files read.
type hclReads struct {
	// open is set when a call may read any file.
	open bool
	// ends are the literal ends of the paths of the others.
	ends []string
}

// add adds what r reads.
func (h *hclReads) add(r hclReads) {
	h.open = h.open || r.open
	h.ends = append(h.ends, r.ends...)
}

// readsAny reports whether the calls may read one of files.
func (h *hclReads) readsAny(files []string) bool {
	if h.open {
		return true
	}
	for _, f := range files {
		base := filepath.Base(f)
		for _, end := range h.ends {
			if strings.HasSuffix(base, end) {
				return true
			}
		}
	}
	return false
}

// hclReadsIn returns what the .hcl files of dir read, once.
func (p *preselection) hclReadsIn(dir string) hclReads {
	if r, ok := p.hcl[dir]; ok {
		return r
	}
	var r hclReads
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() && isHCLFile(e.Name()) {
			r.add(hclFileReads(filepath.Join(dir, e.Name())))
		}
	}
	p.hcl[dir] = r
	return r
}

// isHCLFile reports whether name is Terragrunt configuration.
func isHCLFile(name string) bool {
	return strings.HasSuffix(name, ".hcl") || strings.HasSuffix(name, ".hcl.json")
}

// unitsRead returns what every .hcl file below the read boundaries of the
// Terragrunt units reads, once: any of them may be included.
func (p *preselection) unitsRead() *hclReads {
	if p.units != nil {
		return p.units
	}
	p.units = &hclReads{}
	walked := map[string]bool{}
	for _, r := range p.roots {
		if r.kind != terragruntUnit {
			continue
		}
		top := r.boundary
		if top == "" {
			p.units.open = true
			continue
		}
		if walked[top] {
			continue
		}
		walked[top] = true
		_ = filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil //nolint:nilerr // what cannot be walked cannot be read either
			case d.IsDir() && path != top && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules"):
				return fs.SkipDir // .git, .terraform, .terragrunt-cache
			case d.IsDir():
				p.units.add(p.hclReadsIn(path))
			}
			return nil
		})
	}
	return p.units
}

// hclFileReads is what the file function calls of one .hcl file read.
func hclFileReads(name string) hclReads {
	data, err := os.ReadFile(name)
	switch {
	case err != nil:
		return hclReads{open: true}
	case !callsAny(data, terragruntFunctions):
		return hclReads{}
	case strings.HasSuffix(name, ".json"):
		return hclReads{open: true}
	}
	f, diags := hclsyntax.ParseConfig(data, name, hcl.InitialPos)
	if diags.HasErrors() {
		return hclReads{open: true}
	}
	var r hclReads
	_ = hclsyntax.VisitAll(f.Body.(*hclsyntax.Body), func(n hclsyntax.Node) hcl.Diagnostics {
		call, ok := n.(*hclsyntax.FunctionCallExpr)
		if !ok || !isFileFunction(call.Name) {
			return nil
		}
		if end := pathEnd(call.Args); end != "" {
			r.ends = append(r.ends, end)
		} else {
			r.open = true
		}
		return nil
	})
	return r
}

// isFileFunction reports whether a Terragrunt function reads the file its
// first argument names.
func isFileFunction(name string) bool {
	for _, f := range terragruntFunctions {
		if f == name {
			return true
		}
	}
	return false
}

// pathEnd returns the literal end of the path a file function's arguments
// name, after its last slash: "env.yaml" for "${get_repo_root()}/env.yaml"
// or find_in_parent_folders("env.yaml"), ".yaml" for "${local.env}.yaml";
// "" when the path does not end with a literal name.
func pathEnd(args []hclsyntax.Expression) string {
	if len(args) == 0 {
		return ""
	}
	var last string
	switch e := args[0].(type) {
	case *hclsyntax.LiteralValueExpr:
		last = stringOf(e.Val)
	case *hclsyntax.TemplateExpr:
		if len(e.Parts) == 0 {
			return ""
		}
		lit, ok := e.Parts[len(e.Parts)-1].(*hclsyntax.LiteralValueExpr)
		if !ok {
			return ""
		}
		last = stringOf(lit.Val)
	case *hclsyntax.FunctionCallExpr:
		if e.Name != "find_in_parent_folders" {
			return ""
		}
		if len(e.Args) == 0 {
			return "terragrunt.hcl"
		}
		return pathEnd(e.Args)
	default:
		return ""
	}
	return last[strings.LastIndex(last, "/")+1:]
}

// stringOf returns a known string value, or "".
func stringOf(v cty.Value) string {
	if v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}
