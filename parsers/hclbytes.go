package parsers

import (
	"bytes"

	"github.com/daslint/daslint/parsers/terraform/eval"
)

// Reading HCL by its bytes, without parsing it: the pre-selection of a
// hook run (preselect.go) and the lookup of a backend by key
// (remotestate_key.go) must pass over hundreds of files that a parse
// would cost too much to read. Each function here says when it cannot
// tell for sure, and its caller then parses, or selects.

// skips reports whether a terraform_remote_state block cannot name the
// state of any of have, without parsing it: each have is an s3 backend
// with a key, the block's values are all literal strings (literalBlock),
// so that one naming that state would spell its key, and it spells none
// and names no local state (which stateOf leaves unclear).
func skips(block []byte, have []eval.Backend) bool {
	for _, b := range have {
		k := b.Config["key"]
		if b.Type != "s3" || k == "" || bytes.Contains(block, []byte(k)) {
			return false
		}
	}
	return !bytes.Contains(block, []byte("local")) && literalBlock(block)
}

// literalBlock reports whether every line of a block after its header is
// blank, a comment, a closing brace, `name = {`, or `name = "text"` with
// no escape or template sequence in the text: then every value it sets
// is a literal string, spelled out.
func literalBlock(block []byte) bool {
	lines := bytes.Split(block, []byte("\n"))
	for _, line := range lines[1:] {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' || bytes.HasPrefix(line, []byte("//")) || string(line) == "}" {
			continue
		}
		k := 0
		for k < len(line) && isIdentByte(line[k]) {
			k++
		}
		if k == 0 {
			return false
		}
		rest := bytes.TrimLeft(line[k:], " \t")
		if len(rest) == 0 || rest[0] != '=' {
			return false
		}
		rest = bytes.TrimLeft(rest[1:], " \t")
		switch {
		case string(rest) == "{":
		case len(rest) > 1 && rest[0] == '"':
			end := bytes.IndexByte(rest[1:], '"')
			if end < 0 {
				return false
			}
			text, after := rest[1:1+end], bytes.TrimSpace(rest[2+end:])
			if bytes.ContainsAny(text, "\\") || bytes.Contains(text, []byte("${")) || bytes.Contains(text, []byte("%{")) {
				return false
			}
			if len(after) > 0 && after[0] != '#' && !bytes.HasPrefix(after, []byte("//")) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// stateBlocks cuts the terraform_remote_state blocks out of a Terraform
// file in native syntax without parsing it, as topBlocks does.
func stateBlocks(data []byte) (blocks [][]byte, ok bool) {
	for i := 0; ; {
		j := bytes.Index(data[i:], remoteState)
		if j < 0 {
			return blocks, true
		}
		at := i + j
		i = at + len(remoteState)
		if at > 0 && data[at-1] == '.' {
			continue // a reference: data.terraform_remote_state.x
		}
		start := bytes.LastIndexByte(data[:at], '\n') + 1
		line := data[start:]
		if k := bytes.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		}
		head := bytes.TrimSpace(line)
		if !bytes.HasPrefix(head, []byte("data")) || !bytes.HasSuffix(head, []byte("{")) {
			return nil, false
		}
		end, ok := closingBrace(data, start+bytes.LastIndexByte(line, '{'))
		if !ok {
			return nil, false
		}
		blocks = append(blocks, data[start:end])
		i = end
	}
}

// closingBrace returns the end of the block whose opening brace is at
// open: just after its closing brace. ok is false at a string with a
// template sequence, at a heredoc, or at the end of the file, where only
// a parser can tell.
func closingBrace(data []byte, open int) (end int, ok bool) {
	depth := 0
	for k := open; k < len(data); k++ {
		switch c := data[k]; {
		case c == '{':
			depth++
		case c == '}':
			if depth--; depth == 0 {
				return k + 1, true
			}
		case c == '"':
			if k = stringEnd(data, k+1); k < 0 {
				return 0, false
			}
		case c == '#' || (c == '/' && k+1 < len(data) && data[k+1] == '/'):
			if n := bytes.IndexByte(data[k:], '\n'); n >= 0 {
				k += n
			} else {
				return 0, false
			}
		case c == '/' && k+1 < len(data) && data[k+1] == '*':
			n := bytes.Index(data[k+2:], []byte("*/"))
			if n < 0 {
				return 0, false
			}
			k += n + 3
		case c == '<' && k+1 < len(data) && data[k+1] == '<':
			return 0, false
		}
	}
	return 0, false
}

// stringEnd returns the index of the quote that closes the string whose
// text starts at k, or -1 at a template sequence or a line end.
func stringEnd(data []byte, k int) int {
	for ; k < len(data); k++ {
		switch c := data[k]; {
		case c == '\\':
			k++
		case c == '"':
			return k
		case c == '\n', (c == '$' || c == '%') && k+1 < len(data) && data[k+1] == '{':
			return -1
		}
	}
	return -1
}

// blockOf reports whether data may hold a block of type typ: the word
// alone, not in a reference (path.module, module.vpc.id).
func blockOf(data []byte, typ string) bool {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte(typ))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len(typ)
		if at > 0 && (data[at-1] == '.' || isIdentByte(data[at-1])) {
			continue
		}
		if i < len(data) && (isIdentByte(data[i]) || data[i] == '.') {
			continue // a longer word, or a reference: module.vpc.id
		}
		return true
	}
}

