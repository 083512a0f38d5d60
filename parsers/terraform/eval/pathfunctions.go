package eval

import (
	"path/filepath"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// pathFunctions are Terraform's basename, dirname, abspath and pathexpand.
// They work on path text and read no file; terraform-aws-modules' examples
// name everything "ex-${basename(path.cwd)}".
func (e *evaluator) pathFunctions() map[string]function.Function {
	str := []function.Parameter{{Name: "path", Type: cty.String}}
	pure := func(f func(string) string) function.Function {
		return function.New(&function.Spec{
			Params: str, Type: function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return cty.StringVal(f(args[0].AsString())), nil
			},
		})
	}
	rootDir := e.rootDir
	return map[string]function.Function{
		// Terraform's basename and dirname are filepath.Base and
		// filepath.Dir (Terraform docs: "basename Function").
		"basename": pure(filepath.Base),
		"dirname":  pure(filepath.Dir),
		// abspath resolves against the working directory, which for
		// `terraform plan` is the root module directory.
		"abspath": pure(func(p string) string {
			if !filepath.IsAbs(p) {
				p = filepath.Join(absDir(rootDir), p)
			}
			return filepath.ToSlash(filepath.Clean(p))
		}),
		// pathexpand replaces a leading ~ with the home directory of
		// whoever runs Terraform, which is not known offline.
		"pathexpand": function.New(&function.Spec{
			Params: str, Type: function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				p := args[0].AsString()
				if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
					return cty.UnknownVal(cty.String), nil
				}
				return args[0], nil
			},
		}),
	}
}
