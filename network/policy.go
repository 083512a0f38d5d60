package network

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/daslint/daslint/model"
)

// dasActions are the KMS calls a database activity stream makes through
// the endpoint: the cluster asks for data keys to encrypt its activity
// records and decrypts them (Aurora User Guide, "Database activity
// streams": the key permissions kms:GenerateDataKey and kms:Decrypt).
var dasActions = []string{"kms:GenerateDataKey", "kms:Decrypt"}

// streamKey is the activity stream's KMS key as far as the code says: the
// address of a declared key (aws_kms_key, AWS::KMS::Key), or a literal key
// ID, key ARN, alias name or alias ARN. Both empty: not known.
type streamKey struct {
	addr    string
	literal string
}

// policyJudgement is what an endpoint policy means for the stream's KMS
// calls: True when it lets both through, False when it certainly stops
// one, Unknown when that rests on something offline code cannot tell.
// why and fix explain a value other than True.
type policyJudgement struct {
	val model.Tri
	why string
	fix string
}

// judgePolicy evaluates an endpoint policy document (JSON text) for the
// stream's KMS calls, the way IAM evaluates one request: an action goes
// through when some Allow applies to it and no Deny does. isKey says
// whether an address is a declared KMS key, so that a Resource naming
// another declared key certainly does not name the stream's.
//
// A Deny that could apply, a Condition, a principal other than everyone,
// NotPrincipal and NotResource cannot be settled offline: where they
// matter the result is Unknown, naming the statement. Wildcards in actions
// and NotAction are evaluated.
func judgePolicy(doc string, key streamKey, isKey func(string) bool) policyJudgement {
	sts, err := parseStatements(doc)
	if err != nil {
		return policyJudgement{val: model.Unknown,
			why: "the endpoint policy cannot be read: " + err.Error(),
			fix: "write the endpoint policy as a JSON policy document with a Statement list"}
	}
	out := policyJudgement{val: model.True}
	for _, action := range dasActions {
		j := judgeAction(sts, action, key, isKey)
		switch {
		case j.val == model.False && out.val != model.False:
			out = j
		case j.val == model.Unknown && out.val == model.True:
			out = j
		}
	}
	return out
}

// judgeAction decides whether the policy lets one action through.
func judgeAction(sts []statement, action string, key streamKey, isKey func(string) bool) policyJudgement {
	allowed := model.False
	var allowWhy, near statementVerdict
	for i := range sts {
		s := &sts[i]
		if s.effect != "Allow" {
			continue
		}
		v := s.applies(action, key, isKey)
		allowed = allowed.Or(v.val)
		switch {
		case v.val == model.Unknown && allowWhy.why == "":
			allowWhy = v
		case v.val == model.False && v.near && near.why == "":
			near = v
		}
	}
	if allowed == model.False {
		why := "does not allow " + action
		if near.why != "" {
			why += " (" + near.why + ")"
		}
		return policyJudgement{val: model.False, why: why,
			fix: fmt.Sprintf("add a statement that allows %s to Principal \"*\" on Resource \"*\" (or on the stream's key)", strings.Join(dasActions, " and "))}
	}
	for i := range sts {
		s := &sts[i]
		if s.effect == "Allow" {
			continue
		}
		v := s.applies(action, key, isKey)
		if v.val == model.False {
			continue
		}
		if s.effect == "Deny" {
			return policyJudgement{val: model.Unknown,
				why: fmt.Sprintf("%s denies %s and may apply to the activity stream's calls", s.name, action),
				fix: fmt.Sprintf("check that %s of the endpoint policy does not apply to the activity stream's %s calls, or narrow it so that it certainly does not", s.name, action)}
		}
		return policyJudgement{val: model.Unknown,
			why: fmt.Sprintf("%s has Effect %q, which is neither Allow nor Deny", s.name, s.effect),
			fix: fmt.Sprintf("set Effect to \"Allow\" or \"Deny\" in %s of the endpoint policy", s.name)}
	}
	if allowed == model.Unknown {
		return policyJudgement{val: model.Unknown, why: allowWhy.why, fix: allowWhy.fix}
	}
	return policyJudgement{val: model.True}
}

// statement is one policy statement, its elements kept as decoded JSON.
type statement struct {
	name   string // `statement 2 (Sid "X")`, for reasons
	effect string
	elems  map[string]any
}

// statementVerdict says whether a statement applies to a request. near is
// set on a False that comes only from the Resource: the statement covers
// the action, on other keys.
type statementVerdict struct {
	val  model.Tri
	why  string
	fix  string
	near bool
}

// parseStatements reads the Statement element: one statement or a list.
// A document without statements allows nothing.
func parseStatements(doc string) ([]statement, error) {
	var top map[string]any
	if err := json.Unmarshal([]byte(doc), &top); err != nil {
		return nil, fmt.Errorf("it is not a JSON object (%w)", err)
	}
	var raw []any
	switch x := top["Statement"].(type) {
	case nil:
	case []any:
		raw = x
	case map[string]any:
		raw = []any{x}
	default:
		return nil, fmt.Errorf("its Statement is a %s, not a list of statements", jsonKind(x))
	}
	sts := make([]statement, 0, len(raw))
	for i, r := range raw {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("statement %d is a %s, not an object", i+1, jsonKind(r))
		}
		name := fmt.Sprintf("statement %d", i+1)
		if sid, ok := m["Sid"].(string); ok && sid != "" {
			name += fmt.Sprintf(" (Sid %q)", sid)
		}
		eff, _ := m["Effect"].(string)
		sts = append(sts, statement{name: name, effect: eff, elems: m})
	}
	return sts, nil
}

