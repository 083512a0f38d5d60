package network

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

const (
	keyARN   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	otherARN = "arn:aws:kms:eu-west-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
)

// stmt wraps statements in a policy document.
func stmt(sts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(sts, ",") + `]}`
}

func TestJudgePolicy(t *testing.T) {
	declared := streamKey{addr: "aws_kms_key.das"}
	literal := streamKey{literal: keyARN}
	byID := streamKey{literal: "1234abcd-12ab-34cd-56ef-1234567890ab"}
	alias := streamKey{literal: "alias/das"}
	isKey := func(addr string) bool { return strings.HasPrefix(addr, "aws_kms_key.") }
	tok := model.Token
	tests := []struct {
		name string
		doc  string
		key  streamKey
		want model.Tri
		why  string // a part of the reason, for a value other than True
	}{
		// Allow-all, spelled every way.
		{"Principal * Action * Resource *", stmt(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`), streamKey{}, model.True, ""},
		{"Principal AWS * Action kms:*", stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}`), streamKey{}, model.True, ""},
		{"lists everywhere", stmt(`{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["kms:*"],"Resource":["*"]}`), streamKey{}, model.True, ""},
		{"principal list holding *", stmt(`{"Effect":"Allow","Principal":["*"],"Action":"*","Resource":"*"}`), streamKey{}, model.True, ""},
		{"action names in any case", stmt(`{"Effect":"Allow","Principal":"*","Action":["KMS:generatedatakey","Kms:DECRYPT"],"Resource":"*"}`), streamKey{}, model.True, ""},
		{"one statement, not a list", `{"Statement":{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}}`, streamKey{}, model.True, ""},
		{"allow-all among other actions", stmt(`{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","kms:*"],"Resource":"*"}`), streamKey{}, model.True, ""},
		{"empty condition", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{}}`), streamKey{}, model.True, ""},
		{"the two actions in two statements", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}`,
			`{"Effect":"Allow","Principal":"*","Action":"kms:GenerateDataKey","Resource":"*"}`), streamKey{}, model.True, ""},

		// Wildcards and NotAction.
		{"GenerateDataKey* and Decrypt", stmt(`{"Effect":"Allow","Principal":"*","Action":["kms:GenerateDataKey*","kms:Decrypt"],"Resource":"*"}`), streamKey{}, model.True, ""},
		{"*Key* and ?ecrypt", stmt(`{"Effect":"Allow","Principal":"*","Action":["kms:*Key*","kms:?ecrypt"],"Resource":"*"}`), streamKey{}, model.True, ""},
		{"a wildcard that misses Decrypt", stmt(`{"Effect":"Allow","Principal":"*","Action":["kms:GenerateDataKey*","kms:?ncrypt"],"Resource":"*"}`), streamKey{}, model.False, "does not allow kms:Decrypt"},
		{"a wildcard over another service", stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}`), streamKey{}, model.False, "does not allow kms:GenerateDataKey"},
		{"NotAction excluding Decrypt", stmt(`{"Effect":"Allow","Principal":"*","NotAction":"kms:Decrypt","Resource":"*"}`), streamKey{}, model.False, "does not allow kms:Decrypt"},
		{"NotAction excluding other actions", stmt(`{"Effect":"Allow","Principal":"*","NotAction":["kms:Encrypt","kms:ScheduleKeyDeletion"],"Resource":"*"}`), streamKey{}, model.True, ""},
		{"Action and NotAction", stmt(`{"Effect":"Allow","Principal":"*","Action":"*","NotAction":"kms:Encrypt","Resource":"*"}`), streamKey{}, model.Unknown, "both Action and NotAction"},

		// Policies that allow too little.
		{"only kms:Encrypt", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:Encrypt","Resource":"*"}`), streamKey{}, model.False, "does not allow kms:GenerateDataKey"},
		{"no statements", `{"Version":"2012-10-17","Statement":[]}`, streamKey{}, model.False, "does not allow"},
		{"Deny only", stmt(`{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}`), streamKey{}, model.False, "does not allow"},
		{"a principal, but no allow of GenerateDataKey", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:Decrypt","Resource":"*"}`), streamKey{}, model.False, "kms:GenerateDataKey"},

		// What offline code cannot settle.
		{"a Deny beside allow-all", stmt(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`, `{"Sid":"Lock","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}}`), streamKey{}, model.Unknown, `statement 2 (Sid "Lock") denies kms:Decrypt`},
		{"a Deny of other actions does not matter", stmt(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Principal":"*","Action":"kms:ScheduleKeyDeletion","Resource":"*"}`), streamKey{}, model.True, ""},
		{"a Deny on another declared key does not matter", stmt(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"`+tok("aws_kms_key.other")+`"}`), declared, model.True, ""},
		{"a condition", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}`), streamKey{}, model.Unknown, "statement 1 has a Condition"},
		{"a named principal", stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}`), streamKey{}, model.Unknown, "is for principal"},
		{"a service principal", stmt(`{"Effect":"Allow","Principal":{"Service":"rds.amazonaws.com"},"Action":"kms:*","Resource":"*"}`), streamKey{}, model.Unknown, "is for principal"},
		{"no principal", stmt(`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`), streamKey{}, model.Unknown, "names no Principal"},
		{"NotPrincipal", stmt(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}`), streamKey{}, model.Unknown, "NotPrincipal"},
		{"NotResource", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","NotResource":"` + otherARN + `"}`), literal, model.Unknown, "NotResource"},
		{"an odd Effect", stmt(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`, `{"Effect":"Audit","Principal":"*","Action":"kms:*","Resource":"*"}`), streamKey{}, model.Unknown, `Effect "Audit"`},
		{"a condition loses to a certain allow", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`,
			`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}`), streamKey{}, model.True, ""},

		// Resources against the stream's key.
		{"the declared key", stmt(`{"Effect":"Allow","Principal":"*","Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"` + tok("aws_kms_key.das") + `"}`), declared, model.Unknown, "cannot tell whether the reference is the key's ARN or its key ID"},
		{"the declared key or everything", stmt(`{"Effect":"Allow","Principal":"*","Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":["` + tok("aws_kms_key.das") + `","*"]}`), declared, model.True, ""},
		{"another declared key", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + tok("aws_kms_key.other") + `"}`), declared, model.False, "only on aws_kms_key.other, not on the stream's key"},
		{"a declared key, the stream's key unknown", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + tok("aws_kms_key.das") + `"}`), streamKey{}, model.Unknown, "may not be the stream's key"},
		{"a declared object that is no key", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + tok("aws_kms_alias.das") + `"}`), declared, model.Unknown, "may not be the stream's key"},
		{"a literal ARN for a declared key", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + keyARN + `"}`), declared, model.Unknown, "may not be the stream's key"},
		{"the literal key ARN", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":["` + otherARN + `","` + keyARN + `"]}`), literal, model.True, ""},
		{"other literal key ARNs", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":["` + otherARN + `"]}`), literal, model.False, "only on " + otherARN},
		{"a wildcard ARN covering the key", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"arn:aws:kms:eu-west-1:111122223333:key/*"}`), literal, model.True, ""},
		{"a wildcard ARN of another account", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"arn:aws:kms:*:444455556666:key/*"}`), literal, model.False, "not on the stream's key"},
		{"the key by ID", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + keyARN + `"}`), byID, model.True, ""},
		{"a multi-Region key by ID", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd"}`), streamKey{literal: "mrk-1234abcd"}, model.Unknown, "may not be"},
		{"another key, the stream's by ID", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + otherARN + `"}`), byID, model.False, "not on the stream's key"},
		{"a wildcard, the stream's key by ID", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"arn:aws:kms:*:*:key/*"}`), byID, model.Unknown, "may not be"},
		{"the stream's key by alias", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + keyARN + `"}`), alias, model.Unknown, "may not be the stream's key"},
		{"a policy variable", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"arn:aws:kms:eu-west-1:${aws:PrincipalAccount}:key/*"}`), literal, model.Unknown, "may not be"},
		{"a stream key ARN with an unknown part", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + otherARN + `"}`), streamKey{literal: "arn:" + model.Token("?") + ":kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}, model.Unknown, "may not be"},
		{"a literal key ARN, the stream's key unknown", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"` + keyARN + `"}`), streamKey{}, model.Unknown, "may not be the stream's key"},
		{"no Resource", stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*"}`), streamKey{}, model.Unknown, "no Resource"},

		// Malformed documents.
		{"not JSON", `{"Statement": [`, streamKey{}, model.Unknown, "cannot be read"},
		{"a JSON list", `[]`, streamKey{}, model.Unknown, "not a JSON object"},
		{"Statement a string", `{"Statement":"Allow"}`, streamKey{}, model.Unknown, "Statement is a string"},
		{"a statement that is a number", `{"Statement":[1]}`, streamKey{}, model.Unknown, "statement 1 is a number"},
		{"Action a number", stmt(`{"Effect":"Allow","Principal":"*","Action":1,"Resource":"*"}`), streamKey{}, model.Unknown, "Action that is not a string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := judgePolicy(tc.doc, tc.key, isKey)
			if j.val != tc.want {
				t.Fatalf("judgePolicy = %v (%s), want %v", j.val, j.why, tc.want)
			}
			if tc.want != model.True && !strings.Contains(j.why, tc.why) {
				t.Errorf("why = %q, want it to contain %q", j.why, tc.why)
			}
			if tc.want != model.True && j.fix == "" {
				t.Errorf("no fix for %v", j.val)
			}
		})
	}
}

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "kms:decrypt", true},
		{"kms:*", "kms:decrypt", true},
		{"kms:?ecrypt", "kms:decrypt", true},
		{"kms:?ecrypt", "kms:ecrypt", false},
		{"kms:*key*", "kms:generatedatakey", true},
		{"kms:generatedatakey*", "kms:generatedatakey", true},
		{"kms:generatedatakey?", "kms:generatedatakey", false},
		{"kms:decrypt", "kms:decrypts", false},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
		{"**a", "a", true},
		{"", "", true},
		{"", "a", false},
	}
	for _, tc := range tests {
		if got := glob(tc.pattern, tc.s); got != tc.want {
			t.Errorf("glob(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}

// FuzzPolicy: no document panics the evaluator, and its answer is one of
// the three values, explained when it is not True.
func FuzzPolicy(f *testing.F) {
	for _, s := range []string{
		stmt(`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}`),
		stmt(`{"Effect":"Deny","NotPrincipal":{"AWS":["x"]},"NotAction":["kms:*?"],"NotResource":"*","Condition":{"a":{}}}`),
		stmt(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:GenerateDataKey*"],"Resource":["` + model.Token("aws_kms_key.das") + `","` + keyARN + `"]}`),
		`{"Statement":{"Effect":1}}`, `null`, `{"Statement":[null,[],{}]}`, `"*"`, ``,
	} {
		f.Add(s, "aws_kms_key.das", "")
		f.Add(s, "", keyARN)
	}
	f.Fuzz(func(t *testing.T, doc, addr, literal string) {
		j := judgePolicy(doc, streamKey{addr: addr, literal: literal}, func(a string) bool { return strings.HasPrefix(a, "aws_kms_key.") })
		switch j.val {
		case model.True:
		case model.False, model.Unknown:
			if j.why == "" || j.fix == "" {
				t.Errorf("judgePolicy(%q) = %v without a reason or a fix", doc, j.val)
			}
		default:
			t.Errorf("judgePolicy(%q) = %v", doc, j.val)
		}
	})
}
