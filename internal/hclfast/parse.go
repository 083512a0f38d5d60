// Package hclfast parses the everyday subset of HCL native syntax into
// exactly the syntax tree hclsyntax.ParseConfig makes of it, at a fraction
// of the cost, and declines everything else.
//
// hclsyntax first turns a whole file into an array of tokens, each with a
// full hcl.Range (96 bytes), whose columns it counts in grapheme clusters;
// on the generated roots of docs/performance.md that array, rebuilt as it
// grows, is more than half of all the memory a run allocates and half of
// the time hcl spends on a file. Configuration is mostly blocks, arguments,
// references, calls, lists, maps and quoted strings in plain ASCII. For
// those this package reads the bytes once, left to right, and builds the
// same nodes (*hclsyntax.Body, *hclsyntax.Attribute, *hclsyntax.Block and
// the expression nodes below them) with the same values and ranges.
//
// ParseConfig declines (returns false) as soon as the source holds
// anything outside that subset, valid or not: a byte outside printable
// ASCII, tab and newline; operators, conditionals, parentheses, for
// expressions, splats, heredocs, escapes and template directives; legacy
// index steps; single-line blocks; a repeated argument; any syntax error.
// The caller then parses the file with hclsyntax, which also reports the
// errors. So a file this package accepts is one hclsyntax parses without a
// diagnostic into a tree equal to this one (TestAgreesWithHCLSyntax and
// FuzzAgreesWithHCLSyntax compare the two field by field), and a file it
// declines is parsed as if this package did not exist.
//
// The one difference: the hcl.File has no Nav, hcl's hook for editors'
// navigation, which daslint does not use.
//
// ParseConfigCompact parses the same subset into the compact form of
// internal/hclcompact, which is what daslint's evaluation reads: equal to
// what hclcompact.CompactFile makes of hclsyntax's tree (the tests compare
// the two as well), without ever making the Attribute, Body and Block
// nodes of resource bodies that the conversion would drop.
package hclfast

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/daslint/daslint/internal/hclcompact"
)

// maxDepth bounds how deeply expressions and blocks nest before the parse
// is declined (hclsyntax then takes the file), so that no input grows the
// stack without bound.
const maxDepth = 64

// ParseConfig parses src, the contents of the file filename, as
// hclsyntax.ParseConfig(src, filename, hcl.InitialPos) would, when src is
// in the subset the package documents; ok is false otherwise.
func ParseConfig(src []byte, filename string) (f *hcl.File, ok bool) {
	return parse(src, filename, false)
}

// ParseConfigCompact is ParseConfig, which gives the file in the compact
// form of internal/hclcompact: the body of each resource and data block
// is cut down to its meta-arguments, and what the evaluation reads of it is
// recorded in f.Nav, as hclcompact.CompactFile makes of the tree
// hclsyntax.ParseConfig parses. The Attribute, Body and Block nodes that
// CompactFile drops are never made.
func ParseConfigCompact(src []byte, filename string) (f *hcl.File, ok bool) {
	return parse(src, filename, true)
}

func parse(src []byte, filename string, compact bool) (*hcl.File, bool) {
	if !plainASCII(src) {
		return nil, false
	}
	p := &parser{src: src, filename: filename, line: 1}
	if compact {
		p.compact = &hclcompact.Compacted{Bodies: map[*hclsyntax.Body]*hclcompact.Body{}}
	}
	body, ok := p.topBody()
	if !ok {
		return nil, false
	}
	f := &hcl.File{Body: body, Bytes: src}
	if compact {
		f.Nav = p.compact
	}
	return f, true
}

// plainASCII reports whether src holds printable ASCII, tabs and newlines
// only: where a column is a byte, and a line ends with "\n".
func plainASCII(src []byte) bool {
	for _, c := range src {
		if (c < ' ' && c != '\t' && c != '\n') || c > '~' {
			return false
		}
	}
	return true
}

// parser reads src left to right; off is the next byte, on line line,
// which starts at lineStart.
type parser struct {
	src       []byte
	filename  string
	off       int
	line      int
	lineStart int
	depth     int
	// compact, when set, receives the compact body of each resource and
	// data block (ParseConfigCompact).
	compact *hclcompact.Compacted
}