// applies says whether the statement applies to the action on the
// stream's key for the identity the stream's calls run as. The action
// decides first: a statement about other actions never matters.
func (s *statement) applies(action string, key streamKey, isKey func(string) bool) statementVerdict {
	if v := s.actionMatches(action); v.val != model.True {
		return v
	}
	res := s.resourceMatches(key, isKey)
	if res.val == model.False {
		res.near = true
		return res
	}
	out := statementVerdict{val: model.True}
	for _, v := range []statementVerdict{s.principalMatches(), res, s.conditionFree()} {
		if v.val == model.Unknown && out.val == model.True {
			out = v
		}
	}
	return out
}

// actionMatches evaluates Action or NotAction; IAM compares action names
// case-insensitively and expands * and ? in them.
func (s *statement) actionMatches(action string) statementVerdict {
	a, hasA := s.elems["Action"]
	na, hasNA := s.elems["NotAction"]
	switch {
	case hasA && !hasNA:
		return s.matchAny("Action", a, action, true)
	case hasNA && !hasA:
		v := s.matchAny("NotAction", na, action, true)
		if v.val != model.Unknown {
			v.val = v.val.Not()
		}
		return v
	}
	what := "neither Action nor NotAction"
	if hasA {
		what = "both Action and NotAction"
	}
	return statementVerdict{val: model.Unknown,
		why: fmt.Sprintf("%s has %s", s.name, what),
		fix: fmt.Sprintf("give %s of the endpoint policy exactly one of Action and NotAction", s.name)}
}

// matchAny says whether a string or list of strings holds a pattern that
// matches want.
func (s *statement) matchAny(elem string, v any, want string, fold bool) statementVerdict {
	pats, ok := stringList(v)
	if !ok {
		return statementVerdict{val: model.Unknown,
			why: fmt.Sprintf("%s has a %s that is not a string or a list of strings", s.name, elem),
			fix: fmt.Sprintf("write %s of %s as a string or a list of strings", elem, s.name)}
	}
	for _, p := range pats {
		if fold {
			p, want = strings.ToLower(p), strings.ToLower(want)
		}
		if glob(p, want) {
			return statementVerdict{val: model.True}
		}
	}
	return statementVerdict{val: model.False}
}

// principalMatches: the stream's calls go through the endpoint on behalf
// of the account, under an identity the code does not name, so only a
// statement for everyone ("*", {"AWS": "*"}) certainly covers them.
func (s *statement) principalMatches() statementVerdict {
	if _, ok := s.elems["NotPrincipal"]; ok {
		return statementVerdict{val: model.Unknown,
			why: s.name + " has NotPrincipal, and the identity the activity stream's KMS calls run as is not known offline",
			fix: fmt.Sprintf("check that the NotPrincipal of %s does not exclude the activity stream's calls, or use Principal \"*\"", s.name)}
	}
	p, ok := s.elems["Principal"]
	if ok && everyone(p) {
		return statementVerdict{val: model.True}
	}
	what := "names no Principal"
	if ok {
		b, _ := json.Marshal(p)
		what = "is for principal " + string(b)
	}
	return statementVerdict{val: model.Unknown,
		why: fmt.Sprintf("%s %s, which may not cover the identity the activity stream's KMS calls run as", s.name, what),
		fix: fmt.Sprintf("check that the principal of %s covers the activity stream's KMS calls, or use Principal \"*\" with the actions and the stream's key", s.name)}
}

// everyone says whether a Principal is everyone: "*", {"AWS": "*"}, or a
// list holding "*".
func everyone(p any) bool {
	if m, ok := p.(map[string]any); ok {
		p = m["AWS"]
	}
	list, _ := stringList(p)
	for _, x := range list {
		if x == "*" {
			return true
		}
	}
	return false
}

