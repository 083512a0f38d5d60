package terraform

import (
	"slices"
	"testing"

	"github.com/daslint/daslint/parsers/terraform/eval"
)

func TestJoinedFiles(t *testing.T) {
	tests := []struct {
		name        string
		own, remote []string
		want        []string
	}{
		{"no remote state", []string{"db/main.tf"}, nil, nil},
		{"other root's files, sorted once", []string{"db/main.tf"},
			[]string{"net/vpc.tf", "net/main.tf", "net/vpc.tf"}, []string{"net/main.tf", "net/vpc.tf"}},
		{"a module both roots call is the root's own", []string{"db/main.tf", "modules/sg/main.tf"},
			[]string{"net/main.tf", "modules/sg/main.tf"}, []string{"net/main.tf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := joinedFiles(&eval.Result{Files: tt.own, RemoteFiles: tt.remote})
			if !slices.Equal(got, tt.want) {
				t.Errorf("joinedFiles = %q, want %q", got, tt.want)
			}
		})
	}
}
