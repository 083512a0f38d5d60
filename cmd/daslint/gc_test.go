package main

import (
	"testing"
)

func TestGCSettings(t *testing.T) {
	for _, tt := range []struct {
		env     map[string]string
		percent int   // -1: left to the environment
		limit   int64 // -1: left to the environment
	}{
		{nil, gcPercent, gcLimit},
		{map[string]string{"GOGC": "100"}, -1, gcLimit},
		{map[string]string{"GOGC": "off"}, -1, gcLimit},
		{map[string]string{"GOMEMLIMIT": "200MiB"}, gcPercent, -1},
		{map[string]string{"GOGC": "150", "GOMEMLIMIT": "1GiB"}, -1, -1},
		{map[string]string{"GODEBUG": "gctrace=1"}, gcPercent, gcLimit},
	} {
		percent, limit := gcSettings(func(k string) string { return tt.env[k] })
		gotPercent, gotLimit := -1, int64(-1)
		if percent != nil {
			gotPercent = *percent
		}
		if limit != nil {
			gotLimit = *limit
		}
		if gotPercent != tt.percent || gotLimit != tt.limit {
			t.Errorf("%v: GOGC %d, limit %d; want %d, %d", tt.env, gotPercent, gotLimit, tt.percent, tt.limit)
		}
	}
}
