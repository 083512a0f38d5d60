package main

import (
	"io"
	"os"
)

// useColor reports whether text output to w gets colour: only on a
// terminal, and never with --no-color or NO_COLOR set (no-color.org). The
// terminal test looks at the file mode rather than pulling in x/term: a
// character device is a terminal for every case that matters here.
func useColor(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
