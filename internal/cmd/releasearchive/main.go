// Command releasearchive writes the archives and the checksum file of a
// daslint release for scripts/release.sh, byte for byte the same from the
// same inputs: entries in the order given, each at its base name, with a
// fixed modification time, owner 0 and mode 0755 (executables) or 0644, and
// no gzip name or time. tar and zip would need a dozen flags to do this and
// still differ between their GNU, BSD and Info-ZIP versions.
//
// Usage:
//
//	releasearchive -o daslint_linux_amd64.tar.gz -mtime EPOCH FILE...
//	releasearchive -o daslint_windows_amd64.zip -mtime EPOCH FILE...
//	releasearchive -sums -o SHA256SUMS FILE...
//
// The kind of archive follows from the name of -o. With -sums it writes
// one line per FILE, "<sha256 in hex>  <base name>", the format that
// `sha256sum -c` and `shasum -a 256 -c` read. Every output is written to a
// temporary file beside it and renamed, so that it is complete or absent.
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "releasearchive:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("releasearchive", flag.ContinueOnError)
	out := fs.String("o", "", "file to write (.tar.gz, .zip, or the checksum file with -sums)")
	mtime := fs.Int64("mtime", -1, "modification time of every entry, in seconds since 1970 (SOURCE_DATE_EPOCH)")
	sums := fs.Bool("sums", false, "write SHA-256 checksums of the files instead of an archive")
	if err := fs.Parse(args); err != nil {
		return err
	}
	files := fs.Args()
	switch {
	case *out == "":
		return errors.New("-o is required")
	case len(files) == 0:
		return errors.New("no files given")
	case *sums:
		return writeAtomic(*out, func(w io.Writer) error { return writeSums(w, files) })
	case *mtime < 0:
		return errors.New("-mtime is required for an archive")
	}
	when := time.Unix(*mtime, 0).UTC()
	switch {
	case strings.HasSuffix(*out, ".tar.gz"):
		return writeAtomic(*out, func(w io.Writer) error { return writeTarGz(w, files, when) })
	case strings.HasSuffix(*out, ".zip"):
		return writeAtomic(*out, func(w io.Writer) error { return writeZip(w, files, when) })
	}
	return fmt.Errorf("%s: the name must end in .tar.gz or .zip", *out)
}

// entry is one file to archive, read whole: release archives hold a binary
// of a few megabytes and some text files.
type entry struct {
	name string
	mode int64
	data []byte
}

func readEntry(path string) (entry, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return entry{}, err
	}
	if !fi.Mode().IsRegular() {
		return entry{}, fmt.Errorf("%s: not a regular file", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return entry{}, err
	}
	// Only the executable bit is kept: the umask of the machine that
	// builds must not change the archive.
	mode := int64(0o644)
	if fi.Mode().Perm()&0o111 != 0 {
		mode = 0o755
	}
	return entry{name: filepath.Base(path), mode: mode, data: data}, nil
}

func writeTarGz(w io.Writer, files []string, when time.Time) error {
	// A zero gzip header: no name, no modification time.
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, f := range files {
		e, err := readEntry(f)
		if err != nil {
			return err
		}
		hdr := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     e.name,
			Mode:     e.mode,
			Size:     int64(len(e.data)),
			ModTime:  when,
			Format:   tar.FormatUSTAR,
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(e.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, files []string, when time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, f := range files {
		e, err := readEntry(f)
		if err != nil {
			return err
		}
		hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: when}
		hdr.SetMode(os.FileMode(e.mode))
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeSums(w io.Writer, files []string) error {
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		if _, err := fmt.Fprintf(w, "%s  %s\n", hex.EncodeToString(sum[:]), filepath.Base(f)); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic writes path through a temporary file in its directory, so
// that a failed run leaves no half-written archive to be published.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".releasearchive-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