// callsAny reports whether data may call one of the functions: a name
// that starts with one of them (file also stands for filebase64,
// fileexists, fileset, …), not after a dot, followed by a parenthesis.
func callsAny(data []byte, functions []string) bool {
	for _, fn := range functions {
		for i := 0; ; {
			j := bytes.Index(data[i:], []byte(fn))
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(fn)
			if at > 0 && (data[at-1] == '.' || isIdentByte(data[at-1])) {
				continue
			}
			k := i
			for k < len(data) && isIdentByte(data[k]) {
				k++
			}
			for k < len(data) && (data[k] == ' ' || data[k] == '\t') {
				k++
			}
			if k < len(data) && data[k] == '(' {
				return true
			}
		}
	}
	return false
}

// isIdentByte reports whether c may be part of an HCL identifier.
func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// topBlocks cuts the blocks of type typ, which takes no labels, out of a
// Terraform file in native syntax without parsing it: each from its
// header line through the matching closing brace. ok is false when it
// cannot tell for sure: the word after a comment on its line, a header it
// does not recognise, a string with a template or a heredoc before a block
// ends (see closingBrace). Lines of a comment or a heredoc that look like
// a header may be among the blocks.
func topBlocks(data []byte, typ string) (blocks [][]byte, ok bool) {
	word := []byte(typ)
	for i := 0; ; {
		j := bytes.Index(data[i:], word)
		if j < 0 {
			return blocks, true
		}
		at := i + j
		i = at + len(word)
		if (at > 0 && (data[at-1] == '.' || isIdentByte(data[at-1]))) || (i < len(data) && (data[i] == '.' || isIdentByte(data[i]))) {
			continue // part of another word or a reference
		}
		start := bytes.LastIndexByte(data[:at], '\n') + 1
		before := bytes.TrimSpace(data[start:at])
		if len(before) > 0 {
			if bytes.Contains(before, []byte("/*")) {
				return nil, false // a header may follow a comment
			}
			continue // in a string, an expression or a comment
		}
		line := data[at:]
		if k := bytes.IndexByte(line, '\n'); k >= 0 {
			line = line[:k]
		}
		if !bytes.HasSuffix(bytes.TrimSpace(line), []byte("{")) {
			return nil, false
		}
		end, ok := closingBrace(data, at+bytes.LastIndexByte(line, '{'))
		if !ok {
			return nil, false
		}
		blocks = append(blocks, data[start:end])
		i = end
	}
}
