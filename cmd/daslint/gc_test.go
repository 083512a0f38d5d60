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
