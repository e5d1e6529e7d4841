package main

import (
	"net/url"
	"strconv"

	"apicourse/shared/web"
)

// The bounds of the pagination parameters.
const (
	defaultLimit = 10
	maxLimit     = 100
)

// page is a validated offset and limit.
type page struct {
	Offset, Limit int
}

// parsePage reads offset (≥ 0, default 0) and limit (1..100, default 10)
// from the query, reporting every problem at once. Only plain decimal
// integers are accepted: no "+5", " 5", "0x10" or "1e3".
func parsePage(q url.Values) (page, error) {
	var p web.Problems
	pg := page{
		Offset: queryInt(&p, q, "offset", 0, 0, -1),
		Limit:  queryInt(&p, q, "limit", defaultLimit, 1, maxLimit),
	}
	return pg, p.Err()
}

// queryInt parses the query parameter name, def when absent, and checks
// it against min and max (max < 0: no upper bound).
func queryInt(p *web.Problems, q url.Values, name string, def, min, max int) int {
	if !q.Has(name) {
		return def
	}
	n, ok := parseDecimal(q.Get(name))
	switch {
	case !ok:
		p.Add("int_parsing", "Input should be a valid integer, unable to parse string as an integer", "query", name)
	case n < min:
		p.Add("greater_than_equal", "Input should be greater than or equal to "+strconv.Itoa(min), "query", name)
	case max >= 0 && n > max:
		p.Add("less_than_equal", "Input should be less than or equal to "+strconv.Itoa(max), "query", name)
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
