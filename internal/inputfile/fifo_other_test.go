//go:build !(linux || darwin)

package inputfile

import "errors"

// mkfifo makes no named pipe where the platform has none.
func mkfifo(string) error { return errors.ErrUnsupported }
