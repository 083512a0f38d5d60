package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/report"
)

// stdinPath is the PATH that names standard input; stdinName is the file
// name reports give it.
const (
	stdinPath = "-"
	stdinName = "<stdin>"
)

// countStdin is how many times paths name standard input.
func countStdin(paths []string) int {
	n := 0
	for _, p := range paths {
		if p == stdinPath {
			n++
		}
	}
	return n
}

// shownPath is a PATH as messages show it: standard input is <stdin>.
func shownPath(p string) string {
	if p == stdinPath {
		return stdinName
	}
	return diag.Path(p)
}

// stagedStdin is standard input written to a file of its own, so that it
// enters the run through discovery and the front ends as any named file
// does: every front end reads files by path.
type stagedStdin struct {
	// dir is a new temporary directory that holds only file; it is the
	// read boundary of the input, so that nothing else is read for it (a
	// local module or file() it names is missing, and what depends on it
	// unknown).
	dir  string
	file string
}

// stdinOf stages standard input (r, or os.Stdin when nil) when a PATH
// names it, and returns nil when none does.
func stdinOf(c *cliArgs, r io.Reader) (*stagedStdin, error) {
	if countStdin(c.paths) == 0 {
		return nil, nil
	}
	if r == nil {
		r = os.Stdin
	}
	return stageStdin(r, int64(c.maxFileMB)<<20)
}

// stageStdin reads r once, at most maxBytes+1 bytes, and writes it to a
// file in a new temporary directory, named for what its content looks like
// (sniffInput). A larger input is cut one byte past the limit, so that the
// front end that reads it reports it as it reports any file over
// --max-file-size.
func stageStdin(r io.Reader, maxBytes int64) (*stagedStdin, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read standard input: %w", err)
	}
	dir, err := os.MkdirTemp("", "daslint-stdin-")
	if err != nil {
		return nil, fmt.Errorf("cannot stage standard input: %w", unwrapPath(err))
	}
	// The read boundary is free of symbolic links (a macOS temporary
	// directory is below one), and so must be the names reports map.
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	s := &stagedStdin{dir: dir, file: filepath.Join(dir, sniffInput(data))}
	if err := os.WriteFile(s.file, data, 0o600); err != nil {
		s.remove()
		return nil, fmt.Errorf("cannot stage standard input: %w", unwrapPath(err))
	}
	return s, nil
}

// remove deletes the staged file and its directory; a nil s has none.
func (s *stagedStdin) remove() {
	if s != nil {
		_ = os.RemoveAll(s.dir)
	}
}

// names maps the staged file, and its directory (a Terraform root is its
// directory), to the name reports give standard input.
func (s *stagedStdin) names() map[string]string {
	if s == nil {
		return nil
	}
	return map[string]string{s.file: stdinName, s.dir: stdinName}
}

// hclStart matches the first line of HCL: a block (`resource "a" "b" {`,
// `terraform {`) or an attribute (`name = value`).
var hclStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*\s*(=|\{|"|[A-Za-z_][A-Za-z0-9_-]*\s*\{)`)
})

// terraformJSON matches a Terraform configuration in JSON syntax: an
// object whose first key is a top-level block type.
var terraformJSON = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*\{\s*"(resource|data|module|variable|output|locals|provider|terraform|moved|import|check|removed)"\s*:`)
})

// sniffInput names standard input's content for the front ends: Terraform
// in JSON syntax is stdin.tf.json, another JSON document (a template, a
// plan or a state: the content decides) is stdin.json, Terraform HCL is
// stdin.tf, anything else is taken for a YAML template, stdin.yaml. The first line that is neither blank nor a comment
// decides: JSON opens with `{`; HCL with a block or an attribute
// (`resource "aws_vpc" "main" {`, `x = 1`); YAML with a key and a colon
// (`Resources:`) or a document marker.
func sniffInput(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	inComment := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if inComment {
			if _, after, ok := strings.Cut(line, "*/"); ok {
				inComment, line = false, strings.TrimSpace(after)
			} else {
				continue
			}
		}
		switch {
		case line == "", strings.HasPrefix(line, "#"), strings.HasPrefix(line, "//"):
			continue
		case strings.HasPrefix(line, "/*"):
			// Only HCL has block comments; what follows one decides.
			if _, after, ok := strings.Cut(line[2:], "*/"); ok {
				if strings.TrimSpace(after) == "" {
					continue
				}
				line = strings.TrimSpace(after)
			} else {
				inComment = true
				continue
			}
		}
		switch {
		case strings.HasPrefix(line, "{") && terraformJSON().Match(data):
			return "stdin.tf.json"
		case strings.HasPrefix(line, "{"):
			return "stdin.json"
		case hclStart().MatchString(line):
			return "stdin.tf"
		}
		return "stdin.yaml"
	}
	return "stdin.yaml"
}

// rename writes the names of the staged file and directory in every text
// of doc as the report's file fields give them: positions the analysis
// writes into messages ("used at FILE:LINE") name the staged file too. The
// directory is new and its name random, so no other text holds it. The
// walk reaches every exported string of the report, whatever its type.
func (s *stagedStdin) rename(doc *report.Report) {
	if s == nil {
		return
	}
	sep := string(filepath.Separator)
	r := strings.NewReplacer(s.file, stdinName, s.dir+sep, "", s.dir, stdinName)
	replaceStrings(reflect.ValueOf(doc), r)
}

// replaceStrings applies r to every settable string reachable from v.
func replaceStrings(v reflect.Value, r *strings.Replacer) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			replaceStrings(v.Elem(), r)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			replaceStrings(v.Field(i), r)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			replaceStrings(v.Index(i), r)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			// A map's values cannot be set in place: copy, replace, store.
			val := reflect.New(iter.Value().Type()).Elem()
			val.Set(iter.Value())
			replaceStrings(val, r)
			v.SetMapIndex(iter.Key(), val)
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(r.Replace(v.String()))
		}
	}
}
