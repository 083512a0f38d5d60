package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/daslint/daslint/diag"
	"github.com/daslint/daslint/docs"
	"github.com/daslint/daslint/model"
	"github.com/daslint/daslint/parsers"
	"github.com/daslint/daslint/rules"
)

// today is the date suppressions' until dates are checked against; tests
// fix it.
var today = time.Now

// now is the clock that times a run for the text summary; tests fix it.
var now = time.Now

// Exit statuses (docs/cli.md#exit-status).
const (
	exitOK       = 0
	exitFindings = 1
	exitInput    = 2
)

// run is the whole command: it parses args, lints, writes the report to
// stdout and usage errors to stderr, and returns the exit status. It reads
// the scanned files and nothing else, writes nothing but its output, and
// never touches the network.
func run(args []string, stdout, stderr io.Writer) int {
	return runWith(args, stdout, stderr, runHooks{})
}

// runHooks substitute parts of a run in tests, and carry what main alone
// sets (sized); the zero value is the command without a memory budget.
type runHooks struct {
	// templates, when non-nil, replaces the CloudFormation front end.
	templates parsers.TemplateLoader
	// stdin, when non-nil, replaces os.Stdin as what PATH "-" reads.
	stdin io.Reader
	// sized, when non-nil, is told the size of the input
	// (parsers.Options.Sized): main budgets the collector's memory and
	// reserves huge pages by it.
	sized func(parsers.InputSize)
}

// runWith is run with hooks.
func runWith(args []string, stdout, stderr io.Writer, hooks runHooks) int {
	start := now()
	if len(args) > 0 {
		if c, ok := commandOf(args[0]); ok {
			if len(args) == 2 && isHelpFlag(args[1]) {
				return help([]string{c.name}, stdout, stderr)
			}
			return c.run(args[1:], stdout, stderr)
		}
		if err := misspeltCommand(args[0]); err != nil {
			_ = usageError(stderr, "%v", err)
			return exitInput
		}
	}
	cfg, err := parseArgs(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return write(stdout, "%s", usageText)
	case err != nil:
		return exitInput
	case cfg.version:
		return write(stdout, "daslint %s\n", version())
	}

	staged, err := stageFiles(cfg)
	if err != nil {
		complain(stderr, "%v", err)
		return exitInput
	}
	defer staged.remove()
	stdin, err := stdinOf(cfg, hooks.stdin)
	if err != nil {
		complain(stderr, "%v", err)
		return exitInput
	}
	defer stdin.remove()
	groups, err := groupPaths(cfg, stdin)
	if err != nil {
		complain(stderr, "%v", err)
		return exitInput
	}
	if err := checkRoots(cfg, groups); err != nil {
		_ = usageError(stderr, "%v", err)
		return exitInput
	}
	known, err := readBaseline(cfg.baseline)
	if err != nil {
		complain(stderr, "%v", err)
		return exitInput
	}
	var changes *hookChanges
	if cfg.hook {
		changes = hookGit(context.Background())
		defer changes.close()
	}
	ctx, cancel := scanContext(cfg.timeout)
	defer cancel()
	set := &parsers.Set{}
	var ds diag.Diagnostics
	var results []rules.Result
	var cut cutShort
	for _, g := range groups {
		opts := ruleOptions(cfg, g.conf)
		opts.Today, opts.Baseline = today(), known
		in := inputOptions(cfg, g.conf)
		in.Templates = hooks.templates
		in.Sized = hooks.sized
		if g.root != "" {
			in.Root = g.root
		}
		in.Exclude = excluder(cfg.exclude, readBoundaries(append(slices.Clone(g.paths), in.Context...), in.Root), in.Exclude)
		changes.apply(&in)
		switch {
		case cfg.hook && configChanged(in.Changed, g.conf):
			in.Changed = nil // the configuration of every root changed
		case in.Changed != nil && len(in.Changed) == 0:
			continue // a hook given no file, and no deletion: nothing to find
		}
		gset, gres, gds := lintGroup(ctx, in, g.paths, opts, &cut)
		set.Models = append(set.Models, gset.Models...)
		set.Files += gset.Files
		ds = append(ds, gds...)
		results = append(results, gres...)
	}
	if !cut.empty() {
		ds = append(ds, cut.diagnostics(cfg.timeout)...)
		cut.tell(stderr, cfg.timeout, len(results))
	}
	if cfg.writeBaseline != "" && !cut.empty() {
		// A baseline of a partial scan would leave out the findings of
		// every root not analysed, which would then all count as new.
		complain(stderr, "the baseline %s was not written: the scan is partial", cfg.writeBaseline)
	} else if cfg.writeBaseline != "" {
		if err := writeBaseline(cfg.writeBaseline, results); err != nil {
			complain(stderr, "%v", err)
			return exitInput
		}
	}
	if msg, path := nothingToLint(cfg, set, results, ds); msg != "" && cut.empty() {
		// The text report goes to a terminal, where a warning belongs on
		// stderr; the other formats are read by tools, which take it
		// from the report's errors.
		if onlyText(cfg.outputs) {
			complain(stderr, "warning: %s", msg)
		} else {
			ds = append(ds, diag.Diagnostic{Severity: diag.Warning, Range: model.Range{File: path}, Message: msg})
		}
	}
	names := stdin.names()
	for staged, given := range staged.names() {
		if names == nil {
			names = map[string]string{}
		}
		names[staged] = filepath.ToSlash(given)
	}
	doc := documentNamed(set, results, ds, version(), names)
	stdin.rename(doc)
	staged.rename(doc)
	locate(doc, cfg, groups)

	if err := writeOutputs(stdout, doc, cfg, now().Sub(start)); err != nil {
		complain(stderr, "%v", err)
		return exitInput
	}
	code := exitCode(ds, results)
	if code == exitFindings && cfg.softFail {
		// --soft-fail: findings are reported but do not fail the run;
		// input that could not be read still does, since what it
		// declares was not checked.
		return exitOK
	}
	return code
}

