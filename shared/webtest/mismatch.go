package webtest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A test learns first whether the code does what it wants, then whether
// openapi.json says so: Check does not fail a test the moment a response
// differs from the document; it keeps the difference, and the test that
// made the request reports it when it ends, after its own checks, at the
// line of the lesson's test that sent the request.

// docReport is the list of one test's differences from openapi.json.
type docReport struct {
	mu    sync.Mutex
	lines []string
}

func (d *docReport) add(lines ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, line := range lines {
		if !slices.Contains(d.lines, line) {
			d.lines = append(d.lines, line)
		}
	}
}

func (d *docReport) list() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.lines)
}

// report fails t with each difference, at most three, each with its next
// step. When the test's own checks passed it says so: the answers are
// right, and only the document is left.
func (d *docReport) report(t testing.TB) {
	t.Helper()
	lines := d.list()
	then := "after that, openapi.json: "
	if !t.Failed() {
		then = "the answers are right; what is left is openapi.json: "
	}
	for i, line := range lines {
		if i == 3 {
			t.Errorf("%s%d more differences", then, len(lines)-i)
			return
		}
		t.Errorf("%s%s", then, line)
	}
}

// nextStep is what to do about one difference from the document.
func nextStep(msg string) string {
	if strings.HasPrefix(msg, "$") { // a value off its schema
		return "make the answer and the schema in openapi.json agree"
	}
	return "document it in openapi.json"
}

// pending holds the report of each running test that met a difference, so
// that it is reported once, when that test ends.
var pending sync.Map // testing.TB → *docReport

// reportAtEnd adds lines to t's report, and has it reported when t ends
// if this is t's first difference.
func reportAtEnd(t testing.TB, lines []string) {
	t.Helper()
	v, loaded := pending.LoadOrStore(t, &docReport{})
	rep := v.(*docReport)
	if !loaded {
		t.Cleanup(func() {
			t.Helper()
			pending.Delete(t)
			rep.report(t)
		})
	}
	rep.add(lines...)
}

type reportKey struct{}

// Serve serves r with h on behalf of t and returns the recorded response.
// A difference from openapi.json that a Check around h finds fails t when
// t ends, at the line that called Serve (through helpers).
func Serve(t testing.TB, h http.Handler, r *http.Request) *Response {
	t.Helper()
	rep := &docReport{}
	w := Do(h, r.WithContext(context.WithValue(r.Context(), reportKey{}, rep)))
	if lines := rep.list(); len(lines) > 0 {
		reportAtEnd(t, lines)
	}
	return w
}

// differences formats what CheckResponse found about one exchange, each
// with its next step.
func differences(r *http.Request, status int, msgs []string) []string {
	lines := make([]string, len(msgs))
	for i, msg := range msgs {
		lines[i] = fmt.Sprintf("%s %s → %d: %s; %s", r.Method, r.URL.RequestURI(), status, msg, nextStep(msg))
	}
	return lines
}
