// Package stress writes the generated inputs that measure daslint's
// resource bounds: large trees that are valid, and hostile inputs that must
// be refused or reported quickly and in little memory. The benchmarks of
// cmd/daslint and scripts/measure-bounds.sh (through the gen command) use
// the same cases.
package stress

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Case is one generated input: Write fills an empty directory.
type Case struct {
	Name  string
	Write func(dir string) error
	// Known, when set, is a known bug that keeps the case from ending in
	// bounded time: the benchmark skips it, the script kills it at its
	// limit. Remove it with the fix.
	Known string
}

// Cases are the valid large trees first, then the hostile inputs of
// issue 5 that a generator can write.
var Cases = []Case{
	{Name: "tree-10000-files", Write: func(dir string) error { return WriteRoots(dir, 1000, 10) }},
	{Name: "root-1000-module-calls", Write: func(dir string) error { return WriteModuleTree(dir, 1000) }},
	{Name: "tf-50mb-file", Write: writeBigFile},
	{Name: "tf-binary-file", Write: writeBinary},
	{Name: "tf-truncated", Write: files(map[string]string{"main.tf": strings.SplitAfter(NetworkModule, "resource \"aws_nat_gateway\"")[0]})},
	{Name: "tf-deep-nesting-10000", Write: files(map[string]string{"main.tf": "locals {\n  x = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n}\n"})},
	{Name: "tf-count-1e9", Write: files(map[string]string{"main.tf": withCount("count = 1e9")})},
	// range() itself refuses more than 1,024 values; setproduct does not.
	// setproduct is bounded by the expansion limit (eval's setProductFunc).
	{Name: "tf-for-each-1e6-keys", Write: files(map[string]string{"main.tf": withCount(`for_each = toset([for p in setproduct(range(1000), range(1000)) : "${p[0]}-${p[1]}"])`)})},
	// A toset over the flatten of two loops over 1,024 keys (a million
	// strings) ran for minutes; the work bound of one expression stops it.
	{Name: "tf-for-each-toset-flatten-1024x1024", Write: files(map[string]string{"main.tf": withCount(`for_each = toset(flatten([for a in range(1024) : [for b in range(1024) : "${a}-${b}"]]))`)})},
	{Name: "tf-for-3-deep-1024", Write: files(map[string]string{"main.tf": "locals {\n  x = length(flatten([for a in range(1024) : [for b in range(1024) : [for c in range(1024) : \"${a}${b}${c}\"]]]))\n}\n\nresource \"aws_vpc\" \"x\" {\n  cidr_block = \"10.0.0.0/16\"\n  tags       = { n = local.x }\n}\n"})},
	{Name: "tf-locals-cycle", Write: files(map[string]string{"main.tf": "locals {\n  a = local.b\n  b = local.c\n  c = local.a\n}\n\nresource \"aws_vpc\" \"x\" {\n  cidr_block = local.a\n}\n"})},
	{Name: "tf-module-sources-itself", Write: files(map[string]string{"main.tf": "module \"self\" {\n  source = \"./\"\n}\n"})},
	{Name: "tf-100000-empty-files", Write: writeEmptyFiles},
	{Name: "cfn-yaml-alias-bomb", Write: files(map[string]string{"template.yaml": aliasBomb()})},
	{Name: "cfn-deep-nesting-10000", Write: files(map[string]string{"template.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  X:\n    Type: AWS::EC2::VPC\n    Properties:\n      Tags: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n"})},
	{Name: "cfn-nested-stack-itself", Write: files(map[string]string{"template.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Self:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./template.yaml\n"})},
	{Name: "cfn-invalid-utf8", Write: files(map[string]string{"template.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  X\xff\xfe:\n    Type: AWS::EC2::VPC\n"})},
	{Name: "symlink-loop", Write: writeSymlinkLoop},
}

// files writes the given files, by slash-separated name.
func files(fs map[string]string) func(string) error {
	return func(dir string) error {
		for name, text := range fs {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

// withCount is the network module with the public subnets' count replaced
// (and their CIDR and zone, which used count.index).
func withCount(expansion string) string {
	return strings.Replace(NetworkModule,
		"count             = 3\n  vpc_id            = aws_vpc.this.id\n  cidr_block        = cidrsubnet(var.cidr, 8, count.index)\n  availability_zone = local.azs[count.index]",
		expansion+"\n  vpc_id            = aws_vpc.this.id\n  cidr_block        = \"10.0.0.0/24\"\n  availability_zone = \"eu-west-1a\"", 1)
}

// writeBigFile writes a 50 MB Terraform file: the network module followed
// by comments.
func writeBigFile(dir string) error {
	var b bytes.Buffer
	b.WriteString(NetworkModule)
	line := "# " + strings.Repeat("x", 97) + "\n"
	for b.Len() < 50<<20 {
		b.WriteString(line)
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), b.Bytes(), 0o644)
}

// writeBinary writes 1 MB of pseudo-random bytes (fixed seed) as main.tf.
func writeBinary(dir string) error {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), data, 0o644)
}

// writeEmptyFiles writes 100,000 empty .tf files into one directory: one
// root of many files.
func writeEmptyFiles(dir string) error {
	for i := range 100_000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%06d.tf", i)), nil, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// aliasBomb is a "billion laughs" YAML template: nine levels of aliases,
// each repeating the one before nine times.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nMetadata:\n  a0: &a0 [lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), ", "))
	}
	b.WriteString("Resources:\n  X:\n    Type: AWS::EC2::VPC\n    Properties:\n      Tags: *a9\n")
	return b.String()
}

// writeSymlinkLoop writes a root module beside two symlinks that point at
// each other and one that points at its own directory.
func writeSymlinkLoop(dir string) error {
	if err := WriteRoot(dir, 1); err != nil {
		return err
	}
	for _, l := range [][2]string{{"b", "a"}, {"a", "b"}, {".", "self"}} {
		if err := os.Symlink(l[0], filepath.Join(dir, l[1])); err != nil {
			return err
		}
	}
	return nil
}
