package inputfile

import (
	"bytes"
	"strings"
	"testing"
)

// benchHCL is configuration like the generated stacks of internal/stress:
// blocks, attributes, references, function calls, strings and a heredoc.
const benchHCL = `resource "aws_subnet" "stack00000_a" {
  vpc_id            = aws_vpc.stack00000.id
  cidr_block        = cidrsubnet(aws_vpc.stack00000.cidr_block, 8, 1)
  availability_zone = "eu-west-1a"
  description       = "subnet ${var.name}-a, -1 # not a comment"
}

# a comment with { [ ( that must not count
resource "aws_security_group" "stack00000" {
  name   = "stack00000-db"
  vpc_id = aws_vpc.stack00000.id
  count  = -1 * -var.n

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.stack00000.cidr_block]
  }
  policy = <<-EOT
    {"Statement": [{"Effect": "Allow", "Resource": "${var.arn}"}]}
  EOT
}
`

// BenchmarkCheckHCLNesting measures the hostile-input pre-scan that runs
// before every HCL parse, on 100 copies of benchHCL (about 80 KB):
//
//	go test ./internal/inputfile -run '^$' -bench . -benchmem
func BenchmarkCheckHCLNesting(b *testing.B) {
	data := bytes.Repeat([]byte(benchHCL), 100)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if p := CheckHCLNesting(data); p != nil {
			b.Fatal(p)
		}
	}
}

// BenchmarkCheckText measures the binary and UTF-8 check on the same text.
func BenchmarkCheckText(b *testing.B) {
	data := bytes.Repeat([]byte(benchHCL), 100)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if p := CheckText(data); p != nil {
			b.Fatal(p)
		}
	}
}

// checkByStep is CheckHCLNesting without the fast path: the full step at
// every byte, as the scan was first written. The two must agree.
func checkByStep(data []byte) *Problem {
	sc := &hclScan{data: data, line: 1, modes: []mode{{kind: code}}}
	for sc.i = 0; sc.i < len(data); sc.i++ {
		sc.step()
		if len(sc.modes)+sc.unary > MaxNesting {
			return tooDeep(sc.line, sc.col)
		}
	}
	return nil
}

// nestingSeeds are inputs where the fast path could go wrong: deep nesting
// in each mode, runs of unary operators broken by plain bytes and by
// spaces, comments, escapes and heredocs.
func nestingSeeds() []string {
	deep := MaxNesting + 1
	return []string{
		"", benchHCL,
		strings.Repeat("[", deep),
		strings.Repeat("[ ", deep),
		strings.Repeat("!", deep),
		strings.Repeat("! ", deep),
		strings.Repeat("-\t", deep),
		strings.Repeat("!a", deep),
		"x = " + strings.Repeat("!", deep-1) + "a",
		"x = " + strings.Repeat("(", deep-2) + "\"${" + strings.Repeat("[", 5),
		"x = \"" + strings.Repeat("${\"", deep) + "\"",
		"x = \"" + strings.Repeat("$${", deep) + "\"",
		"# " + strings.Repeat("[", deep) + "\nx = 1",
		"/* " + strings.Repeat("{", deep) + " */",
		"x = <<EOT\n" + strings.Repeat("${[", deep) + "\n  EOT\n" + strings.Repeat("(", deep),
		"x = <<-EOT\r\nabc ${ [ }\nEOT\ny = [[[",
		"x = \"a\\\"" + strings.Repeat("{", deep),
		"x = \"abc\n" + strings.Repeat("{", deep),
	}
}

// TestNestingFastPath checks the fast path against the full step.
func TestNestingFastPath(t *testing.T) {
	for _, seed := range nestingSeeds() {
		compareNesting(t, []byte(seed))
	}
}

// FuzzNestingFastPath does the same for arbitrary input.
func FuzzNestingFastPath(f *testing.F) {
	for _, seed := range nestingSeeds() {
		f.Add([]byte(seed))
	}
	f.Fuzz(compareNesting)
}

func compareNesting(t *testing.T, data []byte) {
	got, want := CheckHCLNesting(data), checkByStep(data)
	if (got == nil) != (want == nil) || got != nil && (got.Line != want.Line || got.Column != want.Column) {
		t.Errorf("%.60q: fast path %+v, full step %+v", data, got, want)
	}
}
