package main

import (
	"net/url"
	"strconv"
	"strings"

	"apicourse/shared/web"
)

// maxCoordinateLength bounds what the parser looks at.
const maxCoordinateLength = 32

// Key is a cache key: latitude and longitude rounded to one decimal,
// counted in tenths so that no floating-point error can split a key.
type Key struct {
	Lat, Lon int // tenths of a degree
}

// formatTenths formats a tenths value as Open-Meteo expects it: "52.5", "-0.1", "0.0".
func formatTenths(t int) string {
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return sign + strconv.Itoa(t/10) + "." + strconv.Itoa(t%10)
}

// Query returns the upstream query string for the key.
func (k Key) Query() string {
	return "latitude=" + formatTenths(k.Lat) + "&longitude=" + formatTenths(k.Lon) + "&current_weather=true"
}

// coordinate is one parsed query parameter: its value and its rounding.
type coordinate struct {
	value  float64
	tenths int
}

// parseCoordinate reads a plain decimal number: an optional sign, digits,
// an optional point and digits. NaN and Inf are finite_number problems;
// hex, underscores, exponents, spaces and everything else float_parsing.
// The rounding to tenths is done on the digits (half away from zero), not
// on the float, so "0.15" is 0.2 although 0.15 is 0.1499999… in binary.
func parseCoordinate(p *web.Problems, s string, loc ...string) (coordinate, bool) {
	digits := strings.TrimLeft(s, "+-")
	if len(s)-len(digits) > 1 || len(s) > maxCoordinateLength || !plainDecimal(digits) {
		if isNonFinite(digits) && len(s)-len(digits) <= 1 {
			p.Add("finite_number", "Input should be a finite number", loc...)
		} else {
			floatParsing(p, loc...)
		}
		return coordinate{}, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		floatParsing(p, loc...)
		return coordinate{}, false
	}
	return coordinate{value: v, tenths: roundTenths(s)}, true
}

// floatParsing records a value that is not a number: FastAPI's problem for
// a float query parameter it cannot parse.
func floatParsing(p *web.Problems, loc ...string) {
	p.Add("float_parsing", "Input should be a valid number, unable to parse string as a number", loc...)
}

// plainDecimal reports whether s is digits with at most one point and at
// least one digit.
func plainDecimal(s string) bool {
	digits, points := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1
}

func isNonFinite(s string) bool {
	switch strings.ToLower(s) {
	case "nan", "inf", "infinity":
		return true
	}
	return false
}

// roundTenths rounds a plain decimal string to tenths, half away from
// zero, working on its digits.
func roundTenths(s string) int {
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimLeft(s, "+-"), ".")
	whole = strings.TrimLeft(whole, "0")
	t := 0
	if whole != "" {
		t, _ = strconv.Atoi(whole) // at most 3 digits after the range check
	}
	t *= 10
	if len(frac) > 0 {
		t += int(frac[0] - '0')
	}
	if len(frac) > 1 && frac[1] >= '5' {
		t++
	}
	if neg {
		t = -t
	}
	return t
}

// coordinates reads latitude and longitude from the query, reporting
// every problem at once.
func coordinates(p *web.Problems, q url.Values) (lat, lon coordinate) {
	return bounded(p, q, "latitude", 90), bounded(p, q, "longitude", 180)
}

// bounded parses the required parameter name and checks it is in
// [-limit, limit].
func bounded(p *web.Problems, q url.Values, name string, limit float64) coordinate {
	if !q.Has(name) {
		p.Missing("query", name)
		return coordinate{}
	}
	c, ok := parseCoordinate(p, q.Get(name), "query", name)
	switch {
	case !ok:
	case c.value < -limit:
		p.TooSmall(strconv.FormatFloat(-limit, 'f', -1, 64), "query", name)
	case c.value > limit:
		p.TooBig(strconv.FormatFloat(limit, 'f', -1, 64), "query", name)
	}
	return c
}
