// Command gen writes every case of package stress into a directory of its
// own below DIR (DIR/<case>), for scripts/measure-bounds.sh, and prints the
// known bug of each case that has one, as `<case>: <bug>` lines.
//
// Usage:
//
//	go run ./internal/stress/gen DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/daslint/daslint/internal/stress"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen DIR")
		os.Exit(2)
	}
	for _, c := range stress.Cases {
		dir := filepath.Join(os.Args[1], c.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := c.Write(dir); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", c.Name, err)
			os.Exit(1)
		}
		if c.Known != "" {
			fmt.Printf("%s: %s\n", c.Name, c.Known)
		}
	}
}
