package eval

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"

	"github.com/daslint/daslint/suppress"
)

// The syntax trees of a root module's files are most of what a large root
// keeps alive while it is evaluated: about fifteen times the size of their
// text, against a few kilobytes of evaluated instance per resource. A
// resource block's syntax is read once, when the resource is evaluated
// (the memo answers every later reference), so the walk lets it go as soon
// as the resource is done, and the live heap no longer holds every tree
// and every instance at once.
//
// Only a configuration that this evaluation alone holds is released: the
// root module's, when the parse cache does not keep it for other roots
// and no module call of the root reads the same directory. A
// configuration of the cache is shared, and must not change.

// ownRoot keeps the root's configuration (tree's) as the one this
// evaluation releases as it goes (see releaseResource) when it alone
// holds it: loadTree set e.owned when the parse cache does not hold it,
// and no module call of the root may read the same configuration. It then
// replaces the root's files in the evaluation's parser by their text
// alone, and that only where it is read again (textReadLater): the parser
// would otherwise keep every syntax tree, and every file's text, to the
// end.
func (e *evaluator) ownRoot(tree *moduleTree) {
	if e.owned != tree.cfg || usesConfig(tree, tree.cfg) > 1 {
		e.owned = nil
		return
	}
	files := e.parser.Files()
	for _, name := range tree.cfg.files {
		if f := files[name]; f != nil {
			var text []byte
			if textReadLater(f.Bytes) {
				text = f.Bytes
			}
			e.parser.AddFile(name, &hcl.File{Body: hcl.EmptyBody(), Bytes: text})
		}
	}
}

// textReadLater reports whether the text of a file may be read after
// loading: for the suppression comments of Result.Sources, which a file
// without the directive has none of, and for the text of a count or
// for_each expression (the cohort of an unknown expansion, exprText),
// which a file that never says either has none of. A file whose text is
// not kept has a nil entry in Result.Sources: no comment to read.
func textReadLater(text []byte) bool {
	return bytes.Contains(text, []byte(suppress.Directive)) || bytes.Contains(text, []byte("count")) ||
		bytes.Contains(text, []byte("for_each"))
}

// usesConfig counts the nodes of t that read cfg.
func usesConfig(t *moduleTree, cfg *moduleConfig) int {
	n := 0
	if t.cfg == cfg {
		n++
	}
	for _, c := range t.children {
		n += usesConfig(c, cfg)
	}
	return n
}

// releaseResource lets the syntax of r's block go once r is evaluated in
// m, when its configuration is the one this evaluation owns (ownRoot):
// every later reference to r reads its memoised value, never its body.
func (e *evaluator) releaseResource(m *modInst, r *resourceDecl) {
	if e.owned == nil || m.cfg() != e.owned || m.path != "" {
		return
	}
	if e.resourceEvaluated(m, r) {
		r.body = nil
	}
}
