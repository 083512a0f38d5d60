package inputfile

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/daslint/daslint/diag"
)

// CheckText reports text that no parser should see: a binary file (it
// holds a NUL byte, which neither HCL, YAML nor JSON allows) or text that
// is not UTF-8 (Terraform and CloudFormation read only UTF-8). Without this
// check a binary file named .tf gives one parser error per odd byte, and
// yaml.v3 reports bad UTF-8 without a line.
func CheckText(data []byte) *Problem {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		return &Problem{Line: line, Column: col, Severity: diag.Error, Kind: NotText,
			Message: "the file is binary (a NUL byte), not configuration text: remove it, rename it, or exclude it in .daslint.yaml"}
	}
	if utf8.Valid(data) {
		return nil
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			line, col := position(data, i)
			return &Problem{Line: line, Column: col, Severity: diag.Error, Kind: NotText,
				Message: fmt.Sprintf("the file is not valid UTF-8 (byte 0x%02x); save it as UTF-8", data[i])}
		}
		i += n
	}
	return nil
}

// position returns the 1-based line and column (in bytes) of offset i.
func position(data []byte, i int) (line, col int) {
	line = 1 + bytes.Count(data[:i], []byte("\n"))
	return line, i - bytes.LastIndexByte(data[:i], '\n')
}
