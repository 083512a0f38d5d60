// Package gitread asks git, read-only, what a commit deletes, and what
// the deleted files held, for the pre-commit hook (daslint --hook).
//
// It is the one place where daslint starts a process: pre-commit passes a
// hook no deleted file, and only git knows which files a commit deletes.
// It runs nothing but git, and only the commands that read (rev-parse,
// merge-base, diff --name-only, cat-file --batch), with optional locks
// off (a diff may otherwise refresh the index) and the file system
// monitor off (a repository's configuration may name a program for it);
// nothing is written, nothing fetched. cmd/daslint's TestNoNetworkNoExec
// allows os/exec in this package only.
package gitread

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Timeout bounds every git command: a hook must not hang on a repository
// git cannot read.
const Timeout = 10 * time.Second

// MaxBlob is the largest file Blobs.Read returns.
const MaxBlob = 4 << 20

// Deletions are the files a change deletes.
type Deletions struct {
	// Paths are the deleted files, relative to the working directory.
	Paths []string
	// Repo maps each of Paths to its path in the repository.
	Repo map[string]string
	// Top is the top of the work tree, and Before the commit whose files
	// the change deletes.
	Top, Before string
}

// Deleted returns the files deleted by the staged changes (from, to
// empty), or between the merge base of two refs and the second. A
// renamed file's old path counts as deleted. A file that still exists is
// left out. It fails outside a git repository, or without git.
func Deleted(ctx context.Context, from, to string) (*Deletions, error) {
	out, err := run(ctx, "", "rev-parse", "--show-toplevel", "--show-cdup")
	if err != nil {
		return nil, err
	}
	// The top as git resolves it, and as a path from the working
	// directory (which may be named through a symbolic link, as the
	// paths of the roots are).
	lines := strings.SplitN(out, "\n", 3)
	if len(lines) < 2 {
		return nil, fmt.Errorf("git rev-parse: unexpected output %q", out)
	}
	d := &Deletions{Top: lines[0], Before: "HEAD", Repo: map[string]string{}}
	cdup := lines[1]
	diff := []string{"diff", "--cached"}
	if from != "" && to != "" {
		base, err := run(ctx, d.Top, "merge-base", from, to)
		if err != nil {
			return nil, err
		}
		d.Before = strings.TrimSpace(base)
		diff = []string{"diff", d.Before, to}
	}
	out, err = run(ctx, d.Top, append(diff, "--name-only", "--no-renames", "--no-ext-diff", "--diff-filter=D", "-z", "--")...)
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(out, "\x00") {
		if p == "" {
			continue
		}
		rel := join(cdup, p)
		if _, err := os.Lstat(rel); err == nil {
			continue // deleted from git but still here: a changed file
		}
		d.Paths = append(d.Paths, rel)
		d.Repo[rel] = p
	}
	return d, nil
}

// join joins the path of the top from the working directory ("" or
// "../../") and a path in the repository.
func join(cdup, p string) string {
	if cdup == "" {
		return fromSlash(p)
	}
	return fromSlash(strings.TrimSuffix(cdup, "/") + "/" + p)
}

// fromSlash is filepath.FromSlash, without the import for one call.
func fromSlash(p string) string {
	if os.PathSeparator == '/' {
		return p
	}
	return strings.ReplaceAll(p, "/", string(os.PathSeparator))
}

// run runs a read-only git command in dir ("" the working directory) and
// returns its output.
func run(ctx context.Context, dir string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append(safe(), args...)...)
	cmd.Dir, cmd.Env = dir, env()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, io.Discard
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return out.String(), nil
}

// safe are the options of every git command: no program that a
// repository's configuration names is run.
func safe() []string {
	return []string{"-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false"}
}

// env is the environment of git: no optional lock, no pager, no prompt.
func env() []string {
	return append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat")
}

// Blobs reads files of one commit through one `git cat-file --batch`,
// started on the first read. It is safe for concurrent use.
type Blobs struct {
	top, rev string
	mu       sync.Mutex
	started  bool
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
	cancel   context.CancelFunc
}

// NewBlobs returns a reader of the files of rev in the repository whose
// work tree is top.
func NewBlobs(top, rev string) *Blobs { return &Blobs{top: top, rev: rev} }

// Read returns what path (in the repository) held in the commit, or false
// when git cannot say: no such file, a directory, larger than MaxBlob.
func (g *Blobs) Read(path string) ([]byte, bool) {
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
	data := make([]byte, min(size, MaxBlob))
	if _, err := io.ReadFull(g.out, data); err != nil {
		g.stop()
		return nil, false
	}
	if _, err := g.out.Discard(int(size-int64(len(data))) + 1); err != nil { // the rest and the newline
		g.stop()
		return nil, false
	}
	if size > MaxBlob || fields[1] != "blob" {
		return nil, false // too large, or no file (a directory)
	}
	return data, true
}

// start starts git cat-file; on failure every read says false.
func (g *Blobs) start() {
	g.started = true
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	cmd := exec.CommandContext(ctx, "git", append(safe(), "cat-file", "--batch")...)
	cmd.Dir, cmd.Env, cmd.Stderr = g.top, env(), io.Discard
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
func (g *Blobs) stop() {
	if g.in == nil {
		return
	}
	_ = g.in.Close()
	_ = g.cmd.Wait()
	g.cancel()
	g.in = nil
}

// Close ends the git process, if one was started.
func (g *Blobs) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stop()
}
