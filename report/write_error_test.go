package report

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
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

// shortWriter takes the first room bytes written to it, then fails.
type shortWriter struct {
	got  []byte
	room int
}

func (w *shortWriter) Write(p []byte) (int, error) {
	n := min(len(p), w.room-len(w.got))
	w.got = append(w.got, p[:n]...)
	if n < len(p) {
		return n, errDiskFull
	}
	return n, nil
}

// TestJSONInPartsWriteError fails the writer at points before, inside and
// after the parts of a long array (whose buffers are written to it
// directly, not through the bufio.Writer): the error is returned, and what
// was written is the start of the report, in order.
func TestJSONInPartsWriteError(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 17))
	var doc Report
	fill(reflect.ValueOf(&doc).Elem(), r, 0)
	doc.Clusters = make([]Cluster, 12*arrayPart+3)
	for i := range doc.Clusters {
		fill(reflect.ValueOf(&doc.Clusters[i]).Elem(), r, 1)
		doc.Clusters[i].File += strings.Repeat("y", 3<<10)
	}
	var whole bytes.Buffer
	if err := writeJSON(&whole, &doc, 2); err != nil {
		t.Fatal(err)
	}
	for _, room := range []int{0, 100, 70 << 10, whole.Len() / 2, whole.Len() - 5} {
		w := &shortWriter{room: room}
		if err := writeJSON(w, &doc, 2); !errors.Is(err, errDiskFull) {
			t.Errorf("room %d: got %v, want the writer's error", room, err)
		}
		if !bytes.HasPrefix(whole.Bytes(), w.got) {
			t.Errorf("room %d: the %d bytes written are not the start of the report", room, len(w.got))
		}
	}
}
