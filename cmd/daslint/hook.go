package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/daslint/daslint/config"
	"github.com/daslint/daslint/internal/gitread"
	"github.com/daslint/daslint/parsers"
)

// pre-commit passes a hook the files a commit adds or modifies, never
// those it deletes (its file list is `git diff --staged
// --diff-filter=ACMRTUXB`, and it drops files that do not exist), so a
// commit that deletes the file holding a KMS endpoint would be checked
// against nothing. --hook therefore asks git, read-only, for the
// deletions itself: the staged ones (a rename's old path included: git
// is asked without rename detection), or, when pre-commit runs between
// two refs (pre-push, `pre-commit run --from-ref A --to-ref B` in CI), the
// ones between them. What a deleted file held is read from the commit
// before the deletion, so that the pre-selection knows what it was
// (parsers.Options.Former). Outside a git repository, or without git,
// the hook goes on with the files it was given. Package
// internal/gitread is the only place daslint starts a process, git.

// hookChanges are what git says of a --hook run's deletions.
type hookChanges struct {
	*gitread.Deletions
	// blobs reads what a deleted file held; nil when nothing was deleted.
	blobs *gitread.Blobs
}

// hookGit learns the deletions of a --hook run from the git repository
// of the working directory; nil when there is none or git fails.
func hookGit(ctx context.Context) *hookChanges {
	d, err := gitread.Deleted(ctx, os.Getenv("PRE_COMMIT_FROM_REF"), os.Getenv("PRE_COMMIT_TO_REF"))
	if err != nil {
		return nil
	}
	h := &hookChanges{Deletions: d}
	if len(d.Paths) > 0 {
		h.blobs = gitread.NewBlobs(d.Top, d.Before)
	}
	return h
}

// apply adds the deletions to the changed files of a --hook run's input
// options, and says where to read what they held.
func (h *hookChanges) apply(opts *parsers.Options) {
	if h == nil || opts.Changed == nil {
		return
	}
	opts.Changed = append(opts.Changed, h.Paths...)
	if h.blobs != nil {
		opts.Former = func(path string) ([]byte, bool) {
			p, ok := h.Repo[path]
			if !ok {
				return nil, false
			}
			return h.blobs.Read(p)
		}
	}
}

// close ends the git process that reads blobs.
func (h *hookChanges) close() {
	if h != nil && h.blobs != nil {
		h.blobs.Close()
	}
}

// configChanged reports whether a --hook run's changed files hold the
// configuration that applies to it (conf), or a .daslint.yaml where one
// would apply: every root's verdict may change with it.
func configChanged(changed []string, conf *config.Config) bool {
	wd, err := os.Getwd()
	if err != nil {
		return true
	}
	for _, f := range changed {
		abs, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		if conf != nil {
			if cf, err := filepath.Abs(conf.File); err == nil && cf == abs {
				return true
			}
		}
		if filepath.Base(abs) != ".daslint.yaml" {
			continue
		}
		// One in the working directory or above it is found from ".".
		if dir := filepath.Dir(abs); dir == wd || strings.HasPrefix(wd, dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
