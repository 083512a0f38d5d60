package eval

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// maxFileSize bounds what file functions read.
const maxFileSize = 4 << 20

// absDir returns dir made absolute with symlinks resolved, or cleaned when
// that fails.
func absDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Clean(dir)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

// inside reports whether path, once symlinks are resolved, lies inside the
// confinement root. A path that does not exist is judged by its text.
func (e *evaluator) inside(path string) bool {
	real := absDir(path)
	rel, err := filepath.Rel(e.confine, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// resolvePath resolves a path given to a file function. Relative paths are
// relative to the root module directory, as they are to the working
// directory in which Terraform runs.
func (e *evaluator) resolvePath(p string) (string, error) {
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		// Terraform expands ~ to the home directory of whoever runs it.
		return "", &unreadableFile{fmt.Sprintf("%s is in the home directory of whoever runs Terraform; daslint reads no file there", p)}
	}
	resolved := p
	if !filepath.IsAbs(resolved) {
		resolved = filepath.Join(e.rootDir, filepath.FromSlash(p))
	}
	if !e.inside(resolved) {
		// The path as written, not as resolved: the message is part of an
		// unknown's reason, hence of fingerprints, which must not depend
		// on the working directory (docs/semantics.md#where-a-run-starts-does-not-matter).
		return "", &unreadableFile{fmt.Sprintf("%s is outside the read boundary (the top of the git repository, or --root DIR); daslint reads no file there", p)}
	}
	return resolved, nil
}

// unreadableFile is the error of a file function whose file daslint does
// not read: it is outside the read boundary, or missing. The call is valid
// Terraform (the file may exist where Terraform runs, a build step may make
// it), so eval turns it into an unknown with a warning (unreadableUnknown),
// not an error in the input.
type unreadableFile struct{ msg string }

func (u *unreadableFile) Error() string { return u.msg }

// unreadableUnknown returns, when every error in hds is a file function's
// unreadableFile, the reason of the unknown that expr becomes, and warns
// once per file; nil otherwise.
func (e *evaluator) unreadableUnknown(hds hcl.Diagnostics) *model.Unresolved {
	var first *model.Unresolved
	for _, d := range hds {
		if d.Severity != hcl.DiagError {
			continue
		}
		extra, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d)
		var uf *unreadableFile
		if !ok || !errors.As(extra.FunctionCallError(), &uf) {
			return nil
		}
		subject := hcl.Range{}
		if d.Subject != nil {
			subject = *d.Subject
		}
		rng := Range(subject)
		if first == nil {
			first = &model.Unresolved{Kind: model.FromInput, Reason: extra.CalledFunctionName() + "(): " + uf.msg, Range: rng}
		}
		if key := rng.String() + "|" + uf.msg; !e.fileWarned[key] {
			if e.fileWarned == nil {
				e.fileWarned = map[string]bool{}
			}
			e.fileWarned[key] = true
			e.ds.Warnf(rng, "%s(): %s; its result is unknown", extra.CalledFunctionName(), uf.msg)
		}
	}
	return first
}

// fileFunctions are file, fileexists, fileset, filebase64 and templatefile,
// confined to the root: a path outside it, or a missing file, is an
// unreadableFile, which eval turns into an unknown with a warning; a
// symlink leading out is refused by the reader, an error.
func (e *evaluator) fileFunctions() map[string]function.Function {
	read := func(p string) ([]byte, error) {
		path, err := e.resolvePath(p)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(path); err != nil {
			return nil, &unreadableFile{fmt.Sprintf("no file exists at %s", p)}
		}
		// The same reader as for configuration files: a named pipe would
		// block, a link out of the tree is refused after resolvePath's
		// check too (the link may change in between), and the size is
		// bounded while reading.
		data, problem := inputfile.Read(path, e.confine, maxFileSize)
		if problem != nil {
			return nil, problem
		}
		return data, nil
	}
	str := []function.Parameter{{Name: "path", Type: cty.String}}
	return map[string]function.Function{
		"file": function.New(&function.Spec{
			Params: str, Type: function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				b, err := read(args[0].AsString())
				if err != nil {
					return cty.NilVal, err
				}
				if !utf8.Valid(b) {
					return cty.NilVal, fmt.Errorf("%s is not UTF-8; use filebase64", args[0].AsString())
				}
				return cty.StringVal(string(b)), nil
			},
		}),
		"filebase64": function.New(&function.Spec{
			Params: str, Type: function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				b, err := read(args[0].AsString())
				if err != nil {
					return cty.NilVal, err
				}
				return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
			},
		}),
		"fileexists": function.New(&function.Spec{
			Params: str, Type: function.StaticReturnType(cty.Bool),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				path, err := e.resolvePath(args[0].AsString())
				if err != nil {
					return cty.NilVal, err
				}
				st, err := os.Stat(path)
				return cty.BoolVal(err == nil && st.Mode().IsRegular()), nil
			},
		}),
		"fileset": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
			Type:   function.StaticReturnType(cty.Set(cty.String)),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return e.fileset(args[0].AsString(), args[1].AsString())
			},
		}),
		"templatefile": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
			Type:   function.StaticReturnType(cty.DynamicPseudoType),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				b, err := read(args[0].AsString())
				if err != nil {
					return cty.NilVal, err
				}
				return e.template(b, args[0].AsString(), args[1])
			},
		}),
	}
}

// fileset matches pattern under dir. Only `*`, `?` and `[...]` within one
// path segment are supported (not `**`).
func (e *evaluator) fileset(dir, pattern string) (cty.Value, error) {
	base, err := e.resolvePath(dir)
	if err != nil {
		return cty.NilVal, err
	}
	matches, err := filepath.Glob(filepath.Join(base, filepath.FromSlash(pattern)))
	if err != nil {
		return cty.NilVal, err
	}
	var out []cty.Value
	for _, m := range matches {
		if st, err := os.Stat(m); err != nil || !st.Mode().IsRegular() || !e.inside(m) {
			continue
		}
		rel, err := filepath.Rel(base, m)
		if err != nil {
			continue
		}
		out = append(out, cty.StringVal(filepath.ToSlash(rel)))
	}
	if len(out) == 0 {
		return cty.SetValEmpty(cty.String), nil
	}
	sort.Slice(out, func(i, j int) bool { return out[i].AsString() < out[j].AsString() })
	return cty.SetVal(out), nil
}

// template renders a templatefile: its variables are the given map, its
// functions the same as the configuration's (except templatefile itself,
// which Terraform also forbids inside templates).
func (e *evaluator) template(src []byte, name string, vars cty.Value) (cty.Value, error) {
	if !vars.IsWhollyKnown() {
		return cty.UnknownVal(cty.String), nil
	}
	if !vars.Type().IsObjectType() && !vars.Type().IsMapType() {
		return cty.NilVal, fmt.Errorf("templatefile: vars must be a map or object")
	}
	expr, diags := hclsyntax.ParseTemplate(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: map[string]function.Function{}}
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		ctx.Variables[k.AsString()] = v
	}
	for n, f := range e.funcs {
		if n != "templatefile" {
			ctx.Functions[n] = f
		}
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.NilVal, diags
	}
	return v, nil
}
