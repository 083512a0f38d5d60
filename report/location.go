package report

import (
	"fmt"
	"strings"
)

// A finding about a resource declared in a module has two kinds of place:
// the declaration (File, Line), and the calls that reached it (Callers).
// When the module was downloaded by terraform init, its file lies under
// .terraform/modules/, which is not in the repository: an annotation there
// lands nowhere on a pull request. The formats that annotate one place
// (SARIF, GitHub) therefore annotate the innermost place of the chain that
// the user edits, and cite the rest as related places; the others (text,
// Markdown, JSON) show the whole chain.
//
// The innermost, not the outermost: a resource in a local module
// (./modules/db, in the repository) is annotated where it is declared,
// since that is the line to change; a resource in a registry module called
// from a local module is annotated at the local module's call of it.

// Location is one place a format cites.
type Location struct {
	File    string
	Line    int
	EndLine int
	// Message says what the place is, for a related location.
	Message string
}

// Primary is where a format that annotates one place annotates f: the
// innermost place of its chain (its declaration, then its callers from
// the innermost outward) that the user edits (see Editable); when none is,
// the declaration.
func (f Finding) Primary() Location { return f.primary(Editable) }

// primary is Primary with editable telling the files the user edits.
func (f Finding) primary(editable func(file string) bool) Location {
	for _, l := range f.chain() {
		if editable(l.File) {
			return l
		}
	}
	return f.declaration()
}

// ChainLocations are the places of f's chain other than Primary, outermost
// first, each with a message that says what it is: the calls, then the
// declaration. Nil when f has no caller.
func (f Finding) ChainLocations() []Location { return f.chainLocations(f.Primary()) }

// chainLocations is ChainLocations with primary as the primary location.
func (f Finding) chainLocations(primary Location) []Location {
	if len(f.Callers) == 0 {
		return nil
	}
	chain := f.chain()
	var out []Location
	for i := len(chain) - 1; i >= 0; i-- {
		if l := chain[i]; l != primary {
			out = append(out, l)
		}
	}
	return out
}

// chain lists the declaration, then the callers from the innermost
// outward, with their messages.
func (f Finding) chain() []Location {
	out := []Location{f.declaration()}
	for i := len(f.Callers) - 1; i >= 0; i-- {
		c := f.Callers[i]
		msg := "a call on the way to " + f.Resource
		if c.Module != "" {
			msg = "creates " + c.Module + ", on the way to " + f.Resource
		}
		out = append(out, Location{File: c.File, Line: c.Line, Message: msg})
	}
	return out
}

func (f Finding) declaration() Location {
	return Location{File: f.File, Line: f.Line, EndLine: f.EndLine, Message: f.Resource + " is declared here"}
}

// downloaded are the directories where tools put code they fetch, which is
// not the user's to edit and is ignored by version control: Terraform's
// modules (terraform init) and Terragrunt's copies of them.
var downloaded = []string{".terraform", ".terragrunt-cache"}

// Editable reports whether a reported file is one the user edits in the
// repository: not in a directory that a tool downloads code into
// (.terraform/, .terragrunt-cache/), and below the directory it is
// relative to (relative, without a leading ../). The formats that annotate
// a place (SARIF, GitHub, GitLab) ask it of the file's path relative to the
// source root (Report.SourceRoot), so the place does not depend on the
// working directory.
func Editable(file string) bool {
	if file == "" || strings.HasPrefix(file, "/") || (len(file) > 1 && file[1] == ':') {
		return false
	}
	for _, part := range strings.Split(file, "/") {
		if part == ".." {
			return false
		}
		for _, d := range downloaded {
			if part == d {
				return false
			}
		}
	}
	return true
}

// callChain says how f's resource was reached, for the formats that show
// the chain in words: "module.aurora (main.tf:3) → module.aurora.module.db
// (modules/db/main.tf:7)". pos formats a position; empty without callers.
func callChain(f Finding, pos func(file string, line int) string) string {
	steps := make([]string, 0, len(f.Callers))
	for _, c := range f.Callers {
		name := c.Module
		if name == "" {
			name = "a call"
		}
		steps = append(steps, fmt.Sprintf("%s (%s)", name, pos(c.File, c.Line)))
	}
	return strings.Join(steps, " → ")
}

// chainSentence is the sentence that the one-place formats (SARIF, GitHub)
// add to a finding with callers, so that the annotation, wherever it lands,
// says where the resource is and how it was reached.
func chainSentence(f Finding) string {
	return chainSentenceIn(f, func(file string) string { return file })
}

// chainSentenceIn is chainSentence with the files named by path(file).
func chainSentenceIn(f Finding, path func(file string) string) string {
	if len(f.Callers) == 0 {
		return ""
	}
	plain := func(file string, line int) string { return position(path(file), line, 0) }
	return fmt.Sprintf("Reached through %s; declared at %s.", callChain(f, plain), plain(f.File, f.Line))
}
