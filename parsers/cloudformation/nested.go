package cloudformation

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/model"
)

// Bounds on nested stacks. CloudFormation allows nesting far deeper in
// principle, but real templates stay within a few levels.
const (
	maxNestDepth = 10
	maxStacks    = 200
)

// nestedState is the memoised load of an AWS::CloudFormation::Stack's child.
type nestedState struct {
	state uint8 // 0 not loaded, 1 loading, 2 done
	child *stack
	// unknown says why the child's outputs are unknown when child is nil.
	unknown *model.Unresolved
}

func isStack(t string) bool { return t == "AWS::CloudFormation::Stack" }

// nested loads the child template of the stack resource r, once.
func (s *stack) nested(r *resource, at *node) *nestedState {
	if r.nested == nil {
		r.nested = &nestedState{}
	}
	ns := r.nested
	switch ns.state {
	case 1:
		v := s.fail(at, "nested stack %s depends on its own outputs", s.address(r.id))
		return &nestedState{state: 2, unknown: v.unknown}
	case 2:
		return ns
	}
	ns.state = 1
	ns.child, ns.unknown = s.loadChild(r)
	ns.state = 2
	return ns
}

// stackOutput returns output name of the nested stack r.
func (s *stack) stackOutput(r *resource, name string, n *node) Value {
	ns := s.nested(r, n)
	if ns.child == nil {
		return unknownFrom(ns.unknown, s.rng(n))
	}
	c := ns.child
	o := c.outputs[name]
	if o == nil {
		return s.fail(n, "nested stack %s has no output %s", s.address(r.id), name)
	}
	if o.state == 1 {
		return s.fail(n, "output %s of nested stack %s depends on itself", name, s.address(r.id))
	}
	return c.outputValue(name, o)
}

// outputValue evaluates the Value of output name, once.
func (s *stack) outputValue(name string, o *output) Value {
	switch o.state {
	case 1:
		return s.fail(o.node, "output %s depends on itself", name)
	case 2:
		return o.value
	}
	o.state = 1
	val := o.node.get("Value")
	if val == nil {
		o.value = s.fail(o.node, "output %s has no Value", name)
	} else {
		o.value = s.eval(val)
	}
	o.state = 2
	return o.value
}

// loadChild reads and indexes the child template of r, or says why its
// outputs are unknown.
func (s *stack) loadChild(r *resource) (*stack, *model.Unresolved) {
	addr := s.address(r.id)
	at := s.rng(r.key)
	unknown := func(kind model.UnknownKind, format string, args ...any) *model.Unresolved {
		return &model.Unresolved{Kind: kind, Reason: fmt.Sprintf(format, args...), Range: at}
	}
	if r.exists == model.False {
		return nil, unknown(model.FromCondition, "nested stack %s does not exist (its condition is false)", addr)
	}
	urlNode := r.props.get("TemplateURL")
	if urlNode == nil {
		s.errorf(r.node, "nested stack %s has no TemplateURL", addr)
		return nil, unknown(model.FromModule, "nested stack %s has no TemplateURL", addr)
	}
	path, why := s.templatePath(r, urlNode)
	if why != nil {
		return nil, why
	}
	abs, err := filepath.Abs(path)
	if err == nil {
		if real, rerr := filepath.EvalSymlinks(abs); rerr == nil {
			abs = real
		}
	}
	if rel, rerr := filepath.Rel(s.ld.root, abs); err != nil || rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		s.warnf(urlNode, "nested stack %s: %s is outside the read boundary and is not read; its outputs are unknown: files are read only below %q (the top of the git repository, or --root DIR)", addr, diag.Path(path), diag.Path(s.ld.root))
		return nil, unknown(model.FromModule, "nested stack %s: %s is outside the read boundary", addr, inputfile.Key(s.ld.root, path))
	}
	for _, f := range s.chain {
		if f == abs {
			var files []string
			for _, f := range append(s.chain, abs) {
				files = append(files, diag.Path(f))
			}
			s.errorf(urlNode, "nested stack %s includes itself: %s; point its TemplateURL at another template", addr, strings.Join(files, " -> "))
			return nil, unknown(model.FromModule, "nested stack %s includes itself", addr)
		}
	}
	if len(s.chain) >= maxNestDepth || s.ld.stacks >= maxStacks {
		s.warnf(urlNode, "nested stack %s is not read: more than %d levels or %d stacks", addr, maxNestDepth, maxStacks)
		return nil, unknown(model.FromLimit, "nested stack %s is beyond daslint's nesting limit", addr)
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		// A template that a build step writes (a packaged or generated
		// child) is valid input whose content daslint cannot see: what it
		// declares is missing, which Unread records so that no verdict of
		// this stack passes on its absence.
		s.warnf(urlNode, "nested stack %s: %s does not exist; what it declares is missing, so no cluster of this template can pass", addr, diag.Path(path))
		return nil, s.unread(unknown(model.FromInput, "nested stack %s: %s does not exist, so what it declares is missing", addr, inputfile.Key(s.ld.root, path)))
	}
	data, problem := inputfile.Read(path, s.ld.root, s.ld.opts.MaxFileBytes)
	switch {
	case problem != nil && problem.Severity == diag.Warning:
		s.warnf(urlNode, "nested stack %s: %s", addr, problem.Message)
		return nil, unknown(model.FromLimit, "nested stack %s: %s", addr, problem.Message)
	case problem != nil:
		s.errorf(urlNode, "nested stack %s: %s", addr, problem.Message)
		return nil, s.unread(unknown(model.FromInput, "nested stack %s: %s could not be read, so what it declares is missing", addr, inputfile.Key(s.ld.root, path)))
	}
	display := filepath.ToSlash(path)
	s.ld.info.Files = append(s.ld.info.Files, path)
	s.ld.info.NestedFiles = append(s.ld.info.NestedFiles, path)
	callers := append(append([]model.Range(nil), s.callers...), at)
	c := s.ld.newStack(display, data, addr+"/", callers, r.maybe, s.childParameters(r))
	if c == nil {
		return nil, s.unread(unknown(model.FromInput, "nested stack %s: %s does not parse, so what it declares is missing", addr, inputfile.Key(s.ld.root, path)))
	}
	c.chain = append(append([]string(nil), s.chain...), abs)
	c.cohort = s.cohortOf(r)
	if s.imported {
		c.imported = true
		s.ld.importedFiles[display] = true
	}
	return c, nil
}

