package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/daslint/daslint/config"
)

// cliArgs is the parsed command line.
type cliArgs struct {
	// formats are the --format values, FORMAT or FORMAT=FILE, and output
	// is --output; outputs is what validate makes of them.
	formats listFlag
	output  string
	outputs []output
	// exclude are --exclude globs, relative to each path's read boundary.
	exclude listFlag
	// skipRules are --skip-rule rule IDs: those rules are off.
	skipRules listFlag
	// softFail is --soft-fail: findings do not fail the run.
	softFail   bool
	vars       listFlag
	varFiles   listFlag
	parameters listFlag
	// context are --context paths: read to settle references, never
	// reported (docs/semantics.md#sources-of-one-run).
	context listFlag
	// stackNames are --stack-name FILE=NAME values (docs/semantics.md#sources-of-one-run).
	stackNames listFlag
	region     string
	// root is --root: the read boundary of every path (docs/semantics.md#where-a-run-starts-does-not-matter); ""
	// means the repository top of each path.
	root        string
	allClusters bool
	unknown     string
	noColor     bool
	version     bool
	paths       []string

	// configFile is --config; "" means .daslint.yaml found upward from
	// each path.
	configFile     string
	showSuppressed bool
	// maxFileMB is --max-file-size: the largest input file read, in MiB.
	maxFileMB     int
	baseline      string
	writeBaseline string
	// verbose is --verbose: full witness chains in the text output.
	verbose bool
	// hook is --hook: the paths are the files a pre-commit hook passes.
	hook bool
	// timeout is --timeout: how long the scan may take; 0 means no limit.
	timeout time.Duration
	// ascii is --ascii: the text output in ASCII (issue 11).
	ascii bool
	// set holds the flags given on the command line, which win over the
	// configuration file.
	set map[string]bool
}

// listFlag is a flag that may be repeated; it keeps the values in order.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// errUsage marks a command line that cannot be run (exit status 2).
var errUsage = errors.New("usage error")

