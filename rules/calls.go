package rules

import (
	"strings"

	"github.com/daslint/daslint/model"
)

// Call is one step of the way from a root to a declaration: a module call
// (Terraform) or an AWS::CloudFormation::Stack resource (CloudFormation).
type Call struct {
	// Address is the address of the module instance or nested stack that
	// the call creates, as the subject's address spells it:
	// `module.aurora`, `module.aurora.module.db["x"]`, `Database`,
	// `Database/Inner`. It is empty when the subject's address does not
	// tell (it never guesses).
	Address string
	// Range is the call's declaration: the module block, the stack
	// resource.
	Range model.Range
}

// CallChain returns the calls through which o was reached, outermost
// first, each named after the module instance or nested stack it creates.
// The names come from o's address, which holds one module step (Terraform:
// `module.NAME` with an optional index or key) or one stack prefix
// (CloudFormation: `Parent/`) per call; when the count disagrees with
// o.Callers the names are left empty.
func CallChain(src model.Source, o *model.Origin) []Call {
	if len(o.Callers) == 0 {
		return nil
	}
	var names []string
	switch src {
	case model.CloudFormation:
		names = stackPrefixes(o.Address)
	default:
		names = modulePrefixes(o.Address)
	}
	if len(names) != len(o.Callers) {
		names = nil
	}
	out := make([]Call, len(o.Callers))
	for i, r := range o.Callers {
		out[i].Range = r
		if names != nil {
			out[i].Address = names[i]
		}
	}
	return out
}

// stackPrefixes returns the nested stacks of a CloudFormation address,
// outermost first: `A/B/Cluster` gives `A`, `A/B`.
func stackPrefixes(addr string) []string {
	var out []string
	for i := 0; i < len(addr); i++ {
		if addr[i] == '/' {
			out = append(out, addr[:i])
		}
	}
	return out
}

// modulePrefixes returns the module instances of a Terraform address,
// outermost first: `module.a[0].module.b["x.y"].aws_rds_cluster.this`
// gives `module.a[0]`, `module.a[0].module.b["x.y"]`. An index or key may
// hold dots and quoted brackets, so it is skipped as a whole.
func modulePrefixes(addr string) []string {
	var out []string
	rest := addr
	for strings.HasPrefix(rest, "module.") {
		i := len("module.")
		for i < len(rest) && rest[i] != '.' && rest[i] != '[' {
			i++
		}
		if i < len(rest) && rest[i] == '[' {
			end := indexEnd(rest, i)
			if end < 0 {
				return nil
			}
			i = end + 1
		}
		if i >= len(rest) || rest[i] != '.' {
			// A module address with nothing declared in it.
			return nil
		}
		out = append(out, addr[:len(addr)-len(rest)+i])
		rest = rest[i+1:]
	}
	return out
}

// indexEnd returns the index of the `]` that closes the `[` at s[open],
// skipping a quoted key with its escapes, or -1.
func indexEnd(s string, open int) int {
	quoted := false
	for i := open + 1; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == ']':
			return i
		}
	}
	return -1
}