// pos is the position of the next byte.
func (p *parser) pos() hcl.Pos {
	return hcl.Pos{Line: p.line, Column: p.off - p.lineStart + 1, Byte: p.off}
}

// rangeFrom is the range from start to the next byte.
func (p *parser) rangeFrom(start hcl.Pos) hcl.Range {
	return hcl.Range{Filename: p.filename, Start: start, End: p.pos()}
}

// exact is items in an array of their own, of their length (nil when
// there are none, as hclsyntax leaves an empty list): the items are
// gathered in a buffer on the stack, so that no array grown by append is
// left behind, half used, next to the nodes that live on.
func exact[T any](items []T) []T {
	if len(items) == 0 {
		return nil
	}
	return append(make([]T, 0, len(items)), items...)
}

// peekByte is the byte at off+i, or 0 past the end.
func (p *parser) peekByte(i int) byte {
	if p.off+i < len(p.src) {
		return p.src[p.off+i]
	}
	return 0
}

// atEOF reports whether every byte has been read.
func (p *parser) atEOF() bool { return p.off >= len(p.src) }

// advance reads n bytes, none of them a newline.
func (p *parser) advance(n int) { p.off += n }

// token reads n bytes, none of them a newline, and returns their range.
func (p *parser) token(n int) hcl.Range {
	start := p.pos()
	p.advance(n)
	return p.rangeFrom(start)
}

// newlineRead reads the newline at off.
func (p *parser) newlineRead() {
	p.off++
	p.line++
	p.lineStart = p.off
}

// skipInline skips spaces, tabs and /* */ comments, which hclsyntax does
// not hand to its parser; it stops at a newline and at a line comment,
// which hclsyntax hands over as a newline. ok is false for a comment that
// does not end.
func (p *parser) skipInline() bool {
	for !p.atEOF() {
		switch c := p.src[p.off]; {
		case c == ' ' || c == '\t':
			p.off++
		case c == '/' && p.peekByte(1) == '*':
			n := bytes.Index(p.src[p.off+2:], []byte("*/"))
			if n < 0 {
				return false
			}
			for end := p.off + 2 + n + 2; p.off < end; {
				if p.src[p.off] == '\n' {
					p.newlineRead()
				} else {
					p.off++
				}
			}
		default:
			return true
		}
	}
	return true
}

// atNewline reports whether the next token is a newline: "\n" or a line
// comment, which ends with one.
func (p *parser) atNewline() bool {
	switch p.peekByte(0) {
	case '\n', '#':
		return true
	case '/':
		return p.peekByte(1) == '/'
	}
	return false
}

// readNewline reads the newline token at off (see atNewline).
func (p *parser) readNewline() {
	for !p.atEOF() {
		if p.src[p.off] == '\n' {
			p.newlineRead()
			return
		}
		p.off++
	}
}

// skip skips what separates tokens: in a context where newlines count
// (nl), spaces and block comments; elsewhere newlines and line comments
// too, as hclsyntax's parser ignores them inside brackets.
func (p *parser) skip(nl bool) bool {
	for {
		if !p.skipInline() {
			return false
		}
		if nl || !p.atNewline() {
			return true
		}
		p.readNewline()
	}
}

// identLen is the length of the identifier at off, or 0. An identifier
// starts with a letter or "_" and goes on with letters, digits, "_" and
// "-", as hclsyntax's scanner reads it in ASCII.
func (p *parser) identLen() int {
	if p.atEOF() || !identStart(p.src[p.off]) {
		return 0
	}
	n := 1
	for p.off+n < len(p.src) && identPart(p.src[p.off+n]) {
		n++
	}
	return n
}

func identStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func identPart(c byte) bool {
	return identStart(c) || c == '-' || (c >= '0' && c <= '9')
}

// isKeyword reports whether the identifier at off is word.
func (p *parser) isKeyword(word string) bool {
	n := p.identLen()
	return n == len(word) && string(p.src[p.off:p.off+n]) == word
}