const usageText = `daslint proves, offline, that every DB instance of every Aurora cluster with a
Database Activity Stream can reach AWS KMS, from Terraform and CloudFormation.

Usage:
  daslint [flags] [PATH ...]     PATH: files or directories (default "."),
                                 or "-" for a template or Terraform file
                                 read from standard input (named <stdin>)
  daslint rules [--format json]  list the rules
  daslint explain RULE           print a rule's documentation
  daslint init [DIR]             write a commented default .daslint.yaml
  daslint help [COMMAND]         print this help, or a command's
  daslint version                print the version

A command is the first argument, spelt exactly; to lint a directory named
like one, write it as a path: daslint ./help

Flags:
  --format FORMAT[=FILE]         output format, to stdout or to FILE
                                 (repeatable: several formats in one run, at
                                 most one to stdout): text (default), json,
                                 sarif (SARIF 2.1.0, for code scanning),
                                 github (GitHub Actions annotations),
                                 markdown (a pull-request comment with
                                 Mermaid diagrams), dot (Graphviz), junit
                                 (JUnit XML test report: GitLab, Jenkins,
                                 Azure DevOps) or gitlab (GitLab Code
                                 Quality)
  --output FILE, -o FILE         write the stdout format to FILE instead; a
                                 file is replaced whole once complete, never
                                 left half written (a device, pipe or link
                                 is written in place), and may not be an
                                 input
  --exclude GLOB                 do not lint files and directories matching
                                 GLOB (repeatable; relative to the read
                                 boundary, see --root; ** for any number of
                                 directories; a GLOB without / matches any
                                 name); linted code still reads them (a
                                 module source), but they settle no remote
                                 state or export
  --skip-rule ID                 turn the rule ID off (repeatable)
  --soft-fail                    exit 0 even with error findings (an input
                                 that cannot be read still exits 2)
  --var NAME=VALUE               set a Terraform variable (repeatable)
  --var-file FILE                read Terraform variables from FILE (repeatable)
  --parameters FILE|KEY=VALUE    CloudFormation parameters (repeatable)
  --stack-name FILE=NAME         the stack name (AWS::StackName) of the
                                 template FILE, for export names (repeatable;
                                 templates in a CDK cdk.out are named by its
                                 manifest.json)
  --region REGION                AWS region when the code does not set one
  --context PATH                 read PATH (a root, a template, a directory)
                                 to settle references of the linted code, but
                                 report nothing of it (repeatable)
  --root DIR                     read files (module sources, file(), nested
                                 templates) only below DIR, which must hold
                                 every PATH (default: the top of the git
                                 repository that holds each PATH, else the
                                 PATH itself); results never depend on the
                                 working directory
  --all-clusters                 treat every Aurora cluster as having an
                                 activity stream
  --unknown warn|error|ignore    severity of DAS002, unverifiable paths
                                 (default warn)
  --config FILE                  configuration (default: .daslint.yaml found
                                 upward from each PATH, up to the repository
                                 root)
  --show-suppressed              show findings suppressed in the code
                                 (daslint:ignore)
  --baseline FILE                only findings not in FILE count
  --write-baseline FILE          write the current findings' fingerprints to
                                 FILE
  --max-file-size MB             largest input file read (default 10); a larger
                                 one is skipped with a warning and its root's
                                 passes become unknown
  --timeout DURATION             stop the scan after DURATION (such as 30s or
                                 2m; default: no limit); the roots finished by
                                 then are reported, the others are listed as
                                 errors (exit status 2)
  --hook                         PATHs are changed files (pre-commit): lint
                                 every Terraform root and template below "."
                                 that reads one of them; ignore files none reads
  --verbose, -v                  text output: every passing placement's full
                                 witness chain with file:line, all names in full
  --no-color                     no colour in text output (also NO_COLOR)
  --ascii                        text output in ASCII, no Unicode symbols (also
                                 TERM=dumb, or a locale that is not UTF-8)
  --version                      print the version
  --help                         print this help

Exit status: 0 no error finding (or --soft-fail), 1 at least one error
finding, 2 usage error or some input could not be read or parsed (the rest
is still reported).

Examples:
  daslint .
  daslint --format json infra/ > daslint.json
  daslint --format text --format sarif=daslint.sarif .
  daslint --format github .      # in a GitHub Actions step
  daslint --format markdown . > comment.md
  daslint --format dot . | dot -Tsvg > daslint.svg
  daslint --format junit=junit.xml --format gitlab=gl-code-quality.json .
  daslint --var-file env/prod.tfvars --var region=eu-west-1 live/prod
  daslint --region eu-west-1 --parameters params.json cfn/stack.yaml
  daslint --unknown error --all-clusters .
  daslint --write-baseline .daslint-baseline.json .
  daslint --baseline .daslint-baseline.json .
  daslint --hook modules/vpc/main.tf   # every root that uses modules/vpc
  daslint --exclude '**/examples' --skip-rule DAS002 .
  cdk synth MyStack | daslint -
  daslint explain DAS001
`

// parseArgs parses args; flags and paths may be interleaved, and "--" ends
// the flags. It returns flag.ErrHelp for --help.
func parseArgs(args []string, stderr io.Writer) (*cliArgs, error) {
	c := &cliArgs{}
	fs := flag.NewFlagSet("daslint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&c.formats, "format", "")
	fs.StringVar(&c.output, "output", "", "")
	fs.StringVar(&c.output, "o", "", "")
	fs.Var(&c.exclude, "exclude", "")
	fs.Var(&c.skipRules, "skip-rule", "")
	fs.BoolVar(&c.softFail, "soft-fail", false, "")
	fs.Var(&c.vars, "var", "")
	fs.Var(&c.varFiles, "var-file", "")
	fs.Var(&c.parameters, "parameters", "")
	fs.Var(&c.context, "context", "")
	fs.Var(&c.stackNames, "stack-name", "")
	fs.StringVar(&c.region, "region", "", "")
	fs.StringVar(&c.root, "root", "", "")
	fs.BoolVar(&c.allClusters, "all-clusters", false, "")
	fs.StringVar(&c.unknown, "unknown", "warn", "")
	fs.BoolVar(&c.noColor, "no-color", false, "")
	fs.BoolVar(&c.ascii, "ascii", false, "")
	fs.BoolVar(&c.version, "version", false, "")
	fs.StringVar(&c.configFile, "config", "", "")
	fs.BoolVar(&c.showSuppressed, "show-suppressed", false, "")
	fs.IntVar(&c.maxFileMB, "max-file-size", 10, "")
	fs.StringVar(&c.baseline, "baseline", "", "")
	fs.StringVar(&c.writeBaseline, "write-baseline", "", "")
	fs.BoolVar(&c.hook, "hook", false, "")
	fs.DurationVar(&c.timeout, "timeout", 0, "")
	fs.BoolVar(&c.verbose, "verbose", false, "")
	fs.BoolVar(&c.verbose, "v", false, "")

	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError(stderr, "%v", flagError(fs, err))
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		// flag stops at the first path; "--" (which flag consumes) means
		// everything after it is a path.
		if consumedDashDash(args, rest) {
			c.paths = append(c.paths, rest...)
			break
		}
		c.paths = append(c.paths, rest[0])
		rest = rest[1:]
	}
	c.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { c.set[f.Name] = true })
	return c, c.validate(stderr)
}

