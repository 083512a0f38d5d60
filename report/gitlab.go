package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"slices"
	"strconv"
)

// GitLab writes r as a GitLab Code Quality report
// (artifacts:reports:codequality), which GitLab shows in the merge
// request widget and, from Premium on, in the diff and the pipeline. The
// format is a JSON array of issues, the subset of the Code Climate spec
// that "Code Quality report format" (docs.gitlab.com/ci/testing/code_quality/)
// lists:
//
//   - one issue per finding that counts (neither suppressed nor in the
//     baseline, as the GitHub annotations), and one per input problem;
//   - check_name the rule ("DAS001"), or "daslint-input" for an input
//     problem; description the message, with the chain of calls when the
//     cluster was reached through modules; content.body the message, the
//     other sources, the fix and the rule's page in Markdown; categories
//     ["Security"] for a finding (the rules are security rules), ["Bug
//     Risk"] for an input problem;
//   - severity from the severity: error is major, warning minor, anything
//     else info;
//   - location.path and location.lines at the finding's primary location
//     (Finding.Primary: the place the user edits), or the input problem's
//     file and line (1 when the problem concerns a whole file). Every path,
//     in messages' chains too, is relative to the source root
//     (r.SourceRoot, the top of the repository, as SARIF's), since GitLab
//     resolves them from the project root; a file outside it is absolute.
//     A local module above the working directory is then code the user
//     edits;
//   - fingerprint the finding's fingerprint (Finding.Fingerprint, which
//     holds no line), or for an input problem a SHA-256 of its file and
//     message. GitLab tells new issues from old by it and shows only one
//     issue of a fingerprint, so a repeated one (a module that two roots
//     call) is hashed again with its rank.
//
// The same input gives the same bytes. It normalizes r first.
func GitLab(w io.Writer, r *Report) error {
	r.Normalize()
	paths := rootPaths{root: r.SourceRoot, wd: r.WorkDir}
	issues := []gitlabIssue{}
	seen := map[string]int{}
	add := func(is gitlabIssue) {
		seen[is.Fingerprint]++
		if n := seen[is.Fingerprint]; n > 1 {
			is.Fingerprint = hash(is.Fingerprint, strconv.Itoa(n))
		}
		issues = append(issues, is)
	}
	for _, f := range r.Findings {
		if f.Counts() {
			add(findingIssue(f, paths))
		}
	}
	for _, e := range r.Errors {
		add(errorIssue(e, paths))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(issues); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// gitlabIssue is one issue of a Code Quality report; field order is the
// JSON order.
type gitlabIssue struct {
	Type        string         `json:"type"`
	CheckName   string         `json:"check_name"`
	Description string         `json:"description"`
	Content     gitlabContent  `json:"content"`
	Categories  []string       `json:"categories"`
	Severity    string         `json:"severity"`
	Fingerprint string         `json:"fingerprint"`
	Location    gitlabLocation `json:"location"`
}

type gitlabContent struct {
	Body string `json:"body"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// InputCheckName is the check_name of an input problem in a GitLab Code
// Quality report.
const InputCheckName = "daslint-input"

func findingIssue(f Finding, paths rootPaths) gitlabIssue {
	// Paths relative to the repository root first: the primary location
	// is the innermost place the user edits, and a local module above the
	// working directory (../modules/db) is one.
	f.File = paths.rel(f.File)
	f.Callers = slices.Clone(f.Callers)
	for i := range f.Callers {
		f.Callers[i].File = paths.rel(f.Callers[i].File)
	}
	desc := f.Message
	if chain := chainSentence(f); chain != "" {
		desc += "\n" + chain
	}
	body := desc
	if from := sourcesSentence(f); from != "" {
		body += "\n\n" + from
	}
	if f.Remediation != "" {
		body += "\n\n**Fix:** " + f.Remediation
	}
	body += "\n\nSee [" + f.Rule + "](" + Rule{ID: f.Rule}.HelpURI() + ")."
	at := paths.primary(f)
	fp := f.Fingerprint
	if fp == "" {
		fp = hash(f.Rule, f.File, f.Resource)
	}
	return gitlabIssue{
		Type: "issue", CheckName: f.Rule, Description: desc, Content: gitlabContent{Body: body},
		Categories: []string{"Security"}, Severity: gitlabSeverity(f.Severity), Fingerprint: fp,
		Location: gitlabLocation{Path: at.File, Lines: gitlabLines{Begin: max(at.Line, 1), End: endLine(at.Line, at.EndLine)}},
	}
}

func errorIssue(e Error, paths rootPaths) gitlabIssue {
	file := paths.rel(e.File)
	return gitlabIssue{
		Type: "issue", CheckName: InputCheckName, Description: e.Message,
		Content:    gitlabContent{Body: position(file, e.Line, e.Column) + ": " + e.Message},
		Categories: []string{"Bug Risk"}, Severity: gitlabSeverity(e.Severity),
		// No line: the problem keeps its fingerprint when code moves.
		Fingerprint: hash(InputCheckName, file, e.Severity, e.Message),
		Location:    gitlabLocation{Path: file, Lines: gitlabLines{Begin: max(e.Line, 1)}},
	}
}

// gitlabSeverity maps a severity to one of GitLab's: info, minor, major,
// critical, blocker.
func gitlabSeverity(severity string) string {
	switch severity {
	case "error":
		return "major"
	case "warning":
		return "minor"
	default:
		return "info"
	}
}

// endLine is the last line of a range that spans more than one line, else
// 0 (left out).
func endLine(line, end int) int {
	if line <= 0 || end <= line {
		return 0
	}
	return end
}

// hash is the hex SHA-256 of parts, each ended by a NUL so that no two
// lists of parts run together the same way.
func hash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
