package suppress

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseComment(t *testing.T) {
	for _, tc := range []struct {
		text      string
		want      Entry
		directive bool
		err       string
	}{
		{text: "# daslint:ignore DAS001 egress via TGW\n", want: Entry{Rules: []string{"DAS001"}, Reason: "egress via TGW"}, directive: true},
		{text: "//daslint:ignore DAS001,DAS002 until=2027-06-30 accepted", want: Entry{Rules: []string{"DAS001", "DAS002"}, Reason: "accepted", Until: "2027-06-30"}, directive: true},
		{text: "/* daslint:ignore DAS002 reason until=2027-01-02 */", want: Entry{Rules: []string{"DAS002"}, Reason: "reason", Until: "2027-01-02"}, directive: true},
		{text: "# a plain comment"},
		{text: "# daslint:ignored DAS001 x"},
		{text: "# see daslint:ignore DAS001 x"},
		{text: "# daslint:ignore", directive: true, err: "needs a rule and a reason"},
		{text: "# daslint:ignore DAS001", directive: true, err: "DAS001 has no reason"},
		{text: "# daslint:ignore DAS001 until=2027-06-30", directive: true, err: "has no reason"},
		{text: "# daslint:ignore kms reason", directive: true, err: `"kms" is not a rule ID`},
		{text: "# daslint:ignore DAS001 until=30/06/2027 reason", directive: true, err: "is not a date"},
	} {
		got, directive, err := ParseComment(tc.text)
		if directive != tc.directive {
			t.Errorf("ParseComment(%q): directive %v, want %v", tc.text, directive, tc.directive)
		}
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseComment(%q) error %v, want %q", tc.text, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseComment(%q): %v", tc.text, err)
		}
		if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(Entry{})); diff != "" {
			t.Errorf("ParseComment(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
}
