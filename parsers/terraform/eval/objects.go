package eval

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// The object through which references see a resource (objectOf) is built
// once and memoised, so that every expression that reads the resource
// reads the same value. In a large root most resources are read by a few
// others in the same file, and their objects, with the contexts made
// around them, were a third of what the walk kept alive at its end. When
// the walk has evaluated every resource of a file, it lets go of the
// objects that nothing else reads: those of the file's resources that no
// other file and no block other than a resource or data block reads
// (fileReads). An object let go is built again, from its instance, if
// anything does read it later, so a reader that the syntax did not show
// costs time, never a different value.

// fileReads is what one file's syntax reads of resources and data
// sources, by key ("aws_x.y", "data.aws_x.y"), as index finds it.
type fileReads struct {
	// inResources are the keys that the bodies of the file's resource
	// and data blocks read.
	inResources map[string]bool
	// elsewhere are the keys read anywhere else in the file: locals,
	// outputs, module calls, providers, the meta-arguments of resource
	// blocks.
	elsewhere map[string]bool
	// compacted is set when the file's resource bodies were converted
	// (compact.go), which is what tells them apart from the rest.
	compacted bool
}

// add records the key that tr reads, if it reads a resource or data
// source; inResource says whether tr is in a resource or data body.
func (r *fileReads) add(tr hcl.Traversal, inResource bool) {
	key, _ := resourceKeyOf(tr)
	if key == "" {
		return
	}
	m := &r.elsewhere
	if inResource {
		m = &r.inResources
	}
	if *m == nil {
		*m = map[string]bool{}
	}
	(*m)[key] = true
}

// objectReaders gathers the fileReads of a module's files into the set of
// resources whose objects must stay for the whole walk (sharedObjects).
type objectReaders struct {
	// readers maps a key to the one file whose resource bodies read it.
	readers map[string]string
	shared  map[string]bool
	// unknown is set once a file's reads are not known (not indexed, not
	// native syntax, not converted): then no object is let go.
	unknown bool
}

// add records the reads of file name; nil reads are unknown.
func (o *objectReaders) add(name string, reads *fileReads) {
	if reads == nil || !reads.compacted {
		o.unknown = true
		return
	}
	if o.readers == nil {
		o.readers, o.shared = map[string]string{}, map[string]bool{}
	}
	for k := range reads.elsewhere {
		o.shared[k] = true
	}
	for k := range reads.inResources {
		if f, seen := o.readers[k]; seen && f != name {
			o.shared[k] = true
		}
		o.readers[k] = name
	}
}

// sharedObjects returns the keys of byKey's resources whose objects must
// stay for the whole walk: read by another file than the one that
// declares them, or by something other than a resource or data body.
// It is nil, and every object stays, when some file's reads are unknown.
func (o *objectReaders) sharedObjects(byKey map[string]*resourceDecl) map[string]bool {
	if o.unknown {
		return nil
	}
	shared := o.shared
	if shared == nil {
		shared = map[string]bool{}
	}
	for k, f := range o.readers {
		if r := byKey[k]; r == nil || r.defRng.Filename != f {
			shared[k] = true
		}
	}
	return shared
}

// releaseObjects lets go of the objects of the resources rs of m, all
// evaluated and declared in one file, that nothing outside that file's
// resource bodies reads (sharedObjects). Only the root configuration that
// this evaluation owns is released (see releaseResource), and only
// managed resources of one instance, whose object is built from the
// instance alone.
func (e *evaluator) releaseObjects(m *modInst, rs []*resourceDecl) {
	cfg := m.cfg()
	if e.keepObjects || e.owned == nil || cfg != e.owned || m.path != "" || cfg.sharedObjects == nil {
		return
	}
	for _, r := range rs {
		if r.mode != Managed || r.count() != nil || r.forEach() != nil || cfg.sharedObjects[r.key] {
			continue
		}
		n, ok := e.memo[resourceMemoKey(m, r)]
		if !ok || n.busy || n.build == nil {
			continue
		}
		n.val, n.later = cty.NilVal, func() cty.Value {
			e.rebuilt++
			return n.build()
		}
		delete(e.refObjs, refKey{mod: m, r: r})
	}
}
