package rules

import (
	"strings"
	"testing"

	"github.com/daslint/daslint/model"
)

func TestParseKeyID(t *testing.T) {
	u := model.UnknownPart
	tests := []struct {
		in                 string
		resource, region   string
		managed, mrk, alia bool
	}{
		{"alias/aws/rds", "alias/aws/rds", "", true, false, true},
		{"alias/das", "alias/das", "", false, false, true},
		{"1234abcd-12ab-34cd-56ef-1234567890ab", "1234abcd-12ab-34cd-56ef-1234567890ab", "", false, false, false},
		{"mrk-1234abcd12ab34cd56ef1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab", "", false, true, false},
		{"arn:aws:kms:us-east-1:111122223333:key/1234abcd", "key/1234abcd", "us-east-1", false, false, false},
		{"arn:aws:kms:us-east-1:111122223333:key/mrk-1234", "key/mrk-1234", "us-east-1", false, true, false},
		{"arn:aws:kms:eu-west-1:111122223333:alias/aws/rds", "alias/aws/rds", "eu-west-1", true, false, true},
		{"arn:" + u + ":kms:" + u + ":" + u + ":alias/aws/rds", "alias/aws/rds", "", true, false, true},
		{"arn:aws:kms:" + model.RegionToken + ":1:alias/aws/rds", "alias/aws/rds", "", true, false, true},
		{u + "alias/aws/rds", "", "", false, false, false},
		{"alias/aws/" + u, "alias/aws/", "", true, false, true},
		{"arn:aws:kms:us-east-1:1:alias/" + u, "alias/", "us-east-1", false, false, true},
	}
	for _, tt := range tests {
		k := parseKeyID(tt.in)
		if k.resource != tt.resource || k.region != tt.region || k.awsManaged() != tt.managed || k.multiRegion() != tt.mrk || k.isAlias() != tt.alia {
			t.Errorf("parseKeyID(%q) = %+v (managed %t, mrk %t, alias %t), want resource %q region %q managed %t mrk %t alias %t",
				tt.in, k, k.awsManaged(), k.multiRegion(), k.isAlias(), tt.resource, tt.region, tt.managed, tt.mrk, tt.alia)
		}
		if strings.Contains(k.text, "⟪?⟫") {
			t.Errorf("text %q shows the unknown-part marker", k.text)
		}
	}
}

