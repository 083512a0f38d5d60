//go:build !linux

package hugeheap

// systemMode is "" where there are no transparent huge pages to ask for.
func systemMode() string { return "" }

// reserve is never called off Linux (wanted is false there).
func reserve(int64) bool { return false }
