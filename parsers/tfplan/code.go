package tfplan

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// codeRange is where a resource is declared in the code beside a plan, and
// the expressions of its top-level arguments there.
type codeRange struct {
	whole, def hcl.Range
	callers    []hcl.Range
	attrs      hclsyntax.Attributes
}

// codeRanges finds, without evaluating anything, the resource blocks of the
// root module in dir and of the local modules the configuration calls, by
// address without instance keys, and their output blocks (as
// `module.net.output.x`); files are the configuration files read.
// A plan has no positions: when its root's code lies beside it, findings
// point at the code.
func codeRanges(dir, boundary string, cfg *configuration) (map[string]codeRange, []string) {
	out := map[string]codeRange{}
	var files []string
	var walk func(dir, prefix string, callers []hcl.Range, cm *configModule, depth int)
	walk = func(dir, prefix string, callers []hcl.Range, cm *configModule, depth int) {
		if depth > maxDepth || !below(dir, boundary) {
			return
		}
		calls := map[string]hcl.Range{}
		names, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
		sort.Strings(names)
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				continue
			}
			f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
			if diags.HasErrors() || f == nil {
				continue
			}
			files = append(files, name)
			body, _ := f.Body.(*hclsyntax.Body)
			if body == nil {
				continue
			}
			for _, blk := range body.Blocks {
				whole := hcl.RangeBetween(blk.TypeRange, blk.Body.SrcRange)
				switch {
				case blk.Type == "resource" && len(blk.Labels) == 2:
					out[prefix+blk.Labels[0]+"."+blk.Labels[1]] = codeRange{whole: whole, def: blk.DefRange(), callers: callers,
						attrs: blk.Body.Attributes}
				case blk.Type == "data" && len(blk.Labels) == 2:
					out[prefix+"data."+blk.Labels[0]+"."+blk.Labels[1]] = codeRange{whole: whole, def: blk.DefRange(), callers: callers}
				case blk.Type == "module" && len(blk.Labels) == 1:
					calls[blk.Labels[0]] = blk.DefRange()
				case blk.Type == "output" && len(blk.Labels) == 1:
					// Keyed apart from resources, whose types hold "_".
					out[prefix+"output."+blk.Labels[0]] = codeRange{whole: whole, def: blk.DefRange(), callers: callers,
						attrs: blk.Body.Attributes}
				}
			}
		}
		if cm == nil {
			return
		}
		for _, name := range sortedKeys(cm.ModuleCalls) {
			call := cm.ModuleCalls[name]
			at, ok := calls[name]
			if !ok || (!strings.HasPrefix(call.Source, "./") && !strings.HasPrefix(call.Source, "../")) {
				continue // a remote module: its resources stay at the plan's lines
			}
			walk(filepath.Join(dir, filepath.FromSlash(call.Source)), prefix+"module."+name+".",
				append(append([]hcl.Range{}, callers...), at), &call.Module, depth+1)
		}
	}
	var root *configModule
	if cfg != nil {
		root = &cfg.RootModule
	}
	walk(dir, "", nil, root, 0)
	return out, files
}

// below reports whether dir lies below boundary (empty: anywhere).
func below(dir, boundary string) bool {
	if boundary == "" {
		return true
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(boundary, abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// everyInstance recognises, in the code beside a plan, an expression that
// lists one attribute of every instance of a resource: a full splat
// `aws_subnet.db[*].id` or a for expression without a condition
// `[for s in aws_subnet.db : s.id]`. The plan records only the reference
// `aws_subnet.db` for either, which could also be a filter or a pick of
// some instances; the code says it is all of them. It returns the
// resource's address (`aws_subnet.db`) and the attribute read.
func everyInstance(expr hclsyntax.Expression) (resource, attr string, ok bool) {
	switch e := expr.(type) {
	case *hclsyntax.SplatExpr:
		each, isRel := e.Each.(*hclsyntax.RelativeTraversalExpr)
		if !isRel || len(each.Traversal) != 1 {
			return "", "", false
		}
		step, isAttr := each.Traversal[0].(hcl.TraverseAttr)
		if !isAttr {
			return "", "", false
		}
		if resource, ok = resourceTraversal(e.Source); ok {
			return resource, step.Name, true
		}
	case *hclsyntax.ForExpr:
		if e.KeyExpr != nil || e.CondExpr != nil || e.Group {
			return "", "", false
		}
		val, isTrav := e.ValExpr.(*hclsyntax.ScopeTraversalExpr)
		if !isTrav || len(val.Traversal) != 2 || val.Traversal.RootName() != e.ValVar {
			return "", "", false
		}
		step, isAttr := val.Traversal[1].(hcl.TraverseAttr)
		if !isAttr {
			return "", "", false
		}
		if resource, ok = resourceTraversal(e.CollExpr); ok {
			return resource, step.Name, true
		}
	}
	return "", "", false
}

// resourceTraversal reads a reference to a whole managed resource,
// `aws_subnet.db`, with no index.
func resourceTraversal(expr hclsyntax.Expression) (string, bool) {
	t, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(t.Traversal) != 2 {
		return "", false
	}
	name, ok := t.Traversal[1].(hcl.TraverseAttr)
	root := t.Traversal.RootName()
	if !ok || !strings.Contains(root, "_") || root == "data" || root == "module" || root == "local" || root == "var" {
		return "", false
	}
	return root + "." + name.Name, true
}
