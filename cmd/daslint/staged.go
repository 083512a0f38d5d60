package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/daslint/daslint/report"
)

// stagedFiles are the files named by --var-file and --parameters that are
// not regular files: a named pipe (a process substitution such as
// `--var-file <(sops -d prod.tfvars)`), a device. The front ends read only
// regular files (a FIFO found in a repository would block the run), and
// they read a variables or parameters file once per root, while a pipe
// gives its content once. So each is read here, once, at most
// --max-file-size bytes (one byte more, so that the front end that reads
// it reports it as it reports any file over the limit), into a file of its
// own in a new temporary directory, which the run reads instead. Reports
// name it by the path given.
type stagedFiles struct {
	dir string
	// given maps each staged file to the path it was given as.
	given map[string]string
}

// stageFiles stages the files of c's --var-file and --parameters that need
// it, replacing their paths in c, and returns nil when none does.
func stageFiles(c *cliArgs) (*stagedFiles, error) {
	var s *stagedFiles
	stage := func(p *string) error {
		st, err := os.Stat(*p)
		if err != nil || st.Mode().IsRegular() || st.IsDir() {
			return nil // read, or reported, as any other file
		}
		if s == nil {
			dir, err := os.MkdirTemp("", "daslint-staged-")
			if err != nil {
				return fmt.Errorf("cannot stage %s: %w", *p, unwrapPath(err))
			}
			s = &stagedFiles{dir: dir, given: map[string]string{}}
		}
		// The name keeps the given one's extension: a front end tells
		// JSON from HCL by it (`x.tfvars.json`, `params.json`).
		name := filepath.Join(s.dir, strconv.Itoa(len(s.given))+"-"+filepath.Base(*p))
		if err := copyLimited(name, *p, int64(c.maxFileMB)<<20); err != nil {
			return fmt.Errorf("cannot read %s: %w", *p, err)
		}
		s.given[name] = *p
		*p = name
		return nil
	}
	for i := range c.varFiles {
		if err := stage(&c.varFiles[i]); err != nil {
			s.remove()
			return nil, err
		}
	}
	for i, p := range c.parameters {
		if strings.Contains(p, "=") {
			if _, err := os.Stat(p); err != nil {
				continue // KEY=VALUE, as parseOverrides tells them
			}
		}
		if err := stage(&c.parameters[i]); err != nil {
			s.remove()
			return nil, err
		}
	}
	return s, nil
}

// copyLimited copies at most maxBytes+1 bytes of from into a new file to.
func copyLimited(to, from string, maxBytes int64) error {
	in, err := os.Open(from)
	if err != nil {
		return unwrapPath(err)
	}
	defer func() { _ = in.Close() }() // read-only: a close error loses nothing
	data, err := io.ReadAll(io.LimitReader(in, maxBytes+1))
	if err != nil {
		return unwrapPath(err)
	}
	return unwrapPath(os.WriteFile(to, data, 0o600))
}

// remove deletes the staged files; a nil s has none.
func (s *stagedFiles) remove() {
	if s != nil {
		_ = os.RemoveAll(s.dir)
	}
}

// names maps each staged file to the path it was given as, for
// documentNamed; nil for a nil s.
func (s *stagedFiles) names() map[string]string {
	if s == nil {
		return nil
	}
	return s.given
}

// rename writes the given paths for the staged ones in every text of doc
// (a message that cites a position in the file, "set at FILE:LINE"). The
// directory is new and its name random, so no other text holds it.
func (s *stagedFiles) rename(doc *report.Report) {
	if s == nil {
		return
	}
	pairs := make([]string, 0, 2*len(s.given))
	for staged, given := range s.given {
		pairs = append(pairs, staged, filepath.ToSlash(given))
	}
	replaceStrings(reflect.ValueOf(doc), strings.NewReplacer(pairs...))
}
