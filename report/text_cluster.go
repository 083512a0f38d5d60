package report

import (
	"fmt"
	"slices"
	"strings"
)

// A cluster with two instances in three subnets has six placements, and a
// large tree has thousands: printing each placement's chain makes a pass
// unreadable and buries a fail. So placements are grouped by what explains
// them, with the names of the instance and the subnet abstracted away
// (a reason that names the instance reads "each instance" in a group of
// several): a fail or unknown prints its broken links once per group, a pass
// prints one line per distinct route.

// placements is a group of placements that share their explanation.
type placements struct {
	members   []Instance // in report order; members[0] stands for all
	instances []string   // distinct instance IDs, in order
	subnets   []string   // distinct subnets, in order
}

// groupPlacements groups a cluster's placements by explanation key, the
// groups in the order of their first member.
func groupPlacements(ins []Instance, key func(Instance) string) []*placements {
	var out []*placements
	index := map[string]*placements{}
	for _, in := range ins {
		k := key(in)
		g := index[k]
		if g == nil {
			g = &placements{}
			index[k] = g
			out = append(out, g)
		}
		g.members = append(g.members, in)
		if !slices.Contains(g.instances, in.ID) {
			g.instances = append(g.instances, in.ID)
		}
		if !slices.Contains(g.subnets, in.Subnet) {
			g.subnets = append(g.subnets, in.Subnet)
		}
	}
	return out
}

// Placeholders that stand for the instance and the subnet in explanation
// keys.
const (
	instanceToken = "\x00instance\x00"
	subnetToken   = "\x00subnet\x00"
)

// abstract replaces the names of in's instance and subnet in s by the
// placeholders, so that placements that differ only by them compare equal.
func abstract(s string, in Instance) string {
	s = replaceName(s, in.ID, instanceToken)
	return replaceName(s, in.Subnet, subnetToken)
}

// brokenKey is the explanation of a fail or unknown placement.
func brokenKey(in Instance) string {
	var b strings.Builder
	b.WriteString(in.Verdict)
	for _, name := range brokenPaths(in) {
		br := in.Broken[name]
		fmt.Fprintf(&b, "\x01%s\x02%s\x02%s:%d\x02%s\x02%s", name, abstract(br.Link, in), br.File, br.Line, br.Status, abstract(br.Reason, in))
	}
	for _, u := range in.Unknowns {
		fmt.Fprintf(&b, "\x01%s\x02%s\x02%s:%d\x02%s:%d\x02%s", u.Kind, abstract(u.Reason, in), u.File, u.Line, u.UsedFile, u.UsedLine, abstract(u.Subject, in))
	}
	return b.String()
}

// routeKey is the explanation of a passing placement: its path and the
// resources of its witness, the placement's subnet abstracted.
func routeKey(in Instance) string {
	var b strings.Builder
	if in.Path != nil {
		b.WriteString(*in.Path)
	}
	for _, s := range route(in) {
		b.WriteString("\x01" + abstract(s, in))
	}
	return b.String()
}

// chainKey is the explanation of a passing placement in verbose output:
// every link of its witness with its position.
func chainKey(in Instance) string {
	var b strings.Builder
	if in.Path != nil {
		b.WriteString(*in.Path)
	}
	for _, l := range in.Witness {
		fmt.Fprintf(&b, "\x01%s\x02%s:%d", abstract(l.Text, in), l.File, l.Line)
	}
	return b.String()
}