// topBody parses the file's body, up to the end of the file.
func (p *parser) topBody() (*hclsyntax.Body, bool) {
	if !p.skipInline() {
		return nil, false
	}
	// hclsyntax starts the file's range at its first token, a line
	// comment or newline included, but passes over a line comment that
	// the file ends in without a newline.
	start := p.pos()
	if p.atNewline() && !bytes.Contains(p.src[p.off:], []byte{'\n'}) {
		start.Byte = len(p.src)
		start.Column += len(p.src) - p.off
	}
	body, _, ok := p.bodyItems(start, true)
	return body, ok
}

// bodyItems parses arguments and blocks up to the end of the file (top)
// or up to and including the "}" that closes a block, whose range it
// returns with the body; start is where the body's range begins.
func (p *parser) bodyItems(start hcl.Pos, top bool) (*hclsyntax.Body, hcl.Range, bool) {
	var attrBuf [16]*hclsyntax.Attribute
	var blockBuf [16]*hclsyntax.Block
	attrList, blockList := attrBuf[:0], blockBuf[:0]
	var end hcl.Range
	for {
		if !p.skipInline() {
			return nil, hcl.Range{}, false
		}
		switch {
		case p.atEOF():
			if !top {
				return nil, hcl.Range{}, false
			}
			end = p.rangeFrom(p.pos())
		case !top && p.src[p.off] == '}':
			end = p.token(1)
		case p.atNewline():
			p.readNewline()
			continue
		default:
			attr, block, ok := p.bodyItem()
			if !ok {
				return nil, hcl.Range{}, false
			}
			if attr != nil {
				attrList = append(attrList, attr)
			} else {
				blockList = append(blockList, block)
			}
			continue
		}
		break
	}
	attrs := make(hclsyntax.Attributes, len(attrList))
	for _, a := range attrList {
		attrs[a.Name] = a
	}
	if len(attrs) < len(attrList) {
		return nil, hcl.Range{}, false // an argument set twice
	}
	blocks := hclsyntax.Blocks{} // hclsyntax's body of no block has an empty list
	if len(blockList) > 0 {
		blocks = exact(blockList)
	}
	return &hclsyntax.Body{
		Attributes: attrs,
		Blocks:     blocks,
		SrcRange:   hcl.Range{Filename: p.filename, Start: start, End: end.End},
		EndRange:   hcl.Range{Filename: p.filename, Start: end.End, End: end.End},
	}, end, true
}

// bodyItem parses an argument or a block, with the newline that ends it.
func (p *parser) bodyItem() (*hclsyntax.Attribute, *hclsyntax.Block, bool) {
	n := p.identLen()
	if n == 0 {
		return nil, nil, false
	}
	name := string(p.src[p.off : p.off+n])
	nameRange := p.token(n)
	if !p.skipInline() {
		return nil, nil, false
	}
	if p.peekByte(0) == '=' {
		attr, ok := p.attribute(name, nameRange)
		return attr, nil, ok
	}
	block, ok := p.block(name, nameRange)
	return nil, block, ok
}

// attribute parses an argument after its name.
func (p *parser) attribute(name string, nameRange hcl.Range) (*hclsyntax.Attribute, bool) {
	expr, equals, ok := p.attributeValue()
	if !ok {
		return nil, false
	}
	return newAttribute(name, nameRange, equals, expr), true
}

// newAttribute is the Attribute node of the argument name = expr.
func newAttribute(name string, nameRange, equals hcl.Range, expr hclsyntax.Expression) *hclsyntax.Attribute {
	return &hclsyntax.Attribute{
		Name:        name,
		Expr:        expr,
		SrcRange:    hcl.RangeBetween(nameRange, expr.Range()),
		NameRange:   nameRange,
		EqualsRange: equals,
	}
}

// attributeValue parses an argument after its name: the "=", whose range
// it returns, the expression and the end of the line.
func (p *parser) attributeValue() (hclsyntax.Expression, hcl.Range, bool) {
	if c := p.peekByte(1); c == '=' || c == '>' {
		return nil, hcl.Range{}, false
	}
	equals := p.token(1)
	expr, ok := p.expression(true)
	if !ok || !p.endOfLine() {
		return nil, hcl.Range{}, false
	}
	return expr, equals, true
}

// endOfLine reads the newline that must end an argument or a block, or
// finds the end of the file.
func (p *parser) endOfLine() bool {
	if !p.skipInline() {
		return false
	}
	switch {
	case p.atEOF():
		return true
	case p.atNewline():
		p.readNewline()
		return true
	}
	return false
}

