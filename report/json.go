package report

import (
	"bufio"
	"io"
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/daslint/daslint/internal/parallel"
)

// JSON writes r as the daslint/v1 JSON document, indented by two spaces and
// ending in a newline. It normalizes r first.
//
// The document is written as it is walked, in one pass, rather than
// marshalled by encoding/json and then indented: on a report of thousands
// of clusters that cost more than the analysis. The bytes are those of
// encoding/json's Encoder with SetEscapeHTML(false) and SetIndent("", "  ")
// over the types of document.go, their MarshalJSON methods included (which
// marshal instances and witness links with HTML escaping); the tests
// compare the two on every golden case and on documents with every field
// set.
func JSON(w io.Writer, r *Report) error {
	return writeJSON(w, r, 0)
}

// writeJSON is JSON with long arrays encoded by up to workers goroutines
// (0: one per processor).
func writeJSON(w io.Writer, r *Report, workers int) error {
	r.Normalize()
	bw := bufio.NewWriterSize(w, 64<<10)
	j := &jsonWriter{w: bw, out: w, workers: parallel.Workers(workers)}
	j.report(r)
	j.flush()
	j.raw("\n")
	j.flush()
	if err := bw.Flush(); err != nil {
		return err
	}
	return j.err
}

// jsonWriter writes indented JSON. first says whether the array or object
// being written has no member yet; after any value its container has one,
// so one flag serves every level.
type jsonWriter struct {
	w *bufio.Writer
	// out is what w writes to, which the buffers of the parts of an array
	// are written to directly (writeOut); err is the first error of that.
	out   io.Writer
	err   error
	buf   []byte
	depth int
	first bool
	// html escapes <, > and & as \u003c, \u003e and \u0026, as
	// json.Marshal does inside the MarshalJSON of Instance and Link.
	html bool
	// workers is how many goroutines encode a long array (arrayInParts).
	workers int
	// slot, for the writer of one part of an array (arrayInParts), holds
	// what it has written; such a writer has no w.
	slot *partSlot
}

// flush hands the buffer to the writer (bufio keeps the first error), or,
// for the writer of a part, to its slot, and goes on in a buffer of the
// slot's.
func (j *jsonWriter) flush() {
	switch {
	case j.slot != nil:
		j.slot.full = append(j.slot.full, j.buf)
		j.buf = j.slot.buffer()
	case j.w != nil:
		_, _ = j.w.Write(j.buf)
		j.buf = j.buf[:0]
	}
}

// writeOut writes b to out, after what w holds: the buffers of a part
// (arrayInParts) are too large to be worth copying into w's. After an
// error it writes nothing more.
func (j *jsonWriter) writeOut(b []byte) {
	if j.err != nil {
		return
	}
	if err := j.w.Flush(); err != nil {
		j.err = err
		return
	}
	if _, err := j.out.Write(b); err != nil {
		j.err = err
	}
}

func (j *jsonWriter) raw(s string) { j.buf = append(j.buf, s...) }

func (j *jsonWriter) newline() {
	j.buf = append(j.buf, '\n')
	for range j.depth {
		j.buf = append(j.buf, "  "...)
	}
}

// member starts an element of the current array or object.
func (j *jsonWriter) member() {
	if !j.first {
		j.buf = append(j.buf, ',')
	}
	j.first = false
	j.newline()
}

func (j *jsonWriter) open(c byte) {
	j.buf = append(j.buf, c)
	j.depth++
	j.first = true
}

func (j *jsonWriter) close(c byte) {
	j.depth--
	if !j.first {
		j.newline()
	}
	j.buf = append(j.buf, c)
	j.first = false
	if len(j.buf) >= 32<<10 {
		j.flush()
	}
}

// key starts a member of an object; k needs no escaping.
func (j *jsonWriter) key(k string) {
	j.member()
	j.buf = append(j.buf, '"')
	j.buf = append(j.buf, k...)
	j.buf = append(j.buf, `": `...)
}

func (j *jsonWriter) str(s string) { j.buf = appendJSONString(j.buf, s, j.html) }

func (j *jsonWriter) int(n int) { j.buf = strconv.AppendInt(j.buf, int64(n), 10) }

func (j *jsonWriter) bool(b bool) { j.buf = strconv.AppendBool(j.buf, b) }

func (j *jsonWriter) null() { j.raw("null") }

// strPtr writes a string, or null for nil.
func (j *jsonWriter) strPtr(s *string) {
	if s == nil {
		j.null()
		return
	}
	j.str(*s)
}

// array writes a slice as a JSON array, null when nil.
func array[T any](j *jsonWriter, s []T, each func(T)) {
	if s == nil {
		j.null()
		return
	}
	j.open('[')
	for _, v := range s {
		j.member()
		each(v)
	}
	j.close(']')
}

