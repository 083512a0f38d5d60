package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"
)

// The text output adapts to where it is written: colour and the width of
// a terminal, ASCII for a terminal or locale without Unicode. The terminal
// is asked with golang.org/x/term (the Go project's, no cgo): its
// ioctl(TIOCGWINSZ) through libc on darwin, the console API on Windows,
// which the standard library's syscall does not cover.

// getenv reads the environment; the tests of textWidth and useASCII give
// their own.
func getenv(name string) string { return os.Getenv(name) }

// defaultWidth is the width of the text output when it is not written to
// a terminal and COLUMNS is not set: a file, a pipe, a CI log.
const defaultWidth = 80

// useColor reports whether text output to w gets colour: only on a
// terminal, and never with --no-color or NO_COLOR set (no-color.org).
func useColor(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	_, ok := terminal(w)
	return ok
}

// terminal reports whether w is a terminal, and its width in columns (0
// when the terminal does not say).
func terminal(w io.Writer) (width int, ok bool) {
	f, isFile := w.(*os.File)
	if !isFile || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 0 {
		width = 0
	}
	return width, true
}

// textWidth is the width the text output to w wraps at: COLUMNS when it
// is a positive number (the shell's own variable, also a way to choose),
// else the terminal's width, else defaultWidth.
func textWidth(w io.Writer, getenv func(string) string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if width, ok := terminal(w); ok && width > 0 {
		return width
	}
	return defaultWidth
}

// useASCII reports whether the text output is written in ASCII: with
// --ascii, on a dumb terminal (TERM=dumb), or when the locale's character
// set is not UTF-8. The locale is the first of LC_ALL, LC_CTYPE and LANG
// that is set, as in POSIX; none set is taken as UTF-8 (the usual case of
// CI runners and Windows, where these are seldom set), but an explicit C
// or POSIX locale is ASCII.
func useASCII(flag bool, getenv func(string) string) bool {
	if flag || getenv("TERM") == "dumb" {
		return true
	}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(name); v != "" {
			v = strings.ToLower(v)
			return !strings.Contains(v, "utf-8") && !strings.Contains(v, "utf8")
		}
	}
	return false
}
