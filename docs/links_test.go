package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// repoRoot is the repository's top, seen from this package's directory.
const repoRoot = ".."

// TestRelativeLinks checks that every relative link in README.md and
// docs/**/*.md names a file or directory that exists and, when it has a
// #fragment, a heading of that page, with GitHub's anchor rules. A page
// that moves or a heading that is reworded breaks the test, not the reader.
func TestRelativeLinks(t *testing.T) {
	pages := markdownPages(t)
	anchors := map[string][]string{}
	anchorsOf := func(path string) []string {
		if a, ok := anchors[path]; ok {
			return a
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		anchors[path] = headingAnchors(string(b))
		return anchors[path]
	}
	checked := 0
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range links(string(b)) {
			target, frag, _ := strings.Cut(l.target, "#")
			if isExternal(target) {
				continue
			}
			checked++
			dest := page
			if target != "" {
				dest = filepath.Join(filepath.Dir(page), filepath.FromSlash(target))
				if _, err := os.Stat(dest); err != nil {
					t.Errorf("%s:%d: link %q: %s does not exist", rel(page), l.line, l.target, rel(dest))
					continue
				}
			}
			if frag == "" || !strings.HasSuffix(dest, ".md") {
				continue
			}
			if !slices.Contains(anchorsOf(dest), frag) {
				t.Errorf("%s:%d: link %q: %s has no heading with anchor #%s", rel(page), l.line, l.target, rel(dest), frag)
			}
		}
	}
	if checked < 50 {
		t.Errorf("checked %d relative links, want at least 50: is the link pattern still right?", checked)
	}
}

// markdownPages lists README.md and every page under docs/.
func markdownPages(t *testing.T) []string {
	t.Helper()
	pages := []string{filepath.Join(repoRoot, "README.md")}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			pages = append(pages, filepath.Join(repoRoot, "docs", path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func rel(path string) string {
	if r, err := filepath.Rel(repoRoot, path); err == nil {
		return filepath.ToSlash(r)
	}
	return path
}

func isExternal(target string) bool {
	return strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:")
}

type link struct {
	target string
	line   int
}

var (
	// inlineLink matches [text](target) and ![alt](target), target up to
	// the first space (a title may follow) or the closing parenthesis.
	inlineLink = regexp.MustCompile(`\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	codeSpan   = regexp.MustCompile("`+[^`]*`+")
	fence      = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	atxHeading = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	htmlAnchor = regexp.MustCompile(`<a\s+(?:name|id)="([^"]+)"`)
	linkText   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// lines yields the lines of a markdown page that are outside fenced code
// blocks, with their numbers.
func lines(page string, yield func(n int, line string)) {
	inFence := ""
	for i, line := range strings.Split(page, "\n") {
		if m := fence.FindStringSubmatch(line); m != nil {
			switch inFence {
			case "":
				inFence = m[1]
			case m[1]:
				inFence = ""
			}
			continue
		}
		if inFence == "" {
			yield(i+1, line)
		}
	}
}

// links returns the inline links of a page, outside code.
func links(page string) []link {
	var out []link
	lines(page, func(n int, line string) {
		line = codeSpan.ReplaceAllString(line, "")
		for _, m := range inlineLink.FindAllStringSubmatch(line, -1) {
			out = append(out, link{target: m[1], line: n})
		}
	})
	return out
}

// headingAnchors returns the anchors GitHub gives a page's headings, in
// order, plus explicit <a name> / <a id> anchors.
func headingAnchors(page string) []string {
	var out []string
	seen := map[string]int{}
	lines(page, func(_ int, line string) {
		for _, m := range htmlAnchor.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
		m := atxHeading.FindStringSubmatch(line)
		if m == nil {
			return
		}
		s := slug(m[2])
		if k := seen[s]; k > 0 {
			out = append(out, s+"-"+strconv.Itoa(k))
		} else {
			out = append(out, s)
		}
		seen[s]++
	})
	return out
}

// slug is GitHub's anchor for a heading's text: the rendered text (link
// targets and markup dropped) in lower case, every character that is not
// a letter, a digit, a space, '-' or '_' removed, and spaces turned into
// '-'. A repeated slug gets -1, -2, ... (done by headingAnchors).
func slug(heading string) string {
	heading = linkText.ReplaceAllString(heading, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSlug(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"Choices where AWS documentation is silent", "choices-where-aws-documentation-is-silent"},
		{"`--all-clusters`", "--all-clusters"},
		{"CI: SARIF, GitHub annotations, GitHub Actions", "ci-sarif-github-annotations-github-actions"},
		{"Weak references: `Fn::GetStackOutput`", "weak-references-fngetstackoutput"},
		{"AWS facts: a live account, offline", "aws-facts-a-live-account-offline"},
		{"summary.errors", "summaryerrors"},
		{"See [the rules](rules/DAS001.md)", "see-the-rules"},
		{"❌ fail `aws_rds_cluster.main`", "-fail-aws_rds_clustermain"},
	}
	for _, tt := range tests {
		if got := slug(tt.heading); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.heading, got, tt.want)
		}
	}
}

func TestHeadingAnchors(t *testing.T) {
	page := "# Title\n\n## Notes\n\n```\n## not a heading\n```\n\n## Notes\n<a name=\"old-name\"></a>\n### A `code` heading ###\n"
	want := []string{"title", "notes", "notes-1", "old-name", "a-code-heading"}
	if got := headingAnchors(page); !slices.Equal(got, want) {
		t.Errorf("headingAnchors = %q, want %q", got, want)
	}
}

func TestLinks(t *testing.T) {
	page := "See [a](a.md#x), ![img](img/p.png \"title\") and `[not](code.md)`.\n```\n[no](fenced.md)\n```\n[b](<b c.md>) [ext](https://example.com/a)\n"
	var got []string
	for _, l := range links(page) {
		got = append(got, l.target+"@"+strconv.Itoa(l.line))
	}
	want := []string{"a.md#x@1", "img/p.png@1", "https://example.com/a@5"}
	if !slices.Equal(got, want) {
		t.Errorf("links = %q, want %q", got, want)
	}
}