// consumedDashDash reports whether flag parsing stopped at "--": the
// argument just before rest is then "--".
func consumedDashDash(args, rest []string) bool {
	i := len(args) - len(rest) - 1
	return i >= 0 && args[i] == "--"
}

func (c *cliArgs) validate(stderr io.Writer) error {
	for _, v := range c.stackNames {
		if file, name, ok := strings.Cut(v, "="); !ok || file == "" || name == "" {
			return usageError(stderr, "--stack-name %q: want FILE=NAME (the template and its stack name)", v)
		}
	}
	outs, err := parseOutputs(c.formats, c.output)
	if err != nil {
		return usageError(stderr, "%v", err)
	}
	c.outputs = outs
	if err := checkOutputFiles(c); err != nil {
		return usageError(stderr, "%v", err)
	}
	ids := ruleIDs()
	for _, id := range c.skipRules {
		if !slices.Contains(ids, id) {
			return usageError(stderr, "--skip-rule %s: unknown rule%s (rules: %s; see 'daslint rules')", id, didYouMean(id, ids), strings.Join(ids, ", "))
		}
	}
	for _, g := range c.exclude {
		if err := config.CheckPattern(g); err != nil {
			return usageError(stderr, "--exclude %q: %v", g, err)
		}
	}
	if n := countStdin(c.paths); n > 1 {
		return usageError(stderr, "%q (standard input) is named %d times: it can be read once", stdinPath, n)
	} else if n == 1 && c.hook {
		return usageError(stderr, "--hook takes the names of changed files, not %q (standard input)", stdinPath)
	}
	switch c.unknown {
	case "warn", "error", "ignore":
	default:
		return usageError(stderr, "unknown --unknown %q (want warn, error or ignore)", c.unknown)
	}
	if c.timeout < 0 {
		return usageError(stderr, "--timeout %v: want a duration of at least 0 (0: no limit), such as 30s or 2m", c.timeout)
	}
	if c.maxFileMB < 1 {
		return usageError(stderr, "--max-file-size %d: want a size in MB of at least 1", c.maxFileMB)
	}
	if c.set["root"] {
		if st, err := os.Stat(c.root); err != nil || !st.IsDir() {
			return usageError(stderr, "--root %s: want an existing directory that holds every PATH", c.root)
		}
	}
	for _, v := range c.vars {
		if name, _, ok := strings.Cut(v, "="); !ok || strings.TrimSpace(name) == "" {
			return usageError(stderr, "--var %q: want NAME=VALUE", v)
		}
	}
	return nil
}

// flagError adds a suggestion to the flag package's error for a flag that
// is not defined: the closest flag's name.
func flagError(fs *flag.FlagSet, err error) error {
	const undefined = "flag provided but not defined: -"
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, undefined)
	if !ok {
		return err
	}
	name = strings.TrimPrefix(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) > 1 { // -o and -v are spelt out as --output and --verbose
			names = append(names, f.Name)
		}
	})
	if s := didYouMean(name, names); s != "" {
		return fmt.Errorf("unknown flag --%s%s", name, s)
	}
	return fmt.Errorf("unknown flag --%s", name)
}

func usageError(stderr io.Writer, format string, args ...any) error {
	complain(stderr, "%s\nRun 'daslint --help' for usage.", fmt.Sprintf(format, args...))
	return errUsage
}
