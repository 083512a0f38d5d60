package rules

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// unattachedStream is the DAS002 finding of an activity stream whose
// cluster is not in the scanned code (docs/semantics.md#never-silent): it sits on the stream,
// says what is missing to know the cluster, and how to supply it. A
// suppression above the stream silences it, as for a cluster.
func unattachedStream(c *network.ClusterResult, src model.Source) Finding {
	s := c.Stream
	var b strings.Builder
	fmt.Fprintf(&b, "DAS002: the activity stream %s names no DB cluster that daslint can read, so its path to AWS KMS cannot be verified offline", s.Address)
	var fixes, causes []string
	for _, u := range c.Unknowns {
		fmt.Fprintf(&b, "; %s", describeUnknown(u))
		fixes = append(fixes, streamAdvice(u.Kind, src))
		if u.Unresolved != nil {
			causes = append(causes, cause(u.Subject, string(u.Kind), u.Reason))
		}
	}
	return Finding{
		Verdict:     c.Verdict,
		Subject:     s.Address,
		Range:       s.Range,
		Callers:     CallChain(src, &s.Origin),
		Message:     b.String(),
		Remediation: remediation(fixes, "Declare the stream's cluster in the scanned code, or scan the code that declares it (see docs/activity-streams.md)."),
		Unknowns:    c.Unknowns,
		causes:      causes,
	}
}

// streamAdvice says how to let daslint see the cluster of a stream, for
// each kind of reason it cannot, in the terms of the stream's source.
func streamAdvice(k model.UnknownKind, src model.Source) string {
	cfn := src == model.CloudFormation
	switch {
	case k == model.FromModule && cfn:
		return "Make the nested stack template local (a TemplateURL that is a path), so that daslint can read it."
	case k == model.FromModule:
		return "Run `terraform init -backend=false` so that daslint can read the module under .terraform/modules, or vendor it (a local source)."
	case k == model.FromVariable && cfn:
		return "Give the parameter that names the cluster a value (--parameters), or refer to the cluster resource (!Ref, !GetAtt)."
	case k == model.FromVariable:
		return "Give the variable that names the cluster a value (--var, --var-file, terraform.tfvars), or refer to the cluster resource (aws_rds_cluster.NAME.arn)."
	case k == model.FromExpression && cfn:
		// A custom resource that starts the stream but does not name the
		// cluster in its properties (its handler finds it otherwise).
		return "Name the cluster in the custom resource's properties (!Ref the DB cluster, or its ARN with !GetAtt or !Sub), or mark the cluster with Metadata `daslint: {activityStream: true}` (docs/activity-streams.md)."
	case (k == model.FromDataSource || k == model.FromExternal || k == model.FromImport) && cfn:
		return "Declare the cluster in the template (or a local nested stack) and refer to it (!Ref, !GetAtt) instead of an import or a literal identifier; if the cluster is linted where it is declared, suppress this finding with that reason."
	case k == model.FromDataSource || k == model.FromExternal || k == model.FromImport:
		return "Declare the cluster in the same root (or a local module) and refer to it (aws_rds_cluster.NAME.arn) instead of a data source or a literal ARN; if the cluster is linted where it is declared, suppress this finding with that reason."
	}
	return adviceFor(k)
}
