package cloudformation

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// CloudFormation has no property for a database activity stream: it is
// started by a custom resource (often the CDK's AwsCustomResource calling
// rds:StartActivityStream) or declared to daslint through cluster metadata
// (SPEC §1.1).

func isCustomResource(t string) bool {
	return strings.HasPrefix(t, "Custom::") || t == "AWS::CloudFormation::CustomResource"
}

const activityStreamKeyword = "activitystream"

// customResource emits an activity stream for each DB cluster that the
// custom resource refers to, when its type or any string in its properties
// mentions ActivityStream.
func (s *stack) customResource(p props, o model.Origin) {
	var sb strings.Builder
	if p.r.props != nil {
		s.eval(p.r.props).text(&sb)
	}
	text := sb.String()
	if !strings.Contains(strings.ToLower(p.r.typ), activityStreamKeyword) &&
		!strings.Contains(strings.ToLower(text), activityStreamKeyword) {
		return
	}
	var clusters []string
	seen := map[string]bool{}
	for _, addr := range model.Tokens(text) {
		if r := s.ld.byAddr[addr]; r != nil && r.typ == "AWS::RDS::DBCluster" && !seen[addr] {
			seen[addr] = true
			clusters = append(clusters, addr)
		}
	}
	for _, c := range clusters {
		so := o
		if len(clusters) > 1 {
			so.Address = fmt.Sprintf("%s[%s]", o.Address, c)
		}
		s.ld.m.ActivityStreams = append(s.ld.m.ActivityStreams, &model.ActivityStream{
			Origin:   so,
			Cluster:  model.Ref{Key: c, Range: o.Range, Maybe: s.ld.maybeOf(c)},
			Evidence: fmt.Sprintf("custom resource %s (%s) starts an activity stream on %s", o.Address, p.r.typ, c),
		})
	}
}

// clusterMetadata emits an activity stream for a cluster whose Metadata says
// `daslint: {activityStream: true}`.
func (s *stack) clusterMetadata(r *resource, o model.Origin) {
	flag := r.node.get("Metadata").get("daslint").get("activityStream")
	if flag == nil {
		return
	}
	b, ok := s.eval(flag).asBool()
	if !ok {
		s.errorf(flag, "Metadata.daslint.activityStream of %s must be true or false", r.id)
		return
	}
	if !b {
		return
	}
	so := o
	so.Address += "#activity-stream"
	so.Range = model.Range{File: s.file, Line: flag.line, Column: flag.col, EndLine: flag.endLine}
	s.ld.m.ActivityStreams = append(s.ld.m.ActivityStreams, &model.ActivityStream{
		Origin:   so,
		Cluster:  model.Ref{Key: o.Address, Range: so.Range, Maybe: r.maybe},
		Evidence: fmt.Sprintf("Metadata daslint.activityStream of %s", o.Address),
	})
}
