package web

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The checks a body's Valid method (or a handler, for a query or a form)
// makes with plain ifs, each recording FastAPI's problem for a value that
// fails it. Lengths count characters, as Pydantic does, not bytes.

// NotBlank records string_too_short when s has no text: empty, or only
// spaces. FastAPI's Field(min_length=1), which also refuses "   ".
func (p *Problems) NotBlank(s string, loc ...string) {
	if strings.TrimSpace(s) == "" {
		p.Add("string_too_short", "String should have at least 1 character", loc...)
	}
}

// MaxLength records string_too_long when s has more than limit characters:
// FastAPI's Field(max_length=limit).
func (p *Problems) MaxLength(s string, limit int, loc ...string) {
	if utf8.RuneCountInString(s) > limit {
		p.Add("string_too_long", "String should have at most "+plural(limit, "character"), loc...)
	}
}

// Between records greater_than_equal or less_than_equal when n is outside
// [least, most]: FastAPI's Field(ge=least, le=most).
func (p *Problems) Between(n, least, most int64, loc ...string) {
	switch {
	case n < least:
		p.TooSmall(strconv.FormatInt(least, 10), loc...)
	case n > most:
		p.TooBig(strconv.FormatInt(most, 10), loc...)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
