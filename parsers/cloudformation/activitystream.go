package cloudformation

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/daslint/daslint/model"
)

// CloudFormation has no property for a database activity stream: it is
// started by a custom resource (the CDK's AwsCustomResource calling
// rds:StartActivityStream, a Lambda-backed resource calling boto3's
// start_activity_stream) or declared to daslint through cluster metadata
// (docs/semantics.md#when-a-cluster-has-an-activity-stream). docs/activity-streams.md is the user's version of the rules
// below; keep the two in step.

func isCustomResource(t string) bool {
	return strings.HasPrefix(t, "Custom::") || t == "AWS::CloudFormation::CustomResource"
}

// The activity stream, spelled as the RDS API (StartActivityStream), the
// SDKs (startActivityStream, start_activity_stream) and the CLI
// (start-activity-stream) spell it, once folded (see fold).
const (
	activityStreamKeyword = "activitystream"
	stopKeyword           = "stopactivitystream"
)

// fold lowercases s and drops the separators that the API, SDK and CLI
// spellings differ by, so that every spelling of an action compares equal.
// Spaces are kept: "the activity stream" in a description is prose, not an
// action.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// mentions counts the mentions of an activity stream in folded text, and
// how many of them are of stopping one.
func mentions(folded string) (all, stops int) {
	return strings.Count(folded, activityStreamKeyword), strings.Count(folded, stopKeyword)
}

// customResource emits an activity stream for a custom resource that starts
// one (see startsStream), on each DB cluster it names; when it names no
// cluster that the template declares, one stream whose cluster ref says
// what it names instead (a literal identifier, an unknown), which the
// analysis reports on its own (docs/semantics.md#never-silent).
func (s *stack) customResource(p props, o model.Origin) {
	props := Value{}
	if p.r.props != nil {
		props = s.eval(p.r.props)
	}
	text := propertyText(props)
	refs, declared := s.clusterRefs(props, text, o.Range)
	why, ok := s.startsStream(p.r, props, text, len(refs) > 0)
	if !ok {
		return
	}
	if len(refs) == 0 {
		refs = []model.Ref{{Range: o.Range}}
	}
	key := streamKMSKey(props, o.Range)
	key.Maybe = s.ld.maybeOf(key.Key)
	for _, r := range refs {
		so := o
		if len(refs) > 1 {
			so.Address = fmt.Sprintf("%s[%s]", o.Address, r.Key)
		}
		on := "a DB cluster it names"
		if declared {
			on = r.Key
		}
		s.ld.m.ActivityStreams = append(s.ld.m.ActivityStreams, &model.ActivityStream{
			Origin:   so,
			Cluster:  r,
			Evidence: fmt.Sprintf("custom resource %s (%s) starts an activity stream on %s: %s", o.Address, p.r.typ, on, why),
			Mode:     streamMode(props, o.Range),
			KMSKey:   key,
		})
	}
}

// startsStream says whether a custom resource starts an activity stream,
// and why. It does when an activity stream is mentioned, in any spelling,
// in its type name (Custom::ActivityStream), in a key or string of its
// properties (the CDK's "action":"startActivityStream", a property
// ActivityStreamMode), or in the inline code of the Lambda function its
// ServiceToken names (boto3's start_activity_stream); or when its type
// names DAS as a word (Custom::DasEnabler) and its properties name a
// cluster and a KMS key, the arguments StartActivityStream needs. A
// resource whose every mention is of stopping a stream
// (stopActivityStream alone, a cleanup resource) does not start one.
func (s *stack) startsStream(r *resource, props Value, text string, namesCluster bool) (string, bool) {
	all, stops := mentions(fold(r.typ))
	pa, ps := mentions(fold(text))
	code := s.serviceCode(props)
	ca, cs := mentions(fold(code))
	all, stops = all+pa+ca, stops+ps+cs
	switch {
	case all > stops:
		return "it mentions an activity stream", true
	case all > 0:
		// Every mention stops a stream.
		return "", false
	case dasWord(r.typ) && namesCluster && hasKMSKey(props):
		return "its type names DAS and its properties name the cluster and a KMS key", true
	}
	return "", false
}

// propertyText is every key and string of the properties, but the
// ServiceToken: the function that serves the resource is not what it acts
// on, and an ARN there must not count as the cluster.
func propertyText(props Value) string {
	var sb strings.Builder
	if props.kind != kMap {
		props.text(&sb)
		return sb.String()
	}
	for _, k := range props.keys {
		if k == "ServiceToken" {
			continue
		}
		sb.WriteString(k)
		sb.WriteByte('\n')
		props.m[k].text(&sb)
	}
	return sb.String()
}

// serviceCode returns the inline code of the Lambda function that the
// ServiceToken names, when the template declares it.
func (s *stack) serviceCode(props Value) string {
	if props.kind != kMap {
		return ""
	}
	var sb strings.Builder
	props.m["ServiceToken"].text(&sb)
	var out strings.Builder
	for _, addr := range model.Tokens(sb.String()) {
		r := s.ld.byAddr[addr]
		if r == nil {
			continue
		}
		for _, n := range []*node{r.props.get("Code").get("ZipFile"), r.props.get("InlineCode")} {
			if n != nil {
				s.eval(n).text(&out)
			}
		}
	}
	return out.String()
}

