package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/daslint/daslint/config"
)

// initConfig is `daslint init [DIR]`: it writes the commented default
// configuration to DIR/.daslint.yaml (DIR defaults to "."), and refuses to
// overwrite an existing file.
func initConfig(args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 {
		complain(stderr, "init takes at most one directory")
		return exitInput
	}
	dir := "."
	if len(args) == 1 {
		dir = args[0]
	}
	file := filepath.Join(dir, config.FileName)
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		complain(stderr, "%s already exists; not overwriting it", file)
		return exitInput
	}
	if err != nil {
		complain(stderr, "cannot write %s: %v", file, err)
		return exitInput
	}
	_, werr := io.WriteString(f, config.Default)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		complain(stderr, "cannot write %s: %v", file, werr)
		return exitInput
	}
	return write(stdout, "wrote %s\n", file)
}
