package report

import (
	"slices"
	"strings"
)

// Describe says in a few words where a link's object came from, for the
// witness in the text and Markdown formats and for SARIF's messages:
// "from network/main.tf:58" for another root's (or unit's, or stack's)
// code, "aws facts: facts/subnets.json subnet-0abc" for a snapshot, whose
// objects are told by their AWS ID rather than a line. Empty for nil.
func (s *Source) Describe() string {
	if s == nil {
		return ""
	}
	switch s.Kind {
	case SourceAWSFacts:
		return "aws facts: " + withID(s.File, s.ID)
	case SourceTFState:
		return "state: " + withID(s.File, s.ID)
	case SourceTFPlan:
		return "plan: " + withID(s.File, s.ID)
	case SourceTerragruntUnit:
		return "from unit " + s.through() + fileLine(s.File, s.Line)
	case SourceCloudFormationStack:
		return "from stack " + fileLine(s.File, s.Line)
	default:
		return "from " + s.through() + fileLine(s.File, s.Line)
	}
}

// through names the module calls of the source that reached the object,
// outermost (the place the user edits) first, each followed by " → ":
// "network/main.tf:10 module.vpc → ". Empty without callers.
func (s *Source) through() string {
	var b strings.Builder
	for _, c := range s.Callers {
		b.WriteString(callerText(c) + " → ")
	}
	return b.String()
}

// callerText is one call: "network/main.tf:10 module.vpc".
func callerText(c Caller) string {
	if c.Module == "" {
		return fileLine(c.File, c.Line)
	}
	return fileLine(c.File, c.Line) + " " + c.Module
}

// Noun names the kind of source, for messages: "Terraform root".
func (s *Source) Noun() string {
	switch s.Kind {
	case SourceAWSFacts:
		return "AWS facts"
	case SourceTFState:
		return "Terraform state"
	case SourceTFPlan:
		return "Terraform plan"
	case SourceTerragruntUnit:
		return "Terragrunt unit"
	case SourceCloudFormationStack:
		return "CloudFormation stack"
	case SourceTerraformRoot:
		return "Terraform root"
	default:
		return s.Kind
	}
}

func withID(file, id string) string {
	if id == "" {
		return file
	}
	return file + " " + id
}

// sourceSuffixAt is sourceSuffix for a link printed beside its position
// file:line: when the source is that very place, only its kind is said
// ("another root"), so the line does not repeat the position.
func sourceSuffixAt(s *Source, file string, line int) string {
	if s == nil || s.File != file || s.Line != line {
		return sourceSuffix(s)
	}
	if len(s.Callers) > 0 {
		// The position is in a shared module: the call in the other
		// source is what the user edits, so it is named.
		return " (" + strings.TrimSuffix(sourceSuffixAt(&Source{Kind: s.Kind, File: s.File, Line: s.Line}, file, line)[2:], ")") +
			", through " + strings.TrimSuffix(s.through(), " → ") + ")"
	}
	switch s.Kind {
	case SourceAWSFacts:
		return " (aws facts)"
	case SourceTFState:
		return " (state)"
	case SourceTFPlan:
		return " (plan)"
	case SourceTerragruntUnit:
		return " (from another unit)"
	case SourceCloudFormationStack:
		return " (from another stack)"
	default:
		return " (from another root)"
	}
}

// sourceSuffixFor is sourceSuffix for a link named by subject: an ID
// that the subject already says (a facts object's AWS ID) is not repeated.
func sourceSuffixFor(s *Source, subject string) string {
	if s != nil && subject != "" && strings.HasPrefix(s.ID, subject) {
		c := *s
		c.ID = ""
		s = &c
	}
	return sourceSuffix(s)
}

// sourceSuffix is " (…)" with s described, or "" for nil.
func sourceSuffix(s *Source) string {
	if s == nil {
		return ""
	}
	return " (" + s.Describe() + ")"
}

// sourcesSentence says where the links that f cites came from when other
// sources settled them: "Settled through other sources: network::aws_route_table.private
// (from network/main.tf:58)." Empty when f cites none.
func sourcesSentence(f Finding) string {
	var parts []string
	for _, l := range f.Related {
		if l.Source == nil {
			continue
		}
		part := l.Text + sourceSuffix(l.Source)
		if !slices.Contains(parts, part) {
			parts = append(parts, part)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Settled through other sources: " + strings.Join(parts, "; ") + "."
}
