package inputfile

import (
	"bytes"
	"fmt"

	"github.com/daslint/daslint/diag"
)

// MaxNesting is the deepest nesting of brackets, braces, parentheses and
// template interpolations accepted in a Terraform file. The HCL parser and
// evaluator recurse once per level: a file of a million `[` (2 MB, well
// under the size limit) overflowed the goroutine stack, a crash no recover
// can catch. Real configuration nests a few dozen levels at most.
const MaxNesting = 1000

// CheckHCLNesting reports the first place in native HCL syntax nested
// deeper than MaxNesting: brackets, braces, parentheses, strings and
// heredocs with their ${ } and %{ } sequences, and chains of the unary
// operators ! and - (the parser recurses once per operator too: a million
// `!` overflowed the stack as well). It is a flat scan over bytes (the HCL
// lexer would hold a token per bracket: a gigabyte for a 10 MB file) that
// follows HCL's lexical modes, so that nothing an attacker writes inside a
// string, a comment or a heredoc can hide nesting from it.
//
// Most bytes open and close nothing (letters, digits, spaces, the text of a
// string): a table lets the loop pass them without the full step. They can
// only lower the depth (they end a run of unary operators), so the depth
// check is not needed after them.
func CheckHCLNesting(data []byte) *Problem {
	sc := &hclScan{data: data, line: 1, modes: []mode{{kind: code}}}
	for sc.i = 0; sc.i < len(data); sc.i++ {
		if sc.pass(); sc.i == len(data) {
			break
		}
		sc.step()
		if len(sc.modes)+sc.unary > MaxNesting {
			return tooDeep(sc.line, sc.col)
		}
	}
	return nil
}

type modeKind uint8

const (
	code    modeKind = iota // configuration, or inside ${ } and %{ }
	str                     // a quoted string
	heredoc                 // a heredoc, until a line that is its marker
)

// A byteClass says what a byte does in a lexical mode, for the fast path
// of CheckHCLNesting.
type byteClass uint8

const (
	special byteClass = iota // may open or close something: the full step
	plain                    // ends a run of unary operators, nothing else
	blank                    // a space or tab in code: changes nothing
)

// passing classifies every byte in each mode. In code, the special bytes
// are those step switches on; in strings and heredocs, those template
// switches on, and the line break, which step counts.
var passing = func() (t [3][256]byteClass) {
	for b := range 256 {
		t[code][b], t[str][b], t[heredoc][b] = plain, plain, plain
	}
	for _, b := range []byte("!-\r\n#/\"<{[(}])") {
		t[code][b] = special
	}
	t[code][' '], t[code]['\t'] = blank, blank
	for _, b := range []byte("$%\\\"\n") {
		t[str][b], t[heredoc][b] = special, special
	}
	return t
}()

// pass moves the scan over the bytes that open and close nothing, up to
// the next special one or the end.
func (sc *hclScan) pass() {
	t := &passing[sc.modes[len(sc.modes)-1].kind]
	i, col, unary := sc.i, sc.col, sc.unary
	for ; i < len(sc.data); i++ {
		switch t[sc.data[i]] {
		case plain:
			unary = 0
		case blank:
		default:
			sc.i, sc.col, sc.unary = i, col, unary
			return
		}
		col++
	}
	sc.i, sc.col, sc.unary = i, col, unary
}

type mode struct {
	kind   modeKind
	marker []byte // a heredoc's closing marker
}

type hclScan struct {
	data      []byte
	i         int
	line, col int
	modes     []mode
	unary     int // ! and - in a row
}

func (sc *hclScan) at(k int) byte {
	if sc.i+k < len(sc.data) {
		return sc.data[sc.i+k]
	}
	return 0
}

func (sc *hclScan) push(m mode) { sc.modes = append(sc.modes, m) }

func (sc *hclScan) pop() {
	if len(sc.modes) > 1 {
		sc.modes = sc.modes[:len(sc.modes)-1]
	}
}

