package report

import (
	"errors"
	"io"
	"testing"
)

// errWriter fails every write.
type errWriter struct{}

var errDiskFull = errors.New("disk full")

func (errWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// The formats that write as they go still return the writer's error.
func TestWriteErrors(t *testing.T) {
	for name, write := range map[string]func(io.Writer, *Report) error{
		"json": JSON,
		"text": func(w io.Writer, r *Report) error { return Text(w, r, TextOptions{}) },
	} {
		if err := write(errWriter{}, fixture()); !errors.Is(err, errDiskFull) {
			t.Errorf("%s: got %v, want the writer's error", name, err)
		}
	}
}
