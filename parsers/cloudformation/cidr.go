package cloudformation

import (
	"math/big"
	"net/netip"

	"github.com/daslint/daslint/model"
)

// maxCidrCount is the most subnets Fn::Cidr may return (the CloudFormation
// reference allows 1 to 256).
const maxCidrCount = 256

// fnCidr evaluates Fn::Cidr [ipBlock, count, cidrBits]: count consecutive
// blocks of 2^cidrBits addresses each, from the start of ipBlock.
func (s *stack) fnCidr(arg, n *node) Value {
	a, ok := s.args("Fn::Cidr", arg, n, 3, 3)
	if !ok {
		return unknownVal(model.FromExpression, s.rng(n), "malformed Fn::Cidr")
	}
	block, count, bits := s.eval(a[0]), s.eval(a[1]), s.eval(a[2])
	for _, v := range []Value{block, count, bits} {
		if v.kind == kUnknown {
			return unknownFrom(v.unknown, s.rng(n))
		}
	}
	text, _ := block.scalarString()
	prefix, err := netip.ParsePrefix(text)
	if err != nil {
		return s.fail(a[0], "Fn::Cidr: %q is not a CIDR block", text)
	}
	c, okc := count.asInt()
	b, okb := bits.asInt()
	total := int64(prefix.Addr().BitLen())
	newLen := total - b
	if !okc || !okb || c < 1 || c > maxCidrCount || b < 0 || newLen < int64(prefix.Bits()) {
		return s.fail(n, "Fn::Cidr: cannot cut %d blocks of %d host bits from %s", c, b, text)
	}
	if int64(prefix.Bits()) < newLen && newLen-int64(prefix.Bits()) < 63 && c > int64(1)<<(newLen-int64(prefix.Bits())) {
		return s.fail(n, "Fn::Cidr: %s holds fewer than %d blocks of /%d", text, c, newLen)
	}
	base := new(big.Int).SetBytes(prefix.Masked().Addr().AsSlice())
	step := new(big.Int).Lsh(big.NewInt(1), uint(b))
	out := make([]Value, 0, c)
	for i := int64(0); i < c; i++ {
		addr := new(big.Int).Add(base, new(big.Int).Mul(step, big.NewInt(i)))
		buf := make([]byte, total/8)
		addr.FillBytes(buf)
		ip, _ := netip.AddrFromSlice(buf)
		out = append(out, strVal(netip.PrefixFrom(ip, int(newLen)).String(), s.rng(n)))
	}
	return listVal(out, s.rng(n))
}
