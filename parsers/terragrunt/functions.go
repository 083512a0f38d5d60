package terragrunt

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// functions are Terraform's functions plus the Terragrunt functions real
// units use, as seen from a configuration whose own directory is self (the
// unit's, or that of a file read with read_terragrunt_config). include
// returns the directory of the included file a function names by label
// (named false when no label is given), "" when there is no include.
// Semantics follow the Terragrunt documentation ("Built-in functions") and
// its config_helpers.go; none reads the environment, runs a command or
// calls AWS: what those would give is unknown, with the reason.
func (r *reader) functions(self string, include func(label string, named bool) (string, error)) map[string]function.Function {
	fs := map[string]function.Function{}
	for n, f := range r.funcs {
		fs[n] = f
	}
	str := func(name string, f func() string) {
		fs[name] = function.New(&function.Spec{Type: function.StaticReturnType(cty.String),
			Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.StringVal(f()), nil }})
	}
	// included is a function of an optional include label.
	included := func(name string, f func(incDir string) string) {
		fs[name] = function.New(&function.Spec{
			VarParam: &function.Parameter{Name: "include", Type: cty.String},
			Type:     function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				if len(args) > 1 {
					return cty.NilVal, fmt.Errorf("%s takes at most one argument, an include label", name)
				}
				label := ""
				if len(args) == 1 {
					label = args[0].AsString()
				}
				d, err := include(label, len(args) == 1)
				if err != nil {
					return cty.NilVal, err
				}
				return cty.StringVal(filepath.ToSlash(f(d))), nil
			},
		})
	}
	rel := func(from, to string) string {
		p, err := filepath.Rel(from, to)
		if err != nil {
			return to
		}
		return p
	}
	// get_terragrunt_dir is the directory of the configuration being
	// parsed: the unit's, also inside an included file (Terragrunt
	// evaluates includes in the context of the unit).
	str("get_terragrunt_dir", func() string { return filepath.ToSlash(self) })
	str("get_original_terragrunt_dir", func() string { return filepath.ToSlash(r.unitDir) })
	// get_parent_terragrunt_dir is the directory of the included file
	// (this directory when nothing is included).
	included("get_parent_terragrunt_dir", func(d string) string {
		if d == "" {
			return self
		}
		return d
	})
	// path_relative_to_include is the unit's directory relative to the
	// included file's, path_relative_from_include the way back ("." when
	// nothing is included).
	included("path_relative_to_include", func(d string) string {
		if d == "" {
			return "."
		}
		return rel(d, self)
	})
	included("path_relative_from_include", func(d string) string {
		if d == "" {
			return "."
		}
		return rel(self, d)
	})
	// The repository root is daslint's read boundary: the top of the git
	// repository that holds the scanned path, unless --root says otherwise
	// (docs/semantics.md#where-a-run-starts-does-not-matter); Terragrunt asks git for the same top. Paths from and to
	// it are taken from the unit's directory, Terragrunt's working
	// directory.
	if tree := r.opts.Tree; tree != "" {
		root := absDir(tree)
		str("get_repo_root", func() string { return filepath.ToSlash(root) })
		str("get_path_from_repo_root", func() string { return filepath.ToSlash(rel(root, r.unitDir)) })
		str("get_path_to_repo_root", func() string { return filepath.ToSlash(rel(r.unitDir, root)) })
	} else {
		for _, n := range []string{"get_repo_root", "get_path_from_repo_root", "get_path_to_repo_root"} {
			fs[n] = unknownString(n, "the repository root is not known")
		}
	}
	// daslint reads a unit as `terragrunt plan` run without flags.
	str("get_terraform_command", func() string { return "plan" })
	str("get_terragrunt_source_cli_flag", func() string { return "" })
	fs["get_terraform_cli_args"] = function.New(&function.Spec{Type: function.StaticReturnType(cty.List(cty.String)),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.ListValEmpty(cty.String), nil }})
	for n, why := range outsideWorld() {
		fs[n] = unknownString(n, why)
	}
	fs["yamldecode"] = yamlDecode()
	for _, n := range []string{"file", "filebase64", "templatefile"} {
		if f, ok := fs[n]; ok {
			fs[n] = r.recordRead(f)
		}
	}
	fs["find_in_parent_folders"] = r.findInParentFolders(self)
	fs["get_env"] = getEnv()
	fs["read_terragrunt_config"] = r.readTerragruntConfig(self)
	return fs
}

