package cloudformation

import (
	"testing"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/model"
)

// TestPrefixList reads AWS::EC2::PrefixList entries, and a route that
// names the list by Ref or by its PrefixListId attribute.
func TestPrefixList(t *testing.T) {
	m, ds := loadText(t, `
Parameters:
  Extra: {Type: String}
Resources:
  Corp:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: corp
      AddressFamily: IPv4
      MaxEntries: 3
      Entries:
        - {Cidr: 10.0.0.0/8}
        - {Cidr: !Ref Extra}
  Unknown:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: other
      AddressFamily: IPv4
      MaxEntries: 3
      Entries: !Split [",", !Ref Extra]
  ByRef:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: rtb-1, DestinationPrefixListId: !Ref Corp, TransitGatewayId: tgw-1}
  ByAtt:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: rtb-1, DestinationPrefixListId: !GetAtt Corp.PrefixListId, TransitGatewayId: tgw-1}
`, Options{})
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("unexpected error: %v", d)
		}
	}
	for _, r := range m.Routes {
		if r.DestinationPrefixList.Key != "Corp" {
			t.Errorf("%s: destination prefix list = %+v, want a link to Corp", r.Address, r.DestinationPrefixList)
		}
	}
	if len(m.PrefixLists) != 2 {
		t.Fatalf("got %d prefix lists, want 2", len(m.PrefixLists))
	}
	corp := m.PrefixLists[0]
	if corp.AddressFamily.Value != "IPv4" || len(corp.Entries.Items) != 2 || corp.Entries.Incomplete != nil ||
		corp.Entries.Items[0] != model.KnownStr("10.0.0.0/8", corp.Entries.Items[0].Range) || corp.Entries.Items[1].Unknown == nil {
		t.Errorf("Corp = %+v %+v, want IPv4 with 10.0.0.0/8 and an unknown entry", corp.AddressFamily, corp.Entries)
	}
	if u := m.PrefixLists[1].Entries.Incomplete; u == nil {
		t.Errorf("entries of an unknown list: want incomplete, got %+v", m.PrefixLists[1].Entries)
	}
}
