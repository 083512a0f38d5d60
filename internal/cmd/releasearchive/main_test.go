package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// inputs writes a binary and a text file with the given permissions and
// modification time, as two different build machines would leave them.
func inputs(t *testing.T, exe, text os.FileMode, mtime time.Time) []string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "daslint")
	doc := filepath.Join(dir, "LICENSE")
	for path, mode := range map[string]os.FileMode{bin: exe, doc: text} {
		if err := os.WriteFile(path, []byte("contents of "+filepath.Base(path)), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil { // past the umask
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	return []string{bin, doc}
}

type member struct {
	name string
	mode os.FileMode
	time time.Time
	data string
}

func readTarGz(t *testing.T, b []byte) []member {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header has name %q, time %v; want neither", gz.Name, gz.ModTime)
	}
	var ms []member
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return ms
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d/%d %q/%q, want 0/0 and no names", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		ms = append(ms, member{h.Name, os.FileMode(h.Mode).Perm(), h.ModTime.UTC(), string(data)})
	}
}

func readZip(t *testing.T, b []byte) []member {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var ms []member
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		_ = rc.Close()
		ms = append(ms, member{f.Name, f.Mode().Perm(), f.Modified.UTC(), string(data)})
	}
	return ms
}

func TestArchivesAreReproducible(t *testing.T) {
	epoch := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	want := []member{
		{"daslint", 0o755, epoch, "contents of daslint"},
		{"LICENSE", 0o644, epoch, "contents of LICENSE"},
	}
	for _, tc := range []struct {
		name string
		read func(*testing.T, []byte) []member
	}{
		{"daslint_linux_amd64.tar.gz", readTarGz},
		{"daslint_windows_amd64.zip", readZip},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Two machines: different permissions, file times and time zones.
			var got [2][]byte
			for i, in := range [][]string{
				inputs(t, 0o755, 0o644, time.Now()),
				inputs(t, 0o700, 0o600, time.Now().Add(-48*time.Hour)),
			} {
				out := filepath.Join(t.TempDir(), tc.name)
				args := append([]string{"-o", out, "-mtime", "1767323045"}, in...)
				if err := run(args); err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				got[i] = b
			}
			if !bytes.Equal(got[0], got[1]) {
				t.Errorf("two archives of the same contents differ (%d and %d bytes)", len(got[0]), len(got[1]))
			}
			ms := tc.read(t, got[0])
			if len(ms) != len(want) {
				t.Fatalf("archive holds %v, want %v", ms, want)
			}
			for i := range want {
				if ms[i].name != want[i].name || ms[i].mode != want[i].mode || !ms[i].time.Equal(want[i].time) || ms[i].data != want[i].data {
					t.Errorf("entry %d = %+v, want %+v", i, ms[i], want[i])
				}
			}
		})
	}
}

func TestSums(t *testing.T) {
	in := inputs(t, 0o755, 0o644, time.Now())
	out := filepath.Join(t.TempDir(), "SHA256SUMS")
	if err := run(append([]string{"-sums", "-o", out}, in...)); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, f := range in {
		data, _ := os.ReadFile(f)
		sum := sha256.Sum256(data)
		want.WriteString(hex.EncodeToString(sum[:]) + "  " + filepath.Base(f) + "\n")
	}
	if string(got) != want.String() {
		t.Errorf("SHA256SUMS =\n%s\nwant\n%s", got, want.String())
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	file := inputs(t, 0o755, 0o644, time.Now())[0]
	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"no output", []string{"-mtime", "0", file}, "-o is required"},
		{"no files", []string{"-o", filepath.Join(dir, "a.tar.gz"), "-mtime", "0"}, "no files"},
		{"no time", []string{"-o", filepath.Join(dir, "a.tar.gz"), file}, "-mtime is required"},
		{"unknown kind", []string{"-o", filepath.Join(dir, "a.tar.xz"), "-mtime", "0", file}, "must end in .tar.gz or .zip"},
		{"directory", []string{"-o", filepath.Join(dir, "a.zip"), "-mtime", "0", dir}, "not a regular file"},
		{"missing", []string{"-o", filepath.Join(dir, "a.zip"), "-mtime", "0", filepath.Join(dir, "nope")}, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := run(tc.args)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("run(%q) = %v, want an error containing %q", tc.args, err, tc.msg)
			}
		})
	}
	// A failed archive leaves nothing behind, not even its temporary file.
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed runs left %v in the output directory", entries)
	}
}