// block parses a block after its type: its labels and its body. In a
// compact parse, the body of a resource or data block is read in the
// compact form (compactBody).
func (p *parser) block(typ string, typeRange hcl.Range) (*hclsyntax.Block, bool) {
	var labelBuf [4]string
	var rangeBuf [4]hcl.Range
	labels, labelRanges, open, ok := p.blockHeader(labelBuf[:0], rangeBuf[:0])
	if !ok {
		return nil, false
	}
	var body *hclsyntax.Body
	var closeRange hcl.Range
	p.depth++
	if p.compact != nil && p.depth == 1 && hclcompact.IsResource(typ, len(labels)) {
		var cb *hclcompact.Body
		body, cb, closeRange, ok = p.compactBody(open.Start)
		if ok {
			p.compact.Bodies[body] = cb
		}
	} else {
		body, closeRange, ok = p.bodyItems(open.Start, false)
	}
	p.depth--
	if !ok || !p.endOfLine() {
		return nil, false
	}
	return &hclsyntax.Block{
		Type:            typ,
		Labels:          exact(labels),
		Body:            body,
		TypeRange:       typeRange,
		LabelRanges:     exact(labelRanges),
		OpenBraceRange:  open,
		CloseBraceRange: closeRange,
	}, true
}

// blockHeader parses a block's labels, appended to labels and ranges, and
// its "{", whose range it returns, up to the newline after it.
func (p *parser) blockHeader(labels []string, ranges []hcl.Range) ([]string, []hcl.Range, hcl.Range, bool) {
	for {
		if !p.skipInline() {
			return nil, nil, hcl.Range{}, false
		}
		if n := p.identLen(); n > 0 {
			labels = append(labels, string(p.src[p.off:p.off+n]))
			ranges = append(ranges, p.token(n))
			continue
		}
		if p.peekByte(0) != '"' {
			break
		}
		label, rng, ok := p.quotedLabel()
		if !ok {
			return nil, nil, hcl.Range{}, false
		}
		labels = append(labels, label)
		ranges = append(ranges, rng)
	}
	if p.peekByte(0) != '{' || p.depth >= maxDepth {
		return nil, nil, hcl.Range{}, false
	}
	open := p.token(1)
	if !p.skipInline() {
		return nil, nil, hcl.Range{}, false
	}
	// An argument on the line of the "{" makes a single-line block,
	// which hclsyntax parses in a mode of its own.
	if !p.atEOF() && !p.atNewline() && p.src[p.off] != '}' {
		return nil, nil, hcl.Range{}, false
	}
	return labels, ranges, open, true
}

// quotedLabel parses a block label in quotes, which holds no escape or
// template sequence.
func (p *parser) quotedLabel() (string, hcl.Range, bool) {
	start := p.pos()
	from := p.off + 1
	for i := from; i < len(p.src); i++ {
		switch p.src[i] {
		case '"':
			label := string(p.src[from:i])
			p.advance(i + 1 - p.off)
			return label, p.rangeFrom(start), true
		case '\\', '$', '%', '\n':
			return "", hcl.Range{}, false
		}
	}
	return "", hcl.Range{}, false
}

// expression parses an expression that ends where an argument, a list
// item, a call argument, an index, an object key or value, a parenthesis,
// a conditional's branch or an interpolation can end; nl says whether
// newlines count where it is. Anything else after it declines the parse.
func (p *parser) expression(nl bool) (hclsyntax.Expression, bool) {
	if p.depth >= maxDepth || !p.skip(nl) {
		return nil, false
	}
	p.depth++
	defer func() { p.depth-- }()
	start := p.pos()
	expr, ok := p.binary(nl, 0)
	if !ok || !p.skip(nl) {
		return nil, false
	}
	if p.peekByte(0) == '?' {
		// The branches are whole expressions: a conditional in the
		// false one nests to the right.
		p.advance(1)
		yes, ok := p.expression(nl)
		if !ok || p.peekByte(0) != ':' {
			return nil, false
		}
		p.advance(1)
		no, ok := p.expression(nl)
		if !ok {
			return nil, false
		}
		return &hclsyntax.ConditionalExpr{
			Condition:   expr,
			TrueResult:  yes,
			FalseResult: no,
			SrcRange:    hcl.Range{Filename: p.filename, Start: start, End: no.Range().End},
		}, true
	}
	if p.atEOF() {
		return expr, true
	}
	switch p.src[p.off] {
	case ',', ')', ']', '}', '\n', '#':
		return expr, true
	case '/':
		return expr, p.peekByte(1) == '/'
	case '=':
		c := p.peekByte(1)
		return expr, c != '=' && c != '>'
	case ':':
		return expr, p.peekByte(1) != ':'
	}
	return nil, false
}

