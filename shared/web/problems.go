package web

import (
	"errors"
	"strings"
)

// Problem is one validation failure in FastAPI's shape: what kind of
// failure, where (loc starts with "body", "query", "path" or "form") and a
// message for people.
type Problem struct {
	Type string   `json:"type"`
	Loc  []string `json:"loc"`
	Msg  string   `json:"msg"`
}

// Problems collects every validation failure of one request, so that the
// client learns about all of them at once. A non-empty Problems is an error
// that Error turns into 422.
type Problems []Problem

// Add records a problem of the given type at loc.
func (p *Problems) Add(typ, msg string, loc ...string) {
	*p = append(*p, Problem{Type: typ, Loc: loc, Msg: msg})
}

// The problems more than one place reports, each written once, with
// FastAPI's type and message.

// Missing records that a required value was not sent.
func (p *Problems) Missing(loc ...string) { p.Add("missing", "Field required", loc...) }

// IntParsing records a value that is not a plain decimal integer.
func (p *Problems) IntParsing(loc ...string) {
	p.Add("int_parsing", "Input should be a valid integer, unable to parse string as an integer", loc...)
}

// FloatParsing records a value that is not a plain decimal number.
func (p *Problems) FloatParsing(loc ...string) {
	p.Add("float_parsing", "Input should be a valid number, unable to parse string as a number", loc...)
}

// TooSmall records a number under its minimum (written as the client
// should read it).
func (p *Problems) TooSmall(min string, loc ...string) {
	p.Add("greater_than_equal", "Input should be greater than or equal to "+min, loc...)
}

// TooBig records a number over its maximum.
func (p *Problems) TooBig(max string, loc ...string) {
	p.Add("less_than_equal", "Input should be less than or equal to "+max, loc...)
}

// Err returns p as an error, or nil when nothing was wrong.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return p
}

func (p Problems) Error() string {
	msgs := make([]string, len(p))
	for i, pr := range p {
		msgs[i] = strings.Join(pr.Loc, ".") + ": " + pr.Msg
	}
	return "validation failed: " + strings.Join(msgs, "; ")
}

// Collect gathers the results of several checks of one request into one
// error: nil when all passed; the first error that is not Problems (a 413
// or 415, which make the rest moot); otherwise every problem, in order.
func Collect(errs ...error) error {
	var all Problems
	for _, err := range errs {
		if err == nil {
			continue
		}
		var p Problems
		if !errors.As(err, &p) {
			return err
		}
		all = append(all, p...)
	}
	return all.Err()
}
