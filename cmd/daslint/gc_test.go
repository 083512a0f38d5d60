package main

import (
	"testing"
)

func TestGCSettings(t *testing.T) {
	for _, tt := range []struct {
		env     map[string]string
		percent int   // -1: left to the environment
		limit   int64 // -1: left to the environment or the tuner
		tune    bool
	}{
		{nil, -1, -1, true},
		{map[string]string{"GOGC": "100"}, -1, gcLimit, false},
		{map[string]string{"GOGC": "off"}, -1, gcLimit, false},
		{map[string]string{"GOMEMLIMIT": "200MiB"}, gcPercent, -1, false},
		{map[string]string{"GOGC": "150", "GOMEMLIMIT": "1GiB"}, -1, -1, false},
		{map[string]string{"GODEBUG": "gctrace=1"}, -1, -1, true},
	} {
		plan := gcSettings(func(k string) string { return tt.env[k] })
		gotPercent, gotLimit := -1, int64(-1)
		if plan.percent != nil {
			gotPercent = *plan.percent
		}
		if plan.limit != nil {
			gotLimit = *plan.limit
		}
		if gotPercent != tt.percent || gotLimit != tt.limit || plan.tune != tt.tune {
			t.Errorf("%v: GOGC %d, limit %d, tune %t; want %d, %d, %t", tt.env, gotPercent, gotLimit, plan.tune, tt.percent, tt.limit, tt.tune)
		}
	}
}

// TestHugeReserve: no reservation below hugeInput; above it hugePerByte
// times the input, up to three quarters of the limit.
func TestHugeReserve(t *testing.T) {
	const limit = 132 << 20
	for _, tt := range []struct {
		bytes, limit, want int64
	}{
		{0, limit, 0},
		{hugeInput - 1, limit, 0},
		{hugeInput, limit, hugePerByte * hugeInput},
		{228 << 10, limit, hugePerByte * 228 << 10},
		{4 << 20, limit, limit / 4 * 3},
		{1 << 62, 1 << 62, (1 << 62) / 4 * 3},
	} {
		if got := hugeReserve(tt.bytes, tt.limit); got != tt.want {
			t.Errorf("hugeReserve(%d, %d) = %d, want %d", tt.bytes, tt.limit, got, tt.want)
		}
	}
}
