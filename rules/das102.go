package rules

import (
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/network"
)

// DAS102 reports a cluster whose activity stream encrypts with a KMS key
// that cannot serve it: an AWS managed key, a key that is not a symmetric
// encryption key, or a key in another region.
func DAS102() *Rule {
	return &Rule{
		ID:    "DAS102",
		Name:  "stream-kms-key-unusable",
		Title: "Aurora activity stream KMS key cannot serve the stream",
		Description: "The KMS key an Aurora database activity stream is started with must be a symmetric encryption " +
			"customer managed key in the cluster's region: the stream encrypts its data keys with it. An AWS managed key " +
			"(alias/aws/rds or any alias/aws/ key), an asymmetric or HMAC key, or a key in another region cannot serve it, " +
			"and the stream does not start.",
		Tags: []string{"reliability", "aws", "aurora", "database-activity-streams", "kms"},
		// High: each case rests on a documented property of the key as the
		// code declares it; only a key the code does not show is left alone.
		Precision: "high",
		Severity:  Warning,
		Doc:       mustDoc("DAS102"),
		Since:     "0.2.0",
		Sources: []Source{
			{"Amazon Aurora User Guide: Starting a database activity stream", "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/DBActivityStreams.Enabling.html"},
			{"Amazon RDS API Reference: StartActivityStream", "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartActivityStream.html"},
			{"AWS KMS Developer Guide: AWS KMS keys (customer managed keys and AWS managed keys)", "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html"},
			{"AWS KMS Developer Guide: Aliases in AWS KMS", "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html"},
			{"AWS KMS API Reference: GenerateDataKey", "https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html"},
			{"AWS KMS Developer Guide: Key type reference", "https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-compare.html"},
			{"AWS KMS Developer Guide: Multi-Region keys in AWS KMS", "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html"},
		},
		Check: checkDAS102,
	}
}

// keyProblem is why a stream's key cannot serve it.
type keyProblem struct {
	what string // the key, as the message names it
	why  string
	fix  string
	// at is the fact the problem rests on.
	at network.Link
	// cause is the problem without positions, for the fingerprint.
	cause string
}

func checkDAS102(p *Pass) {
	keys := indexKeys(p.Model)
	for i := range p.Clusters {
		c := &p.Clusters[i]
		if c.Cluster == nil || c.Stream == nil || !c.Stream.KMSKey.IsSet() {
			continue
		}
		prob := streamKeyProblem(c.Stream, clusterRegion(p.Model, c.Cluster), keys)
		if prob == nil {
			continue
		}
		keyAt := network.Link{Address: c.Stream.Address, Text: c.Stream.Address + " KMS key", Range: c.Stream.KMSKey.Range, From: c.Stream.From}
		related := []network.Link{keyAt}
		if prob.at.Address != "" && prob.at != keyAt {
			related = append(related, prob.at)
		}
		msg := fmt.Sprintf("DAS102: the activity stream of %s encrypts with %s (%s), which cannot serve it: %s",
			c.Cluster.Address, prob.what, at(c.Stream.KMSKey.Range), prob.why)
		p.Report(clusterFinding(p.Model.Source, c, msg, prob.fix, related, []string{prob.cause}))
	}
}

// clusterRegion is the region of a cluster when known: its own, else the
// model's.
func clusterRegion(m *model.Model, c *model.DBCluster) string {
	if r, ok := regionOf(c.Region); ok {
		return r
	}
	r, _ := regionOf(m.Region)
	return r
}

const customerKeyFix = "Start the stream with a symmetric encryption customer managed key in the cluster's region (an aws_kms_key or AWS::KMS::Key with the default key spec and key usage) and give its ARN as the stream's KMS key (see docs/rules/DAS102.md)."

// keyIndex holds the keys and aliases a model declares.
type keyIndex struct {
	keys    map[string]*model.KMSKey
	aliases map[string]*model.KMSAlias
	// byName are the aliases by their known name (alias names are case
	// sensitive).
	byName map[string]*model.KMSAlias
}

func indexKeys(m *model.Model) keyIndex {
	ix := keyIndex{keys: map[string]*model.KMSKey{}, aliases: map[string]*model.KMSAlias{}, byName: map[string]*model.KMSAlias{}}
	for _, k := range m.KMSKeys {
		ix.keys[k.Address] = k
	}
	for _, a := range m.KMSAliases {
		ix.aliases[a.Address] = a
		if a.Name.Known() {
			ix.byName[a.Name.Value] = a
		}
	}
	return ix
}

// declared returns the key that address names: a key, or the key of an
// alias.
func (ix keyIndex) declared(address string) *model.KMSKey {
	if k := ix.keys[address]; k != nil {
		return k
	}
	if a := ix.aliases[address]; a != nil {
		return ix.keys[a.TargetKey.Key]
	}
	return nil
}