// newline is called after the scan passes a line break.
func (sc *hclScan) newline() { sc.line, sc.col = sc.line+1, 0 }

func (sc *hclScan) step() {
	b := sc.data[sc.i]
	sc.col++
	if b == '\n' {
		sc.newline()
	}
	top := sc.modes[len(sc.modes)-1]
	if top.kind != code {
		sc.unary = 0
		sc.template(b, top)
		return
	}
	switch b {
	case '!', '-':
		sc.unary++
		return
	case ' ', '\t', '\r', '\n':
		return
	}
	sc.unary = 0
	switch {
	case b == '#' || (b == '/' && sc.at(1) == '/'):
		for sc.i < len(sc.data) && sc.data[sc.i] != '\n' {
			sc.i++
		}
		sc.newline()
	case b == '/' && sc.at(1) == '*':
		for sc.i += 2; sc.i < len(sc.data) && (sc.data[sc.i] != '*' || sc.at(1) != '/'); sc.i++ {
			if sc.data[sc.i] == '\n' {
				sc.newline()
			}
		}
		sc.i++
	case b == '"':
		sc.push(mode{kind: str})
	case b == '<' && sc.at(1) == '<':
		sc.openHeredoc()
	case b == '{' || b == '[' || b == '(':
		sc.push(mode{kind: code})
	case b == '}' || b == ']' || b == ')':
		sc.pop()
	}
}

// template scans a byte of a string or a heredoc.
func (sc *hclScan) template(b byte, top mode) {
	switch {
	case (b == '$' || b == '%') && sc.at(1) == b && sc.at(2) == '{':
		sc.i += 2 // $${ and %%{ are escapes, not sequences
	case (b == '$' || b == '%') && sc.at(1) == '{':
		sc.i++
		sc.push(mode{kind: code})
	case top.kind == str && b == '\\':
		sc.i++
	case top.kind == str && (b == '"' || b == '\n'):
		sc.pop()
	case top.kind == heredoc && b == '\n':
		line := sc.data[sc.i+1:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		if bytes.Equal(bytes.TrimSpace(line), top.marker) {
			sc.pop()
		}
	}
}

// openHeredoc starts a heredoc at `<<ID` or `<<-ID` followed by a line
// break; anything else is left to the parser.
func (sc *hclScan) openHeredoc() {
	k := sc.i + 2
	if k < len(sc.data) && sc.data[k] == '-' {
		k++
	}
	start := k
	for k < len(sc.data) && (sc.data[k] == '_' || sc.data[k] == '-' || sc.data[k] >= '0' && sc.data[k] <= '9' ||
		sc.data[k]|0x20 >= 'a' && sc.data[k]|0x20 <= 'z') {
		k++
	}
	end := k
	for k < len(sc.data) && sc.data[k] == '\r' {
		k++
	}
	if end == start || k >= len(sc.data) || sc.data[k] != '\n' {
		return
	}
	sc.push(mode{kind: heredoc, marker: sc.data[start:end]})
	sc.i = k
	sc.newline()
}

// CheckJSONNesting does the same for JSON (Terraform's .tf.json), skipping
// strings.
func CheckJSONNesting(data []byte) *Problem {
	depth, line, col := 0, 1, 0
	inString, escaped := false, false
	for _, b := range data {
		col++
		switch {
		case b == '\n':
			line, col = line+1, 0
		case escaped:
			escaped = false
		case inString && b == '\\':
			escaped = true
		case b == '"':
			inString = !inString
		case inString:
		case b == '[' || b == '{':
			depth++
			if depth > MaxNesting {
				return tooDeep(line, col)
			}
		case b == ']' || b == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

func tooDeep(line, col int) *Problem {
	return &Problem{Line: line, Column: col, Severity: diag.Error, Kind: NotText, Message: fmt.Sprintf(
		"expression nested deeper than %d levels; daslint does not read the file: flatten the expression", MaxNesting)}
}
