//go:build !(linux || darwin)

package inputfile

import "os"

// openRegular opens name, a regular file, for reading.
func openRegular(name string) (*os.File, error) {
	return os.Open(name)
}

// openDir opens the directory name for reading its entries.
func openDir(name string) (*os.File, error) {
	return os.Open(name)
}
