// Package suppress reads the suppressions users write in their code: the
// `daslint:ignore` comment directive of Terraform files and the
// `Metadata.daslint.ignore` entries of CloudFormation resources. It holds
// the syntax shared by both front ends, so that a reason is required and a
// date is read the same way wherever a suppression is written.
package suppress

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Directive is the word that starts a suppression comment.
const Directive = "daslint:ignore"

// DateLayout is how an `until` date is written: an ISO 8601 calendar date.
const DateLayout = "2006-01-02"

// ruleID is what a rule ID looks like (DAS001, DAS101).
var ruleID = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Z]{2,}[0-9]{3}$`)
})

// Entry is one parsed suppression, before it is attached to a resource.
type Entry struct {
	Rules  []string
	Reason string
	Until  string
}

// ParseComment reads a comment's text (with its `#`, `//` or `/* */`
// markers). ok is false when the comment is no directive at all; err says
// what is wrong with one that is malformed (no rule, no reason, a bad date).
//
// The syntax is `daslint:ignore RULE[,RULE...] [until=YYYY-MM-DD] REASON...`;
// `until=` may stand anywhere after the rules.
func ParseComment(text string) (e Entry, ok bool, err error) {
	body := strings.TrimSpace(commentBody(text))
	rest, found := strings.CutPrefix(body, Directive)
	if !found || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return Entry{}, false, nil
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return Entry{}, true, fmt.Errorf("%s needs a rule and a reason: `# %s DAS001 <why the finding is accepted>`", Directive, Directive)
	}
	rules, err := ParseRules(fields[0])
	if err != nil {
		return Entry{}, true, err
	}
	e.Rules = rules
	var reason []string
	for _, f := range fields[1:] {
		if v, isUntil := strings.CutPrefix(f, "until="); isUntil {
			if e.Until, err = ParseDate(v); err != nil {
				return Entry{}, true, err
			}
			continue
		}
		reason = append(reason, f)
	}
	e.Reason = strings.Join(reason, " ")
	if e.Reason == "" {
		return Entry{}, true, fmt.Errorf("%s %s has no reason: say why the finding is accepted, after the rule", Directive, fields[0])
	}
	return e, true, nil
}

// commentBody strips the comment markers of HCL comments.
func commentBody(text string) string {
	text = strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(text, "#"):
		return text[1:]
	case strings.HasPrefix(text, "//"):
		return text[2:]
	case strings.HasPrefix(text, "/*"):
		return strings.TrimSuffix(text[2:], "*/")
	}
	return text
}

// ParseRules reads a comma-separated list of rule IDs.
func ParseRules(s string) ([]string, error) {
	var out []string
	for _, r := range strings.Split(s, ",") {
		if !ruleID().MatchString(r) {
			return nil, fmt.Errorf("%q is not a rule ID (such as DAS001)", r)
		}
		out = append(out, r)
	}
	return out, nil
}

// ParseDate checks an `until` date and returns it in DateLayout, so that
// dates compare as strings.
func ParseDate(s string) (string, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return "", fmt.Errorf("until %q is not a date: write YYYY-MM-DD", s)
	}
	return t.Format(DateLayout), nil
}
