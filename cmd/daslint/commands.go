package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// A command is a subcommand of daslint: `daslint NAME ARGS...`.
type command struct {
	name string
	// usage is the synopsis line; help the text `daslint help NAME` prints
	// after it.
	usage, help string
	run         func(args []string, stdout, stderr io.Writer) int
}

// commands are daslint's subcommands, in the order the help lists them.
//
// The first argument names a command only when it is exactly a command's
// name: everything else, flags first, is a lint run over PATHs. A directory
// named like a command is linted by writing it as a path (`daslint ./help`)
// or after `--` (`daslint -- help`).
func commands() []command {
	return []command{
		{"rules", "daslint rules [--format text|json]", rulesHelp, listRules},
		{"explain", "daslint explain RULE...", "Print the documentation of each RULE (such as DAS001): what it reports,\nwhy, and how to fix it.\n", explain},
		{"init", "daslint init [DIR]", "Write a commented default .daslint.yaml to DIR (default \".\"); an existing\nfile is never overwritten.\n", initConfig},
		{"help", "daslint help [COMMAND]", "Print the usage of daslint, or of COMMAND.\n", help},
		{"version", "daslint version", "Print the version (the same as --version).\n", printVersion},
	}
}

const rulesHelp = `List the rules: ID, default severity, name and title.

  --format text    a table (default)
  --format json    a JSON array with one object per rule, in ID order:
                   {"id", "name", "title", "description", "severity",
                   "tags", "security_severity", "doc_url"}
`

// commandOf is the command named name.
func commandOf(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

// help is `daslint help [COMMAND]`.
func help(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		return write(stdout, "%s", usageText)
	case 1:
		c, ok := commandOf(args[0])
		if !ok {
			complain(stderr, "help %s: no such command%s (commands: %s)", args[0], didYouMean(args[0], commandNames()), strings.Join(commandNames(), ", "))
			return exitInput
		}
		return write(stdout, "Usage: %s\n\n%s", c.usage, c.help)
	}
	complain(stderr, "help takes at most one command (got %q)\nRun 'daslint help' for usage.", strings.Join(args, " "))
	return exitInput
}

// isHelpFlag reports whether arg asks for help, as the flag package reads
// -h, -help and their double-dash forms: `daslint init --help` is the help
// of init, not a directory named --help.
func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "--h", "-help", "--help":
		return true
	}
	return false
}

// printVersion is `daslint version`.
func printVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		complain(stderr, "version takes no arguments (got %q)\nRun 'daslint help version' for usage.", strings.Join(args, " "))
		return exitInput
	}
	return write(stdout, "daslint %s\n", version())
}

// misspeltCommand returns an error when arg, the first argument, is no
// path that exists but a bare word close to a command's name: `daslint
// rulse` would otherwise report "cannot read rulse". An existing file or
// directory of that name is linted as usual.
func misspeltCommand(arg string) error {
	if arg == "" || arg == stdinPath || strings.ContainsAny(arg, `/\.`) || strings.HasPrefix(arg, "-") {
		return nil
	}
	if _, err := os.Lstat(arg); err == nil {
		return nil
	}
	s := didYouMean(arg, commandNames())
	if s == "" {
		return nil
	}
	return fmt.Errorf("%s is neither a command nor a path%s", arg, s)
}