func TestStreamKeyProblem(t *testing.T) {
	known := func(s string) model.Str { return model.KnownStr(s, model.Range{}) }
	key := func(spec, usage string, multi model.Bool, region string) *model.KMSKey {
		k := &model.KMSKey{Origin: model.Origin{Address: "aws_kms_key.das"}, MultiRegion: multi}
		if spec != "" {
			k.KeySpec = known(spec)
		}
		if usage != "" {
			k.KeyUsage = known(usage)
		}
		if region != "" {
			k.Region = known(region)
		}
		return k
	}
	unknownSpec := &model.KMSKey{Origin: model.Origin{Address: "aws_kms_key.das"}, KeySpec: model.UnknownStr(&model.Unresolved{Reason: "var.spec"}, model.Range{})}
	tests := []struct {
		name   string
		ref    model.Ref
		key    *model.KMSKey
		region string
		want   string // the cause, "" for no problem
	}{
		{"customer key", model.Ref{Key: "aws_kms_key.das"}, key("", "", model.Bool{}, "eu-west-1"), "eu-west-1", ""},
		{"explicit symmetric default", model.Ref{Key: "aws_kms_key.das"}, key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", model.Bool{}, ""), "eu-west-1", ""},
		{"asymmetric", model.Ref{Key: "aws_kms_key.das"}, key("RSA_4096", "ENCRYPT_DECRYPT", model.Bool{}, ""), "eu-west-1", cause("key-spec", "aws_kms_key.das", "RSA_4096")},
		{"HMAC", model.Ref{Key: "aws_kms_key.das"}, key("HMAC_384", "GENERATE_VERIFY_MAC", model.Bool{}, ""), "", cause("key-spec", "aws_kms_key.das", "HMAC_384")},
		{"signing usage, spec unknown", model.Ref{Key: "aws_kms_key.das"}, func() *model.KMSKey { k := *unknownSpec; k.KeyUsage = known("SIGN_VERIFY"); return &k }(), "", cause("key-usage", "aws_kms_key.das", "SIGN_VERIFY")},
		{"unknown spec says nothing", model.Ref{Key: "aws_kms_key.das"}, unknownSpec, "", ""},
		{"declared in another region", model.Ref{Key: "aws_kms_key.das"}, key("", "", model.Bool{}, "us-east-1"), "eu-west-1", cause("region", "aws_kms_key.das", "us-east-1", "eu-west-1")},
		{"multi-Region key in another region", model.Ref{Key: "aws_kms_key.das"}, key("", "", model.KnownBool(true, model.Range{}), "us-east-1"), "eu-west-1", ""},
		{"multi-Region flag unknown", model.Ref{Key: "aws_kms_key.das"}, key("", "", model.Bool{Unknown: &model.Unresolved{}}, "us-east-1"), "eu-west-1", ""},
		{"cluster region unknown", model.Ref{Key: "aws_kms_key.das"}, key("", "", model.Bool{}, "us-east-1"), "", ""},
		{"a token of something else", model.Ref{Key: "aws_kms_alias.das"}, nil, "eu-west-1", ""},
		{"RDS default key", model.Ref{Literal: "alias/aws/rds"}, nil, "", cause("aws-managed", "alias/aws/rds")},
		{"another service's key", model.Ref{Literal: "arn:aws:kms:eu-west-1:1:alias/aws/kinesis"}, nil, "eu-west-1", cause("aws-managed", "alias/aws/kinesis")},
		{"customer alias", model.Ref{Literal: "alias/das"}, nil, "eu-west-1", ""},
		{"key ARN of another region", model.Ref{Literal: "arn:aws:kms:us-east-1:1:key/1234"}, nil, "eu-west-1", cause("region", "us-east-1", "eu-west-1")},
		{"alias ARN of another region", model.Ref{Literal: "arn:aws:kms:us-east-1:1:alias/das"}, nil, "eu-west-1", cause("region", "us-east-1", "eu-west-1")},
		{"same region, any case", model.Ref{Literal: "arn:aws:kms:EU-WEST-1:1:key/1234"}, nil, "eu-west-1", ""},
		{"multi-Region key ARN of another region", model.Ref{Literal: "arn:aws:kms:us-east-1:1:key/mrk-1234"}, nil, "eu-west-1", ""},
		{"ARN around a declared key", model.Ref{Literal: "arn:aws:kms:eu-west-1:1:key/" + model.Token("aws_kms_key.das")}, key("ECC_NIST_P384", "SIGN_VERIFY", model.Bool{}, ""), "eu-west-1", cause("key-spec", "aws_kms_key.das", "ECC_NIST_P384")},
		{"ARN around a declared key, other region", model.Ref{Literal: "arn:aws:kms:us-east-1:1:key/" + model.Token("aws_kms_key.das")}, key("", "", model.Bool{}, ""), "eu-west-1", cause("region", "us-east-1", "eu-west-1")},
		{"unknown", model.Ref{Unknown: &model.Unresolved{Reason: "var.key"}}, nil, "eu-west-1", ""},
		{"a declared alias of a declared key", model.Ref{Key: "aws_kms_alias.das"}, key("HMAC_256", "", model.Bool{}, ""), "", cause("key-spec", "aws_kms_key.das", "HMAC_256")},
		{"a declared alias by name", model.Ref{Literal: "alias/das-key"}, key("RSA_2048", "", model.Bool{}, ""), "", cause("key-spec", "aws_kms_key.das", "RSA_2048")},
		{"a declared alias of a good key", model.Ref{Literal: "alias/das-key"}, key("", "", model.Bool{}, ""), "eu-west-1", ""},
		{"alias names are case sensitive", model.Ref{Literal: "alias/DAS-key"}, key("RSA_2048", "", model.Bool{}, ""), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &model.Model{KMSAliases: []*model.KMSAlias{{Origin: model.Origin{Address: "aws_kms_alias.das"},
				Name: known("alias/das-key"), TargetKey: model.Ref{Key: "aws_kms_key.das"}}}}
			if tt.key != nil {
				m.KMSKeys = append(m.KMSKeys, tt.key)
			}
			got := streamKeyProblem(&model.ActivityStream{KMSKey: tt.ref}, tt.region, indexKeys(m))
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("problem %q (%s), want none", got.cause, got.why)
			case tt.want != "" && got == nil:
				t.Errorf("no problem, want %q", tt.want)
			case got != nil && got.cause != tt.want:
				t.Errorf("cause %q, want %q", got.cause, tt.want)
			}
		})
	}
}
