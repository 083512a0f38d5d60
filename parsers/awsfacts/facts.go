package awsfacts

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// Kind is one type of facts, named by the top-level key of the AWS CLI's
// output.
type Kind string

// The kinds of facts.
const (
	Vpcs             Kind = "Vpcs"
	Subnets          Kind = "Subnets"
	RouteTables      Kind = "RouteTables"
	InternetGateways Kind = "InternetGateways"
	NatGateways      Kind = "NatGateways"
	VpcEndpoints     Kind = "VpcEndpoints"
	SecurityGroups   Kind = "SecurityGroups"
	NetworkAcls      Kind = "NetworkAcls"
	PrefixLists      Kind = "PrefixLists"
	DBSubnetGroups   Kind = "DBSubnetGroups"
	DBClusters       Kind = "DBClusters"
	DBInstances      Kind = "DBInstances"
	// VpcAttribute is one `aws ec2 describe-vpc-attribute` answer: VpcId
	// and EnableDnsSupport or EnableDnsHostnames.
	VpcAttribute Kind = "VpcAttribute"
)

// Command is the AWS CLI command that exports the kind, for messages and
// documentation; "" for a kind that none exports.
func (k Kind) Command() string {
	switch k {
	case Vpcs:
		return "aws ec2 describe-vpcs"
	case Subnets:
		return "aws ec2 describe-subnets"
	case RouteTables:
		return "aws ec2 describe-route-tables"
	case InternetGateways:
		return "aws ec2 describe-internet-gateways"
	case NatGateways:
		return "aws ec2 describe-nat-gateways"
	case VpcEndpoints:
		return "aws ec2 describe-vpc-endpoints"
	case SecurityGroups:
		return "aws ec2 describe-security-groups"
	case NetworkAcls:
		return "aws ec2 describe-network-acls"
	case PrefixLists:
		return "aws ec2 describe-managed-prefix-lists"
	case DBSubnetGroups:
		return "aws rds describe-db-subnet-groups"
	case DBClusters:
		return "aws rds describe-db-clusters"
	case DBInstances:
		return "aws rds describe-db-instances"
	case VpcAttribute:
		return "aws ec2 describe-vpc-attribute"
	}
	return ""
}

// listKinds are the kinds whose file holds one list under its key.
var listKinds = []Kind{Vpcs, Subnets, RouteTables, InternetGateways, NatGateways, VpcEndpoints,
	SecurityGroups, NetworkAcls, PrefixLists, DBSubnetGroups, DBClusters, DBInstances}

// pagingKey reports whether a key may stand beside the list: the AWS CLI
// prints NextToken or Marker when a page limit cut the output short
// (--max-items, --no-paginate).
func pagingKey(key string) bool { return key == "NextToken" || key == "Marker" }

// Recognize says whether data is an AWS facts file, and of which kind, by
// its top-level keys: exactly one facts key (with at most a paging token
// beside it), or the keys of describe-vpc-attribute.
func Recognize(data []byte) (Kind, bool) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return "", false
	}
	arrays := make(map[string]bool, len(top))
	for key, raw := range top {
		arrays[key] = isArray(raw)
	}
	return recognize(arrays)
}

// recognizeValue is Recognize of a document already decoded into v
// (encoding/json into an any), so that Add reads each file once.
func recognizeValue(v any) (Kind, bool) {
	top, ok := v.(map[string]any)
	if !ok {
		return "", false
	}
	arrays := make(map[string]bool, len(top))
	for key, x := range top {
		_, arrays[key] = x.([]any)
	}
	return recognize(arrays)
}

// recognize is Recognize of the top-level keys, each with whether its
// value is an array.
func recognize(arrays map[string]bool) (Kind, bool) {
	if _, ok := arrays["VpcId"]; ok && len(arrays) == 2 {
		for _, k := range []string{"EnableDnsSupport", "EnableDnsHostnames"} {
			if _, ok := arrays[k]; ok {
				return VpcAttribute, true
			}
		}
	}
	var found Kind
	for key, array := range arrays {
		switch {
		case pagingKey(key):
		case isListKind(key) && found == "" && array:
			found = Kind(key)
		default:
			return "", false
		}
	}
	return found, found != ""
}

func isListKind(key string) bool {
	for _, k := range listKinds {
		if string(k) == key {
			return true
		}
	}
	return false
}

func isArray(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return strings.HasPrefix(s, "[")
}

// Snapshot collects the facts files of one account and region.
type Snapshot struct {
	m       *model.Model
	have    map[Kind][]string // the files given for each kind
	ids     map[string]bool   // EC2 IDs of the snapshot's objects
	dbIDs   map[string]bool   // addresses of its RDS objects
	dns     map[string]*dnsFacts
	streams []streamFact
	items   map[Kind][]node // the objects of each kind as read, for lookups
	files   []string
}

// dnsFacts are the DNS attributes of one VPC from describe-vpc-attribute.
type dnsFacts struct {
	support, hostnames model.Bool
}

