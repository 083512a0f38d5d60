package terragrunt

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// functions are Terraform's functions plus the Terragrunt functions real
// units use, as seen from the configuration file in dir. parent returns the
// directory of the included (parent) configuration: dir itself in an
// included file; in the unit's own file, the directory of the file it
// includes once its include blocks are read, else dir. Semantics follow the
// Terragrunt documentation ("Built-in functions"); none reads the
// environment.
func (r *reader) functions(dir string, parent func() string) map[string]function.Function {
	fs := map[string]function.Function{}
	for n, f := range r.funcs {
		fs[n] = f
	}
	str := func(name string, f func() string) {
		fs[name] = function.New(&function.Spec{Type: function.StaticReturnType(cty.String),
			Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.StringVal(f()), nil }})
	}
	// get_terragrunt_dir is the unit's directory, also inside an included
	// file (Terragrunt evaluates includes in the context of the unit).
	str("get_terragrunt_dir", func() string { return filepath.ToSlash(r.unitDir) })
	// get_parent_terragrunt_dir is the directory of the included file.
	str("get_parent_terragrunt_dir", func() string { return filepath.ToSlash(parent()) })
	// path_relative_to_include is the unit's directory relative to the
	// included file's ("." when nothing is included).
	str("path_relative_to_include", func() string {
		rel, err := filepath.Rel(parent(), r.unitDir)
		if err != nil {
			return "."
		}
		return filepath.ToSlash(rel)
	})
	fs["find_in_parent_folders"] = r.findInParentFolders()
	fs["get_env"] = getEnv
	fs["read_terragrunt_config"] = r.readTerragruntConfig(dir)
	return fs
}

// findInParentFolders searches the directories above the unit's for a file
// named by the first argument (default terragrunt.hcl), nearest first, not
// above the read boundary; the optional second argument is returned when
// none is found, else it is an error.
func (r *reader) findInParentFolders() function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.String},
		Type:     function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) > 2 {
				return cty.NilVal, errors.New("find_in_parent_folders takes at most two arguments")
			}
			name := FileName
			if len(args) > 0 {
				name = args[0].AsString()
			}
			tree := inputfile.Tree(r.opts.Tree)
			for d := filepath.Dir(r.unitDir); ; d = filepath.Dir(d) {
				if !inputfile.Inside(tree, d) {
					break
				}
				p := filepath.Join(d, name)
				if st, err := os.Stat(p); err == nil && !st.IsDir() {
					return cty.StringVal(filepath.ToSlash(p)), nil
				}
				if d == filepath.Dir(d) {
					break
				}
			}
			if len(args) == 2 {
				return args[1], nil
			}
			return cty.NilVal, fmt.Errorf("no %s in the folders above the unit (up to the read boundary)", name)
		},
	})
}

// getEnv is get_env(name, default): the default, since daslint never reads
// the environment of whoever runs it; without a default, unknown.
var getEnv = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "name", Type: cty.String}},
	VarParam: &function.Parameter{Name: "default", Type: cty.String},
	Type:     function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if len(args) > 1 {
			return args[1], nil
		}
		return cty.UnknownVal(cty.String).Mark(&model.Unresolved{Kind: model.FromVariable,
			Reason: fmt.Sprintf("get_env(%q) reads the environment of the Terragrunt run, which daslint does not know", args[0].AsString())}), nil
	},
})

// readTerragruntConfig reads another configuration file (relative to dir)
// and returns its locals and inputs; the optional second argument is
// returned when it cannot be read.
func (r *reader) readTerragruntConfig(dir string) function.Function {
	return function.New(&function.Spec{
		Params:   []function.Parameter{{Name: "path", Type: cty.String}},
		VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType},
		Type:     function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			r.depth++
			defer func() { r.depth-- }()
			cfg := r.read(p, "", r.depth)
			if cfg == nil {
				if len(args) > 1 {
					return args[1], nil
				}
				return cty.NilVal, fmt.Errorf("cannot read %s", p)
			}
			return cty.ObjectVal(map[string]cty.Value{"locals": cty.ObjectVal(cfg.locals), "inputs": cty.ObjectVal(cfg.inputs)}), nil
		},
	})
}
