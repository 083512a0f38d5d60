package hugeheap

import (
	"math"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"unsafe"
)

// systemMode reads the kernel's THP mode; "" when it has none.
func systemMode() string {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return ""
	}
	return modeOf(string(b))
}

// reserve advises a fresh allocation of n bytes and frees it with a
// collection; it reports whether the kernel took the advice. A 32-bit
// process has too little address space to set any aside: it does nothing
// there.
func reserve(n int64) bool {
	if strconv.IntSize < 64 || n > math.MaxInt {
		return false
	}
	ok := advise(n)
	runtime.GC()
	return ok
}

// advise allocates n bytes, which the runtime maps untouched, and advises
// the whole huge pages inside them. Nothing keeps the allocation once it
// returns.
//
//go:noinline
func advise(n int64) bool {
	b := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := int64(alignUp(start, pageSize) - start)
	hi := n - int64((start+uintptr(n))%pageSize)
	if hi-lo < pageSize {
		return false
	}
	return syscall.Madvise(b[lo:hi], syscall.MADV_HUGEPAGE) == nil
}

func alignUp(p, to uintptr) uintptr { return (p + to - 1) &^ (to - 1) }
