// Package parsefloor measures the floor under daslint's run time: finding
// the Terraform files below some paths as daslint's discovery walks them,
// reading each and parsing it with hclparse, and nothing else. No
// evaluation, no model, no analysis, no report: a daslint run cannot cost
// less than this on the same files (issue 10 compares the two).
//
// The work is sequential, on one goroutine, and one hclparse.Parser keeps
// every syntax tree until the end, as one root's evaluation needs all of
// its files at once.
package parsefloor

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclparse"
)

// Stats says what a parse covered.
type Stats struct {
	// Files is the number of files parsed, Bytes their total size.
	Files int
	Bytes int64
	// Broken is the number of files that did not parse (with errors) or
	// could not be read.
	Broken int
}

// Files returns every Terraform configuration file (.tf, .tf.json) below
// paths, sorted. Like daslint's discovery it skips hidden directories
// (.git, .terraform) and node_modules; a path that names a file is taken
// as it is. Unlike daslint it does not follow module sources: a module
// below the paths is parsed once, however many roots call it.
func Files(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(name string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && name != p && skipDir(d.Name()):
				return fs.SkipDir
			case !d.IsDir() && (name == p || isTerraformFile(d.Name())):
				files = append(files, name)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

// Parse reads and parses files in order, as HCL native syntax or, for
// .json names, as HCL JSON. A file that cannot be read or does not parse
// counts in Broken; the rest are still parsed.
func Parse(files []string) Stats {
	var s Stats
	p := hclparse.NewParser()
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			s.Broken++
			continue
		}
		s.Files++
		s.Bytes += int64(len(data))
		parse := p.ParseHCL
		if strings.HasSuffix(name, ".json") {
			parse = p.ParseJSON
		}
		if _, ds := parse(data, name); ds.HasErrors() {
			s.Broken++
		}
	}
	return s
}

// Run is Parse of the Files below paths.
func Run(paths []string) (Stats, error) {
	files, err := Files(paths)
	if err != nil {
		return Stats{}, err
	}
	return Parse(files), nil
}

// skipDir reports whether discovery skips the directory name: the rule of
// daslint's parsers.skipDir.
func skipDir(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

// isTerraformFile reports whether name is a Terraform configuration file.
func isTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}
