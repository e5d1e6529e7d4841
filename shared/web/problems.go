package web

import "strings"

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

// intParsing records a value that is not a plain decimal integer.
func (p *Problems) intParsing(loc ...string) {
	p.Add("int_parsing", "Input should be a valid integer, unable to parse string as an integer", loc...)
}

// TooSmall records a number under its minimum (written as the client
// should read it).
func (p *Problems) TooSmall(least string, loc ...string) {
	p.Add("greater_than_equal", "Input should be greater than or equal to "+least, loc...)
}

// TooBig records a number over its maximum.
func (p *Problems) TooBig(most string, loc ...string) {
	p.Add("less_than_equal", "Input should be less than or equal to "+most, loc...)
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
