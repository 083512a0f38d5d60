package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/internal/spelling"
	"github.com/daslint/daslint/report"
)

// A reportFormat is one --format: its name and how it writes a report.
type reportFormat struct {
	name  string
	write func(w io.Writer, doc *report.Report, o renderOptions) error
}

// renderOptions are what a format may take from the command line besides
// the report; only the text format reads them today.
type renderOptions struct {
	color          bool
	width          int  // wrap the text at this many columns (0: do not)
	ascii          bool // the text in ASCII
	showSuppressed bool
	verbose        bool
	elapsed        time.Duration
}

// reportFormats are the formats --format accepts, in the order the help
// lists them. A new format of package report is one line here.
func reportFormats() []reportFormat {
	return []reportFormat{
		{"text", writeText},
		{"json", plain(report.JSON)},
		{"sarif", plain(report.SARIF)},
		{"github", plain(report.GitHub)},
		{"markdown", plain(report.Markdown)},
		{"dot", plain(report.DOT)},
		{"junit", plain(report.JUnit)},
		{"gitlab", plain(report.GitLab)},
	}
}

// plain adapts a writer that takes nothing but the report.
func plain(f func(io.Writer, *report.Report) error) func(io.Writer, *report.Report, renderOptions) error {
	return func(w io.Writer, doc *report.Report, _ renderOptions) error { return f(w, doc) }
}

func writeText(w io.Writer, doc *report.Report, o renderOptions) error {
	return report.Text(w, doc, report.TextOptions{
		Color:          o.color,
		Width:          o.width,
		ASCII:          o.ascii,
		ShowSuppressed: o.showSuppressed,
		Verbose:        o.verbose,
		Elapsed:        o.elapsed,
	})
}

// formatNames are the names of the formats, for messages.
func formatNames() []string {
	var names []string
	for _, f := range reportFormats() {
		names = append(names, f.name)
	}
	return names
}

// formatOf is the format named name.
func formatOf(name string) (reportFormat, bool) {
	for _, f := range reportFormats() {
		if f.name == name {
			return f, true
		}
	}
	return reportFormat{}, false
}

// An output is one report of the run: a format and where it goes.
type output struct {
	format string
	// file is where the report is written; "" is stdout.
	file string
	// flag is how the command line named file, for messages.
	flag string
}

// parseOutputs turns the --format values and --output into the run's
// outputs: FORMAT (or FORMAT=-) goes to stdout, FORMAT=FILE to FILE;
// without --format the text format goes to stdout. At most one format goes
// to stdout, and --output FILE sends that one to FILE instead (--output -
// leaves it on stdout).
func parseOutputs(formats []string, outFile string) ([]output, error) {
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	var outs []output
	toStdout := -1
	files := map[string]string{}
	for _, v := range formats {
		name, file, hasFile := strings.Cut(v, "=")
		if file == stdinPath {
			// FORMAT=- is stdout, as - is standard input among PATHs.
			file, hasFile = "", false
		}
		if _, ok := formatOf(name); !ok {
			return nil, fmt.Errorf("unknown --format %q%s (supported: %s)", name, didYouMean(name, formatNames()), strings.Join(formatNames(), ", "))
		}
		if hasFile && file == "" {
			return nil, fmt.Errorf("--format %s: want %s=FILE, or %s alone for stdout", v, name, name)
		}
		if !hasFile {
			if toStdout >= 0 {
				return nil, fmt.Errorf("--format %s and --format %s both write to stdout: give all but one a file (--format %s=FILE)", outs[toStdout].format, name, name)
			}
			toStdout = len(outs)
		} else if err := claimFile(files, file, name); err != nil {
			return nil, err
		}
		outs = append(outs, output{format: name, file: file, flag: "--format " + v})
	}
	if outFile != "" && outFile != stdinPath {
		if toStdout < 0 {
			return nil, fmt.Errorf("--output %s: every --format already has its own file; --output names the file of the one format without", outFile)
		}
		if err := claimFile(files, outFile, outs[toStdout].format); err != nil {
			return nil, err
		}
		outs[toStdout].file = outFile
		outs[toStdout].flag = "--output " + outFile
	}
	return outs, nil
}

