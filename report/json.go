package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// JSON writes r as the daslint/v1 JSON document, indented by two spaces and
// ending in a newline. It normalizes r first.
func JSON(w io.Writer, r *Report) error {
	r.Normalize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Messages quote HTML-looking text (`<region>`); keep it readable.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
