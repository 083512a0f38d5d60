package parsers

import (
	"testing"

	"github.com/daslint/daslint/model"
)

func TestEndpointsSettled(t *testing.T) {
	vpc := func(id string) *model.VPC { return &model.VPC{Origin: model.Origin{Address: id}} }
	ep := func(id, vpc string) *model.VPCEndpoint {
		return &model.VPCEndpoint{Origin: model.Origin{Address: id}, VPC: model.Ref{Key: vpc}}
	}
	own := map[string]bool{"vpce-own": true}
	for _, c := range []struct {
		name  string
		facts []*model.Model
		want  bool
	}{
		{"no facts", nil, false},
		{"only the state's endpoint", []*model.Model{{VPCEndpoints: []*model.VPCEndpoint{ep("vpce-own", "vpc-1")}}}, true},
		{"the VPC, no endpoint at all", []*model.Model{{VPCs: []*model.VPC{vpc("vpc-1")}}}, true},
		{"another root's endpoint", []*model.Model{{VPCEndpoints: []*model.VPCEndpoint{ep("vpce-own", "vpc-1"), ep("vpce-other", "vpc-1")}}}, false},
		{"a snapshot that does not know the VPC", []*model.Model{{VPCs: []*model.VPC{vpc("vpc-2")}, VPCEndpoints: []*model.VPCEndpoint{ep("vpce-x", "vpc-2")}}}, false},
		{"endpoint named by a literal VPC ID", []*model.Model{{VPCEndpoints: []*model.VPCEndpoint{{Origin: model.Origin{Address: "vpce-other"}, VPC: model.Ref{Literal: "vpc-1"}}}}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := endpointsSettled(c.facts, "vpc-1", own); got != c.want {
				t.Errorf("endpointsSettled = %v, want %v", got, c.want)
			}
		})
	}
}
