// Package config reads daslint's configuration file, `.daslint.yaml`: the
// settings a repository wants on every run (rule severities, the unknown
// policy, variables and parameters, the region, paths to exclude), so that
// a pre-commit hook, a CI job and a developer's shell agree. Command-line
// flags override it.
//
// The file is strict: an unknown key or a value of the wrong type is an
// error at its file:line, with the closest key suggested for a misspelling,
// because a setting that is silently ignored is worse than none.
package config

import (
	"fmt"
	"path/filepath"
)

// FileName is the name of the configuration file looked up from each path.
const FileName = ".daslint.yaml"

// Config is a parsed configuration file. Unset settings are zero (nil for
// the booleans and the severities, so that "false" and "off" stay visible).
type Config struct {
	// File is the file it was read from, as given.
	File string
	// Rules holds the settings of each rule named in the file, by rule ID.
	Rules map[string]Rule
	// Unknown is the unknown policy: "warn", "error", "ignore" or "".
	Unknown string
	// VarFiles are Terraform variable files, resolved against the file's
	// directory, applied before any --var-file.
	VarFiles []string
	// Vars are Terraform variables as NAME=VALUE, sorted by name, applied
	// before any --var.
	Vars []string
	// Parameters are CloudFormation parameters as --parameters takes them
	// (FILE, resolved against the file's directory, or KEY=VALUE), applied
	// before any --parameters.
	Parameters []string
	// Region is the region when the code sets none, or "".
	Region string
	// Root is the read boundary (docs/semantics.md#where-a-run-starts-does-not-matter), resolved against the file's
	// directory, or "" for the default (the repository top). --root
	// overrides it.
	Root string
	// Context are the paths read to settle references but never reported
	// (docs/semantics.md#sources-of-one-run), resolved against the file's directory.
	Context []string
	// Exclude are path globs, relative to the file's directory (see
	// Excluded).
	Exclude []string
	// AllClusters, when set, says whether every Aurora cluster is treated
	// as having an activity stream.
	AllClusters *bool
}

// Rule is the setting of one rule.
type Rule struct {
	// Enabled is nil when the file does not say.
	Enabled *bool
	// Severity is "error", "warning", "off", or "" when the file does not say.
	Severity string
}

// Dir is the directory that relative paths in the file are resolved
// against: the file's own.
func (c *Config) Dir() string { return filepath.Dir(c.File) }

// Error is a problem with the configuration file, at a position.
type Error struct {
	File         string
	Line, Column int
	Message      string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
}
