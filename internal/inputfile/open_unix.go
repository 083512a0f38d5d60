//go:build linux || darwin

package inputfile

import (
	"io/fs"
	"os"
	"syscall"
)

// openRegular opens name, a regular file, for reading. os.Open offers
// every file it opens to the runtime's poller, which a regular file
// refuses: on Linux four more system calls per file, for a run that opens
// thousands. A file made by os.NewFile from a blocking descriptor is not
// offered.
func openRegular(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}

// openDir opens the directory name for reading its entries, without the
// poller either: os.Open offers a directory to it as well.
func openDir(name string) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_DIRECTORY, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
