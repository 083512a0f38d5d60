package inputfile

import (
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
// deeper than MaxNesting. It is a flat scan over bytes (the HCL lexer would
// hold a token per bracket: a gigabyte for a 10 MB file) that knows
// comments, quoted strings and their ${ } and %{ } sequences; what it
// misreads (brackets inside heredocs) can only make it count more.
func CheckHCLNesting(data []byte) *Problem {
	const code, str = 'c', 's'
	stack := []byte{code}
	line, col := 1, 0
	for i := 0; i < len(data); i++ {
		b := data[i]
		col++
		if b == '\n' {
			line, col = line+1, 0
		}
		next := byte(0)
		if i+1 < len(data) {
			next = data[i+1]
		}
		top := stack[len(stack)-1]
		switch {
		case top == str && b == '\\':
			i++
			col++
		case top == str && b == '"':
			stack = stack[:len(stack)-1]
		case top == str && (b == '$' || b == '%') && next == '{':
			i++
			col++
			stack = append(stack, code)
		case top == str:
		case b == '#' || (b == '/' && next == '/'):
			for i < len(data) && data[i] != '\n' {
				i++
			}
			line, col = line+1, 0
		case b == '/' && next == '*':
			for i++; i < len(data) && (data[i] != '*' || i+1 >= len(data) || data[i+1] != '/'); i++ {
				if data[i] == '\n' {
					line, col = line+1, 0
				}
			}
			i++
		case b == '"':
			stack = append(stack, str)
		case b == '{' || b == '[' || b == '(':
			stack = append(stack, code)
		case (b == '}' || b == ']' || b == ')') && len(stack) > 1:
			stack = stack[:len(stack)-1]
		}
		if len(stack) > MaxNesting {
			return tooDeep(line, col)
		}
	}
	return nil
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
		"brackets nested deeper than %d levels; daslint does not read the file: flatten the expression", MaxNesting)}
}
