// Package inputfile reads the files daslint lints and refuses, with a
// reason the user can act on, those it must not read: files that are not
// regular (a FIFO would block the run, /dev/zero would never end), files
// outside the scanned tree (through a symbolic link), files above the size
// limit, and text that is binary or not UTF-8.
//
// Every front end reads through it, so that a hostile repository meets the
// same rules whichever parser it targets.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/diag"
)

// Problem is why a file was not read, or where its text is unusable.
type Problem struct {
	// Line and Column locate a problem in the text (1-based); both are 0
	// when the problem concerns the whole file.
	Line, Column int
	// Message says what is wrong and what to do.
	Message string
	// Severity is diag.Warning for a file deliberately left out (outside
	// the tree, above the size limit) and diag.Error for one that could not
	// be read or is not text.
	Severity diag.Severity
	// Kind is what went wrong.
	Kind Kind
}

// Kind is what went wrong with a file.
type Kind uint8

// Kinds of problems.
const (
	Unreadable Kind = iota // missing, permission denied, a link loop, not a regular file
	Outside                // a symbolic link out of the tree
	TooLarge               // above the size limit
	NotText                // binary, not UTF-8, nested too deep
)

func (p *Problem) Error() string { return p.Message }

// Read returns the content of path after checking that it is a regular
// file (symbolic links followed) that lies inside tree (an absolute,
// symlink-free directory; "" means no confinement) and is at most maxBytes
// long (0 means no limit). The size is checked again while reading, so a
// file that grows in between cannot exceed it.
//
// The name shown in a problem (diag.Path, which asks for the working
// directory) is computed only when there is a problem: a run reads every
// file through here, and the look-up cost a few system calls per file.
func Read(path, tree string, maxBytes int64) ([]byte, *Problem) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, cannotRead(diag.Path(path), err)
	}
	real, st, err := resolve(abs, tree)
	if err != nil {
		return nil, cannotRead(diag.Path(path), err)
	}
	if tree != "" && !Inside(tree, real) {
		return nil, &Problem{Severity: diag.Warning, Kind: Outside, Message: fmt.Sprintf(
			"%s is a symbolic link out of the scanned tree (to %s); it is not read: copy the file into the tree, or lint its directory as a PATH of its own",
			diag.Path(path), filepath.ToSlash(real))}
	}
	if st == nil {
		if st, err = os.Stat(real); err != nil {
			return nil, cannotRead(diag.Path(path), err)
		}
	}
	if !st.Mode().IsRegular() {
		return nil, &Problem{Severity: diag.Error, Message: fmt.Sprintf(
			"%s is not a regular file (%s); it is not read: remove it or exclude it in .daslint.yaml", diag.Path(path), KindOf(st.Mode()))}
	}
	if msg := diag.TooLarge(path, st.Size(), maxBytes); msg != "" {
		return nil, &Problem{Severity: diag.Warning, Kind: TooLarge, Message: msg}
	}
	f, err := openRegular(real)
	if err != nil {
		return nil, cannotRead(diag.Path(path), err)
	}
	defer func() { _ = f.Close() }() // read-only: a close error loses nothing
	r := io.Reader(f)
	if maxBytes > 0 {
		r = io.LimitReader(f, maxBytes+1)
	}
	data, err := readSized(r, st.Size())
	if err != nil {
		return nil, cannotRead(diag.Path(path), err)
	}
	if maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, &Problem{Severity: diag.Warning, Kind: TooLarge, Message: diag.TooLarge(path, int64(len(data)), maxBytes)}
	}
	return data, nil
}

// resolve returns abs, an absolute clean path, with its symbolic links
// resolved. A path below tree (an absolute, symlink-free directory; "" for
// none) with no link on its way from tree is itself: then each step below
// tree is looked at (os.Lstat), rather than every step from the root
// (filepath.EvalSymlinks), and the last look, the file's, is returned as
// its os.Stat. A path with a link, or anything but directories and then a
// regular file, or a step that cannot be looked at, takes the long way,
// which then also gives the error; the info is then nil.
func resolve(abs, tree string) (string, fs.FileInfo, error) {
	if tree != "" && abs != tree && Inside(tree, abs) {
		if rel, err := filepath.Rel(tree, abs); err == nil {
			p := tree
			for rest := rel; ; {
				step, after, more := strings.Cut(rest, string(filepath.Separator))
				p = filepath.Join(p, step)
				st, err := os.Lstat(p)
				if err != nil || (more && !st.IsDir()) || (!more && !st.Mode().IsRegular()) {
					break
				}
				if !more {
					return abs, st, nil
				}
				rest = after
			}
		}
	}
	real, err := filepath.EvalSymlinks(abs)
	return real, nil, err
}

// Head returns at most n bytes from the start of path, a regular file that
// Read refused as too large, so that a caller can tell what it is.
func Head(path string, n int64) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer func() { _ = f.Close() }() // read-only: a close error loses nothing
	data, _ := io.ReadAll(io.LimitReader(f, n))
	return data
}

// Inside reports whether path, an absolute symlink-free path, lies in dir.
func Inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Tree returns dir as Read wants it: absolute, with symbolic links
// resolved.
func Tree(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Clean(dir)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

func cannotRead(shown string, err error) *Problem {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	// filepath.EvalSymlinks reports a loop as "EvalSymlinks: too many
	// links", open(2) as ELOOP.
	if msg := err.Error(); strings.Contains(msg, "too many links") || strings.Contains(msg, "too many levels of symbolic links") {
		return &Problem{Severity: diag.Error, Message: fmt.Sprintf(
			"cannot read %s: its symbolic links lead in a circle; fix or remove the link", shown)}
	}
	return &Problem{Severity: diag.Error, Message: fmt.Sprintf(
		"cannot read %s: %v; check that it exists and that daslint may read it", shown, err)}
}

// KindOf names what a file that is not regular is: "a named pipe".
func KindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "mode " + m.String()
	}
}

// readSized reads r to its end into one buffer sized for size bytes, the
// size the file had when it was checked, plus one so that the end is seen
// without growing: io.ReadAll starts at 512 bytes and copies as it grows.
// A file that grew since is still read whole (the caller's LimitReader
// bounds it).
func readSized(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
