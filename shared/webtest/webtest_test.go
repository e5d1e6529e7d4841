package webtest

import (
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
)

// fatalTB records a helper's Fatalf and stops, as testing.T does, without
// failing the test that uses it.
type fatalTB struct {
	testing.TB
	fatal string
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.fatal = sprintf(format, args...)
	runtime.Goexit()
}

// fatalOf runs check with a fatalTB and returns what it stopped with.
func fatalOf(t *testing.T, check func(testing.TB)) string {
	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(tb)
	}()
	<-done
	return tb.fatal
}

func problemsResponse(body string) *Response {
	w := httptest.NewRecorder()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(422)
	w.WriteString(body)
	return &Response{ResponseRecorder: w, Req: "POST /todos"}
}

func TestWantProblemsIsExact(t *testing.T) {
	two := problemsResponse(`{"detail":[
		{"type":"string_too_short","loc":["body","title"],"msg":"m"},
		{"type":"extra_forbidden","loc":["body","id"],"msg":"m"}]}`)
	tests := []struct {
		name      string
		check     func(testing.TB)
		wantFatal string
	}{
		{"passes on the same list in order", func(tb testing.TB) {
			two.WantProblems(tb, "string_too_short at body.title", "extra_forbidden at body.id")
		}, ""},
		{"fails when one problem is wanted of two", func(tb testing.TB) {
			two.WantProblem(tb, "string_too_short", "body.title")
		}, `POST /todos problems = ["string_too_short at body.title" "extra_forbidden at body.id"], want ["string_too_short at body.title"]`},
		{"fails on another order", func(tb testing.TB) {
			two.WantProblems(tb, "extra_forbidden at body.id", "string_too_short at body.title")
		}, `POST /todos problems = ["string_too_short at body.title" "extra_forbidden at body.id"], want ["extra_forbidden at body.id" "string_too_short at body.title"]`},
		{"fails on a problem without a message", func(tb testing.TB) {
			problemsResponse(`{"detail":[{"type":"missing","loc":["body","title"],"msg":""}]}`).WantProblem(tb, "missing", "body.title")
		}, `POST /todos problems = ["missing at body.title (no message)"], want ["missing at body.title"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fatalOf(t, tt.check); got != tt.wantFatal {
				t.Errorf("stopped with %q, want %q", got, tt.wantFatal)
			}
		})
	}
}

func TestAWrongStatusShowsTheStartOfTheBodyOnOneLine(t *testing.T) {
	page := "<!doctype html>\n<html>\n<body>\n" + strings.Repeat("<p>a line of the page</p>\n", 40) + "</body>\n</html>\n"
	tests := []struct {
		name, body, want string
	}{
		{"a short body whole", `{"detail":"Todo not found"}`, `POST /todos status = 404, want 201; body {"detail":"Todo not found"}`},
		{"a page cut, on one line", page, "POST /todos status = 404, want 201; body <!doctype html> <html> <body> <p>a line of the page</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			w.WriteHeader(404)
			w.WriteString(tt.body)
			r := &Response{ResponseRecorder: w, Req: "POST /todos"}
			got := fatalOf(t, func(tb testing.TB) { r.WantStatus(tb, 201) })
			if !strings.HasPrefix(got, tt.want) || strings.Contains(got, "\n") || len(got) > 300 {
				t.Errorf("WantStatus said %q; want one line under 300 bytes starting %q", got, tt.want)
			}
		})
	}
}
