package parsers

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/internal/inputfile"
	"github.com/daslint/daslint/parsers/terraform/eval"
)

// A terraform_remote_state in the s3 backend names its state by bucket and
// key, and only the roots whose backend has that key can keep it. Reading
// every root's backend to find them parses every file of the tree, which
// a pre-commit hook that reads two roots of five hundred cannot afford. So
// a read by key first passes over the roots whose terraform blocks, cut
// out of their files' bytes once (backendText), cannot declare that key,
// and reads the backend of the others: the roots it finds, in the
// catalog's order, are those the whole index would give
// (backendIndex.byKey). A run that asks for many keys (a whole monorepo)
// builds the index instead, which reads each backend once.

// maxKeyed is the number of keys looked up without the index.
const maxKeyed = 32

// keyed returns the roots and units whose backend has b's MatchKey, which
// is not "". Roots read on several goroutines call it: one at a time.
func (rs *remoteStates) keyed(b eval.Backend) []candidate {
	k := b.MatchKey()
	rs.keyMu.Lock()
	defer rs.keyMu.Unlock()
	if out, ok := rs.byKey[k]; ok {
		return out
	}
	if rs.idxBuilt.Load() || len(rs.byKey) >= maxKeyed {
		return rs.index().byKey[k]
	}
	rs.unitBackends()
	if rs.texts == nil {
		// What the hook's preselection read already, if it ran; nothing
		// else writes to the map once roots are read.
		rs.texts = rs.cat.opts.backendTexts
		if rs.texts == nil {
			rs.texts = map[string]*backendText{}
		}
	}
	var out []candidate
	// A root whose files cannot hold the key is ruled out before its
	// backend is read (which parses its files).
	mayKeep := func(abs string) bool {
		t := rs.texts[abs]
		if t == nil {
			t = readBackendText(abs)
			rs.texts[abs] = t
		}
		return t.mayKeep(b.Config["key"])
	}
	for _, r := range rs.cat.roots {
		have, ok := rs.rootBackend(r, mayKeep)
		if ok && have.MatchKey() == k {
			out = append(out, candidate{r: r, have: have})
		}
	}
	if rs.byKey == nil {
		rs.byKey = map[string][]candidate{}
	}
	rs.byKey[k] = out
	return out
}

// backendText is where a root module may declare its backend, from the
// bytes of its files: the text of its terraform blocks, or any when that
// cannot be told without parsing (any is set).
type backendText struct {
	blocks [][]byte
	any    bool
}

// readBackendText reads the backend text of the root module in dir. A
// file that cannot be read is left to eval.RootBackend.
func readBackendText(dir string) *backendText {
	t := &backendText{}
	if err := eachTerraformFile(dir, func(name string, data []byte, err error) bool {
		t.add(name, data, err)
		return !t.any
	}); err != nil {
		t.any = true
	}
	return t
}

// errNotRegular is what eachTerraformFile passes for an entry that is not
// a regular file nor a link to one: a named pipe or a device, never opened.
var errNotRegular = errors.New("not a regular file")

// eachTerraformFile calls f with the name, the bytes and the read error of
// each Terraform file of dir, in name order, until f returns false: the
// scans that look through a root's files before anything is parsed. An
// entry that cannot be read without waiting (inputfile.Readable) is passed
// with errNotRegular and no bytes. It returns the error of listing dir.
func eachTerraformFile(dir string, f func(name string, data []byte, err error) bool) error {
	entries, err := inputfile.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !isTerraformFile(e.Name()) {
			continue
		}
		var data []byte
		err := errNotRegular
		if inputfile.Readable(dir, e) {
			data, err = inputfile.ReadFile(filepath.Join(dir, e.Name()))
		}
		if !f(e.Name(), data, err) {
			return nil
		}
	}
	return nil
}

// add adds the terraform blocks of the Terraform file name, data as read
// (err), to t, and sets any when they cannot be told without parsing: a
// file that cannot be read (left to eval.RootBackend), JSON or escapes,
// which may spell a key otherwise, a template.
func (t *backendText) add(name string, data []byte, err error) {
	if err != nil || strings.HasSuffix(name, ".json") || bytes.IndexByte(data, '\\') >= 0 {
		t.any = true
		return
	}
	blocks, ok := topBlocks(data, "terraform")
	if !ok {
		t.any = true
		return
	}
	for _, b := range blocks {
		if bytes.Contains(b, []byte("${")) || bytes.Contains(b, []byte("%{")) {
			t.any = true
			return
		}
		t.blocks = append(t.blocks, bytes.Clone(b))
	}
}

// mayKeep reports whether the root may declare a backend whose key is
// key: a backend block takes only literal strings, so the key is written
// out in it, in a terraform block.
func (t *backendText) mayKeep(key string) bool {
	if t.any || key == "" {
		return true
	}
	for _, b := range t.blocks {
		if bytes.Contains(b, []byte(key)) {
			return true
		}
	}
	return false
}
