package hugeheap

import "testing"

func TestModeOf(t *testing.T) {
	for setting, want := range map[string]string{
		"always [madvise] never\n": "madvise",
		"[always] madvise never\n": "always",
		"always madvise [never]\n": "never",
		"":                         "",
		"always madvise never":     "",
		"[madvise":                 "",
	} {
		if got := modeOf(setting); got != want {
			t.Errorf("modeOf(%q) = %q, want %q", setting, got, want)
		}
	}
}

// TestWanted: only the "madvise" mode leaves huge pages to the program,
// and GODEBUG=disablethp=1 (among other settings) turns them off.
func TestWanted(t *testing.T) {
	for _, tc := range []struct {
		mode, godebug string
		want          bool
	}{
		{"madvise", "", true},
		{"madvise", "gctrace=1", true},
		{"madvise", "gctrace=1, disablethp=1", false},
		{"madvise", "disablethp=1", false},
		{"madvise", "disablethp=0", true},
		{"always", "", false},
		{"never", "", false},
		{"", "", false},
	} {
		h := &Heap{getenv: func(string) string { return tc.godebug }, mode: func() string { return tc.mode }}
		if got := h.wanted(); got != tc.want {
			t.Errorf("mode %q, GODEBUG %q: wanted() = %v, want %v", tc.mode, tc.godebug, got, tc.want)
		}
		if !tc.want {
			if n := h.Reserve(64 << 20); n != 0 {
				t.Errorf("mode %q, GODEBUG %q: Reserve advised %d bytes, want none", tc.mode, tc.godebug, n)
			}
		}
	}
}

// TestSize: no reservation below MinInput; above it PerByte
// times the input, up to three quarters of the limit.
func TestSize(t *testing.T) {
	const limit = 132 << 20
	for _, tt := range []struct {
		bytes, limit, want int64
	}{
		{0, limit, 0},
		{MinInput - 1, limit, 0},
		{MinInput, limit, PerByte * MinInput},
		{228 << 10, limit, PerByte * 228 << 10},
		// 2,000 stacks: a tenth of the 132 MB limit and 6 MB stay free.
		{4 << 20, limit, limit - limit/10 - Margin},
		// 4,444 stacks, a limit of 282 MB.
		{9400 << 10, 282 << 20, 282<<20 - (282<<20)/10 - Margin},
		// A quarter at most: a limit too small for the margin.
		{4 << 20, 16 << 20, 12 << 20},
		{1 << 62, 1 << 62, 1<<62 - (1<<62)/10 - Margin},
	} {
		if got := Size(tt.bytes, tt.limit); got != tt.want {
			t.Errorf("Size(%d, %d) = %d, want %d", tt.bytes, tt.limit, got, tt.want)
		}
	}
}