// arrayPart is how many elements one part of an array written in parts
// holds; arrays of fewer than four parts' worth are written in one.
const arrayPart = 8

// partChunk is the size of the buffers a part is encoded into. A writer
// flushes at 32 kB (close), so a buffer of a part takes a few elements
// more before it flushes to the part's slot and goes on in another: a part
// is never copied to grow, and a run allocates about what the window
// holds, not several times it.
const partChunk = 48 << 10

// partSlot is one place of the ring of arrayInParts: the buffers of the
// part encoded there, in order, and those of the part before it, reused.
type partSlot struct {
	full  [][]byte
	spare [][]byte
}

// start readies the slot for the next part and returns its first buffer.
func (s *partSlot) start() []byte {
	s.spare = append(s.spare, s.full...)
	clear(s.full)
	s.full = s.full[:0]
	return s.buffer()
}

// buffer returns an empty buffer: a spare one, or a new one of partChunk.
func (s *partSlot) buffer() []byte {
	if n := len(s.spare); n > 0 {
		b := s.spare[n-1]
		s.spare[n-1] = nil
		s.spare = s.spare[:n-1]
		return b[:0]
	}
	return make([]byte, 0, partChunk)
}

// arrayInParts writes s as array does, its elements encoded in parts on
// every core: a report of thousands of clusters spends more time encoding
// them than the rest of writing. The workers take the parts in order
// (parallel.ForEach) while this goroutine writes out each part as soon as
// it and every part before it are encoded, so the bytes are those of
// array. A part is encoded into a slot of a ring of two per worker, which
// its encoder waits for until the part that used the slot before it is
// written out: no more than the ring is held encoded at a time. Each part
// is written by a writer of its own at the array's depth, which starts its
// first element as the array's next one.
func arrayInParts[T any](j *jsonWriter, s []T, each func(*jsonWriter, T)) {
	workers := j.workers
	if len(s) < 4*arrayPart || workers < 2 {
		array(j, s, func(v T) { each(j, v) })
		return
	}
	j.open('[')
	parts := (len(s) + arrayPart - 1) / arrayPart
	ring := make([]partSlot, min(parts, 2*workers))
	encoded, written := make([]chan struct{}, parts), make([]chan struct{}, parts)
	for p := range parts {
		encoded[p], written[p] = make(chan struct{}), make(chan struct{})
	}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		parallel.ForEach(parts, workers, func(p int) {
			if p >= len(ring) {
				<-written[p-len(ring)]
			}
			slot := &ring[p%len(ring)]
			w := &jsonWriter{buf: slot.start(), depth: j.depth, first: p == 0, html: j.html, slot: slot}
			for _, v := range s[p*arrayPart : min(len(s), (p+1)*arrayPart)] {
				w.member()
				each(w, v)
			}
			slot.full = append(slot.full, w.buf)
			close(encoded[p])
		})
	}()
	j.flush()
	for p := range parts {
		<-encoded[p]
		for _, b := range ring[p%len(ring)].full {
			j.writeOut(b)
		}
		close(written[p])
	}
	<-finished
	j.first = false
	j.close(']')
}

func (j *jsonWriter) report(r *Report) {
	j.open('{')
	j.key("schema")
	j.str(r.Schema)
	j.key("version")
	j.str(r.Version)
	j.key("clusters")
	arrayInParts(j, r.Clusters, (*jsonWriter).cluster)
	j.key("findings")
	array(j, r.Findings, j.finding)
	j.key("errors")
	array(j, r.Errors, j.inputError)
	j.key("summary")
	j.summary(r.Summary)
	j.close('}')
}

func (j *jsonWriter) cluster(c Cluster) {
	j.open('{')
	j.key("id")
	j.str(c.ID)
	j.key("source")
	j.str(c.Source)
	j.key("file")
	j.str(c.File)
	j.key("line")
	j.int(c.Line)
	j.key("engine")
	j.strPtr(c.Engine)
	j.key("verdict")
	j.str(c.Verdict)
	j.key("path")
	j.strPtr(c.Path)
	j.key("instances")
	array(j, c.Instances, j.instance)
	j.key("unknowns")
	array(j, c.Unknowns, j.unknown)
	if c.From != nil {
		j.key("from")
		j.source(c.From)
	}
	j.close('}')
}

// instance writes what Instance.MarshalJSON does: json.Marshal escapes
// HTML in it.
func (j *jsonWriter) instance(in Instance) {
	html := j.html
	j.html = true
	defer func() { j.html = html }()
	j.open('{')
	j.key("id")
	j.str(in.ID)
	j.key("subnet")
	j.str(in.Subnet)
	j.key("verdict")
	j.str(in.Verdict)
	j.key("path")
	j.strPtr(in.Path)
	j.key("witness")
	array(j, in.Witness, func(l Link) { j.str(l.Text) })
	j.key("broken")
	if in.Broken == nil {
		j.null()
	} else {
		j.open('{')
		// encoding/json sorts map keys.
		for _, p := range slices.Sorted(maps.Keys(in.Broken)) {
			j.member()
			j.str(p)
			j.raw(": ")
			j.broken(in.Broken[p], in.Held[p])
		}
		j.close('}')
	}
	j.key("unknowns")
	array(j, in.Unknowns, j.unknown)
	j.key("links")
	j.linkRecords(in.Witness)
	j.close('}')
}

