package eval

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// Limits that keep evaluation finite on any input.
const (
	// maxStack bounds the chain of values being evaluated at once (a local
	// that refers to a local that refers to ...).
	maxStack = 512
	// maxModuleDepth bounds module nesting.
	maxModuleDepth = 32
	// defaultMaxInstances is the default of Options.MaxInstances.
	defaultMaxInstances = 10_000
)

// evaluator holds the state of one Evaluate call. Every value is computed
// lazily, once, through compute, which keeps an explicit stack of what is
// being evaluated so that a reference cycle is reported with its chain
// instead of recursing forever.
type evaluator struct {
	// ctx ends evaluation early (see stopped); it lives here for the one
	// Evaluate call, as the evaluator itself does.
	ctx context.Context
	// limits are the places where a limit stopped evaluation (an expansion
	// or a function's result too large): what lies beyond is not analysed,
	// so, like an unread file, each makes the root's passes unknown.
	// forWork counts the elements that the for expressions of the
	// expression being evaluated iterate over in the Value call under
	// way (see scanExpr), and refused is the limit that stopped it, if any (see
	// forCounter).
	forWork int
	refused *limitError
	// limitSeen are the limits recorded, by place and message (limitAt).
	limitSeen map[string]*model.Unresolved
	limits    []*model.Unresolved
	opts      Options
	rootDir   string
	// confine is the absolute, symlink-free directory that file functions and
	// module sources must stay inside.
	confine string
	parser  *hclparse.Parser
	ds      diag.Diagnostics

	configs map[string]*moduleConfig // by directory
	// owned is the root module's configuration when this evaluation
	// alone holds it: the walk releases its syntax as it goes (ownRoot).
	// Set by loadTree when the parse cache does not hold it.
	owned    *moduleConfig
	vendored map[string]string // modules.json key -> directory
	rootVars map[string]cty.Value
	nulls    nullDefaults
	// fileWarned are the unreadable files already warned about, by call
	// position and message (see unreadableUnknown).
	fileWarned map[string]bool
	// generic are the attribute names read from values of unknown origin
	// anywhere in the configuration (see attrNames).
	generic map[string]bool

	// symbolic holds, by module instance path and resource key, the
	// symbolic instance of each resource whose count or for_each is unknown
	// (see pairIndexed and completeList).
	symbolic map[string]symbolicElem

	memo map[string]*node
	// refObjs are the objects {NAME = value} through which expressions
	// see the resources they read (refObject).
	refObjs map[refKey]*refObj
	// keepObjects keeps every object built to the end of the walk
	// (releaseObjects lets none go): for tests that compare the two.
	keepObjects bool
	// rebuilt counts the objects built again after releaseObjects let
	// them go: reads that sharedObjects did not foresee.
	rebuilt int
	// attrBufs are the buffers of the bodies' attributes (takeAttrBuf).
	attrBufs [][]rawAttr
	// bareCtx is the context of the expressions that read no variable.
	bareCtx    *hcl.EvalContext
	stack      []*node
	expansions map[string]*moduleExpansion
	funcs      map[string]function.Function
	// unevaluated maps the functions whose result is left unknown to the
	// format of the reason (see callReasons).
	unevaluated map[string]string
	// tokenOrigins maps the address of each identity token handed out to
	// the declaration of its resource; tokenReasons memoises the reasons of
	// calls that read a token (see tokenGuard).
	tokenOrigins map[string]*hcl.Range
	tokenReasons map[string]*model.Unresolved

	instances []*Instance
	// remoteFiles are the files of the roots terraform_remote_state read;
	// joined gives the address prefix of each root joined (joinPrefix).
	remoteFiles    []string
	joined         map[*Result]string
	joinedPrefixes map[string]bool
	moduleDirs     []string
	// undeclared gathers the variables modules use without declaring them,
	// reported once each at the end (see reportUndeclared); the search for
	// a terragrunt.hcl below the boundary is made once.
	undeclared         map[string]*undeclaredVar
	notVendored        []*notVendored // reported at the end: reportNotVendored
	terragruntSearched bool
	terragruntBelow    string
	noRegion           *model.Unresolved
	// zoneLists counts the zone lists made (zoneListValue; see
	// zoneIndexes). zoneRoot is the absolute root directory, part of
	// their keys.
	zoneLists int
	zoneRoot  string
}

// node is one lazily computed value.
type node struct {
	label string
	// rng is where the value is declared: a range held by its declaration,
	// which outlives the node (one node a resource: no copy of 64 bytes).
	rng  *hcl.Range
	busy bool
	val  cty.Value
	// later, when set, builds val on first use (value): the object of a
	// resource of one instance, which is built only if something reads
	// it (see resourceOf).
	later func() cty.Value
	// build, when set, builds the value again after releaseObjects let
	// it go.
	build func() cty.Value
}

// value returns n's value, building it first if it is built on use.
func (n *node) value() cty.Value {
	if n.later != nil {
		n.val, n.later = n.later(), nil
	}
	return n.val
}

// compute returns the memoised value for key, computing it with f the first
// time. A key met again while it is still being computed is a reference
// cycle: it is reported with the chain, and the value is unknown.
func (e *evaluator) compute(key, label string, rng *hcl.Range, f func() cty.Value) cty.Value {
	if n, ok := e.memo[key]; ok {
		if n.busy {
			return e.cycle(n)
		}
		return n.value()
	}
	if len(e.stack) >= maxStack {
		u := &model.Unresolved{Kind: model.FromLimit, Reason: fmt.Sprintf("%s: references nest deeper than %d", label, maxStack), Range: Range(*rng)}
		e.ds.Errorf(Range(*rng), "%s", u.Reason)
		return unknown(cty.DynamicPseudoType, u)
	}
	n := &node{label: label, rng: rng, busy: true}
	e.memo[key] = n
	e.stack = append(e.stack, n)
	v := f()
	e.stack = e.stack[:len(e.stack)-1]
	n.busy, n.val = false, v
	return v
}

func (e *evaluator) cycle(n *node) cty.Value {
	start := 0
	for i, s := range e.stack {
		if s == n {
			start = i
			break
		}
	}
	parts := make([]string, 0, len(e.stack)-start+1)
	for _, s := range e.stack[start:] {
		parts = append(parts, fmt.Sprintf("%s (%s)", s.label, Range(*s.rng)))
	}
	parts = append(parts, n.label)
	msg := "reference cycle: " + strings.Join(parts, " → ")
	e.ds.Errorf(Range(*n.rng), "%s; break the cycle: one of these values must not depend on the others", msg)
	return unknown(cty.DynamicPseudoType, &model.Unresolved{Kind: model.FromExpression, Reason: msg, Range: Range(*n.rng)})
}

// stopped reports whether the caller's context is done. It is checked in
// the loops over module calls, resources and instances, which bound the
// work of a root, rather than per expression, where it would cost more than
// it saves: an instance evaluates in microseconds.
func (e *evaluator) stopped() bool {
	return e.ctx.Err() != nil
}