// binaryLevels are hclsyntax's binary operators by precedence, lowest
// first; within a level, the longer spelling comes first.
var binaryLevels = [][]struct {
	spelling string
	op       *hclsyntax.Operation
}{
	{{"||", hclsyntax.OpLogicalOr}},
	{{"&&", hclsyntax.OpLogicalAnd}},
	{{"==", hclsyntax.OpEqual}, {"!=", hclsyntax.OpNotEqual}},
	{
		{">=", hclsyntax.OpGreaterThanOrEqual}, {"<=", hclsyntax.OpLessThanOrEqual},
		{">", hclsyntax.OpGreaterThan}, {"<", hclsyntax.OpLessThan},
	},
	{{"+", hclsyntax.OpAdd}, {"-", hclsyntax.OpSubtract}},
	{{"*", hclsyntax.OpMultiply}, {"/", hclsyntax.OpDivide}, {"%", hclsyntax.OpModulo}},
}

// binary parses operands joined by the operators of level and the levels
// above it, left to right.
func (p *parser) binary(nl bool, level int) (hclsyntax.Expression, bool) {
	if level == len(binaryLevels) {
		return p.termWithSteps(nl)
	}
	lhs, ok := p.binary(nl, level+1)
	if !ok {
		return nil, false
	}
	var op *hclsyntax.Operation
	var rhs hclsyntax.Expression
	for {
		if !p.skip(nl) {
			return nil, false
		}
		next, n := p.operator(level)
		if next == nil {
			break
		}
		if op != nil {
			lhs = &hclsyntax.BinaryOpExpr{LHS: lhs, Op: op, RHS: rhs, SrcRange: hcl.RangeBetween(lhs.Range(), rhs.Range())}
		}
		op = next
		p.advance(n)
		if rhs, ok = p.binary(nl, level+1); !ok {
			return nil, false
		}
	}
	if op == nil {
		return lhs, true
	}
	return &hclsyntax.BinaryOpExpr{LHS: lhs, Op: op, RHS: rhs, SrcRange: hcl.RangeBetween(lhs.Range(), rhs.Range())}, true
}

// operator is the operator of level at off and its length, or nil. As
// the scanner reads the longest token, ">=" is no ">" (the longer
// spelling is tried first), and "<<" (a heredoc), "//" and "/*"
// (comments) and "%{" (a template directive) are no operators.
func (p *parser) operator(level int) (*hclsyntax.Operation, int) {
	rest := p.src[p.off:]
	if len(rest) >= 2 {
		switch string(rest[:2]) {
		case "<<", "//", "/*", "%{":
			return nil, 0
		}
	}
	for _, o := range binaryLevels[level] {
		if bytes.HasPrefix(rest, []byte(o.spelling)) {
			return o.op, len(o.spelling)
		}
	}
	return nil, 0
}