// resourceMatches evaluates Resource against the stream's key.
func (s *statement) resourceMatches(key streamKey, isKey func(string) bool) statementVerdict {
	if _, ok := s.elems["NotResource"]; ok {
		return statementVerdict{val: model.Unknown,
			why: s.name + " has NotResource, which daslint does not evaluate",
			fix: fmt.Sprintf("check that the NotResource of %s does not exclude the stream's key, or use Resource \"*\"", s.name)}
	}
	r, ok := s.elems["Resource"]
	pats, isList := stringList(r)
	if !ok || !isList {
		return statementVerdict{val: model.Unknown,
			why: s.name + " has no Resource that is a string or a list of strings",
			fix: fmt.Sprintf("give %s of the endpoint policy Resource \"*\" or the stream's key", s.name)}
	}
	out := statementVerdict{val: model.False}
	var others []string
	for _, p := range pats {
		if addr, ok := model.ParseToken(p); ok && addr == key.addr {
			if out.val != model.False {
				continue
			}
			// The stream's own declared key, but daslint follows a key by
			// identity and cannot tell its ARN (aws_kms_key.x.arn,
			// !GetAtt Key.Arn) from its key ID (.key_id, !Ref Key),
			// which a Resource never matches: a pass here could be false.
			out = statementVerdict{val: model.Unknown,
				why: fmt.Sprintf("%s allows it only on %s, the stream's key, but daslint cannot tell whether the reference is the key's ARN or its key ID, which a policy's Resource never matches", s.name, addr),
				fix: fmt.Sprintf("check that the Resource of %s is the key's ARN (aws_kms_key arn, Fn::GetAtt Key.Arn), not its key ID, or use Resource \"*\"", s.name)}
			continue
		}
		v := keyMatches(p, key, isKey)
		switch v {
		case model.True:
			return statementVerdict{val: model.True}
		case model.Unknown:
			if out.val == model.False {
				out = statementVerdict{val: model.Unknown,
					why: fmt.Sprintf("%s allows it only on %s, which may not be the stream's key", s.name, resourceName(p)),
					fix: fmt.Sprintf("name the stream's key in the Resource of %s (a reference to the same aws_kms_key or AWS::KMS::Key, or its key ARN), or use Resource \"*\"", s.name)}
			}
		default:
			others = append(others, resourceName(p))
		}
	}
	if out.val == model.False {
		out.why = fmt.Sprintf("%s allows it only on %s, not on the stream's key", s.name, strings.Join(others, ", "))
	}
	return out
}

// resourceName is a Resource entry for a person: a declared key by its
// address, a literal as written.
func resourceName(p string) string {
	if addr, ok := model.ParseToken(p); ok {
		return addr
	}
	return p
}

// keyMatches says whether one Resource entry covers the stream's key.
// Declared keys compare by identity; a literal key ARN by its text (with
// the Resource's wildcards); a key ID against the last part of a key ARN.
// Anything else (an alias, a value known only after apply, a policy
// variable) may or may not be the key.
func keyMatches(p string, key streamKey, isKey func(string) bool) model.Tri {
	switch {
	case p == "*":
		return model.True
	case strings.Contains(p, "${"):
		return model.Unknown
	}
	if addr, ok := model.ParseToken(p); ok {
		switch {
		case key.addr == addr:
			return model.True
		case key.addr != "" && isKey(addr):
			return model.False // two declared keys are two keys
		}
		return model.Unknown
	}
	if len(model.Tokens(p)) > 0 || strings.ContainsAny(p+key.literal, "⟨⟩⟪⟫") || key.literal == "" {
		// A placeholder in either (an unknown region, partition or
		// account) hides what it stands for.
		return model.Unknown
	}
	keyARN, keyID := splitKey(key.literal)
	switch {
	case keyARN != "":
		return model.TriOf(glob(p, keyARN))
	case keyID != "" && !strings.ContainsAny(p, "*?"):
		_, pid := splitKey(p)
		if pid == keyID && strings.HasPrefix(keyID, "mrk-") {
			// The replicas of a multi-Region key share its ID in every
			// region: the ARN may name another region's replica.
			return model.Unknown
		}
		return model.TriOf(pid == keyID)
	}
	return model.Unknown
}

// splitKey reads a key reference: a key ARN gives the ARN and its key ID;
// a bare key ID gives the ID; an alias (whose key is not known) gives
// neither.
func splitKey(s string) (arn, id string) {
	if strings.HasPrefix(s, "arn:") {
		parts := strings.SplitN(s, ":", 6)
		if len(parts) == 6 && parts[2] == "kms" && strings.HasPrefix(parts[5], "key/") {
			return s, strings.TrimPrefix(parts[5], "key/")
		}
		return "", ""
	}
	if strings.HasPrefix(s, "alias/") || strings.ContainsAny(s, "/:*?") {
		return "", ""
	}
	return "", s
}

// conditionFree: a Condition depends on the request (source VPC, tags,
// encryption context), which offline code does not see.
func (s *statement) conditionFree() statementVerdict {
	c, ok := s.elems["Condition"]
	if m, isMap := c.(map[string]any); !ok || c == nil || (isMap && len(m) == 0) {
		return statementVerdict{val: model.True}
	}
	return statementVerdict{val: model.Unknown,
		why: s.name + " has a Condition, which depends on the request",
		fix: fmt.Sprintf("check that the Condition of %s holds for the activity stream's KMS calls, or allow kms:GenerateDataKey and kms:Decrypt without a condition", s.name)}
}

// stringList reads a string or a list of strings.
func stringList(v any) ([]string, bool) {
	switch x := v.(type) {
	case string:
		return []string{x}, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "list"
	case map[string]any:
		return "object"
	}
	return "null"
}

// glob matches s against a pattern in which * stands for any run of
// characters and ? for one, as IAM reads actions and resources. It
// backtracks only to the last *, so it is linear in practice and never
// exponential.
func glob(pattern, s string) bool {
	p, i := []rune(pattern), []rune(s)
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(i) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == i[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
