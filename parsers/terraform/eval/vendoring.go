package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/daslint/daslint/model"
)

// maxListedModules bounds how many module addresses one summary names.
const maxListedModules = 5

// notVendored is a remote module call that `terraform init` has not
// installed: daslint cannot read it, and its outputs are unknown.
type notVendored struct {
	addr   string
	call   *moduleCall
	reason *model.Unresolved
}

// dasType reports whether a resource type makes a root matter to DAS: an
// Aurora cluster (whose stream may be started elsewhere, even inside an
// unread module), its instances, and the activity stream itself.
func dasType(typ string) bool {
	switch typ {
	case "aws_rds_cluster", "aws_rds_cluster_instance", "aws_rds_cluster_activity_stream":
		return true
	}
	return false
}

// reportNotVendored reports the modules that are not vendored. Where an
// unread module can change a DAS verdict, each gets its own warning at its
// call: when the root, as far as it is read, declares an RDS cluster, a
// cluster instance or an activity stream (any unknown there may come from
// any unread module), or when the module itself may declare one (see
// mayDeclareDAS). Elsewhere one warning per root names them all: a root
// with no cluster has no verdict to change, and one line is enough to say
// that `terraform init` would let daslint read them. Either way every
// unread module is named, and every unknown it causes keeps its reason.
func (e *evaluator) reportNotVendored() {
	if len(e.notVendored) == 0 {
		return
	}
	relevant := false
	for _, in := range e.instances {
		if in != nil && in.Mode == Managed && dasType(in.Type) {
			relevant = true
			break
		}
	}
	var rest []*notVendored
	for _, nv := range e.notVendored {
		if relevant || mayDeclareDAS(nv.call) || len(e.notVendored) == 1 {
			e.ds.Warnf(nv.reason.Range, "%s", nv.reason.Reason)
			continue
		}
		rest = append(rest, nv)
	}
	switch len(rest) {
	case 0:
	case 1:
		e.ds.Warnf(rest[0].reason.Range, "%s", rest[0].reason.Reason)
	default:
		e.ds.Warnf(firstCall(rest), "%s", notVendoredSummary(rest))
	}
}

// mayDeclareDAS reports whether a module call, by its source or its
// arguments, looks like one that declares an Aurora cluster or starts its
// activity stream (MayDeclareDAS). It only decides where the warning goes:
// a module it misses is still named in the root's summary.
func mayDeclareDAS(c *moduleCall) bool {
	return MayDeclareDAS(c.source, c.inputs)
}

// MayDeclareDAS reports whether a module that daslint cannot read, known
// by its source and the names of the inputs it is given, looks like one
// that declares an Aurora cluster or starts its activity stream: a source
// that names RDS or Aurora (terraform-aws-modules/rds-aurora/aws,
// cloudposse/rds-cluster/aws), or an input about activity streams
// (create_db_cluster_activity_stream). Module calls and Terragrunt units
// whose module is remote share it to decide where a warning goes.
func MayDeclareDAS[V any](source string, inputs map[string]V) bool {
	src := strings.ToLower(source)
	if strings.Contains(src, "rds") || strings.Contains(src, "aurora") {
		return true
	}
	for name := range inputs {
		if strings.Contains(strings.ToLower(name), "activity_stream") {
			return true
		}
	}
	return false
}

// firstCall is the range of the first of the calls in the text.
func firstCall(nvs []*notVendored) model.Range {
	rs := make([]hcl.Range, 0, len(nvs))
	for _, nv := range nvs {
		rs = append(rs, nv.call.defRng)
	}
	sort.Slice(rs, func(i, j int) bool { return rangeLess(rs[i], rs[j]) })
	return Range(rs[0])
}

// notVendoredSummary is the one line that names the modules of a root that
// are not vendored, by address.
func notVendoredSummary(nvs []*notVendored) string {
	addrs := make([]string, 0, len(nvs))
	for _, nv := range nvs {
		addrs = append(addrs, nv.addr)
	}
	sort.Strings(addrs)
	listed := addrs
	if len(listed) > maxListedModules {
		listed = append(listed[:maxListedModules:maxListedModules], fmt.Sprintf("and %d more", len(addrs)-maxListedModules))
	}
	return fmt.Sprintf("%d modules are not vendored (%s): daslint cannot see what they declare, and this root declares no Aurora cluster, cluster instance or activity stream for their outputs to reach; run terraform init -backend=false to read them",
		len(addrs), strings.Join(listed, ", "))
}

// rangeLess orders ranges by file, line and column.
func rangeLess(a, b hcl.Range) bool {
	if a.Filename != b.Filename {
		return a.Filename < b.Filename
	}
	if a.Start.Line != b.Start.Line {
		return a.Start.Line < b.Start.Line
	}
	return a.Start.Column < b.Start.Column
}