// termWithSteps parses a term and the attribute and index steps after it.
// The steps of a traversal are gathered on the stack and put in an array
// of their own once the traversal ends.
func (p *parser) termWithSteps(nl bool) (hclsyntax.Expression, bool) {
	if !p.skip(nl) {
		return nil, false
	}
	var buf [8]hcl.Traverser
	steps := buf[:0]
	var from hclsyntax.Expression
	ok := false
	if !p.atEOF() && identStart(p.src[p.off]) {
		var root hcl.Traverser
		from, root, ok = p.identTerm(nl)
		if root != nil {
			steps = append(steps, root)
		}
	} else {
		from, ok = p.term(nl)
	}
	if !ok {
		return nil, false
	}
	expr := from
	var last hcl.Range // the range of the last step gathered
	for {
		if !p.skip(nl) {
			return nil, false
		}
		switch p.peekByte(0) {
		case '.':
			if p.peekByte(1) == '.' {
				return withSteps(expr, steps, last), true // "..." after a call's last argument
			}
			dot := p.token(1)
			if !p.skip(nl) {
				return nil, false
			}
			n := p.identLen()
			if n == 0 {
				return nil, false // a legacy index (.0) or an attribute splat (.*)
			}
			name := string(p.src[p.off : p.off+n])
			last = hcl.RangeBetween(dot, p.token(n))
			steps = append(steps, hcl.TraverseAttr{Name: name, SrcRange: last})
		case '[':
			open := p.token(1)
			if !p.skip(false) || p.peekByte(0) == '*' {
				return nil, false
			}
			key, ok := p.expression(false)
			if !ok || !p.skip(false) || p.peekByte(0) != ']' {
				return nil, false
			}
			rng := hcl.RangeBetween(open, p.token(1))
			if v, ok := literalKey(key); ok {
				last = rng
				steps = append(steps, hcl.TraverseIndex{Key: v, SrcRange: rng})
				continue
			}
			expr = &hclsyntax.IndexExpr{
				Collection:   withSteps(expr, steps, last),
				Key:          key,
				SrcRange:     hcl.RangeBetween(from.Range(), rng),
				OpenRange:    open,
				BracketRange: rng,
			}
			steps = steps[:0]
		default:
			return withSteps(expr, steps, last), true
		}
	}
}

// literalKey is the value of an index key that hclsyntax turns into a
// traversal step: a literal, or a quoted string without interpolation.
func literalKey(key hclsyntax.Expression) (cty.Value, bool) {
	switch k := key.(type) {
	case *hclsyntax.LiteralValueExpr:
		return k.Val, true
	case *hclsyntax.TemplateExpr:
		if k.IsStringLiteral() {
			return k.Parts[0].(*hclsyntax.LiteralValueExpr).Val, true
		}
	}
	return cty.NilVal, false
}

// withSteps adds steps, the last of which ends at last, to expr as
// hclsyntax does one by one: a traversal of a root grows (identTerm left
// its root in steps), any other expression becomes the source of a
// relative traversal.
func withSteps(expr hclsyntax.Expression, steps []hcl.Traverser, last hcl.Range) hclsyntax.Expression {
	if e, ok := expr.(*hclsyntax.ScopeTraversalExpr); ok && e.Traversal == nil {
		e.Traversal = exact(steps)
		if len(steps) > 1 {
			e.SrcRange = hcl.RangeBetween(e.SrcRange, last)
		}
		return e
	}
	if len(steps) == 0 {
		return expr
	}
	return &hclsyntax.RelativeTraversalExpr{
		Source:    expr,
		Traversal: exact(steps),
		SrcRange:  hcl.RangeBetween(expr.Range(), last),
	}
}

// term parses a number, a quoted string, a list, an object, a negation
// or an expression in parentheses; termWithSteps parses what starts with
// an identifier (identTerm).
func (p *parser) term(nl bool) (hclsyntax.Expression, bool) {
	if p.atEOF() {
		return nil, false
	}
	switch c := p.src[p.off]; {
	case c >= '0' && c <= '9':
		return p.number()
	case c == '"':
		return p.template()
	case c == '[':
		return p.tuple()
	case c == '{':
		return p.object()
	case c == '(':
		open := p.token(1)
		expr, ok := p.expression(false)
		if !ok || p.peekByte(0) != ')' {
			return nil, false
		}
		return &hclsyntax.ParenthesesExpr{Expression: expr, SrcRange: hcl.RangeBetween(open, p.token(1))}, true
	case c == '-' || c == '!':
		op := hclsyntax.OpNegate
		if c == '!' {
			op = hclsyntax.OpLogicalNot
		}
		if p.depth >= maxDepth {
			return nil, false
		}
		symbol := p.token(1)
		p.depth++
		operand, ok := p.termWithSteps(nl)
		p.depth--
		if !ok {
			return nil, false
		}
		return &hclsyntax.UnaryOpExpr{
			Op:          op,
			Val:         operand,
			SrcRange:    hcl.RangeBetween(symbol, operand.Range()),
			SymbolRange: symbol,
		}, true
	}
	return nil, false
}

