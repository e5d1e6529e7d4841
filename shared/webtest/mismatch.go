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
// line of the lesson's test that sent the request. An exercise goes one
// step further (DocsLast below): its steps never report the document at
// all, and a last step of its own does, once every answer is right.

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
// t ends, at the line that called Serve (through helpers), or under a test
// that called DocsLast, its last step.
func Serve(t testing.TB, h http.Handler, r *http.Request) *Response {
	t.Helper()
	rep := &docReport{}
	w := Do(h, r.WithContext(context.WithValue(r.Context(), reportKey{}, rep)))
	if lines := rep.list(); len(lines) > 0 {
		if d := docsFor(t); d != nil {
			d.rep.add(lines...) // held for the last step of the test t runs under
		} else {
			reportAtEnd(t, lines)
		}
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

// An exercise's last step: a test that calls DocsLast first holds the
// differences from openapi.json that it and its subtests meet, so that no
// step whose answers are right is marked FAIL, and reports them in one
// step of their own, named, at its end:
//
//	docs := webtest.DocsLast(t)
//	... the steps that check the answers ...
//	t.Run("openapi.json documents every answer above", docs.Want)

// Docs holds one test's differences from openapi.json until its last step.
type Docs struct {
	t   testing.TB
	rep docReport
}

// docsLast maps the name of each running test that called DocsLast to its
// Docs, so that a request its subtests send finds it.
var docsLast sync.Map // string → *Docs

// DocsLast has the differences from openapi.json that t and its subtests
// meet held for the step docs.Want, instead of failing the step that sent
// the request.
func DocsLast(t testing.TB) *Docs {
	d := &Docs{t: t}
	docsLast.Store(t.Name(), d)
	t.Cleanup(func() { docsLast.Delete(t.Name()) })
	return d
}

// docsFor returns the Docs of t or of a test t runs under, or nil.
func docsFor(t testing.TB) *Docs {
	for name := t.Name(); ; {
		if d, ok := docsLast.Load(name); ok {
			return d.(*Docs)
		}
		i := strings.LastIndex(name, "/") // a subtest's name may hold a "/" of its own: try every prefix
		if i < 0 {
			return nil
		}
		name = name[:i]
	}
}

// Want is the last step: it fails with each difference held, at most
// three, each with its next step, at the line of the t.Run that runs it.
// When a step before it failed it is skipped: one thing at a time, and
// the answers first.
func (d *Docs) Want(t *testing.T) {
	t.Helper()
	if d.t.Failed() {
		t.Skip("openapi.json is checked once the answers above are right")
	}
	lines := d.rep.list()
	for i, line := range lines {
		if i == 3 {
			t.Errorf("and %d more differences", len(lines)-i)
			return
		}
		t.Errorf("the answers are right; openapi.json does not say so yet: %s", line)
	}
}
