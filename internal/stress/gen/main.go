// Command gen writes generated inputs of package stress.
//
// Usage:
//
//	go run ./internal/stress/gen DIR
//	go run ./internal/stress/gen -stacks N DIR
//	go run ./internal/stress/gen -monorepo N DIR
//
// The first form writes every case of package stress into a directory of
// its own below DIR (DIR/<case>), for scripts/measure-bounds.sh, and prints
// the known bug of each case that has one, as `<case>: <bug>` lines. The
// second writes one root of N stacks (9N resources, N+1 files) into DIR,
// for scripts/bench-peers.sh. The third writes the monorepo of N network
// and N database roots of the pre-commit hook's benchmark
// (stress.WriteMonorepo), to time the hook as a whole process.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/daslint/daslint/internal/stress"
)

func main() {
	stacks := flag.Int("stacks", 0, "write one root of `N` stacks into DIR")
	monorepo := flag.Int("monorepo", 0, "write `N` network and N database roots into DIR")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gen [-stacks N | -monorepo N] DIR")
		os.Exit(2)
	}
	var err error
	if *monorepo > 0 {
		err = writeMonorepo(flag.Arg(0), *monorepo)
	} else {
		err = write(flag.Arg(0), *stacks)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func write(dir string, stacks int) error {
	if stacks > 0 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		return stress.WriteStacks(dir, stacks)
	}
	for _, c := range stress.Cases {
		cdir := filepath.Join(dir, c.Name)
		if err := os.MkdirAll(cdir, 0o755); err != nil {
			return err
		}
		if err := c.Write(cdir); err != nil {
			return fmt.Errorf("%s: %w", c.Name, err)
		}
		if c.Known != "" {
			fmt.Printf("%s: %s\n", c.Name, c.Known)
		}
	}
	return nil
}

func writeMonorepo(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return stress.WriteMonorepo(dir, n)
}
