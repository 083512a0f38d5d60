package tfplan

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// maxDepth bounds the chains of module outputs and variables followed, and
// maxSteps the expressions read to settle one attribute (outputs that fan
// out to outputs could otherwise take exponential time).
const (
	maxDepth = 32
	maxSteps = 10000
)

// linker settles attributes unknown until apply through the references the
// configuration section records.
type linker struct {
	// modules are the configuration's modules by module path
	// ("" for the root, "module.net", "module.net.module.sub").
	modules map[string]*configModule
	// calls are the module calls by the module path they create.
	calls map[string]*moduleCall
	// instances are the instance addresses of each resource, by the
	// resource's address without index (`module.net.aws_subnet.private`).
	instances map[string][]string
	// types are the resource types by resource address without index.
	types map[string]string
	// steps counts the expressions read for the attribute being settled.
	steps int
	// code is the code beside the plan, when there is some (see
	// codeRanges): it settles what the plan's references leave open.
	code map[string]codeRange
}

// link is the outcome of following an expression's references: the
// identity tokens it can hold, or why it cannot be settled.
type link struct {
	tokens  []string
	problem string
}

// resolve follows refs, made in the module at modPath by the instance with
// key (nil when it has no count or for_each).
func (l *linker) resolve(refs []string, modPath string, key any, depth int) link {
	if depth > maxDepth {
		return link{problem: "the references nest too deeply to follow"}
	}
	if l.steps++; l.steps > maxSteps {
		return link{problem: "it depends on too many references to follow"}
	}
	sameKey := false
	for _, r := range refs {
		if r == "count.index" || strings.HasPrefix(r, "each.") {
			sameKey = true
		}
	}
	// Terraform lists `aws_vpc.main.id` together with `aws_vpc.main`; the
	// longer reference says which attribute is read.
	type use struct {
		base, index, attr string
		rest              bool
	}
	byInstance := map[string]*use{}
	var order []string
	var outputs [][2]string
	var out link
	seenTok := map[string]bool{}
	add := func(t string) {
		if !seenTok[t] {
			seenTok[t] = true
			out.tokens = append(out.tokens, t)
		}
	}
	for _, r := range refs {
		parts := split(r)
		switch parts[0] {
		case "count", "each", "path", "terraform":
			continue // known while planning, or selects the instance
		case "self":
			continue
		case "local":
			return link{problem: "it is computed through " + r + ", whose expression the plan does not record"}
		case "var":
			if modPath == "" || len(parts) < 2 {
				continue // root variables are known in the plan
			}
			call := l.calls[modPath]
			parent := parentOf(modPath)
			raw, ok := call.Expressions[stripIndex(parts[1])]
			if !ok {
				continue // the variable's default: known
			}
			var e expression
			if json.Unmarshal(raw, &e) != nil {
				return link{problem: "the module call's argument " + stripIndex(parts[1]) + " cannot be read"}
			}
			sub := l.resolve(e.References, parent, nil, depth+1)
			if sub.problem != "" {
				return sub
			}
			for _, t := range sub.tokens {
				add(t)
			}
			continue
		case "module":
			if len(parts) < 2 {
				continue
			}
			if strings.Contains(parts[1], "[") {
				return link{problem: "it is read from " + r + ", an instance of a module called with count or for_each"}
			}
			if len(parts) == 2 {
				continue // companion of module.X.output, or the whole module object
			}
			outputs = append(outputs, [2]string{join(modPath, "module."+parts[1]), stripIndex(parts[2])})
			continue
		}
		if parts[0] == "data" {
			// A data source's attribute that is unknown while planning is
			// read only at apply: nothing in the plan says what it is.
			return link{problem: "it is read from " + r + ", a data source read only at apply"}
		}
		if len(parts) < 2 {
			continue
		}
		base := join(modPath, parts[0]+"."+stripIndex(parts[1]))
		index := indexOf(parts[1])
		var attr string
		rest := false
		if len(parts) > 2 {
			attr = stripIndex(parts[2])
			rest = len(parts) > 3 || indexOf(parts[2]) != ""
		}
		k := base + index
		u := byInstance[k]
		if u == nil {
			u = &use{base: base, index: index}
			byInstance[k] = u
			order = append(order, k)
		}
		if attr != "" {
			if u.attr != "" && u.attr != attr {
				return link{problem: fmt.Sprintf("it reads several attributes of %s", k)}
			}
			u.attr, u.rest = attr, rest
		}
	}
	// An unindexed reference is only a companion when an indexed one of the
	// same resource exists.
	indexed := map[string]bool{}
	for _, k := range order {
		if u := byInstance[k]; u.index != "" {
			indexed[u.base] = true
		}
	}
	for _, k := range order {
		u := byInstance[k]
		if u.index == "" && indexed[u.base] && u.attr == "" {
			continue
		}
		addr, problem := l.instance(u.base, u.index, sameKey, key)
		if problem != "" {
			return link{problem: problem}
		}
		tok, problem := l.token(addr, l.types[u.base], u.attr, u.rest)
		if problem != "" {
			return link{problem: problem}
		}
		add(tok)
	}
	for _, o := range outputs {
		mod := l.modules[o[0]]
		if mod == nil {
			return link{problem: "the plan does not record " + o[0]}
		}
		if c := l.calls[o[0]]; c != nil && (len(c.CountExpression) > 0 || len(c.ForEachExpression) > 0) {
			return link{problem: "it is read from " + o[0] + ", a module called with count or for_each"}
		}
		oc, ok := mod.Outputs[o[1]]
		if !ok {
			return link{problem: "the plan does not record the output " + o[0] + "." + o[1]}
		}
		var e expression
		if json.Unmarshal(oc.Expression, &e) != nil {
			return link{problem: "the output " + o[0] + "." + o[1] + " cannot be read"}
		}
		sub := l.resolve(e.References, o[0], nil, depth+1)
		if sub.problem != "" {
			if all, ok := l.everyInstanceIn(o[0], "output."+o[1], "value", e.References); ok {
				sub = all
			}
		}
		if sub.problem != "" {
			return sub
		}
		for _, t := range sub.tokens {
			add(t)
		}
	}
	return out
}

