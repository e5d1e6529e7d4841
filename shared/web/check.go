package web

import (
	"fmt"
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

// Length is a Check for a string member of min..max characters (see
// CheckLength).
func Length(min, max int) Check {
	return func(p *Problems, into any, loc ...string) {
		CheckLength(p, stringOf(into), min, max, loc...)
	}
}

// Range is a Check for an integer member in [min, max].
func Range(min, max int64) Check {
	return func(p *Problems, into any, loc ...string) {
		CheckRange(p, intOf(into), min, max, loc...)
	}
}

func stringOf(into any) string {
	switch v := into.(type) {
	case *string:
		return *v
	case **string:
		return **v
	case *Optional[string]:
		return v.Value
	}
	panic(fmt.Sprintf("web: Length cannot check a %T", into))
}

func intOf(into any) int64 {
	switch v := into.(type) {
	case *int64:
		return *v
	case **int64:
		return **v
	case *Optional[int64]:
		return v.Value
	}
	panic(fmt.Sprintf("web: Range cannot check a %T", into))
}

// CheckRange records greater_than_equal or less_than_equal when n is
// outside [min, max].
func CheckRange(p *Problems, n, min, max int64, loc ...string) {
	switch {
	case n < min:
		p.Add("greater_than_equal", "Input should be greater than or equal to "+strconv.FormatInt(min, 10), loc...)
	case n > max:
		p.Add("less_than_equal", "Input should be less than or equal to "+strconv.FormatInt(max, 10), loc...)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