// number parses a number literal: digits, then any run of digits, dots
// and exponents that does not end with a dot, as hclsyntax's scanner
// reads one; what cty does not take as a number declines the parse.
func (p *parser) number() (hclsyntax.Expression, bool) {
	n := 1
	last := 1 // the length up to the last byte that is not a dot
	for more := true; more && p.off+n < len(p.src); {
		switch c := p.src[p.off+n]; {
		case c >= '0' && c <= '9':
			n++
			last = n
		case c == '.':
			n++
		case (c == 'e' || c == 'E') && p.exponentAt(n):
			n++
			if s := p.src[p.off+n]; s == '+' || s == '-' {
				n++
			}
		default:
			more = false
		}
	}
	v, err := cty.ParseNumberVal(string(p.src[p.off : p.off+last]))
	if err != nil {
		return nil, false
	}
	return &hclsyntax.LiteralValueExpr{Val: v, SrcRange: p.token(last)}, true
}

// exponentAt reports whether an exponent marker at off+i is followed by
// an optional sign and a digit.
func (p *parser) exponentAt(i int) bool {
	c := p.peekByte(i + 1)
	if c == '+' || c == '-' {
		c = p.peekByte(i + 2)
	}
	return c >= '0' && c <= '9'
}

// identTerm parses what starts with an identifier: true, false, null, a
// function call or the root of a reference, which it returns apart.
func (p *parser) identTerm(nl bool) (hclsyntax.Expression, hcl.Traverser, bool) {
	n := p.identLen()
	name := string(p.src[p.off : p.off+n])
	rng := p.token(n)
	if !p.skip(nl) {
		return nil, nil, false
	}
	switch {
	case p.peekByte(0) == '(':
		call, ok := p.call(name, rng)
		return call, nil, ok
	case p.peekByte(0) == ':' && p.peekByte(1) == ':':
		return nil, nil, false // a provider function
	}
	switch name {
	case "true":
		return &hclsyntax.LiteralValueExpr{Val: cty.True, SrcRange: rng}, nil, true
	case "false":
		return &hclsyntax.LiteralValueExpr{Val: cty.False, SrcRange: rng}, nil, true
	case "null":
		return &hclsyntax.LiteralValueExpr{Val: cty.NullVal(cty.DynamicPseudoType), SrcRange: rng}, nil, true
	}
	// The traversal's steps, the root first, go into it at its end
	// (withSteps).
	return &hclsyntax.ScopeTraversalExpr{SrcRange: rng}, hcl.TraverseRoot{Name: name, SrcRange: rng}, true
}

// call parses a function call's arguments; a "..." after the last
// declines the parse.
func (p *parser) call(name string, nameRange hcl.Range) (hclsyntax.Expression, bool) {
	open := p.token(1)
	args, ok := p.items(')')
	if !ok {
		return nil, false
	}
	return &hclsyntax.FunctionCallExpr{
		Name:            name,
		Args:            args,
		NameRange:       nameRange,
		OpenParenRange:  open,
		CloseParenRange: p.token(1),
	}, true
}

// tuple parses a list: "[", items separated by commas, an optional
// trailing comma, "]".
func (p *parser) tuple() (hclsyntax.Expression, bool) {
	open := p.token(1)
	if !p.skip(false) || p.isKeyword("for") {
		return nil, false
	}
	exprs, ok := p.items(']')
	if !ok {
		return nil, false
	}
	return &hclsyntax.TupleConsExpr{
		Exprs:     exprs,
		SrcRange:  hcl.RangeBetween(open, p.token(1)),
		OpenRange: open,
	}, true
}

// items parses the items of a list or a call's arguments: expressions
// separated by commas, with an optional trailing comma, up to closer,
// which it leaves to read. Newlines do not count between brackets.
func (p *parser) items(closer byte) ([]hclsyntax.Expression, bool) {
	var buf [8]hclsyntax.Expression
	items := buf[:0]
	for {
		if !p.skip(false) {
			return nil, false
		}
		if p.peekByte(0) == closer {
			return exact(items), true
		}
		item, ok := p.expression(false)
		if !ok || !p.skip(false) {
			return nil, false
		}
		items = append(items, item)
		switch p.peekByte(0) {
		case ',':
			p.advance(1)
		case closer:
		default:
			return nil, false
		}
	}
}

