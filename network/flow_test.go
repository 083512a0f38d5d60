package network

import "testing"

func TestFlowString(t *testing.T) {
	peer := peerAddr{name: "0.0.0.0/0"}
	for _, c := range []struct {
		f    flow
		want string
	}{
		{flow{egress: true, lo: 443, hi: 443, peer: peer}, "egress TCP 443 to 0.0.0.0/0"},
		{flow{egress: false, lo: 1024, hi: 65535, peer: peer}, "ingress TCP 1024-65535 from 0.0.0.0/0"},
		{flow{egress: false, lo: 0, hi: 0, peer: peerAddr{name: "aws_subnet.a"}}, "ingress TCP 0 from aws_subnet.a"},
	} {
		if got := c.f.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.f, got, c.want)
		}
	}
}
