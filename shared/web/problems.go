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
