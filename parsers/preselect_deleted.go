package parsers

import (
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/daslint/daslint/parsers/terraform/eval"
	"github.com/daslint/daslint/parsers/tfplan"
)

// Deleted files in the pre-selection (preselect.go). A changed file that
// no longer exists was read, before the commit, by roots that cannot say
// so any more: touches matches the files a root reads now. So the roots
// that the pre-selection selects for the deleted files alone are
// reported whatever touches says (preselect's keep), and the rules must
// hold for what the file was, not what it is:
//   - A deleted Terraform file may have declared its root's backend: the
//     roots that read any remote state are selected, unless what it held
//     (Options.Former) declares no terraform block and its directory is
//     still a root, whose backend is then the one it had.
//   - It may have called local modules, which are now roots of their own:
//     those its former text names are selected (a Terragrunt unit's
//     source likewise).
//   - A deleted JSON file selects every root, and a deleted template
//     candidate every template, unless its former text shows it was no
//     AWS facts, state, plan or template (package-lock.json).
//
// Without Options.Former (no git history), a deleted file is assumed to
// have been anything its name allows.

// deleted returns the changed files that no longer exist.
func (p *preselection) deleted() []string {
	var out []string
	for _, f := range p.changed {
		if !exists(f) {
			out = append(out, f)
		}
	}
	return out
}

// only returns a pre-selection of the same run for the changed files
// changed, which shares p's scans.
func (p *preselection) only(changed []string) *preselection {
	q := *p
	q.setChanged(changed)
	return &q
}

// former returns what the deleted file f (absolute) held, when
// Options.Former knows.
func (p *preselection) former(f string) ([]byte, bool) {
	if p.opts.Former == nil {
		return nil, false
	}
	if t, ok := p.formers[f]; ok {
		return t.data, t.ok
	}
	given, ok := p.given[f]
	if !ok {
		given = f
	}
	var t formerText
	t.data, t.ok = p.opts.Former(given)
	p.formers[f] = t
	return t.data, t.ok
}

// formerText is what Options.Former said of a file.
type formerText struct {
	data []byte
	ok   bool
}

// wasWorld reports whether the deleted file f may have been AWS facts, a
// Terraform state or a plan.
func (p *preselection) wasWorld(f string) bool {
	data, ok := p.former(f)
	if !ok || strings.EqualFold(filepath.Ext(f), ".tfstate") {
		return true
	}
	return factsHead().Match(data) || tfplan.Claims(data) != tfplan.None
}

// wasTemplate reports whether the deleted file f may have been a
// template.
func (p *preselection) wasTemplate(f string) bool {
	data, ok := p.former(f)
	if !ok || p.opts.Templates == nil {
		return true
	}
	return p.opts.Templates.IsTemplate(f, data) || claimsTemplate(data)
}

// lostBackend reports whether a deleted Terraform file may have declared
// the backend of a root, which the scan then cannot name.
func (p *preselection) lostBackend() bool {
	var dirs map[string]bool // of the Terraform roots
	for _, f := range p.changed {
		if !isTerraformFile(filepath.Base(f)) || exists(f) {
			continue
		}
		data, ok := p.former(f)
		switch {
		case !ok && p.backendIn(filepath.Dir(f)):
			// Terraform allows one backend per module: the one its
			// other files declare is the one it had.
			continue
		case !ok || blockOf(data, "terraform") || strings.HasSuffix(f, ".json"):
			return true
		}
		if dirs == nil {
			dirs = map[string]bool{}
			for _, r := range p.roots {
				if r.kind == terraformRoot {
					dirs[p.abs(r.path)] = true
				}
			}
		}
		if !dirs[filepath.Dir(f)] {
			// Its directory was a root with the local backend: a local
			// state is any file.
			return true
		}
	}
	return false
}

// backendIn reports whether the Terraform files of dir declare a backend
// (or HCP Terraform) other than the local one.
func (p *preselection) backendIn(dir string) bool {
	b := eval.RootBackend(dir, p.boundary(dir), p.opts.MaxFileBytes)
	return b.Type != "" && b.Type != "local"
}

// boundary is the read boundary of the root in dir, or dir.
func (p *preselection) boundary(dir string) string {
	for _, r := range p.roots {
		if r.kind == terraformRoot && p.abs(r.path) == dir {
			return r.boundary
		}
	}
	return dir
}

// orphaned reports whether the Terraform module in dir (absolute) may
// have been called by a deleted file, so that it is now a root of its
// own.
func (p *preselection) orphaned(dir string) bool {
	if p.orphans == nil {
		p.orphans = map[string]bool{}
		for _, f := range p.changed {
			if exists(f) {
				continue
			}
			if data, ok := p.former(f); ok {
				for _, m := range formerModules(f, data) {
					p.orphans[m] = true
				}
			}
		}
	}
	if p.orphans[dir] {
		return true
	}
	for m := range p.orphans {
		// A source that starts with an interpolation is known by its
		// end only.
		if strings.HasPrefix(m, "*") && strings.HasSuffix(dir, m[1:]) {
			return true
		}
	}
	return false
}

// formerModules are the directories of the local modules that the text
// of a deleted Terraform file or Terragrunt configuration f calls, made
// absolute; one whose source starts with an interpolation
// (`${get_repo_root()}/modules//db`) is "*" and the path's end
// (`/modules/db`).
func formerModules(f string, data []byte) []string {
	dir := filepath.Dir(f)
	switch {
	case isTerraformFile(filepath.Base(f)):
		s := &dirScan{}
		if pf := parseTerraform(f, data); pf != nil {
			s.addBlocks(dir, pf.Body, true)
		}
		return s.modules
	case strings.HasSuffix(f, ".hcl"):
		// A unit's terraform source, `../../modules//db`: every string
		// that may be a local path, the `//` of a subdirectory joined.
		var out []string
		for _, m := range quoted().FindAllSubmatch(data, -1) {
			src := string(m[1])
			if strings.Contains(src, "::") || strings.Contains(src, "://") {
				continue // remote
			}
			end := strings.LastIndex(src, "}")
			rel := strings.ReplaceAll(src[end+1:], "//", "/")
			switch {
			case end >= 0 && strings.HasPrefix(rel, "/"):
				// Known by its end, after the last "..": the
				// interpolation may be any directory.
				tail := rel[strings.LastIndex(rel, "/..")+1:]
				tail = strings.TrimPrefix(strings.TrimPrefix(tail, ".."), "/")
				if tail = strings.Trim(path.Clean("/"+tail), "/"); tail != "" && tail != "." {
					out = append(out, "*"+string(filepath.Separator)+filepath.FromSlash(tail))
				}
			case end < 0 && (strings.HasPrefix(rel, "./") || strings.HasPrefix(rel, "../")):
				out = append(out, filepath.Clean(filepath.Join(dir, filepath.FromSlash(rel))))
			}
		}
		return out
	}
	return nil
}

// quoted matches a quoted string on one line.
var quoted = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"([^"\n]*)"`)
})
