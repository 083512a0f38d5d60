package hugeheap

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestReserveAdvisesTheHeap reserves heap where the system gives huge
// pages on request, then checks that the large allocations that follow
// are carved from a range the kernel marks as advised (VmFlags hg in
// /proc/self/smaps): the range was freed, not given back, and the runtime
// reuses it.
func TestReserveAdvisesTheHeap(t *testing.T) {
	if systemMode() != "madvise" {
		t.Skipf("transparent huge pages are %q here, not madvise", systemMode())
	}
	h := &Heap{getenv: func(string) string { return "" }, mode: systemMode}
	const n = 64 << 20
	if got := h.Reserve(n); got != n {
		t.Fatalf("Reserve(%d) = %d, want %d", n, got, n)
	}
	if got := h.Reserve(n / 2); got != 0 {
		t.Errorf("Reserve(%d) after Reserve(%d) = %d, want 0", n/2, n, got)
	}
	kept := make([][]byte, 16)
	for i := range kept {
		kept[i] = make([]byte, 1<<20)
	}
	// The allocation starts anywhere: what precedes its first huge page
	// boundary is not advised, and the first allocations may fill it.
	advised := advisedRanges(t)
	outside := 0
	for _, b := range kept {
		if !advised.contain(uintptr(unsafe.Pointer(unsafe.SliceData(b)))) {
			outside++
		}
	}
	if most := pageSize / (1 << 20); outside > most {
		t.Errorf("%d of %d allocations of 1 MB are outside the advised ranges %x, want at most %d", outside, len(kept), advised, most)
	}
}

// ranges are address ranges [lo, hi).
type ranges [][2]uintptr

func (rs ranges) contain(p uintptr) bool {
	for _, r := range rs {
		if r[0] <= p && p < r[1] {
			return true
		}
	}
	return false
}

// advisedRanges reads the mappings of this process whose VmFlags hold hg
// (MADV_HUGEPAGE).
func advisedRanges(t *testing.T) ranges {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer func() { _ = f.Close() }()
	var out ranges
	var cur [2]uintptr
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			if strings.Contains(" "+flags+" ", " hg ") {
				out = append(out, cur)
			}
			continue
		}
		addrs, _, _ := strings.Cut(line, " ")
		lo, hi, ok := strings.Cut(addrs, "-")
		if !ok {
			continue
		}
		l, err1 := strconv.ParseUint(lo, 16, 64)
		h, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 == nil && err2 == nil {
			cur = [2]uintptr{uintptr(l), uintptr(h)}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
