package cloudformation

import (
	"fmt"
	"sort"
	"strings"

	"github.com/daslint/daslint/model"
)

// maxListedNames bounds how many names one summary lists.
const maxListedNames = 8

// generatedName gathers the references to one name that a template does
// not declare but that its Transform, a Rain directive or a module may
// generate.
type generatedName struct {
	name string
	// msg is the message of the first reference in the text.
	msg string
	at  map[model.Range]bool
}

// noteGenerated records a reference at n to name, which the template may
// generate; msg says what the reference is.
func (s *stack) noteGenerated(name, msg string, n *node) {
	if s.maybeGenerated == nil {
		s.maybeGenerated = map[string]*generatedName{}
	}
	g := s.maybeGenerated[name]
	at := s.rng(n)
	if g == nil {
		g = &generatedName{name: name, msg: msg, at: map[model.Range]bool{}}
		s.maybeGenerated[name] = g
	} else if first := g.first(); rangeBefore(at, first) {
		g.msg = msg
	}
	g.at[at] = true
}

// first is the earliest place of g in the text.
func (g *generatedName) first() model.Range {
	var out model.Range
	for r := range g.at {
		if out.File == "" || rangeBefore(r, out) {
			out = r
		}
	}
	return out
}

// reportGenerated adds one warning per template for the names it refers to
// and may generate: a SAM or macro template refers to what its Transform
// makes many times over, and each reference is no defect. The warning sits
// at the first reference and lists the names; their values are unknown.
func (s *stack) reportGenerated() {
	if len(s.maybeGenerated) == 0 {
		return
	}
	names := make([]*generatedName, 0, len(s.maybeGenerated))
	refs := 0
	for _, g := range s.maybeGenerated {
		names = append(names, g)
		refs += len(g.at)
	}
	sort.Slice(names, func(i, j int) bool { return rangeBefore(names[i].first(), names[j].first()) })
	at := names[0].first()
	if len(names) == 1 {
		more := ""
		if n := refs - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more %s)", n, plural(n, "reference", "references"))
		}
		s.ld.ds.Warnf(at, "%s%s", names[0].msg, more)
		return
	}
	listed := make([]string, 0, min(len(names), maxListedNames)+1)
	for _, g := range names[:min(len(names), maxListedNames)] {
		listed = append(listed, g.name)
	}
	if len(names) > maxListedNames {
		listed = append(listed, fmt.Sprintf("and %d more", len(names)-maxListedNames))
	}
	s.ld.ds.Warnf(at, "%d names this template refers to (%d references) are not declared in it: %s; %s may generate them, so their values are unknown",
		len(names), refs, strings.Join(listed, ", "), s.generatedBy)
}

// rangeBefore orders ranges by line, then column (one file).
func rangeBefore(a, b model.Range) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