// route is the compact witness: the resources the chain passes through or
// checks, each once, in chain order.
func route(in Instance) []string {
	var out []string
	for _, l := range in.Witness {
		s := l.Subject
		if s == "" {
			s = l.Text
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// routeSources are, for each step of route(in), the source of the first
// link on it, or nil for the linted root's own.
func routeSources(in Instance) []*Source {
	var out []*Source
	seen := map[string]bool{}
	for _, l := range in.Witness {
		s := l.Subject
		if s == "" {
			s = l.Text
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, l.Source)
		}
	}
	return out
}

// brokenPaths lists the paths with a broken link, sorted.
func brokenPaths(in Instance) []string {
	paths := make([]string, 0, len(in.Broken))
	for name := range in.Broken {
		paths = append(paths, name)
	}
	slices.Sort(paths)
	return paths
}

func (p *printer) cluster(c Cluster, findings []Finding) {
	head := fmt.Sprintf("%s %s  %s", p.mark(c.Verdict), p.style(ansiBold, c.ID), p.verdict(c.Verdict))
	if c.Path != nil {
		head += " via " + *c.Path
	}
	what := placementCount(c.Instances)
	if c.Unattached {
		what = "activity stream, its cluster not known"
	}
	at := fmt.Sprintf("line %d", c.Line)
	if c.From != nil {
		// A cluster joined from another source for the activity stream
		// at this line (docs/semantics.md#literal-ids-and-names).
		at += " (its activity stream)"
		what += "; the cluster: " + c.From.Describe()
	}
	p.line(1, "%s  %s", head, p.style(ansiDim, at+", "+what))
	for _, f := range findings {
		p.finding(2, f)
	}
	for _, u := range c.Unknowns {
		p.unknown(2, u, "", "", func(s string) string { return s })
	}
	var failing, passing []Instance
	for _, in := range c.Instances {
		if in.Verdict == VerdictPass {
			passing = append(passing, in)
		} else {
			failing = append(failing, in)
		}
	}
	// Placements with one outcome (fail, unknown, pass by one path) are
	// named once, then what explains each group of them: the instance
	// list is not repeated per subnet.
	for _, og := range groupPlacements(failing, func(in Instance) string { return in.Verdict }) {
		in := og.members[0]
		p.line(2, "%s %s: %s", p.mark(in.Verdict), og.names(p.opts.Verbose), in.Verdict)
		p.explained(og, brokenKey, p.failing)
	}
	key := routeKey
	if p.opts.Verbose {
		key = chainKey
	}
	for _, og := range groupPlacements(passing, pathOf) {
		via := ""
		if path := pathOf(og.members[0]); path != "" {
			via = " via " + path
		}
		p.line(2, "%s %s: pass%s", p.mark(VerdictPass), og.names(p.opts.Verbose), via)
		if p.opts.Verbose {
			p.explained(og, key, p.chain)
		} else {
			p.routes(og)
		}
	}
}

func pathOf(in Instance) string {
	if in.Path == nil {
		return ""
	}
	return *in.Path
}

// explained writes what explains the placements of og, grouped by key:
// one group directly below og's line, several each under a line that
// names its placements.
func (p *printer) explained(og *placements, key func(Instance) string, write func(indent int, g *placements)) {
	groups := groupPlacements(og.members, key)
	if len(groups) == 1 {
		write(3, groups[0])
		return
	}
	for _, g := range groups {
		p.line(3, "%s:", g.within(og, p.opts.Verbose))
		write(4, g)
	}
}

// within names g's placements as part of og: "in S1, S2" when they are
// every instance of og in those subnets, else all their names.
func (g *placements) within(og *placements, long bool) string {
	if len(g.members) == len(og.instances)*len(g.subnets) && len(g.instances) == len(og.instances) && g.subnets[0] != "" {
		return "in " + strings.Join(g.subnets, ", ")
	}
	return g.names(long)
}

// placementCount says how many placements a cluster has: "2 instances × 3
// subnets" when every instance may be in every subnet.
func placementCount(ins []Instance) string {
	g := groupPlacements(ins, func(Instance) string { return "" })
	switch {
	case len(g) == 0:
		return "no placement"
	case len(g[0].subnets) == 1 && g[0].subnets[0] == "":
		// Placements in a subnet that is not known (docs/semantics.md#three-valued-logic): the
		// verdict rests on the links that hold in every subnet.
		if where, ok := g[0].unknownSubnets(); ok {
			return plural(len(g[0].instances), "instance") + " in " + where
		}
		return plural(len(g[0].members), "placement") + " in unknown subnets"
	case len(g[0].members) == len(g[0].instances)*len(g[0].subnets):
		return plural(len(g[0].instances), "instance") + " × " + plural(len(g[0].subnets), "subnet")
	default:
		return plural(len(g[0].members), "placement")
	}
}

// names names the group's placements: "A, B in S" when they are every
// instance in every subnet, else each pair; with short, at most a few names
// of each.
func (g *placements) names(long bool) string {
	const few = 3
	list := func(xs []string) string {
		if long || len(xs) <= few {
			return strings.Join(xs, ", ")
		}
		return fmt.Sprintf("%s and %d more", strings.Join(xs[:few-1], ", "), len(xs)-few+1)
	}
	if where, ok := g.unknownSubnets(); ok {
		return list(g.instances) + " in " + where
	}
	if len(g.members) == len(g.instances)*len(g.subnets) {
		subnets := make([]string, len(g.subnets))
		for i, sn := range g.subnets {
			subnets[i] = subnetName(sn)
		}
		return list(g.instances) + " in " + list(subnets)
	}
	pairs := make([]string, len(g.members))
	for i, in := range g.members {
		pairs[i] = in.ID + " in " + subnetName(in.Subnet)
	}
	return list(pairs)
}

// unknownSubnets says where the group's placements are when no subnet of
// theirs is known (an empty subnet) and each instance has as many of
// them: "an unknown subnet", or "2 unknown subnets" for a DB subnet group
// of two subnet IDs outside the run. ok is false otherwise.
func (g *placements) unknownSubnets() (where string, ok bool) {
	if len(g.subnets) != 1 || g.subnets[0] != "" || len(g.members)%len(g.instances) != 0 {
		return "", false
	}
	if n := len(g.members) / len(g.instances); n > 1 {
		return fmt.Sprintf("%d unknown subnets", n), true
	}
	return "an unknown subnet", true
}

// subnetName is a placement's subnet as the reports name it.
func subnetName(subnet string) string {
	if subnet == "" {
		return "an unknown subnet"
	}
	return subnet
}

// concrete writes an explanation of the group's first member for the whole
// group: a name that differs within the group reads "each instance" or
// "each subnet".
func (g *placements) concrete(s string) string {
	in := g.members[0]
	if len(g.instances) > 1 {
		s = replaceName(s, in.ID, "each instance")
	}
	if len(g.subnets) > 1 {
		s = replaceName(s, in.Subnet, "each subnet")
	}
	return s
}

// failing writes, as a tree, the first broken link of each path of the
// group, then its unresolved values.
func (p *printer) failing(indent int, g *placements) {
	in := g.members[0]
	pad := strings.Repeat("  ", indent)
	paths := brokenPaths(in)
	n := len(paths) + len(in.Unknowns)
	for i, name := range paths {
		b := in.Broken[name]
		status := "broken"
		if b.Status == VerdictUnknown {
			status = "unknown"
		}
		branch, cont := treeBranch(i, n)
		p.emit(pad+branch, pad+cont+hanging, fmt.Sprintf("%s %s at %s%s  %s", name, status, g.concrete(b.Link), glued(sourceSuffixAt(b.From, b.File, b.Line)), p.pos(b.File, b.Line)))
		p.emit(pad+cont+"  ", pad+cont+"  ", g.concrete(b.Reason))
	}
	for i, u := range in.Unknowns {
		branch, cont := treeBranch(len(paths)+i, n)
		p.unknown(indent, u, branch, cont, g.concrete)
	}
}

// routes writes the distinct routes of the passing placements of og, one
// line each: the resources its witness passes through or checks, subnets
// that share a route joined in {...}; the placements a route carries are
// named below it when they are not every instance of og.
func (p *printer) routes(og *placements) {
	groups := groupPlacements(og.members, routeKey)
	pad := strings.Repeat("  ", 3)
	for i, g := range groups {
		in := g.members[0]
		steps := route(in)
		sources := routeSources(in)
		for i := range steps {
			steps[i] += glued(sourceSuffixFor(sources[i], steps[i]))
		}
		if len(g.subnets) > 1 && len(steps) > 0 && route(in)[0] == in.Subnet {
			steps[0] = "{" + strings.Join(g.subnets, ", ") + "}"
		}
		branch, cont := treeBranch(i, len(groups))
		// An arrow ends a line rather than starts one.
		p.emit(pad+branch, pad+cont+hanging, strings.Join(steps, keep+"→ "))
		if len(g.instances) < len(og.instances) || len(g.members) < len(g.instances)*len(g.subnets) {
			p.emit(pad+cont+"  ", pad+cont+"  "+hanging, p.style(ansiDim, "for "+g.names(false)))
		}
	}
}

// chain writes the full witness of the group's first placement, link by
// link with its position (--verbose).
func (p *printer) chain(indent int, g *placements) {
	in := g.members[0]
	pad := strings.Repeat("  ", indent)
	for i, l := range in.Witness {
		branch, cont := treeBranch(i, len(in.Witness))
		p.emit(pad+branch, pad+cont+hanging, fmt.Sprintf("%s%s  %s", g.concrete(l.Text), glued(sourceSuffixAt(l.Source, l.File, l.Line)), p.pos(l.File, l.Line)))
	}
}

// glued keeps a source suffix such as " (from network/main.tf:58)" whole
// on a line: a line breaks only between the steps of a chain of calls
// that may follow (", through ...").
func glued(suffix string) string {
	if suffix == "" {
		return ""
	}
	head, chain, ok := strings.Cut(suffix[1:], ", through ")
	s := " " + strings.ReplaceAll(head, " ", keep)
	if ok {
		s += ", through " + chain
	}
	return s
}

// treeBranch is the prefix of item i of n in an indented tree, and the
// prefix of the lines that continue it.
func treeBranch(i, n int) (branch, cont string) {
	if i == n-1 {
		return "└─ ", "   "
	}
	return "├─ ", "│  "
}

// unknown prints an unresolved value: why, where it comes from and where it
// is used; branch and cont are its tree prefixes ("" outside a tree),
// concrete writes its reason for the group it explains.
func (p *printer) unknown(indent int, u Unknown, branch, cont string, concrete func(string) string) {
	text := fmt.Sprintf("? %s (%s, %s)", concrete(u.Reason), u.Kind, p.pos(u.File, u.Line))
	if u.UsedFile != "" && (u.UsedFile != u.File || u.UsedLine != u.Line) {
		text += ", used at " + p.pos(u.UsedFile, u.UsedLine)
	}
	pad := strings.Repeat("  ", indent)
	p.emit(pad+branch, pad+cont+hanging, text)
}

// replaceName replaces the whole-word occurrences of name in s: name is an
// address such as aws_subnet.a, which must not match inside aws_subnet.ab or
// aws_subnet.a[0].
func replaceName(s, name, with string) string {
	if name == "" || !strings.Contains(s, name) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, name)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(name)
		if (i > 0 && addressByte(s[i-1])) || (end < len(s) && addressByte(s[end]) && !sentenceEnd(s, end)) {
			b.WriteString(s[:end])
		} else {
			b.WriteString(s[:i] + with)
		}
		s = s[end:]
	}
}

// addressByte reports whether c can continue an address.
func addressByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c == '[' || c == '"' || c == ':' || c == '/' ||
		('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// sentenceEnd reports whether s[i] is punctuation that ends the word
// (a period or colon followed by a space or the end) rather than continues
// an address.
func sentenceEnd(s string, i int) bool {
	return (s[i] == '.' || s[i] == ':') && (i+1 == len(s) || s[i+1] == ' ')
}