// linkRecords writes links as linkRecords: never null.
func (j *jsonWriter) linkRecords(ls []Link) {
	array(j, nonNil(ls), func(l Link) {
		j.open('{')
		j.key("link")
		j.str(l.Text)
		j.key("file")
		j.str(l.File)
		j.key("line")
		j.int(l.Line)
		if l.Source != nil {
			j.key("source")
			j.source(l.Source)
		}
		j.close('}')
	})
}

// broken writes a broken path as Instance.MarshalJSON does: the fields of
// Broken, then the links that held.
func (j *jsonWriter) broken(b Broken, held []Link) {
	j.open('{')
	j.key("link")
	j.str(b.Link)
	j.key("file")
	j.str(b.File)
	j.key("line")
	j.int(b.Line)
	j.key("status")
	j.str(b.Status)
	j.key("reason")
	j.str(b.Reason)
	j.key("fix")
	j.str(b.Fix)
	if b.Source != "" {
		j.key("source")
		j.str(b.Source)
	}
	if b.From != nil {
		j.key("from")
		j.source(b.From)
	}
	j.key("held")
	j.linkRecords(held)
	j.close('}')
}

func (j *jsonWriter) source(s *Source) {
	j.open('{')
	j.key("kind")
	j.str(s.Kind)
	j.key("file")
	j.str(s.File)
	j.key("line")
	j.int(s.Line)
	j.key("id")
	j.str(s.ID)
	if len(s.Callers) > 0 {
		j.key("callers")
		array(j, s.Callers, j.caller)
	}
	j.close('}')
}

func (j *jsonWriter) caller(c Caller) {
	j.open('{')
	j.key("file")
	j.str(c.File)
	j.key("line")
	j.int(c.Line)
	j.key("module")
	j.str(c.Module)
	j.close('}')
}

func (j *jsonWriter) unknown(u Unknown) {
	j.open('{')
	j.key("kind")
	j.str(u.Kind)
	j.key("reason")
	j.str(u.Reason)
	j.key("subject")
	j.str(u.Subject)
	j.key("file")
	j.str(u.File)
	j.key("line")
	j.int(u.Line)
	j.key("used_file")
	j.str(u.UsedFile)
	j.key("used_line")
	j.int(u.UsedLine)
	j.close('}')
}

func (j *jsonWriter) finding(f Finding) {
	j.open('{')
	j.key("rule")
	j.str(f.Rule)
	j.key("severity")
	j.str(f.Severity)
	j.key("resource")
	j.str(f.Resource)
	j.key("file")
	j.str(f.File)
	j.key("line")
	j.int(f.Line)
	j.key("end_line")
	j.int(f.EndLine)
	j.key("message")
	j.str(f.Message)
	j.key("remediation")
	j.str(f.Remediation)
	j.key("fingerprint")
	j.str(f.Fingerprint)
	j.key("suppressed")
	if s := f.Suppressed; s == nil {
		j.null()
	} else {
		j.open('{')
		j.key("reason")
		j.str(s.Reason)
		j.key("until")
		j.strPtr(s.Until)
		j.key("file")
		j.str(s.File)
		j.key("line")
		j.int(s.Line)
		j.close('}')
	}
	j.key("baseline")
	j.bool(f.Baseline)
	j.key("callers")
	array(j, f.Callers, j.caller)
	j.close('}')
}

func (j *jsonWriter) inputError(e Error) {
	j.open('{')
	j.key("file")
	j.str(e.File)
	j.key("line")
	j.int(e.Line)
	j.key("column")
	j.int(e.Column)
	j.key("severity")
	j.str(e.Severity)
	j.key("message")
	j.str(e.Message)
	j.close('}')
}

func (j *jsonWriter) summary(s Summary) {
	j.open('{')
	j.key("files")
	j.int(s.Files)
	j.key("clusters")
	j.int(s.Clusters)
	j.key("pass")
	j.int(s.Pass)
	j.key("fail")
	j.int(s.Fail)
	j.key("unknown")
	j.int(s.Unknown)
	j.key("errors")
	j.int(s.Errors)
	j.close('}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as encoding/json writes a string: quotes,
// backslashes and control characters escaped (\b, \f, \n, \r, \t by name),
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped, and, with html, <, >
// and & as \u003c, \u003e and \u0026.
func appendJSONString(dst []byte, s string, html bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && (!html || (b != '<' && b != '>' && b != '&')) {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