// NewSnapshot returns an empty snapshot.
func NewSnapshot() *Snapshot {
	return &Snapshot{m: &model.Model{Source: model.AWSFacts}, have: map[Kind][]string{},
		ids: map[string]bool{}, dbIDs: map[string]bool{}, items: map[Kind][]node{}, dns: map[string]*dnsFacts{}}
}

// Add reads one facts file into the snapshot. It reports a file that is
// not facts, or that cannot be read, as an error.
func (s *Snapshot) Add(file string, data []byte) diag.Diagnostics {
	root, v, ds := parse(file, data)
	if !root.ok() {
		return ds
	}
	kind, ok := recognizeValue(v)
	if !ok {
		ds.Errorf(model.Range{File: file}, "%s is not AWS facts: it has no single top-level key such as Vpcs, Subnets or DBClusters as the AWS CLI prints them", file)
		return ds
	}
	s.files = append(s.files, file)
	s.have[kind] = append(s.have[kind], file)
	if kind == VpcAttribute {
		s.vpcAttribute(root)
		return ds
	}
	if tok := firstSet(root.get("NextToken"), root.get("Marker")); tok.ok() {
		ds.Warnf(tok.rng(), "%s is one page of %s: the list is taken as complete, but objects on other pages are missing; export it again without --max-items", file, kind.Command())
	}
	for _, item := range root.get(string(kind)).items() {
		s.items[kind] = append(s.items[kind], item)
		s.add(kind, item)
	}
	return ds
}

// firstSet returns the first node that holds a value.
func firstSet(ns ...node) node {
	for _, n := range ns {
		if n.text() != "" {
			return n
		}
	}
	return node{}
}

// Files are the facts files read, in the order given.
func (s *Snapshot) Files() []string { return s.files }

func (s *Snapshot) add(kind Kind, n node) {
	switch kind {
	case Vpcs:
		s.vpc(n)
	case Subnets:
		s.subnet(n)
	case RouteTables:
		s.routeTable(n)
	case InternetGateways:
		s.internetGateway(n)
	case NatGateways:
		s.natGateway(n)
	case VpcEndpoints:
		s.endpoint(n)
	case SecurityGroups:
		s.securityGroup(n)
	case NetworkAcls:
		s.networkACL(n)
	case DBSubnetGroups:
		s.dbSubnetGroup(n)
	case DBClusters:
		s.dbCluster(n)
	case DBInstances:
		s.dbInstance(n)
	case PrefixLists:
		s.prefixList(n)
	}
}

// origin names an object by its real ID, declared at n.
func (s *Snapshot) origin(id, typ string, n node) (model.Origin, bool) {
	if id == "" || s.ids[id] {
		return model.Origin{}, false // no ID, or the same object exported twice
	}
	s.ids[id] = true
	r := n.rng()
	r.EndLine = endLine(n)
	return model.Origin{Address: id, Type: typ, Range: r}, true
}

// endLine is the last line of a value.
func endLine(n node) int {
	y := n.y
	for y != nil && len(y.Content) > 0 {
		y = y.Content[len(y.Content)-1]
	}
	if y == nil {
		return 0
	}
	return y.Line
}

// regionOfARN returns the region part of an ARN.
func regionOfARN(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[3]
}

// noteRegion records the snapshot's region from an ARN.
func (s *Snapshot) noteRegion(n node) model.Str {
	r := regionOfARN(n.text())
	if r == "" {
		return model.Str{}
	}
	if !s.m.Region.Set {
		s.m.Region = model.KnownStr(r, n.rng())
	}
	return model.KnownStr(r, n.rng())
}

// Options say how the snapshot becomes a model.
type Options struct {
	// Audit makes every cluster whose ActivityStreamStatus is started or
	// starting have an activity stream: the snapshot is linted (docs/semantics.md#sources-of-one-run).
	Audit bool
}

// Model finishes the snapshot: DNS attributes, markers for the kinds that
// were not exported, links by identity, and, in an audit, the activity
// streams. Call it once, after every Add.
func (s *Snapshot) Model(opts Options) *model.Model {
	s.applyDNS()
	s.dropGatewayEndpointRoutes()
	s.addMarkers()
	s.linkClusters()
	if opts.Audit {
		s.addStreams()
	}
	Link(s.m, s.ids)
	return s.m
}

// FilesOf are the files given for kind.
func (s *Snapshot) FilesOf(kind Kind) []string { return s.have[kind] }

// Have reports whether facts of kind were given.
func (s *Snapshot) Have(kind Kind) bool { return len(s.have[kind]) > 0 }

// notExported is the reason for what a missing kind leaves open.
func notExported(kind Kind, what string, at model.Range) *model.Unresolved {
	return &model.Unresolved{Kind: model.FromExternal, Range: at,
		Reason: fmt.Sprintf("no %s facts were given, so %s is not known; export them: %s --output json > %s.json",
			string(kind), what, kind.Command(), fileStem(kind))}
}

// fileStem is the file name the documentation suggests for a kind.
func fileStem(kind Kind) string {
	c := kind.Command()
	return strings.TrimPrefix(c[strings.LastIndex(c, " ")+1:], "describe-")
}