// clusterRefs returns the DB clusters a custom resource names. declared is
// true when they are clusters of the template, referred to by Ref, GetAtt,
// or inside Sub or Join (one ref each). Otherwise it returns at most one
// ref, to what the resource names as its cluster: the value of a property
// whose name says cluster or resource ARN (a literal identifier, an
// unknown, a reference to something else), else a cluster ARN or
// identifier inside a JSON payload (the CDK's parameters).
func (s *stack) clusterRefs(props Value, text string, at model.Range) (refs []model.Ref, declared bool) {
	seen := map[string]bool{}
	for _, addr := range model.Tokens(text) {
		if r := s.ld.byAddr[addr]; r != nil && r.typ == "AWS::RDS::DBCluster" && !seen[addr] {
			seen[addr] = true
			refs = append(refs, model.Ref{Key: addr, Range: at, Maybe: s.ld.maybeOf(addr)})
		}
	}
	if len(refs) > 0 {
		return refs, true
	}
	if r, ok := namedCluster(props, at); ok {
		return []model.Ref{r}, false
	}
	if r, ok := payloadCluster(props, at); ok {
		return []model.Ref{r}, false
	}
	return nil, false
}

// isClusterKey says whether a property names the cluster: Cluster,
// ClusterArn, ClusterId, DBClusterIdentifier, ClusterName, ResourceArn
// (StartActivityStream's argument), any spelling; not a property about
// something of the cluster (ClusterParameterGroupName).
func isClusterKey(k string) bool {
	f := fold(k)
	for _, suffix := range []string{"cluster", "clusterarn", "clusterid", "clusteridentifier", "clustername", "resourcearn"} {
		if strings.HasSuffix(f, suffix) {
			return true
		}
	}
	return false
}

// namedCluster finds the first property, at any depth, whose name says
// cluster, and links what it holds.
func namedCluster(v Value, at model.Range) (model.Ref, bool) {
	if v.kind != kMap {
		for _, e := range v.list {
			if r, ok := namedCluster(e, at); ok {
				return r, true
			}
		}
		return model.Ref{}, false
	}
	for _, k := range v.keys {
		if k == "ServiceToken" {
			continue
		}
		e := v.m[k]
		if isClusterKey(k) {
			if r, ok := clusterValue(e, at); ok {
				return r, true
			}
		}
		if r, ok := namedCluster(e, at); ok {
			return r, true
		}
	}
	return model.Ref{}, false
}

// clusterValue links a value that names a cluster: an unknown (an import,
// a parameter with no value), a reference to a resource that is not a
// cluster, or a literal identifier or ARN.
func clusterValue(v Value, at model.Range) (model.Ref, bool) {
	switch v.kind {
	case kUnknown:
		return model.Ref{Unknown: v.unknown, Range: rangeOr(v.rng, at)}, true
	case kString:
		if ts := model.Tokens(v.str); len(ts) > 0 {
			return model.Ref{Key: ts[0], Range: rangeOr(v.rng, at)}, true
		}
		if v.str != "" {
			return model.Ref{Literal: v.str, Range: rangeOr(v.rng, at)}, true
		}
	}
	return model.Ref{}, false
}

// payloadIdentifier finds a cluster identifier in a JSON payload: the end
// of a cluster ARN, or a DBClusterIdentifier value.
var payloadIdentifier = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`:cluster:([A-Za-z0-9-]+)|"DBClusterIdentifier"\s*:\s*"([^"$]+)"`)
})

// payloadCluster finds the cluster in a string payload that names one
// (ResourceArn, DBClusterIdentifier): its identifier when the payload is
// known, else the payload's unknown.
func payloadCluster(v Value, at model.Range) (model.Ref, bool) {
	switch v.kind {
	case kString, kUnknown:
		f := fold(v.str)
		if !strings.Contains(f, "resourcearn") && !strings.Contains(f, "dbclusteridentifier") {
			return model.Ref{}, false
		}
		if v.kind == kUnknown {
			return model.Ref{Unknown: v.unknown, Range: rangeOr(v.rng, at)}, true
		}
		if m := payloadIdentifier().FindStringSubmatch(v.str); m != nil {
			return model.Ref{Literal: m[1] + m[2], Range: rangeOr(v.rng, at)}, true
		}
	case kList:
		for _, e := range v.list {
			if r, ok := payloadCluster(e, at); ok {
				return r, true
			}
		}
	case kMap:
		for _, k := range v.keys {
			if k == "ServiceToken" {
				continue
			}
			if r, ok := payloadCluster(v.m[k], at); ok {
				return r, true
			}
		}
	}
	return model.Ref{}, false
}

// hasKMSKey says whether some property, at any depth, names a KMS key
// (KmsKeyId, KMSKeyArn).
func hasKMSKey(v Value) bool {
	for _, k := range v.keys {
		if strings.Contains(fold(k), "kms") || hasKMSKey(v.m[k]) {
			return true
		}
	}
	for _, e := range v.list {
		if hasKMSKey(e) {
			return true
		}
	}
	return false
}

// dasWord says whether a custom type name has DAS as a word of its own:
// Custom::DasEnabler, Custom::DAS, Custom::AuroraDASStarter; not
// Custom::Database.
func dasWord(typ string) bool {
	name := strings.TrimPrefix(typ, "Custom::")
	for _, w := range words(name) {
		if strings.EqualFold(w, "das") {
			return true
		}
	}
	return false
}

// words splits a type name into words at separators and at case changes
// (DasEnabler → Das Enabler; AuroraDASStarter → Aurora DAS Starter).
func words(s string) []string {
	rs := []rune(s)
	var out []string
	start := 0
	flush := func(end int) {
		if end > start {
			out = append(out, string(rs[start:end]))
		}
		start = end
	}
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush(i)
			start = i + 1
		case i > start && unicode.IsUpper(r) &&
			(unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			flush(i)
		}
	}
	flush(len(rs))
	return out
}

// rangeOr returns r, or def when r is empty.
func rangeOr(r, def model.Range) model.Range {
	if r.File == "" {
		return def
	}
	return r
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
