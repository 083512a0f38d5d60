package report

import (
	"strings"
	"unicode/utf8"
)

// The text format wraps its lines to the terminal's width: a cluster's
// finding, with every placement it concerns and the broken link with its
// position, is 700 characters on one line otherwise. Lines break only at
// spaces, so that a path, an address or a file:line is never cut: a word
// longer than the room on a line goes on the next, and one longer than a
// whole line stands on a line of its own, past the width, whole (cut, it
// could be neither read nor clicked).

// wrap breaks text into lines of at most width columns, the first
// prefixed by first and the others by cont; a line break in text starts a
// new line (prefixed by cont). A column is a rune, and ANSI escape
// sequences take none. Width 0 (or less) does not wrap.
func wrap(text string, width int, first, cont string) []string {
	var out []string
	prefix := first
	for para := range strings.SplitSeq(text, "\n") {
		out = append(out, wrapParagraph(para, width, prefix, cont)...)
		prefix = cont
	}
	return out
}

// wrapParagraph wraps one paragraph, which has no line break. Runs of
// spaces between words are kept within a line and dropped at a break.
func wrapParagraph(para string, width int, first, cont string) []string {
	if width <= 0 {
		return []string{strings.TrimRight(first+para, " ")}
	}
	var out []string
	var line strings.Builder
	line.WriteString(first)
	col := columns(first)
	empty := true // no word on the line yet
	rest := para
	for rest != "" {
		// The spaces before the next word, and the word.
		word := strings.TrimLeft(rest, " ")
		gap := rest[:len(rest)-len(word)]
		if i := wordEnd(word); i >= 0 {
			word, rest = word[:i], word[i:]
		} else {
			rest = ""
		}
		if word == "" {
			break // trailing spaces
		}
		w := columns(word)
		switch {
		case empty:
			line.WriteString(word)
			col += w
		case col+len(gap)+w <= width:
			line.WriteString(gap + word)
			col += len(gap) + w
		default:
			out = append(out, line.String())
			line.Reset()
			line.WriteString(cont + word)
			col = columns(cont) + w
		}
		empty = false
	}
	return append(out, strings.TrimRight(line.String(), " "))
}

// wordEnd is the index of the space that ends the word s starts with, or
// -1. A space inside brackets does not end it, nor one inside quotes
// there: an address such as aws_subnet.this["eu west"] is one word.
func wordEnd(s string) int {
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' && depth > 0:
			quoted = !quoted
		case quoted:
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case c == ' ' && depth == 0:
			return i
		}
	}
	return -1
}

// keep is the byte that stands for a space where a line must not break
// (in a file name); emit writes it back as a space.
const keep = "\x1f"

// columns is the width of s on a terminal: its runes, ANSI escape
// sequences (ESC [ ... letter) not counted.
func columns(s string) int {
	if !strings.Contains(s, "\x1b") {
		return utf8.RuneCountInString(s)
	}
	n := 0
	for i := 0; i < len(s); {
		if s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < '@' || s[j] > '~') {
				j++
			}
			i = j + 1
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}

// asciiText replaces the symbols of the text format, and those that
// messages may hold, by ASCII for terminals without Unicode.
var asciiText = strings.NewReplacer(
	"✓", "+",
	"✗", "x",
	"→", "->",
	"×", "x",
	"├─", "|-",
	"└─", "`-",
	"│", "|",
	"─", "-",
	"µs", "us",
	"⟨", "<",
	"⟩", ">",
	"⟪", "<<",
	"⟫", ">>",
	"…", "...",
	"—", "--",
	"–", "-",
)