// lintGroup reads the roots under paths and runs the rules over each as
// soon as it is read, so that a scan that ctx stops still has the results
// of every root finished before; what ctx stopped is added to cut. Roots
// are read and analysed on several goroutines at once (parsers.Options.Jobs);
// the results are in the order of the set's models, as rules.Run gives
// them, whichever finished first.
func lintGroup(ctx context.Context, in parsers.Options, paths []string, opts rules.Options, cut *cutShort) (*parsers.Set, []rules.Result, diag.Diagnostics) {
	var mu sync.Mutex
	analysed := map[*model.Model]rules.Result{}
	// Built once: a rule is read only, and building one renders its page.
	all := rules.All()
	in.Loaded = func(m *model.Model) {
		res, err := rules.RunContext(ctx, []*model.Model{m}, all, opts)
		if err == nil && len(res) == 1 {
			mu.Lock()
			analysed[m] = res[0]
			mu.Unlock()
		}
	}
	set, ds := parsers.LoadContext(ctx, paths, in)
	cut.roots = append(cut.roots, set.Stopped...)
	cut.unwalked = append(cut.unwalked, set.Unwalked...)
	var results []rules.Result
	for _, m := range set.Models {
		res, ok := analysed[m]
		if !ok {
			// Not reached: LoadContext stops a root whose context ended
			// during Loaded, and Loaded analyses every other one.
			cut.roots = append(cut.roots, m.Root)
			continue
		}
		results = append(results, res)
	}
	return set, results, ds
}

// unknownSeverity maps --unknown to the severity of DAS002.
func unknownSeverity(s string) rules.Severity {
	switch s {
	case "error":
		return rules.Error
	case "ignore":
		return rules.Off
	default:
		return rules.Warning
	}
}

// exitCode is 2 when some input could not be read or parsed, else 1 when a
// finding that counts (neither suppressed nor in the baseline) has error
// severity, else 0.
func exitCode(ds diag.Diagnostics, results []rules.Result) int {
	if ds.HasErrors() {
		return exitInput
	}
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Severity == rules.Error && f.Counts() {
				return exitFindings
			}
		}
	}
	return exitOK
}

// explain prints the documentation of the named rules.
func explain(ids []string, stdout, stderr io.Writer) int {
	if len(ids) == 0 {
		complain(stderr, "explain needs a rule ID, such as DAS001")
		return exitInput
	}
	for _, id := range ids {
		doc, err := docs.Rule(id)
		if err != nil {
			complain(stderr, "%v%s (rules: %s; see 'daslint rules')", err, didYouMean(id, ruleIDs()), strings.Join(ruleIDs(), ", "))
			return exitInput
		}
		if code := write(stdout, "%s", doc); code != exitOK {
			return code
		}
	}
	return exitOK
}

// write prints to stdout; output that cannot be written is a failed run.
func write(stdout io.Writer, format string, args ...any) int {
	if _, err := fmt.Fprintf(stdout, format, args...); err != nil {
		return exitInput
	}
	return exitOK
}

// complain prints a message for the user to stderr. If stderr itself cannot
// be written there is nobody left to tell, so the error is dropped.
func complain(stderr io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(stderr, "daslint: "+format+"\n", args...)
}
