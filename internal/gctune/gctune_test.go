package gctune

import (
	"math"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
)

func TestOutgrows(t *testing.T) {
	const mib = 1 << 20
	for _, tt := range []struct {
		live uint64
		base int64
		room float64
		want bool
	}{
		{0, 128 * mib, 1, false},
		{60 * mib, 128 * mib, 1, false},
		{64 * mib, 128 * mib, 1, false},
		{65 * mib, 128 * mib, 1, true},
		{80 * mib, 128 * mib, 0.5, false},
		{86 * mib, 128 * mib, 0.5, true},
		{129 * mib, 128 * mib, -1, true},
		{10 * mib, 0, 1, true},
		{math.MaxUint64, 128 * mib, 1, true},
	} {
		if got := Outgrows(tt.live, tt.base, tt.room); got != tt.want {
			t.Errorf("Outgrows(%d, %d, %g) = %t, want %t", tt.live, tt.base, tt.room, got, tt.want)
		}
	}
}

// TestTunerHandsOver runs a Tuner on fake metrics through real
// collections: GOGC off and the limit at Base first, GOGC=Percent and no
// limit once the live heap outgrows Base, and nothing more after that.
func TestTunerHandsOver(t *testing.T) {
	const mib = 1 << 20
	var limits []int64 // under tn.mu once started
	var percents []int
	var live atomic.Uint64
	tn := &Tuner{Base: 100 * mib, Room: 1, Percent: 100,
		setLimit:   func(l int64) int64 { limits = append(limits, l); return 0 },
		setPercent: func(p int) int { percents = append(percents, p); return 0 },
		liveHeap:   live.Load,
	}
	tn.Start()
	defer tn.Stop()
	// collect makes the fake live heap l and waits for two tunes, so
	// that at least one has read it, or for the hand-over.
	collect := func(l uint64) {
		t.Helper()
		live.Store(l)
		before := tn.Tunes()
		for i := 0; i < 1000 && tn.Tunes() < before+2 && !tn.HandedOver(); i++ {
			runtime.GC()
			runtime.Gosched()
		}
		if tn.Tunes() == before {
			t.Fatalf("no tune in 1000 collections")
		}
	}
	collect(10 * mib)
	collect(45 * mib)
	if tn.HandedOver() {
		t.Fatal("handed over with 45 MiB live, room for 100% under a base of 100 MiB")
	}
	collect(60 * mib)
	if !tn.HandedOver() {
		t.Fatal("no hand-over with 60 MiB live, no room for 100% under a base of 100 MiB")
	}
	tunes := tn.Tunes()
	for range 5 {
		runtime.GC()
	}
	if n := tn.Tunes(); n != tunes {
		t.Errorf("%d tunes after the hand-over", n-tunes)
	}
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if want := []int64{100 * mib, math.MaxInt64}; len(limits) != 2 || limits[0] != want[0] || limits[1] != want[1] {
		t.Errorf("limits set %v, want %v", limits, want)
	}
	if want := []int{-1, 100}; len(percents) != 2 || percents[0] != want[0] || percents[1] != want[1] {
		t.Errorf("GOGC set %v, want %v", percents, want)
	}
}

// TestTunerExpect: Expect raises the limit, never lowers it, moves the
// hand-over with it, and does nothing once the Tuner has handed over.
func TestTunerExpect(t *testing.T) {
	const mib = 1 << 20
	var limits []int64 // under tn.mu once started
	var live atomic.Uint64
	tn := &Tuner{Base: 16 * mib, Room: 0.5, Percent: 200,
		setLimit:   func(l int64) int64 { limits = append(limits, l); return 0 },
		setPercent: func(int) int { return 0 },
		liveHeap:   live.Load,
	}
	tn.Start()
	defer tn.Stop()
	tn.Expect(300 * mib)
	tn.Expect(100 * mib)
	if got := tn.Limit(); got != 300*mib {
		t.Fatalf("limit %d after Expect(300 MiB) and Expect(100 MiB), want %d", got, 300*mib)
	}
	// 100 MiB live would outgrow the 16 MiB base, not the 300 MiB
	// expected.
	live.Store(100 * mib)
	before := tn.Tunes()
	for i := 0; i < 1000 && tn.Tunes() < before+2; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	if tn.HandedOver() {
		t.Fatal("handed over with 100 MiB live under an expected 300 MiB")
	}
	live.Store(250 * mib)
	for i := 0; i < 1000 && !tn.HandedOver(); i++ {
		runtime.GC()
		runtime.Gosched()
	}
	if !tn.HandedOver() {
		t.Fatal("no hand-over with 250 MiB live under 300 MiB")
	}
	tn.Expect(900 * mib)
	tn.mu.Lock()
	defer tn.mu.Unlock()
	if want := []int64{16 * mib, 300 * mib, math.MaxInt64}; !slices.Equal(limits, want) {
		t.Errorf("limits set %v, want %v", limits, want)
	}
}

func TestInputLimit(t *testing.T) {
	for _, tt := range []struct {
		bytes, base, perByte int64
		want                 int64
	}{
		{0, DefaultBase, DefaultPerByte, DefaultBase},
		{100 << 10, DefaultBase, DefaultPerByte, DefaultBase},
		{4_540_911, DefaultBase, DefaultPerByte, DefaultBase}, // the 18,000-resource root
		{10_070_139, DefaultBase, DefaultPerByte, 30 * 10_070_139},
		{2 * 10_070_139, DefaultBase, DefaultPerByte, 60 * 10_070_139},
		{1 << 62, DefaultBase, DefaultPerByte, 1 << 62},
		{1 << 40, DefaultBase, 0, DefaultBase},
	} {
		if got := InputLimit(tt.bytes, tt.base, tt.perByte); got != tt.want {
			t.Errorf("InputLimit(%d, %d, %d) = %d, want %d", tt.bytes, tt.base, tt.perByte, got, tt.want)
		}
	}
}
