package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		width       int
		first, cont string
		want        []string
	}{
		{"fits", "a b c", 80, "  ", "      ", []string{"  a b c"}},
		{"no width: one line", strings.Repeat("word ", 40), 0, "", "  ", []string{strings.TrimSpace(strings.Repeat("word ", 40))}},
		{"breaks at the last space that fits", "aaa bbb ccc ddd", 10, "", "  ", []string{"aaa bbb", "  ccc ddd"}},
		{"exactly the width", "aaaa bbbbb", 10, "", "", []string{"aaaa bbbbb"}},
		{"one over the width", "aaaa bbbbbb", 10, "", "", []string{"aaaa", "bbbbbb"}},
		{"continuation indented", "one two three four five six", 30, "    ", "        ",
			[]string{"    one two three four five", "        six"}},
		{"a long path goes whole on the next line",
			"see modules/network/vpc/main.tf:123 now", 30, "", "  ",
			[]string{"see", "  modules/network/vpc/main.tf:123", "  now"}},
		{"a word longer than a line stands alone, uncut",
			"at " + strings.Repeat("x", 40) + " end", 20, "", "  ",
			[]string{"at", "  " + strings.Repeat("x", 40), "  end"}},
		{"runes, not bytes: × and → are one column each",
			"a × b → c × d → e", 9, "", "", []string{"a × b → c", "× d → e"}},
		{"multibyte words", "ééé ààà üüü", 7, "", "", []string{"ééé ààà", "üüü"}},
		{"an address with a space in brackets is one word",
			`x aws_subnet.this["eu west"] y`, 12, "", "", []string{"x", `aws_subnet.this["eu west"]`, "y"}},
		{"double spaces kept within a line, dropped at a break",
			"name  file.tf:3", 12, "", "  ", []string{"name", "  file.tf:3"}},
		{"double spaces kept", "name  file.tf:3", 40, "", "  ", []string{"name  file.tf:3"}},
		{"line breaks start continuation lines", "first\nsecond", 80, "> ", "  ", []string{"> first", "  second"}},
		{"deeper than the width: a word a line", "aa bb", 10, strings.Repeat(" ", 12), strings.Repeat(" ", 12),
			[]string{strings.Repeat(" ", 12) + "aa", strings.Repeat(" ", 12) + "bb"}},
		{"ANSI escapes take no columns", "\x1b[1mbold\x1b[0m word", 9, "", "", []string{"\x1b[1mbold\x1b[0m word"}},
		{"empty text", "", 80, "  ", "  ", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrap(tt.text, tt.width, tt.first, tt.cont)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("wrap(%q, %d)\n got %q\nwant %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

// TestTextWidth: every line of the text of a report fits the width but
// for a word longer than a line, and the words are those of the unwrapped
// text, in order: wrapping adds line breaks and indentation, nothing else.
func TestTextWidth(t *testing.T) {
	for _, width := range []int{40, 60, 80, 120} {
		for _, opts := range []TextOptions{{Width: width}, {Width: width, Verbose: true}, {Width: width, ASCII: true}} {
			var wrapped, flat bytes.Buffer
			if err := Text(&wrapped, fixture(), opts); err != nil {
				t.Fatal(err)
			}
			opts.Width = 0
			if err := Text(&flat, fixture(), opts); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(wrapped.String(), "\n") {
				// A position is one word though the fixture's file name
				// has a space.
				word := strings.TrimSpace(strings.NewReplacer("cfn/db stack", "cfn/db_stack", "│", "", "|", "").Replace(l))
				if n := utf8.RuneCountInString(l); n > width && strings.Contains(word, " ") {
					t.Errorf("width %d: a line of %d columns that could break:\n%s", width, n, l)
				}
			}
			words := func(s string) string {
				return strings.Join(strings.Fields(strings.NewReplacer("│", "", "|", "").Replace(s)), " ")
			}
			if words(wrapped.String()) != words(flat.String()) {
				t.Errorf("width %d: the words changed:\n%s\n---\n%s", width, wrapped.String(), flat.String())
			}
		}
	}
}

// TestTextASCII: in ASCII mode the text has no byte above 0x7f of its
// own (the fixture's names are ASCII), and the marks and tree read in
// ASCII.
func TestTextASCII(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, passFixture(), TextOptions{ASCII: true, Elapsed: 1500}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for i, r := range out {
		if r > 0x7f {
			t.Fatalf("non-ASCII %q at %d:\n%s", r, i, out)
		}
	}
	for _, want := range []string{"  + aws_rds_cluster.db  PASS via nat", "2 instances x 3 subnets", "|- {aws_subnet.private[0], aws_subnet.private[1]} -> aws_security_group.db", "`- aws_subnet.private[2] ->", "done in 2us"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
}
