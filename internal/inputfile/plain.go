package inputfile

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ReadFile reads the file name whole, as os.ReadFile does, for the scans
// that look through many files for a word before anything is parsed (the
// pre-commit hook's preselection, the remote-state index): without the
// runtime's poller (openRegular), and without Read's checks. Opening a
// named pipe waits for a writer, as os.ReadFile does: a caller that lists
// a directory reads only its Readable entries.
func ReadFile(name string) ([]byte, error) {
	f, err := openRegular(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read-only: a close error loses nothing
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return readSized(f, size)
}

// ReadDir reads the entries of the directory name, sorted by name, as
// os.ReadDir does, without the runtime's poller.
func ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := openDir(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// Readable reports whether the entry e of the directory dir is a regular
// file, or a link to one, which ReadFile reads without waiting. Only a
// link costs a look at what it points to.
func Readable(dir string, e fs.DirEntry) bool {
	t := e.Type()
	if t&fs.ModeSymlink == 0 {
		return t.IsRegular()
	}
	st, err := os.Stat(filepath.Join(dir, e.Name()))
	return err == nil && st.Mode().IsRegular()
}