// recordRead wraps a file function so that the file it reads counts among
// the unit's files: in hook mode a change to a settings file
// (`yamldecode(file("env.yaml"))`) re-lints the units that read it. A
// relative path is the unit's, as eval.Functions resolves it.
func (r *reader) recordRead(f function.Function) function.Function {
	return function.New(&function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type:     f.ReturnTypeForValues,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, err := f.Call(args)
			if err == nil && len(args) > 0 && args[0].IsKnown() && !args[0].IsNull() {
				p := filepath.FromSlash(args[0].AsString())
				if !filepath.IsAbs(p) {
					p = filepath.Join(r.resolve(r.unitDir), p)
				}
				r.files = append(r.files, filepath.Clean(p))
			}
			return v, err
		},
	})
}

// outsideWorld are the Terragrunt functions whose value comes from outside
// the repository, and why daslint does not know it.
var outsideWorld = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"get_aws_account_id":              "it asks AWS for the account of the credentials Terragrunt runs with",
		"get_aws_account_alias":           "it asks AWS for the account of the credentials Terragrunt runs with",
		"get_aws_caller_identity_arn":     "it asks AWS for the identity Terragrunt runs with",
		"get_aws_caller_identity_user_id": "it asks AWS for the identity Terragrunt runs with",
		"get_platform":                    "it is the operating system Terragrunt runs on",
		"run_cmd":                         "it runs a command",
		"sops_decrypt_file":               "it decrypts a file with keys daslint does not have",
		"get_working_dir":                 "it is the .terragrunt-cache directory Terragrunt downloads the module into",
	}
})

// unknownString is a Terragrunt function whose value daslint does not know
// offline: any arguments, an unknown result carrying the reason.
func unknownString(name, why string) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true},
		Type:     function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.DynamicVal.Mark(&model.Unresolved{Kind: model.FromVariable,
				Reason: fmt.Sprintf("%s() is not known offline: %s", name, why)}), nil
		},
	})
}

// findInParentFolders searches the directories above self for a file
// named by the first argument (default terragrunt.hcl), nearest first, not
// above the read boundary; the optional second argument is returned when
// none is found, else it is an error.
func (r *reader) findInParentFolders(self string) function.Function {
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
			for d := filepath.Dir(self); ; d = filepath.Dir(d) {
				if !inputfile.Inside(tree, d) {
					break
				}
				p := filepath.Join(d, name)
				if st, err := os.Stat(r.resolve(p)); err == nil && !st.IsDir() {
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
var getEnv = sync.OnceValue(func() function.Function {
	return function.New(&function.Spec{
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
})

// readTerragruntConfig reads another configuration file (relative to dir)
// and returns what daslint knows of it (config.asValue); the optional
// second argument is returned when it cannot be read.
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
			cfg := r.read(p, absDir(filepath.Dir(p)), false, r.depth)
			if cfg == nil {
				if len(args) > 1 {
					return args[1], nil
				}
				return cty.NilVal, fmt.Errorf("cannot read %s", p)
			}
			return cfg.asValue(), nil
		},
	})
}

// asValue is a configuration as read_terragrunt_config returns it: its
// locals, inputs, the outputs of its dependency blocks (Terragrunt fetches
// them; their objects join the reading unit) and its remote_state's backend
// and config, which a unit may take as its own (`remote_state =
// local.common.remote_state`).
func (c *config) asValue() cty.Value {
	attrs := map[string]cty.Value{
		"locals":     cty.ObjectVal(c.locals),
		"inputs":     cty.ObjectVal(c.inputs),
		"dependency": cty.ObjectVal(c.deps),
	}
	if c.remoteState != nil {
		attrs["remote_state"] = cty.ObjectVal(map[string]cty.Value{"backend": c.remoteState.typ, "config": c.remoteState.config})
	}
	return cty.ObjectVal(attrs)
}