// claimFile records that format writes file, and refuses a file that
// another output writes too: only one of them would survive.
func claimFile(files map[string]string, file, format string) error {
	key := filepath.Clean(file)
	if abs, err := filepath.Abs(file); err == nil {
		key = abs
	}
	if other, ok := files[key]; ok {
		return fmt.Errorf("--format %s and --format %s both write %s: give each its own file", other, format, file)
	}
	files[key] = format
	return nil
}

// didYouMean is ` (did you mean "x"?)` for the candidate that name most
// likely misspells, or "".
func didYouMean(name string, candidates []string) string {
	best := spelling.Closest(name, candidates, func(n int) int { return max(1, min(3, n/3)) })
	if best == "" {
		return ""
	}
	return ` (did you mean "` + best + `"?)`
}

// checkOutputFiles refuses an output file that is, or may be, an input of
// the run (checkOutputFile).
func checkOutputFiles(c *cliArgs) error {
	inputs := c.inputFiles()
	for _, o := range c.outputs {
		if o.file == "" {
			continue
		}
		if err := checkOutputFile(o, inputs); err != nil {
			return err
		}
	}
	return nil
}

// checkOutputFile refuses an output file whose name says it is Terraform
// code or state, that is in no existing directory or is one, that is one
// of inputs (compared as files, so that two spellings of one file are
// one), or that lies below a directory of inputs and may be read there
// (mayBeRead).
func checkOutputFile(o output, inputs []string) error {
	lower := strings.ToLower(o.file)
	// No report is Terraform code or state, and writing one over such a
	// file would destroy it.
	for _, ext := range []string{".tf", ".tf.json", ".tfvars", ".tfvars.json", ".tfstate", ".hcl"} {
		if strings.HasSuffix(lower, ext) {
			return fmt.Errorf("%s: a %s file is an input, not a report; write the report to another file", o.flag, ext)
		}
	}
	if st, err := os.Stat(filepath.Dir(o.file)); err != nil || !st.IsDir() {
		// Said now rather than after a scan that may take minutes.
		return fmt.Errorf("%s: the directory %s does not exist", o.flag, filepath.Dir(o.file))
	}
	out, err := os.Stat(o.file)
	if err != nil {
		return nil // a new file is no input
	}
	if out.IsDir() {
		return fmt.Errorf("%s: %s is a directory; name a file", o.flag, o.file)
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && os.SameFile(out, st) {
			return fmt.Errorf("%s: %s is an input of the run; write the report to another file", o.flag, in)
		}
	}
	for _, in := range inputs {
		if st, err := os.Stat(in); err == nil && st.IsDir() && mayBeRead(o.file, in) {
			return fmt.Errorf("%s: %s is below %s, where daslint reads JSON and YAML files as input, and holds no daslint report; write the report to another file", o.flag, o.file, in)
		}
	}
	return nil
}

// mayBeRead reports whether file, an existing file below the directory dir
// that a run searches, may be one of its inputs: discovery offers every
// JSON and YAML file to the front ends (a template, a plan, a state, AWS
// facts), every one a JSON object or YAML. A file that holds a report
// daslint writes in JSON (its own format, SARIF, or a JSON array such as a
// GitLab Code Quality report) is none, so that a run may replace its last
// report.
func mayBeRead(file, dir string) bool {
	abs, err := filepath.Abs(file)
	if err != nil {
		return true
	}
	absDir, err := filepath.Abs(dir)
	if err != nil || !inputfile.Inside(absDir, abs) {
		return false
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json", ".yaml", ".yml", ".template":
	default:
		return false
	}
	head := string(inputfile.Head(file, 512))
	return !daslintReport().MatchString(head)
}

