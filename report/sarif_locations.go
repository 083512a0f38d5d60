package report

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/daslint/daslint/report/internal/sarif"
)

// srcRoot is the uriBaseId of relative file URIs: the root of the source
// tree, which consumers such as GitHub code scanning resolve to the
// repository's root.
const srcRoot = "%SRCROOT%"

// maxRelated caps the related locations of one result; GitHub code
// scanning accepts at most 1,000, and a few dozen already say everything.
const maxRelated = 100

// location is a SARIF location in file (a path of the report's) at line
// (to endLine when it spans more), with an optional message; nil when file
// is empty. Columns are left out: the parsers count them in different
// units.
func (s *sarifRun) location(file string, line, endLine int, message string) *sarif.Location {
	if file == "" {
		return nil
	}
	uri, base := fileURI(s.paths.rel(file))
	if base != "" {
		s.usesRoot = true
	}
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewArtifactLocation(uri, base).WithIndex(s.artifact(uri, base)))
	if line > 0 {
		pl.WithRegion(sarif.NewRegion(line, endLine))
	}
	loc := sarif.NewLocationWithPhysicalLocation(pl)
	if message != "" {
		loc.WithMessage(sarif.NewTextMessage(message))
	}
	return loc
}

// artifact returns the index of uri in run.artifacts, adding it first.
func (s *sarifRun) artifact(uri, base string) int {
	if i, ok := s.artifacts[uri]; ok {
		return i
	}
	s.run.AddArtifact(sarif.NewArtifact(sarif.NewArtifactLocation(uri, base)))
	i := len(s.run.Artifacts) - 1
	s.artifacts[uri] = i
	return i
}

// fileURI turns a path relative to the source root, or absolute, with /
// separators, into a URI reference and its base: a relative reference
// against %SRCROOT%, or an absolute file URI.
func fileURI(file string) (uri, base string) {
	if isName(file) {
		// Standard input: no file of the source tree, nor of any other.
		return (&url.URL{Path: file}).EscapedPath(), ""
	}
	if isAbs(file) {
		p := file
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/...
		}
		return (&url.URL{Scheme: "file", Path: p}).String(), ""
	}
	uri = (&url.URL{Path: path.Clean(file)}).EscapedPath()
	if first, _, _ := strings.Cut(uri, "/"); strings.Contains(first, ":") {
		// "a:b.yaml" would read as a URI of scheme "a" (RFC 3986 §4.2).
		uri = "./" + uri
	}
	return uri, srcRoot
}

// isAbs reports whether a reported path (with / separators) is absolute,
// on any system: /x, or a Windows drive path C:/x.
func isAbs(file string) bool {
	return strings.HasPrefix(file, "/") || (len(file) > 1 && file[1] == ':')
}

// isName reports whether a reported file is a name in angle brackets
// rather than a path: <stdin>, standard input.
func isName(file string) bool {
	return strings.HasPrefix(file, "<") && strings.HasSuffix(file, ">")
}

// rootPaths turns the report's paths, relative to the working directory
// wd or absolute, into paths relative to the source root: the same from
// any working directory. A path outside the root stays absolute. With no
// root, paths are left as they are (relative to the working directory).
type rootPaths struct {
	root, wd string
}

// primary is where f is annotated in a format whose paths are relative to
// the root: its primary location, with the files the user edits judged by
// their paths from the root, so that a module outside the working
// directory but inside the repository still counts as the user's code.
func (p rootPaths) primary(f Finding) Location {
	return f.primary(func(file string) bool { return Editable(p.rel(file)) })
}

