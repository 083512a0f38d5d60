package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// jsonReference is how JSON wrote the document before it walked it:
// encoding/json over the types of document.go and their MarshalJSON
// methods, then indented. JSON must give its bytes.
func jsonReference(r *Report) ([]byte, error) {
	r.Normalize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(r)
	return buf.Bytes(), err
}

func checkJSONAsReference(t *testing.T, name string, r *Report) {
	t.Helper()
	want, err := jsonReference(r)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := JSON(&got, r); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Fatalf("%s: JSON differs from encoding/json (-encoding/json +JSON):\n%s", name, diff)
	}
}

// Strings that encoding/json escapes in every way it does.
var trickyStrings = []string{
	"", "plain", `quote " and \ backslash`, "<region> & co", "tab\tnew\nline\rcr\bbs\fff",
	"\x00\x01\x1f\x7f", "bad utf-8 \xff\xfe end", "line\u2028para\u2029sep", "é ß 日本 🙂",
	"\xe2\x80", "a\u00a0b",
}

// fill sets every exported field of v, recursively, to a value that is not
// its zero value, taking strings from trickyStrings: a field added to a
// type of document.go is then written by encoding/json, and the test
// fails until JSON writes it too.
func fill(v reflect.Value, r *rand.Rand, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(trickyStrings[r.IntN(len(trickyStrings))])
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(r.IntN(1000)))
	case reflect.Float64:
		v.SetFloat(float64(r.IntN(100)) / 10)
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Pointer:
		if depth > 6 || r.IntN(4) == 0 {
			return // nil, which encoding/json writes as null or omits
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), r, depth+1)
		v.Set(p)
	case reflect.Slice:
		if depth > 6 || r.IntN(5) == 0 {
			return
		}
		n := r.IntN(3)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(s.Index(i), r, depth+1)
		}
		v.Set(s)
	case reflect.Map:
		if depth > 6 || r.IntN(4) == 0 {
			return
		}
		m := reflect.MakeMap(v.Type())
		for range r.IntN(4) {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString([]string{"public", "nat", "kms-endpoint", "<odd & key>"}[r.IntN(4)])
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, r, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), r, depth+1)
			}
		}
	}
}

func TestJSONAsEncodingJSON(t *testing.T) {
	checkJSONAsReference(t, "fixture", fixture())
	checkJSONAsReference(t, "empty", &Report{})
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 300 {
		var doc Report
		fill(reflect.ValueOf(&doc).Elem(), r, 0)
		// Held links are written for the paths of Broken: give some.
		for ci := range doc.Clusters {
			for ii := range doc.Clusters[ci].Instances {
				in := &doc.Clusters[ci].Instances[ii]
				for p := range in.Broken {
					if in.Held == nil {
						in.Held = map[string][]Link{}
					}
					in.Held[p] = append(in.Held[p], Link{Text: "held <" + p + ">", File: "f.tf", Line: i})
				}
			}
		}
		checkJSONAsReference(t, fmt.Sprintf("random document %d", i), &doc)
	}
}

func TestAppendJSONString(t *testing.T) {
	var all []string
	for b := range 256 {
		all = append(all, string([]byte{'a', byte(b), 'z'}))
	}
	for r := rune(0); r < 0x3000; r += 7 {
		all = append(all, string(r)+"<&>")
	}
	all = append(all, trickyStrings...)
	all = append(all, string(utf8.RuneError), "\xed\xa0\x80", strings.Repeat("x<", 100))
	for _, s := range all {
		for _, html := range []bool{false, true} {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(buf.String(), "\n")
			if got := string(appendJSONString(nil, s, html)); got != want {
				t.Errorf("appendJSONString(%q, html %v) = %s, want %s", s, html, got, want)
			}
		}
	}
}

// TestJSONInPartsAsEncodingJSON writes reports of many clusters, whose
// cluster array is encoded in parts (arrayInParts), with two and three
// workers: around a part's size, around a window's, and over several
// windows, the bytes must be encoding/json's.
func TestJSONInPartsAsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for _, tc := range []struct {
		n int
		// pad is added to every cluster's file, so that a part of the
		// array takes several buffers (partChunk).
		pad int
	}{
		{4*arrayPart - 1, 0}, {4 * arrayPart, 0}, {4*arrayPart + 1, 0}, {8*arrayPart + 7, 0}, {25*arrayPart + 63, 0},
		{4 * arrayPart, 20 << 10}, {17*arrayPart + 5, 13 << 10},
	} {
		n := tc.n
		var doc Report
		fill(reflect.ValueOf(&doc).Elem(), r, 0)
		doc.Clusters = make([]Cluster, n)
		for i := range doc.Clusters {
			fill(reflect.ValueOf(&doc.Clusters[i]).Elem(), r, 1)
			doc.Clusters[i].File += strings.Repeat("x", tc.pad)
		}
		want, err := jsonReference(&doc)
		if err != nil {
			t.Fatal(err)
		}
		if tc.pad > 0 && arrayPart*tc.pad < 2*partChunk {
			t.Fatalf("a part of %d clusters padded by %d bytes fits in fewer than two buffers", arrayPart, tc.pad)
		}
		for _, workers := range []int{2, 3} {
			var got bytes.Buffer
			if err := writeJSON(&got, &doc, workers); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("%d clusters, %d workers: JSON differs from encoding/json:\n%s", n, workers, cmp.Diff(string(want), got.String()))
			}
		}
	}
}

// TestPartsHoldOnlyTheWindow checks that writing an array in parts
// allocates about what one window of parts holds, whatever the length of
// the array: each part is encoded into buffers of partChunk that the part
// in the same place of the next window reuses, and none is copied to grow.
// With each part in one buffer grown by append and a window of eight parts
// of 128 kB, this wrote 4 MB allocating 1.8 MB.
func TestPartsHoldOnlyTheWindow(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	var doc Report
	fill(reflect.ValueOf(&doc).Elem(), r, 0)
	const (
		n       = 32 * arrayPart
		element = 6 << 10 // about the size of a cluster with its file padded
		workers = 2
	)
	doc.Clusters = make([]Cluster, n)
	for i := range doc.Clusters {
		fill(reflect.ValueOf(&doc.Clusters[i]).Elem(), r, 1)
		doc.Clusters[i].File = strings.Repeat("x", element)
	}
	// A window: 2 parts per worker, each of arrayPart elements in buffers
	// of partChunk, the last of each part not full; then the bufio.Writer
	// and room for the rest.
	most := uint64(2*workers*(arrayPart*element+2*partChunk) + 192<<10)
	var out bytes.Buffer
	if err := writeJSON(&out, &doc, workers); err != nil {
		t.Fatal(err)
	}
	if uint64(out.Len()) < 2*most {
		t.Fatalf("%d bytes written, want at least twice the bound (%d)", out.Len(), most)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := writeJSON(io.Discard, &doc, workers); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > most {
		t.Errorf("writing %d bytes allocated %d bytes, want at most %d", out.Len(), got, most)
	}
}