// everyInstanceIn settles, from the code beside the plan, the argument arg
// of the block at addr in the module at modPath when its expression lists
// one attribute of every instance of a resource (see everyInstance in
// code.go), and refs, the plan's references of it, name that resource: the
// tokens of all the resource's instances in the plan.
func (l *linker) everyInstanceIn(modPath, addr, arg string, refs []string) (link, bool) {
	c, ok := l.code[join(modPath, addr)]
	if !ok || c.attrs[arg] == nil {
		return link{}, false
	}
	res, attr, ok := everyInstance(c.attrs[arg].Expr)
	if !ok || !slices.Contains(refs, res) {
		return link{}, false
	}
	base := join(modPath, res)
	insts := l.instances[base]
	if len(insts) == 0 {
		return link{}, false
	}
	out := link{}
	for _, a := range insts {
		tok, problem := l.token(a, l.types[base], attr, false)
		if problem != "" {
			return link{problem: problem}, true
		}
		out.tokens = append(out.tokens, tok)
	}
	return out, true
}

// instance picks the one instance of base that a reference names: the
// given index, the only instance of a resource without count or for_each,
// or (through count.index or each.key) the instance with the referencing
// instance's own key. Anything else could name several instances.
func (l *linker) instance(base, index string, sameKey bool, key any) (string, string) {
	insts := l.instances[base]
	if index != "" {
		for _, a := range insts {
			if a == base+index {
				return a, ""
			}
		}
		return "", base + index + " is not in the plan"
	}
	if len(insts) == 1 && insts[0] == base {
		return base, ""
	}
	if sameKey && key != nil {
		want := base + keySuffix(key)
		for _, a := range insts {
			if a == want {
				return a, ""
			}
		}
		return "", want + " is not in the plan"
	}
	if len(insts) == 0 {
		return "", base + " is not in the plan"
	}
	return "", fmt.Sprintf("the reference to %s could name any of its %d instances", base, len(insts))
}

// token is the value a reference to attr of the instance at addr has
// before apply: its identity token for id, arn and the identity attributes,
// the token of an implicit object for a VPC's main route table and
// defaults. A bare reference (Terraform records none for
// `x[count.index].id`) reads an identity.
func (l *linker) token(addr, typ, attr string, rest bool) (string, string) {
	if attr == "" || (!rest && (attr == "id" || attr == "arn")) {
		return model.Token(addr), ""
	}
	if !rest {
		if eval.IdentityAttribute(typ, attr) {
			return model.Token(addr), ""
		}
		if address, ok := eval.ImplicitVPCObject(addr, attr); ok && typ == "aws_vpc" {
			return model.Token(address), ""
		}
	}
	return "", addr + "." + attr + " is known only after apply"
}

// keySuffix renders an instance key as an address suffix.
func keySuffix(key any) string {
	switch k := key.(type) {
	case json.Number:
		return "[" + k.String() + "]"
	case float64:
		return fmt.Sprintf("[%d]", int64(k))
	case string:
		b, _ := json.Marshal(k)
		return "[" + string(b) + "]"
	}
	return ""
}

// split splits a reference at the dots outside brackets and quotes.
func split(ref string) []string {
	var parts []string
	depth, start := 0, 0
	inString := false
	for i := 0; i < len(ref); i++ {
		switch c := ref[i]; {
		case c == '"' && (i == 0 || ref[i-1] != '\\'):
			inString = !inString
		case inString:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			parts = append(parts, ref[start:i])
			start = i + 1
		}
	}
	return append(parts, ref[start:])
}

func stripIndex(s string) string {
	if i := strings.IndexByte(s, '['); i >= 0 {
		return s[:i]
	}
	return s
}

func indexOf(s string) string {
	if i := strings.IndexByte(s, '['); i >= 0 {
		return s[i:]
	}
	return ""
}

// join prefixes addr with the module path.
func join(modPath, addr string) string {
	if modPath == "" {
		return addr
	}
	return modPath + "." + addr
}

// parentOf is the module path of the module that calls modPath.
func parentOf(modPath string) string {
	i := strings.LastIndex(modPath, ".module.")
	if i < 0 {
		return ""
	}
	return modPath[:i]
}

// moduleOf is the module path of a resource instance address.
func moduleOf(addr string) string {
	parts := split(addr)
	var mod []string
	for i := 0; i+1 < len(parts) && parts[i] == "module"; i += 2 {
		mod = append(mod, "module", parts[i+1])
	}
	return strings.Join(mod, ".")
}

// baseOf strips the instance key of a resource instance address.
func baseOf(addr string) string {
	if strings.HasSuffix(addr, "]") {
		parts := split(addr)
		parts[len(parts)-1] = stripIndex(parts[len(parts)-1])
		return strings.Join(parts, ".")
	}
	return addr
}

// configAddr strips every instance key of an address, module keys too.
func configAddr(addr string) string {
	parts := split(addr)
	for i := range parts {
		parts[i] = stripIndex(parts[i])
	}
	return strings.Join(parts, ".")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