// daslintReport matches the start of a JSON report daslint writes: its
// own (schema daslint/v1), a SARIF log, or an array.
var daslintReport = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(\[|\{\s*"(schema"\s*:\s*"daslint/|\$schema"\s*:\s*"[^"]*sarif))`)
})

// inputFiles are the files and directories the command line names as
// input, --baseline among them (it is read before any report is written).
func (c *cliArgs) inputFiles() []string {
	var in []string
	in = append(in, c.paths...)
	if len(c.paths) == 0 || c.hook {
		in = append(in, ".") // the directory searched
	}
	in = append(in, c.varFiles...)
	in = append(in, c.context...)
	for _, p := range c.parameters {
		if !strings.Contains(p, "=") {
			in = append(in, p)
		}
	}
	for _, p := range c.stackNames {
		file, _, _ := strings.Cut(p, "=")
		in = append(in, file)
	}
	if c.configFile != "" {
		in = append(in, c.configFile)
	}
	if c.baseline != "" {
		in = append(in, c.baseline)
	}
	return slices.DeleteFunc(in, func(s string) bool { return s == stdinPath })
}

// writeOutputs renders doc in every output's format and writes each: a
// file completely or not at all (writeFileAtomic), stdout as it comes. It
// goes on after a failed output, so that one unwritable file does not cost
// the others, and returns the first error.
func writeOutputs(stdout io.Writer, doc *report.Report, c *cliArgs, elapsed time.Duration) error {
	var first error
	for _, o := range c.outputs {
		f, _ := formatOf(o.format) // parseOutputs checked the name
		ro := renderOptions{showSuppressed: c.showSuppressed, verbose: c.verbose, elapsed: elapsed,
			ascii: useASCII(c.ascii, getenv)}
		var err error
		if o.file == "" {
			ro.color = useColor(stdout, c.noColor)
			ro.width = textWidth(stdout, getenv)
			if err = f.write(stdout, doc, ro); err != nil {
				err = fmt.Errorf("writing the %s report: %w", o.format, err)
			}
		} else {
			ro.width = textWidth(nil, getenv) // a file: COLUMNS, else 80
			var b bytes.Buffer
			if err = f.write(&b, doc, ro); err == nil {
				err = writeFileAtomic(o.file, b.Bytes())
			}
			if err != nil {
				err = fmt.Errorf("writing the %s report to %s: %w", o.format, o.file, err)
			}
		}
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}

// writeFileAtomic writes data to file through a temporary file in the same
// directory, renamed over file once complete: a reader (a CI step, an
// upload) sees the old file or the new one, never a part, and a failed run
// leaves no part behind. An existing file keeps its permissions; a new
// one is readable by all, as os.WriteFile's 0o644 would make it.
//
// Only a regular file, or a name that does not exist yet, is replaced so.
// Anything else the name stands for is written in place, as the shell's
// `>` would: a device (/dev/null), /dev/stdout, a named pipe or process
// substitution, and a symbolic link, which keeps pointing where it did.
// Renaming over those would put a file where the device, pipe or link
// was, and the output would never reach the reader waiting at the other
// end.
func writeFileAtomic(file string, data []byte) error {
	if st, err := os.Lstat(file); err == nil && !st.Mode().IsRegular() {
		return writeInPlace(file, data)
	}
	dir, base := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return unwrapPath(err)
	}
	renamed := false
	defer func() {
		if !renamed {
			_ = tmp.Close() // closed already unless a step failed; a second Close is harmless
			_ = os.Remove(tmp.Name())
		}
	}()
	mode := os.FileMode(0o644)
	if st, err := os.Lstat(file); err == nil {
		mode = st.Mode().Perm()
	}
	if _, err := tmp.Write(data); err != nil {
		return unwrapPath(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return unwrapPath(err)
	}
	if err := tmp.Close(); err != nil {
		return unwrapPath(err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return unwrapPath(err)
	}
	renamed = true
	return nil
}

// writeInPlace writes data to file, which exists and is no regular file
// (writeFileAtomic), truncating it first where that means something.
func writeInPlace(file string, data []byte) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return unwrapPath(err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return unwrapPath(err)
	}
	return unwrapPath(f.Close())
}

// onlyText reports whether every output is in the text format, for people.
func onlyText(outs []output) bool {
	for _, o := range outs {
		if o.format != "text" {
			return false
		}
	}
	return true
}
