package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/daslint/daslint/config"
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
// the hook goes on with the files it was given.

// hookChanges are what git says of a --hook run's deletions.
type hookChanges struct {
	// deleted are the deleted files, relative to the working directory.
	deleted []string
	// blobs reads what a deleted file held; nil when git cannot.
	blobs *gitBlobs
	// repo maps each deleted file to its path in the repository.
	repo map[string]string
}

// gitTimeout bounds every git command of a hook run: a hook must not hang
// on a repository git cannot read.
const gitTimeout = 10 * time.Second

// hookGit learns the deletions of a --hook run from the git repository
// of the working directory; nil when there is none or git fails.
func hookGit(ctx context.Context) *hookChanges {
	out, err := git(ctx, "", "rev-parse", "--show-toplevel", "--show-cdup")
	if err != nil {
		return nil
	}
	// The top as git resolves it, and as a path from the working
	// directory (which may be named through a symbolic link, as the
	// paths of the roots are).
	lines := strings.SplitN(out, "\n", 3)
	if len(lines) < 2 {
		return nil
	}
	top, cdup := lines[0], lines[1]
	// The commit whose files a deletion removes, and the diff that lists
	// them: between the refs pre-commit names, else the staged changes.
	before, diff := "HEAD", []string{"diff", "--cached"}
	from, to := os.Getenv("PRE_COMMIT_FROM_REF"), os.Getenv("PRE_COMMIT_TO_REF")
	if from != "" && to != "" {
		base, err := git(ctx, top, "merge-base", from, to)
		if err != nil {
			return nil
		}
		before = strings.TrimSpace(base)
		diff = []string{"diff", before, to}
	}
	out, err = git(ctx, top, append(diff, "--name-only", "--no-renames", "--diff-filter=D", "-z", "--")...)
	if err != nil {
		return nil
	}
	h := &hookChanges{repo: map[string]string{}}
	for _, p := range strings.Split(out, "\x00") {
		if p == "" {
			continue
		}
		rel := filepath.Join(filepath.FromSlash(cdup), filepath.FromSlash(p))
		if _, err := os.Lstat(rel); err == nil {
			continue // deleted from git but still here: a changed file
		}
		h.deleted = append(h.deleted, rel)
		h.repo[rel] = p
	}
	if len(h.deleted) > 0 {
		h.blobs = newGitBlobs(top, before)
	}
	return h
}

// git runs a read-only git command in dir ("" the working directory) and
// returns its output.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, io.Discard
	if err := cmd.Run(); err != nil {
		return "", err
	}
	return out.String(), nil
}

// gitEnv is the environment of git: no optional lock (git diff may
// otherwise refresh the index), no pager, no prompt.
func gitEnv() []string {
	return append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat")
}

// apply adds the deletions to the changed files of a --hook run's input
// options, and says where to read what they held.
func (h *hookChanges) apply(opts *parsers.Options) {
	if h == nil || opts.Changed == nil {
		return
	}
	opts.Changed = append(opts.Changed, h.deleted...)
	if h.blobs != nil {
		opts.Former = func(path string) ([]byte, bool) {
			p, ok := h.repo[path]
			if !ok {
				return nil, false
			}
			return h.blobs.read(p)
		}
	}
}

// close ends the git process that reads blobs.
func (h *hookChanges) close() {
	if h != nil && h.blobs != nil {
		h.blobs.close()
	}
}

// maxBlob is the largest former file read: larger, it is assumed to have
// been anything.
const maxBlob = 4 << 20

// gitBlobs reads files of one commit through one `git cat-file --batch`,
// started on the first read.
type gitBlobs struct {
	top, rev string
	mu       sync.Mutex
	started  bool
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
	cancel   context.CancelFunc
}

func newGitBlobs(top, rev string) *gitBlobs { return &gitBlobs{top: top, rev: rev} }

// read returns what path (in the repository) held in the commit, or false
// when git cannot say.
func (g *gitBlobs) read(path string) ([]byte, bool) {
	if strings.ContainsAny(path, "\n\r") {
		return nil, false // the batch protocol is line based
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.started {
		g.start()
	}
	if g.in == nil {
		return nil, false
	}
	if _, err := fmt.Fprintf(g.in, "%s:%s\n", g.rev, path); err != nil {
		g.stop()
		return nil, false
	}
	header, err := g.out.ReadString('\n')
	if err != nil {
		g.stop()
		return nil, false
	}
	fields := strings.Fields(header)
	if len(fields) != 3 {
		return nil, false // missing, or ambiguous: nothing follows
	}
	size, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil || size < 0 {
		g.stop()
		return nil, false
	}
	data := make([]byte, min(size, maxBlob))
	if _, err := io.ReadFull(g.out, data); err != nil {
		g.stop()
		return nil, false
	}
	if _, err := g.out.Discard(int(size-int64(len(data))) + 1); err != nil { // the rest and the newline
		g.stop()
		return nil, false
	}
	if size > maxBlob || fields[1] != "blob" {
		return nil, false // too large, or no file (a directory)
	}
	return data, true
}

// start starts git cat-file; on failure every read says false.
func (g *gitBlobs) start() {
	g.started = true
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	cmd := exec.CommandContext(ctx, "git", "cat-file", "--batch")
	cmd.Dir, cmd.Env, cmd.Stderr = g.top, gitEnv(), io.Discard
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return
	}
	g.cmd, g.in, g.out, g.cancel = cmd, in, bufio.NewReader(out), cancel
}

// stop ends git cat-file.
func (g *gitBlobs) stop() {
	if g.in == nil {
		return
	}
	_ = g.in.Close()
	_ = g.cmd.Wait()
	g.cancel()
	g.in = nil
}

func (g *gitBlobs) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stop()
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