// object parses an object: "{", items "key = value" or "key: value" each
// ended by a comma or a newline (the last one may end with "}"), "}".
func (p *parser) object() (hclsyntax.Expression, bool) {
	open := p.token(1)
	// hclsyntax looks for "for" past newlines, then reads the items
	// where newlines count.
	save := *p
	if !p.skip(false) || p.isKeyword("for") {
		return nil, false
	}
	*p = save
	var buf [8]hclsyntax.ObjectConsItem
	items := buf[:0]
	for {
		if !p.skipInline() {
			return nil, false
		}
		if p.atNewline() {
			p.readNewline()
			continue
		}
		if p.peekByte(0) == '}' {
			break
		}
		// hclsyntax takes a key in parentheses as an expression,
		// never as a name.
		forceNonLiteral := p.peekByte(0) == '('
		key, ok := p.expression(true)
		if !ok || !p.skipInline() {
			return nil, false
		}
		// expression leaves only "=" or ":" here for a valid item; a
		// newline, a comma or a bracket is an error hclsyntax reports.
		if c := p.peekByte(0); c != '=' && c != ':' {
			return nil, false
		}
		p.advance(1)
		value, ok := p.expression(true)
		if !ok {
			return nil, false
		}
		items = append(items, hclsyntax.ObjectConsItem{
			KeyExpr:   &hclsyntax.ObjectConsKeyExpr{Wrapped: key, ForceNonLiteral: forceNonLiteral},
			ValueExpr: value,
		})
		if !p.skipInline() {
			return nil, false
		}
		switch {
		case p.peekByte(0) == '}':
		case p.peekByte(0) == ',':
			p.advance(1)
		case p.atNewline():
			p.readNewline()
		default:
			return nil, false
		}
	}
	return &hclsyntax.ObjectConsExpr{
		Items:     exact(items),
		SrcRange:  hcl.RangeBetween(open, p.token(1)),
		OpenRange: open,
	}, true
}

// template parses a quoted string: literal text and ${ } interpolations,
// without escapes, "$" or "%" otherwise, or a trim marker "~".
func (p *parser) template() (hclsyntax.Expression, bool) {
	open := p.token(1)
	var buf [8]hclsyntax.Expression
	parts := buf[:0]
	litFrom, litStart := -1, hcl.Pos{}
	flush := func() {
		if litFrom >= 0 {
			parts = append(parts, &hclsyntax.LiteralValueExpr{
				Val:      cty.StringVal(string(p.src[litFrom:p.off])),
				SrcRange: p.rangeFrom(litStart),
			})
			litFrom = -1
		}
	}
	interps := 0
	for {
		if p.atEOF() {
			return nil, false
		}
		switch c := p.src[p.off]; c {
		case '"':
			flush()
			closeQuote := p.token(1)
			rng := hcl.RangeBetween(open, closeQuote)
			if len(parts) == 0 {
				// hclsyntax puts the empty literal of "" just after
				// the closing quote.
				at := closeQuote.End
				parts = append(parts, &hclsyntax.LiteralValueExpr{
					Val:      cty.StringVal(""),
					SrcRange: hcl.Range{Filename: p.filename, Start: at, End: at},
				})
			}
			if len(parts) == 1 && interps == 1 {
				return &hclsyntax.TemplateWrapExpr{Wrapped: parts[0], SrcRange: rng}, true
			}
			return &hclsyntax.TemplateExpr{Parts: exact(parts), SrcRange: rng}, true
		case '\\', '%', '\n':
			return nil, false
		case '$':
			if p.peekByte(1) != '{' || p.peekByte(2) == '~' {
				return nil, false
			}
			flush()
			p.advance(2)
			expr, ok := p.expression(false)
			if !ok || !p.skip(false) || p.peekByte(0) != '}' {
				return nil, false
			}
			p.advance(1)
			parts = append(parts, expr)
			interps++
		default:
			if litFrom < 0 {
				litFrom, litStart = p.off, p.pos()
			}
			p.advance(1)
		}
	}
}
