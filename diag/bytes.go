package diag

import "fmt"

// Bytes formats a size for messages: 57.4 MB, 10 MB, 2.1 KB, 900 bytes.
func Bytes(n int64) string {
	const kb, mb = 1 << 10, 1 << 20
	switch {
	case n >= mb && n%mb == 0:
		return fmt.Sprintf("%d MB", n/mb)
	case n >= mb:
		return fmt.Sprintf("%.1f MB", float64(n)/mb)
	case n >= kb && n%kb == 0:
		return fmt.Sprintf("%d KB", n/kb)
	case n >= kb:
		return fmt.Sprintf("%.1f KB", float64(n)/kb)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// TooLarge returns a message saying that the file at path, of size bytes,
// is above limit and is not read, or "" when limit is 0 (no limit) or the
// file fits.
func TooLarge(path string, size, limit int64) string {
	if limit <= 0 || size <= limit {
		return ""
	}
	return fmt.Sprintf("%s is %s, above the limit of %s for one file (--max-file-size); it is not read",
		Path(path), Bytes(size), Bytes(limit))
}
