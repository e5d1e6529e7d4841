package web

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// CheckLength records string_too_short or string_too_long when s, counted
// in characters as Pydantic counts them, is outside [min, max]. A string of
// only blanks is too short: it carries no text.
func CheckLength(p *Problems, s string, min, max int, loc ...string) {
	n := utf8.RuneCountInString(s)
	switch {
	case utf8.RuneCountInString(strings.TrimSpace(s)) < min:
		p.Add("string_too_short", "String should have at least "+plural(min, "character"), loc...)
	case n > max:
		p.Add("string_too_long", "String should have at most "+plural(max, "character"), loc...)
	}
}

// Length is a Check for a string of min..max characters (see
// CheckLength).
func Length(min, max int) Check[string] {
	return func(p *Problems, s string, loc ...string) {
		CheckLength(p, s, min, max, loc...)
	}
}

// Range is a Check for an integer in [min, max].
func Range(min, max int64) Check[int64] {
	return func(p *Problems, n int64, loc ...string) {
		checkRange(p, n, min, max, loc...)
	}
}

// checkRange records greater_than_equal or less_than_equal when n is
// outside [min, max].
func checkRange(p *Problems, n, min, max int64, loc ...string) {
	switch {
	case n < min:
		p.TooSmall(strconv.FormatInt(min, 10), loc...)
	case n > max:
		p.TooBig(strconv.FormatInt(max, 10), loc...)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