// rel is file relative to the root, with / separators, or absolute.
func (p rootPaths) rel(file string) string {
	if p.root == "" || file == "" || isName(file) {
		return file
	}
	abs := filepath.FromSlash(file)
	if !isAbs(file) {
		abs = filepath.Join(p.wd, abs)
	}
	r, err := filepath.Rel(p.root, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// relatedLocation is one place that explains a finding.
type relatedLocation struct {
	file    string
	line    int
	message string
}

// related lists what explains f, in a stable order without repeats: the
// places of its chain of calls other than the primary location
// (Finding.ChainLocations), then for each placement of its cluster that does not pass, the first broken link
// of each path (docs/semantics.md#what-a-verdict-explains: a fail names the first link that breaks on each
// of the three paths), then every unresolved value with where it comes
// from, then where each link settled through another source came from. A
// finding whose cluster is not in the report falls back to the
// links its message cites.
func (s *sarifRun) related(f Finding, primary Location) []relatedLocation {
	var out []relatedLocation
	seen := map[relatedLocation]bool{}
	add := func(rl relatedLocation) {
		if rl.file == "" || seen[rl] || len(out) == maxRelated {
			return
		}
		seen[rl] = true
		out = append(out, rl)
	}
	for _, l := range f.chainLocations(primary) {
		add(relatedLocation{l.File, l.Line, l.Message})
	}
	c := s.clusters[clusterKey{f.Resource, f.File, f.Line}]
	if c == nil {
		for _, l := range f.Related {
			add(relatedLocation{l.File, l.Line, l.Text})
		}
		return out
	}
	for _, in := range c.Instances {
		if in.Verdict == VerdictPass {
			continue
		}
		for _, p := range pathOrder(in.Broken) {
			b := in.Broken[p]
			// The call in the other root (what the user edits) before
			// the shared module's declaration (docs/semantics.md#where-a-run-starts-does-not-matter).
			for _, rl := range s.callerLocations(b.Link, b.From) {
				add(rl)
			}
			add(relatedLocation{b.File, b.Line, s.brokenMessage(p, b)})
		}
	}
	for _, u := range c.Unknowns {
		add(unknownLocation(u))
	}
	for _, in := range c.Instances {
		if in.Verdict == VerdictPass {
			continue
		}
		for _, u := range in.Unknowns {
			add(unknownLocation(u))
		}
	}
	// Last, where the links that another source settled came from
	// (docs/semantics.md#where-a-link-came-from): those that held before each break (a broken link's own
	// message names its source), and the witnesses of the placements
	// that pass.
	for _, in := range c.Instances {
		for _, p := range pathOrder(in.Broken) {
			for _, l := range in.Held[p] {
				for _, rl := range s.callerLocations(l.Text, l.Source) {
					add(rl)
				}
				add(s.sourceLocation(l.Text, l.Source))
			}
		}
		for _, l := range in.Witness {
			for _, rl := range s.callerLocations(l.Text, l.Source) {
				add(rl)
			}
			add(s.sourceLocation(l.Text, l.Source))
		}
	}
	return out
}

// sourceLocation is where in another source the object of a link came
// from, with a message naming the source; empty (skipped) for a link of
// the linted root's own.
func (s *sarifRun) sourceLocation(link string, src *Source) relatedLocation {
	if src == nil {
		return relatedLocation{}
	}
	msg := fmt.Sprintf("%s comes from the %s %s", link, src.Noun(), s.paths.rel(src.File))
	if src.ID != "" {
		msg += " (" + src.ID + ")"
	}
	if len(src.Callers) > 0 {
		steps := make([]string, 0, len(src.Callers))
		for _, c := range src.Callers {
			c.File = s.paths.rel(c.File)
			steps = append(steps, callerText(c))
		}
		msg += ", through " + strings.Join(steps, " → ")
	}
	return relatedLocation{src.File, src.Line, msg}
}

// callerLocations are the module calls in another source through which the
// object of a link was reached, outermost first: in another root, the
// `module` blocks the user edits when the object is in a shared module.
func (s *sarifRun) callerLocations(link string, src *Source) []relatedLocation {
	if src == nil {
		return nil
	}
	out := make([]relatedLocation, 0, len(src.Callers))
	for _, c := range src.Callers {
		what := "a module call"
		if c.Module != "" {
			what = "creates " + c.Module
		}
		out = append(out, relatedLocation{c.File, c.Line, fmt.Sprintf("%s, in the %s that %s comes from", what, src.Noun(), link)})
	}
	return out
}

// pathOrder lists the paths of broken in the order of docs/semantics.md#the-three-paths (public, nat,
// kms-endpoint), then any other in name order.
func pathOrder(broken map[string]Broken) []string {
	known := []string{"public", "nat", "kms-endpoint"}
	var out []string
	for _, p := range known {
		if _, ok := broken[p]; ok {
			out = append(out, p)
		}
	}
	var rest []string
	for p := range broken {
		if !slices.Contains(known, p) {
			rest = append(rest, p)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func (s *sarifRun) brokenMessage(p string, b Broken) string {
	verb := "breaks"
	if b.Status == "unknown" {
		verb = "cannot be verified"
	}
	msg := fmt.Sprintf("%s path %s at %s", p, verb, b.Link)
	if b.Reason != "" {
		msg += ": " + b.Reason
	}
	if src := b.From; src != nil {
		msg += "; " + s.sourceLocation(b.Link, src).message
	}
	return msg
}

// unknownLocation is where an unresolved value comes from (else where it is
// used), with what it is.
func unknownLocation(u Unknown) relatedLocation {
	msg := "unresolved value"
	if u.Kind != "" {
		msg = "unresolved " + u.Kind
	}
	if u.Subject != "" {
		msg += " (" + u.Subject + ")"
	}
	if u.Reason != "" {
		msg += ": " + u.Reason
	}
	if u.File != "" {
		return relatedLocation{u.File, u.Line, msg}
	}
	return relatedLocation{u.UsedFile, u.UsedLine, msg}
}