// streamKeyProblem judges the key a stream names; nil when nothing known
// stops it from serving the stream (an unknown key, a key the code does
// not declare, a multi-Region key).
func streamKeyProblem(s *model.ActivityStream, region string, ix keyIndex) *keyProblem {
	ref := s.KMSKey
	if ref.Key != "" {
		if k := ix.declared(ref.Key); k != nil {
			return declaredKeyProblem(k, region)
		}
		return nil
	}
	if ref.Literal == "" {
		return nil
	}
	// An alias declared in the code, by its name (aws_kms_alias.x.name).
	if a := ix.byName[ref.Literal]; a != nil {
		if k := ix.keys[a.TargetKey.Key]; k != nil {
			return declaredKeyProblem(k, region)
		}
		return nil
	}
	id := parseKeyID(ref.Literal)
	// An ARN built around a declared key's ID (key/${aws_kms_key.x.key_id})
	// is that key.
	if tokens := model.Tokens(ref.Literal); len(tokens) == 1 && ix.declared(tokens[0]) != nil {
		if prob := declaredKeyProblem(ix.declared(tokens[0]), region); prob != nil {
			return prob
		}
		return regionProblem(id, region)
	}
	if id.awsManaged() {
		return &keyProblem{
			what: id.text,
			why: "it is an AWS managed key, which only the AWS service it belongs to uses on the account's behalf; " +
				"activity streams need a customer managed key other than the default key (alias/aws/rds)",
			fix:   customerKeyFix,
			cause: cause("aws-managed", id.resource),
		}
	}
	return regionProblem(id, region)
}

// regionProblem is a key ARN of a region other than the cluster's: KMS keys
// are regional. A multi-Region key (mrk-) may have a replica in the
// cluster's region, so it is left alone.
func regionProblem(id keyID, region string) *keyProblem {
	if id.region == "" || region == "" || strings.EqualFold(id.region, region) || id.multiRegion() {
		return nil
	}
	kind := "key"
	if id.isAlias() {
		kind = "alias"
	}
	return &keyProblem{
		what:  id.text,
		why:   fmt.Sprintf("the %s is in %s and the cluster in %s; a KMS key serves only its own region", kind, id.region, region),
		fix:   "Give the stream a symmetric encryption customer managed key in " + region + ", the cluster's region (see docs/rules/DAS102.md).",
		cause: cause("region", id.region, region),
	}
}

// declaredKeyProblem judges a key the code declares.
func declaredKeyProblem(k *model.KMSKey, region string) *keyProblem {
	if spec := k.KeySpec; spec.Known() && !strings.EqualFold(spec.Value, symmetricSpec) {
		return &keyProblem{
			what: k.Address,
			why: fmt.Sprintf("its key spec is %s, %s; only a symmetric encryption key (SYMMETRIC_DEFAULT) can generate the data keys the stream encrypts with",
				spec.Value, keyKind(spec.Value)),
			fix:   fmt.Sprintf("Remove the key spec of %s (customer_master_key_spec, KeySpec), or give the stream another key whose spec is SYMMETRIC_DEFAULT.", k.Address),
			at:    network.Link{Address: k.Address, Text: k.Address + " key spec " + spec.Value, Range: spec.Range, From: k.From},
			cause: cause("key-spec", k.Address, strings.ToUpper(spec.Value)),
		}
	}
	if use := k.KeyUsage; use.Known() && !strings.EqualFold(use.Value, encryptUsage) {
		return &keyProblem{
			what: k.Address,
			why: fmt.Sprintf("its key usage is %s; only a key for ENCRYPT_DECRYPT can generate the data keys the stream encrypts with",
				use.Value),
			fix:   fmt.Sprintf("Set the key usage of %s (key_usage, KeyUsage) to ENCRYPT_DECRYPT, or give the stream another key.", k.Address),
			at:    network.Link{Address: k.Address, Text: k.Address + " key usage " + use.Value, Range: use.Range, From: k.From},
			cause: cause("key-usage", k.Address, strings.ToUpper(use.Value)),
		}
	}
	kr, ok := regionOf(k.Region)
	if !ok || region == "" || strings.EqualFold(kr, region) || k.MultiRegion.Tri(false) != model.False {
		return nil
	}
	return &keyProblem{
		what:  k.Address,
		why:   fmt.Sprintf("the key is created in %s and the cluster in %s; a KMS key serves only its own region", kr, region),
		fix:   fmt.Sprintf("Create the key in %s, the cluster's region (the provider of %s), or give the stream a key from there.", region, k.Address),
		at:    network.Link{Address: k.Address, Text: k.Address + " region " + kr, Range: rangeOr(k.Region.Range, k.Range), From: k.From},
		cause: cause("region", k.Address, kr, region),
	}
}

// rangeOr returns r, or def when r names no file.
func rangeOr(r, def model.Range) model.Range {
	if r.File == "" {
		return def
	}
	return r
}
