package cloudformation

import (
	"strings"

	"github.com/daslint/daslint/model"
)

// fnGetStackOutput evaluates Fn::GetStackOutput {StackName, OutputName,
// Region, RoleArn}: the value of an output of another stack, exported or
// not. It is what CDK writes for a weak cross-stack reference (and for
// references across regions), where older apps used an export and
// Fn::ImportValue. Like an import (docs/semantics.md#imports-and-exports) it settles against the
// templates of the run: the one whose stack name (--stack-name, a CDK
// manifest) is StackName, in the account and region the reference names
// where both are known: Region, else the consumer's; the account of
// RoleArn (a role in the other stack's account), else the consumer's.
func (s *stack) fnGetStackOutput(arg, n *node) Value {
	if arg.kind != mapNode || arg.get("StackName") == nil || arg.get("OutputName") == nil {
		return s.fail(n, "Fn::GetStackOutput takes a map with StackName and OutputName")
	}
	stackName, v := s.stackOutputArg(arg, n, "StackName")
	if stackName == "" {
		return v
	}
	outputName, v := s.stackOutputArg(arg, n, "OutputName")
	if outputName == "" {
		return v
	}
	ref := stackName + "." + outputName
	account, region := s.ld.opts.StackAccount, s.ld.opts.StackRegion
	if r := arg.get("Region"); r != nil {
		// An unknown region rules nothing out.
		region, _ = s.eval(r).scalarString()
	}
	if r := arg.get("RoleArn"); r != nil {
		arn, _ := s.eval(r).scalarString()
		account = arnAccount(arn)
	}
	if s.ld.opts.Stacks == nil {
		return unknownVal(model.FromImport, s.rng(n), "Fn::GetStackOutput %s: other stacks are not scanned", ref)
	}
	var srcs []ExportSource
	for _, src := range s.ld.opts.Stacks(stackName).Sources {
		if src.sameEnv(account, region) {
			srcs = append(srcs, src)
		}
	}
	switch len(srcs) {
	case 0:
		where := ""
		if account != "" || region != "" {
			where = " in " + envName(account, region)
		}
		return unknownVal(model.FromImport, s.rng(n),
			"Fn::GetStackOutput %s: no scanned or context template is the stack %s%s (give its template as a PATH or with --context, named by --stack-name FILE=%s or by its CDK manifest)",
			ref, stackName, where, stackName)
	case 1:
		return s.otherStackOutput(srcs[0], outputName, ref, n)
	}
	names := make([]string, 0, len(srcs))
	for _, src := range srcs {
		names = append(names, s.sourceName(src))
	}
	return unknownVal(model.FromImport, s.rng(n), "Fn::GetStackOutput %s: ambiguous stack: %s", ref, strings.Join(names, " and "))
}

// stackOutputArg evaluates the string argument key of Fn::GetStackOutput.
// It returns "" and the value that stands for the call when the argument is
// unknown or no string.
func (s *stack) stackOutputArg(arg, n *node, key string) (string, Value) {
	v := s.eval(arg.get(key))
	str, ok := v.scalarString()
	switch {
	case ok && str != "":
		return str, Value{}
	case v.kind == kUnknown:
		return "", unknownVal(model.FromImport, s.rng(n), "Fn::GetStackOutput: the %s is unknown: %s", key, reasonOf(v.unknown))
	}
	return "", s.fail(n, "Fn::GetStackOutput: %s must be a string", key)
}

// otherStackOutput returns the value of the output outputName of the stack src.
// The stack's template joins this model as an exporter does for an import,
// so the value's identity links to its objects.
func (s *stack) otherStackOutput(src ExportSource, outputName, ref string, n *node) Value {
	c, why := s.exporter(src, n, "Fn::GetStackOutput")
	if c == nil {
		return unknownFrom(why, s.rng(n))
	}
	o := c.outputs[outputName]
	if o == nil {
		return unknownVal(model.FromImport, s.rng(n), "Fn::GetStackOutput %s: %s has no output %s", ref, s.sourceName(src), outputName)
	}
	return c.outputValue(outputName, o)
}

// arnAccount is the account of an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:…),
// "" when arn is not one.
func arnAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[4]
}
