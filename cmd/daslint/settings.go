package main

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/daslint/daslint/config"
	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/network"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/rules"
)

// group is the paths that share one configuration file (conf nil: none).
type group struct {
	conf  *config.Config
	paths []string
	// root, when set, is the read boundary of the group whatever --root
	// and the configuration say: standard input's staged file is read
	// alone, below its own directory.
	root string
}

// groupPaths reads the configuration that applies to each path: the one
// named with --config, else the nearest .daslint.yaml above each path. Paths
// with the same configuration form one group, in the order first given.
//
// Standard input (PATH "-", staged in stdin) forms a group of its own,
// last, with the configuration of the working directory (or --config).
func groupPaths(c *cliArgs, stdin *stagedStdin) ([]group, error) {
	paths := c.paths
	if len(paths) == 0 || c.hook {
		// With --hook the paths are changed files that select among the
		// roots found below the working directory (the repository root,
		// where pre-commit runs hooks).
		paths = []string{"."}
	}
	if stdin != nil {
		paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return p == stdinPath })
	}
	groups, err := configGroups(c.configFile, paths)
	if err != nil || stdin == nil {
		return groups, err
	}
	conf, err := configFor(c.configFile, ".")
	if err != nil {
		return nil, err
	}
	return append(groups, group{conf: conf, paths: []string{stdin.file}, root: stdin.dir}), nil
}

// configGroups groups paths by the configuration that applies to each:
// file (--config) for all when set, else the nearest .daslint.yaml above
// each.
func configGroups(file string, paths []string) ([]group, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	if file != "" {
		conf, err := config.Load(file, ruleIDs())
		if err != nil {
			return nil, err
		}
		return []group{{conf: conf, paths: paths}}, nil
	}
	var out []group
	index := map[string]int{}
	for _, p := range paths {
		file := config.Find(p)
		i, ok := index[file]
		if !ok {
			g := group{}
			if file != "" {
				conf, err := config.Load(file, ruleIDs())
				if err != nil {
					return nil, err
				}
				g.conf = conf
			}
			i = len(out)
			index[file] = i
			out = append(out, g)
		}
		out[i].paths = append(out[i].paths, p)
	}
	return out, nil
}

// configFor is the configuration that applies to path: file (--config)
// when set, else the nearest .daslint.yaml above path; nil when none.
func configFor(file, path string) (*config.Config, error) {
	if file == "" {
		file = config.Find(path)
	}
	if file == "" {
		return nil, nil
	}
	return config.Load(file, ruleIDs())
}

// checkRoots makes a path outside its read boundary a usage error: with
// --root (or the configuration's root) every path must lie below it, or its
// roots could read none of their own files.
func checkRoots(c *cliArgs, groups []group) error {
	for _, g := range groups {
		root := inputOptions(c, g.conf).Root
		if root == "" || g.root != "" {
			continue
		}
		if st, err := os.Stat(root); err != nil || !st.IsDir() {
			where := "--root"
			if !c.set["root"] && g.conf != nil {
				where = "root in " + g.conf.File
			}
			return fmt.Errorf("%s %s: want an existing directory that holds every PATH", where, root)
		}
		for _, p := range g.paths {
			if _, err := parsers.Boundary(p, root); err != nil {
				if !c.set["root"] && g.conf != nil {
					return fmt.Errorf("%w (the root set in %s)", err, g.conf.File)
				}
				return err
			}
		}
	}
	return nil
}

func ruleIDs() []string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	return ids
}

// inputOptions merges the configuration's inputs with the command line's:
// the file's variables, variable files and parameters come first, so that
// those given on the command line override them; --region wins over the
// file's region.
func inputOptions(c *cliArgs, conf *config.Config) parsers.Options {
	opts := parsers.Options{Vars: c.vars, VarFiles: c.varFiles, Parameters: c.parameters, Region: c.region,
		Context: c.context, StackNames: c.stackNames, Root: c.root, MaxFileBytes: int64(c.maxFileMB) << 20}
	if c.hook {
		opts.Changed = append([]string{}, c.paths...) // non-nil: no file, no root
	}
	if conf == nil {
		return opts
	}
	opts.Vars = append(append([]string(nil), conf.Vars...), c.vars...)
	opts.VarFiles = append(append([]string(nil), conf.VarFiles...), c.varFiles...)
	opts.Parameters = append(append([]string(nil), conf.Parameters...), c.parameters...)
	opts.Context = append(append([]string(nil), conf.Context...), c.context...)
	if !c.set["region"] {
		opts.Region = conf.Region
	}
	if !c.set["root"] {
		opts.Root = conf.Root
	}
	opts.Exclude = conf.Excluded
	return opts
}

// excluder adds the --exclude globs to fromFile, the configuration's
// exclusion (nil when none). A glob is matched against a file's path
// relative to its read boundary (--root, else the top of the repository
// that holds it, else the PATH), the directory fingerprints are relative
// to, so that what is excluded does not depend on the working directory
// (docs/semantics.md). bases are the boundaries of the PATHs and --context
// paths; a file is matched against the innermost that holds it.
func excluder(patterns, bases []string, fromFile func(string) bool) func(string) bool {
	if len(patterns) == 0 {
		return fromFile
	}
	bases = slices.Clone(bases)
	slices.SortFunc(bases, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return func(p string) bool {
		if fromFile != nil && fromFile(p) {
			return true
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return false
		}
		// Boundaries are free of symbolic links; the path as found
		// is resolved only when it is below none of them as it is.
		for _, cand := range []string{abs, inputfile.Tree(p)} {
			for _, b := range bases {
				if inputfile.Inside(b, cand) {
					return config.Excluded(b, patterns, cand)
				}
			}
		}
		return false
	}
}

// readBoundaries are the distinct read boundaries of paths with root
// (--root) as parsers.Boundary gives them; a path outside root (a
// --context path may be) has its own.
func readBoundaries(paths []string, root string) []string {
	var out []string
	for _, p := range paths {
		b, err := parsers.Boundary(p, root)
		if err != nil {
			b = inputfile.Boundary(p)
		}
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

// ruleOptions resolves each rule's severity, from lowest to highest
// precedence: the rule's default; the file's `unknown` policy (DAS002); the
// file's `rules` entry (`enabled: false` turns a rule off, `severity` sets
// it); --unknown; and --skip-rule, which turns a rule off whatever else
// says. --all-clusters wins over the file's all_clusters.
func ruleOptions(c *cliArgs, conf *config.Config) rules.Options {
	sev := map[string]rules.Severity{}
	allClusters := c.allClusters
	if conf != nil {
		if conf.Unknown != "" {
			sev["DAS002"] = unknownSeverity(conf.Unknown)
		}
		for id, r := range conf.Rules {
			if r.Severity != "" {
				sev[id] = rules.Severity(r.Severity)
			}
			if r.Enabled != nil && !*r.Enabled {
				sev[id] = rules.Off
			}
		}
		if conf.AllClusters != nil && !c.set["all-clusters"] {
			allClusters = *conf.AllClusters
		}
	}
	if c.set["unknown"] || conf == nil {
		sev["DAS002"] = unknownSeverity(c.unknown)
	}
	for _, id := range c.skipRules {
		sev[id] = rules.Off
	}
	return rules.Options{Network: network.Options{AllClusters: allClusters}, Severity: sev}
}