// templatePath resolves a TemplateURL to a local file, relative to the
// parent template. CDK output names the local copy in the aws:asset:path
// metadata, while TemplateURL points at the asset bucket.
func (s *stack) templatePath(r *resource, urlNode *node) (string, *model.Unresolved) {
	addr := s.address(r.id)
	v := s.eval(urlNode)
	url, known := v.scalarString()
	if !known || isRemote(url) {
		if asset := r.node.get("Metadata").get("aws:asset:path"); asset != nil && asset.kind == scalarNode && !isRemote(asset.value) {
			return s.localPath(asset.value), nil
		}
	}
	if v.kind == kUnknown {
		s.warnf(urlNode, "nested stack %s: TemplateURL is not known offline; its outputs are unknown", addr)
		return "", &model.Unresolved{Kind: model.FromModule, Reason: fmt.Sprintf("nested stack %s: TemplateURL is not known offline", addr), Range: s.rng(urlNode)}
	}
	if !known || url == "" {
		s.errorf(urlNode, "nested stack %s: TemplateURL must be a string", addr)
		return "", &model.Unresolved{Kind: model.FromModule, Reason: "TemplateURL is not a string", Range: s.rng(urlNode)}
	}
	if isRemote(url) {
		s.warnf(urlNode, "nested stack %s: remote template %s is not read; its outputs are unknown", addr, url)
		return "", &model.Unresolved{Kind: model.FromModule, Reason: fmt.Sprintf("nested stack %s: remote template %s is not read", addr, url), Range: s.rng(urlNode)}
	}
	return s.localPath(strings.TrimPrefix(url, "file://")), nil
}

func isRemote(url string) bool {
	return strings.Contains(url, "://") && !strings.HasPrefix(url, "file://")
}

func (s *stack) localPath(p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(filepath.Dir(filepath.FromSlash(s.file)), p)
}

// childParameters evaluates a stack resource's Parameters in the parent and
// converts them the way CloudFormation passes them: as strings, lists joined
// with commas. Unknown values stay unknown.
func (s *stack) childParameters(r *resource) map[string]Value {
	out := map[string]Value{}
	ps := r.props.get("Parameters")
	if ps == nil || ps.kind != mapNode {
		return out
	}
	for i, k := range ps.keys {
		v := s.eval(ps.vals[i])
		switch v.kind {
		case kNoValue:
			continue
		case kUnknown:
			out[k.value] = v
		case kList:
			var parts []Value
			parts = append(parts, v.list...)
			out[k.value] = joinParts(parts, ",", v.rng)
		default:
			if str, ok := v.scalarString(); ok {
				out[k.value] = strVal(str, v.rng)
			} else {
				s.errorf(ps.vals[i], "parameter %s of nested stack %s must be a string or a list", k.value, s.address(r.id))
			}
		}
	}
	return out
}

// unread records that a local nested template could not be read or parsed:
// what it declares is missing from the model and could break a path, so no
// verdict of this model may pass (model.Model.Unread).
func (s *stack) unread(u *model.Unresolved) *model.Unresolved {
	s.ld.m.Unread = append(s.ld.m.Unread, u)
	return u
}
