// Package webtest holds the test helpers every lesson's tests share: make a
// request against a handler, check its status and JSON body, start a
// lesson's run function on a free port.
package webtest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"apicourse/shared/program"
)

// Response is a recorded answer that knows the request it answers
// ("POST /todos"), so that its checks name it in every failure message
// and a test never types the label again.
type Response struct {
	*httptest.ResponseRecorder
	Req string
}

// Send makes one request against h and returns the recorded response. A
// non-empty body is sent as application/json. A difference from
// openapi.json that a Check around h finds fails t when t ends (see Serve).
func Send(t testing.TB, h http.Handler, method, path, body string) *Response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, path, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	return Serve(t, h, r)
}

// Do serves r with h and returns the recorded response. Serve does the same
// on behalf of a test.
func Do(h http.Handler, r *http.Request) *Response {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return &Response{ResponseRecorder: w, Req: r.Method + " " + r.URL.RequestURI()}
}

// WantStatus stops the test when the response has another status than want.
func (w *Response) WantStatus(t testing.TB, want int) {
	t.Helper()
	if w.Code != want {
		t.Fatalf("%s status = %d, want %d; body %s", w.Req, w.Code, want, excerpt(w.Body.String()))
	}
}

// excerpt is the start of a body for a failure message, on one line: enough
// to see what came back, never a page of HTML.
func excerpt(body string) string {
	const most = 200
	s := strings.Join(strings.Fields(body), " ")
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes in all)", s[:cut], len(body))
}

// WantJSON fails the test when the body is not the JSON value want
// (compared as values: key order and spacing do not matter).
func (w *Response) WantJSON(t testing.TB, want string) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s Content-Type = %q, want application/json", w.Req, ct)
	}
	var got, exp any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("%s body is not JSON (%v): %s", w.Req, err, excerpt(w.Body.String()))
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("the test's own want %q is not JSON: %v", want, err)
	}
	if !reflect.DeepEqual(got, exp) {
		t.Errorf("%s body = %s, want %s", w.Req, strings.TrimSpace(w.Body.String()), want)
	}
}

// Problem is one entry of a 422 response's detail list.
type Problem struct {
	Type string   `json:"type"`
	Loc  []string `json:"loc"`
	Msg  string   `json:"msg"`
}

// WantProblem stops the test unless the response is a 422 whose detail
// list is exactly one problem, of type typ at loc (dotted: "body.title").
func (w *Response) WantProblem(t testing.TB, typ, loc string) {
	t.Helper()
	w.WantProblems(t, typ+" at "+loc)
}

// WantProblems stops the test unless the response is a 422 whose detail
// list is exactly want, in order, each written "type at dotted.loc" (a
// message is required but not compared: the type and place are the
// contract).
func (w *Response) WantProblems(t testing.TB, want ...string) {
	t.Helper()
	w.WantStatus(t, http.StatusUnprocessableEntity)
	var body struct {
		Detail []Problem `json:"detail"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("%s body %s is not a list of problems: %v", w.Req, w.Body, err)
	}
	got := make([]string, len(body.Detail))
	for i, p := range body.Detail {
		got[i] = p.Type + " at " + strings.Join(p.Loc, ".")
		if p.Msg == "" {
			got[i] += " (no message)"
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s problems = %q, want %q", w.Req, got, want)
	}
}

// Decode stops the test unless w's body decodes as JSON into a T.
func Decode[T any](t testing.TB, w *Response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("body %q does not decode into %T: %v", w.Body, v, err)
	}
	return v
}

// RunFunc is the shape of every lesson's run function.
type RunFunc func(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error

// Program is a lesson started by Start.
type Program struct {
	URL    string // http://127.0.0.1:PORT
	cancel context.CancelFunc
	done   chan error
	lines  chan string
	early  []string // lines printed before "listening on"
}

// Start runs the lesson as `go run` would, with -addr 127.0.0.1:0, args
// and the environment env, and waits for its "listening on" line. The
// program is stopped when the test ends.
func Start(t testing.TB, run RunFunc, env map[string]string, args ...string) *Program {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	p := &Program{cancel: cancel, done: make(chan error, 1), lines: make(chan string, 1024)}
	go func() {
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] }, pw)
		pw.Close()
		p.done <- err
	}()
	go func() {
		sc := bufio.NewScanner(pr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			select {
			case p.lines <- sc.Text():
			default: // nobody is reading the log; drop it rather than block the server
			}
		}
		close(p.lines)
	}()
	// Lines before "listening on" (start-up warnings) are kept for WaitForLine.
	var first string
	for {
		line, ok := <-p.lines
		if !ok {
			cancel()
			t.Fatalf("the program did not print listening on ...; run returned %v", <-p.done)
		}
		if strings.HasPrefix(line, "listening on ") {
			first = line
			break
		}
		p.early = append(p.early, line)
	}
	if !strings.HasPrefix(first, "listening on http://127.0.0.1:") || strings.HasSuffix(first, ":0") {
		cancel()
		t.Fatalf("listening line = %q, want listening on http://127.0.0.1:<port>", first)
	}
	p.URL = strings.TrimPrefix(first, "listening on ")
	t.Cleanup(func() { _ = p.Stop(t) })
	return p
}

// Stop cancels the program's context, as Ctrl-C does, and returns what run
// returned. It fails the test if run takes more than 15 s to return.
func (p *Program) Stop(t testing.TB) error {
	t.Helper()
	if p.cancel == nil {
		return nil
	}
	p.cancel()
	p.cancel = nil
	select {
	case err := <-p.done:
		return err
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return within 15s of cancel")
		return nil
	}
}

// WaitForLine returns the first later line of the program's output that
// contains substr, or fails the test after timeout.
func (p *Program) WaitForLine(t testing.TB, substr string, timeout time.Duration) string {
	t.Helper()
	for i, line := range p.early {
		if strings.Contains(line, substr) {
			p.early = p.early[i+1:]
			return line
		}
	}
	p.early = nil
	deadline := time.After(timeout)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				t.Fatalf("the program ended without printing %q", substr)
			}
			if strings.Contains(line, substr) {
				return line
			}
		case <-deadline:
			t.Fatalf("no line containing %q within %v", substr, timeout)
		}
	}
}

// Exit runs the lesson's run with args and the environment env, for
// arguments that make run refuse to start, and returns the process exit
// code main would use and everything run printed. Its context is already
// cancelled, so arguments that are accepted make run return at once.
func Exit(run RunFunc, env map[string]string, args ...string) (code int, output string) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out strings.Builder
	err := run(ctx, args, func(k string) string { return env[k] }, &out)
	return program.ExitCode(err, &out), out.String()
}
