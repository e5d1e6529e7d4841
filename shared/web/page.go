package web

import (
	"maps"
	"net/url"
	"strconv"
)

// Page is a validated window of a list: skip Offset items, return at most
// Limit.
type Page struct {
	Offset, Limit int
}

// ParsePage reads offset (≥ 0, default 0) and limit (1..maxLimit, default
// defaultLimit) from the query, reporting every problem at once at
// ["query", name]. Only plain decimal integers are accepted: no "+5",
// " 5", "0x10" or "1e3".
func ParsePage(q url.Values, defaultLimit, maxLimit int) (Page, error) {
	var p Problems
	pg := Page{
		Offset: queryInt(&p, q, "offset", 0, 0, -1),
		Limit:  queryInt(&p, q, "limit", defaultLimit, 1, maxLimit),
	}
	return pg, p.Err()
}

// Bounds returns the slice bounds of the page in a list of n items; a page
// past the end is empty.
func (pg Page) Bounds(n int) (start, end int) {
	start = min(pg.Offset, n)
	return start, start + min(pg.Limit, n-start)
}

// HasMore reports whether items follow the page in a list of n items.
func (pg Page) HasMore(n int) bool {
	return pg.Offset < n-pg.Limit // offset+limit < n, without overflow
}

// NextLink is the Link header value for the page after the sent items of
// pg at path, keeping the limit and the query's other parameters as the
// client sent them. It starts after the items sent, not at Offset+Limit,
// so that a page that stopped short (lesson 02 bounds one in bytes) skips
// nothing. Lesson 02's nextLink shows it in full.
func (pg Page) NextLink(path string, q url.Values, sent int) string {
	next := maps.Clone(q)
	next.Set("offset", strconv.Itoa(pg.Offset+sent))
	next.Set("limit", strconv.Itoa(pg.Limit))
	return "<" + path + "?" + next.Encode() + `>; rel="next"`
}

// queryInt parses the query parameter name, def when absent, and checks
// it against least and most (most < 0: no upper bound).
func queryInt(p *Problems, q url.Values, name string, def, least, most int) int {
	if !q.Has(name) {
		return def
	}
	n, ok := parseDecimal(q.Get(name))
	switch {
	case !ok:
		p.intParsing("query", name)
	case n < least:
		p.TooSmall(strconv.Itoa(least), "query", name)
	case most >= 0 && n > most:
		p.TooBig(strconv.Itoa(most), "query", name)
	}
	return n
}

// parseDecimal parses an optional minus sign and decimal digits into an
// int; anything else, or a number that does not fit, is not ok.
func parseDecimal(s string) (int, bool) {
	digits := s
	if len(s) > 0 && s[0] == '-' {
		digits = s[1:]
	}
	if digits == "" {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
