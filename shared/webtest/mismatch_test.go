package webtest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// answer returns a handler that answers every request with status and a
// JSON body.
func answer(status int, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
}

func TestCheckReportsADifferenceWhenTheTestThatSentTheRequestEnds(t *testing.T) {
	api := ParseAPI(t, []byte(testDoc))
	tests := []struct {
		name    string
		handler http.Handler
		send    func(sender *recordingTB, h http.Handler) // the test that sent the requests
		want    []string
	}{
		{
			name:    "nothing for a documented query parameter",
			handler: answer(200, `[]`),
			send:    func(r *recordingTB, h http.Handler) { Send(r, h, "GET", "/items?limit=5", "") },
		},
		{
			name:    "an undocumented query parameter, as all that is left when the test's own checks passed",
			handler: answer(200, `[]`),
			send:    func(r *recordingTB, h http.Handler) { Send(r, h, "GET", "/items?completed=true", "") },
			want: []string{`the answers are right; what is left is openapi.json: GET /items?completed=true → 200: ` +
				`query parameter "completed" is not documented; document it in openapi.json`},
		},
		{
			name:    "a difference after the test's own failure, never before it",
			handler: answer(200, `[]`),
			send: func(r *recordingTB, h http.Handler) {
				Send(r, h, "GET", "/items?completed=true", "")
				r.Errorf("GET /items?completed=true ids = [], want [2]")
			},
			want: []string{
				"GET /items?completed=true ids = [], want [2]",
				`after that, openapi.json: GET /items?completed=true → 200: query parameter "completed" is not documented; document it in openapi.json`,
			},
		},
		{
			name:    "the same difference once, however often it was met",
			handler: answer(200, `[]`),
			send: func(r *recordingTB, h http.Handler) {
				for range 3 {
					Send(r, h, "GET", "/items?completed=true", "")
				}
			},
			want: []string{`the answers are right; what is left is openapi.json: GET /items?completed=true → 200: ` +
				`query parameter "completed" is not documented; document it in openapi.json`},
		},
		{
			name:    "an undocumented status",
			handler: answer(409, `{"detail":"taken"}`),
			send:    func(r *recordingTB, h http.Handler) { Send(r, h, "POST", "/items", `{}`) },
			want: []string{`the answers are right; what is left is openapi.json: POST /items → 409: ` +
				`status 409 is not documented for POST; document it in openapi.json`},
		},
		{
			name:    "a body off its schema, with its own next step",
			handler: answer(201, `{"id":"1"}`),
			send:    func(r *recordingTB, h http.Handler) { Send(r, h, "POST", "/items", `{}`) },
			want: []string{`the answers are right; what is left is openapi.json: POST /items → 201: ` +
				`$.id: "1" is string, want integer; make the answer and the schema in openapi.json agree`},
		},
		{
			name:    "three differences, then how many more",
			handler: answer(200, `[]`),
			send: func(r *recordingTB, h http.Handler) {
				Send(r, h, "GET", "/items?a=1&b=2&c=3&d=4&e=5", "")
			},
			want: []string{
				`the answers are right; what is left is openapi.json: GET /items?a=1&b=2&c=3&d=4&e=5 → 200: query parameter "a" is not documented; document it in openapi.json`,
				`the answers are right; what is left is openapi.json: GET /items?a=1&b=2&c=3&d=4&e=5 → 200: query parameter "b" is not documented; document it in openapi.json`,
				`the answers are right; what is left is openapi.json: GET /items?a=1&b=2&c=3&d=4&e=5 → 200: query parameter "c" is not documented; document it in openapi.json`,
				`the answers are right; what is left is openapi.json: 2 more differences`,
			},
		},
	}
	for _, tt := range tests {
		t.Run("reports "+tt.name, func(t *testing.T) {
			owner, sender := &recordingTB{TB: t}, &recordingTB{TB: t}
			h := api.Check(owner, tt.handler)
			tt.send(sender, h)
			if got := sender.end(); !slices.Equal(got, tt.want) {
				t.Errorf("the sender reported %q, want %q", got, tt.want)
			}
			if got := owner.end(); len(got) > 0 {
				t.Errorf("the test that built the handler reported %q, want nothing: another test sent the request", got)
			}
		})
	}
}

func TestCheckReportsARequestNoTestSentOnTheTestThatBuiltTheHandler(t *testing.T) {
	api := ParseAPI(t, []byte(testDoc))
	owner := &recordingTB{TB: t}
	h := api.Check(owner, answer(409, `{"detail":"taken"}`))
	Do(h, httptest.NewRequest("POST", "/items", strings.NewReader(`{}`)))
	if len(owner.errors) > 0 {
		t.Errorf("reported %q while the test ran, want nothing until it ends", owner.errors)
	}
	want := []string{`the answers are right; what is left is openapi.json: POST /items → 409: ` +
		`status 409 is not documented for POST; document it in openapi.json`}
	if got := owner.end(); !slices.Equal(got, want) {
		t.Errorf("reported %q at the end, want %q", got, want)
	}
}

// TestShowDifferences is run by the test below as a learner would run an
// exercise: only then does it do anything.
func TestShowDifferences(t *testing.T) {
	if os.Getenv("WEBTEST_SHOW_DIFFERENCES") != "1" {
		t.Skip("run by TestCheckReportsAtALineOfTheTestFile")
	}
	h := ParseAPI(t, []byte(testDoc)).Check(t, answer(200, `[]`))
	list := func(t *testing.T, query string) *Response {
		t.Helper()
		return Send(t, h, "GET", "/items"+query, "")
	}
	t.Run("a documented request", func(t *testing.T) {
		list(t, "?limit=1")
	})
	t.Run("a wrong answer", func(t *testing.T) {
		if w := list(t, "?completed=true"); w.Body.String() != `[{"id":2}]` {
			t.Errorf("body = %s, want [{\"id\":2}]", w.Body)
		}
	})
	t.Run("a right answer", func(t *testing.T) {
		list(t, "?completed=false")
	})
}

func TestCheckReportsAtALineOfTheTestFile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary again")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestShowDifferences$", "-test.v")
	cmd.Env = append(os.Environ(), "WEBTEST_SHOW_DIFFERENCES=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("TestShowDifferences passed, want it to fail:\n%s", out)
	}
	got := string(out)
	for _, line := range []string{
		"--- PASS: TestShowDifferences/a_documented_request",
		"--- FAIL: TestShowDifferences/a_wrong_answer",
		"--- FAIL: TestShowDifferences/a_right_answer",
	} {
		if !strings.Contains(got, line) {
			t.Errorf("output has no line %q:\n%s", line, got)
		}
	}
	wrong := regexp.MustCompile(`(?s)mismatch_test\.go:\d+: body = \[\], want \[\{"id":2\}\]\s+` +
		`mismatch_test\.go:\d+: after that, openapi.json: GET /items\?completed=true → 200: query parameter "completed" is not documented`)
	if !wrong.MatchString(got) {
		t.Errorf("output does not show the wrong answer first, then the difference, both at lines of mismatch_test.go:\n%s", got)
	}
	if !strings.Contains(got, "the answers are right; what is left is openapi.json: GET /items?completed=false") {
		t.Errorf("output does not say the right answer's test has only the document left:\n%s", got)
	}
	if shared := regexp.MustCompile(`(openapi|mismatch|webtest)\.go:\d+`).FindString(got); shared != "" {
		t.Errorf("output names %s, a line of webtest itself, want lines of the test file:\n%s", shared, got)
	}
}

// TestShowDocsLast is run by the test below as a learner would run an
// exercise whose answers are right and whose openapi.json is not yet.
func TestShowDocsLast(t *testing.T) {
	show := os.Getenv("WEBTEST_SHOW_DOCS_LAST")
	if show == "" {
		t.Skip("run by TestDocsLastIsTheOnlyStepMarkedFail")
	}
	docs := DocsLast(t)
	h := ParseAPI(t, []byte(testDoc)).Check(t, answer(200, `[]`))
	t.Run("a right answer the document lacks", func(t *testing.T) {
		if w := Send(t, h, "GET", "/items?completed=false", ""); w.Code != http.StatusOK {
			t.Errorf("status = %d, want 200", w.Code)
		}
	})
	t.Run("a request from a handler built in a step", func(t *testing.T) {
		Do(ParseAPI(t, []byte(testDoc)).Check(t, answer(409, `{}`)), httptest.NewRequest("POST", "/items", strings.NewReader(`{}`)))
	})
	if show == "wrong" {
		t.Run("a wrong answer", func(t *testing.T) {
			t.Errorf("body = [], want [{\"id\":2}]")
		})
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}

func TestDocsLastIsTheOnlyStepMarkedFail(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary again")
	}
	run := func(t *testing.T, show string) string {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestShowDocsLast$", "-test.v")
		cmd.Env = append(os.Environ(), "WEBTEST_SHOW_DOCS_LAST="+show)
		out, err := cmd.CombinedOutput()
		if err == nil {
			t.Fatalf("TestShowDocsLast passed, want it to fail:\n%s", out)
		}
		return string(out)
	}
	t.Run("the answers are right: the steps pass, the last one fails at the line of its t.Run", func(t *testing.T) {
		got := run(t, "right")
		for _, line := range []string{
			"--- PASS: TestShowDocsLast/a_right_answer_the_document_lacks",
			"--- PASS: TestShowDocsLast/a_request_from_a_handler_built_in_a_step",
			"--- FAIL: TestShowDocsLast/openapi.json_documents_every_answer_above",
		} {
			if !strings.Contains(got, line) {
				t.Errorf("output has no line %q:\n%s", line, got)
			}
		}
		for _, want := range []*regexp.Regexp{
			regexp.MustCompile(`mismatch_test\.go:\d+: the answers are right; openapi.json does not say so yet: GET /items\?completed=false → 200: query parameter "completed" is not documented; document it in openapi.json`),
			regexp.MustCompile(`mismatch_test\.go:\d+: the answers are right; openapi.json does not say so yet: POST /items → 409: status 409 is not documented for POST`),
		} {
			if !want.MatchString(got) {
				t.Errorf("output has no line matching %s:\n%s", want, got)
			}
		}
		if shared := regexp.MustCompile(`(openapi|mismatch|webtest)\.go:\d+`).FindString(got); shared != "" {
			t.Errorf("output names %s, a line of webtest itself, want lines of the test file:\n%s", shared, got)
		}
	})
	t.Run("an answer is wrong: it fails, and the document's step is skipped", func(t *testing.T) {
		got := run(t, "wrong")
		for _, line := range []string{
			"--- FAIL: TestShowDocsLast/a_wrong_answer",
			"--- SKIP: TestShowDocsLast/openapi.json_documents_every_answer_above",
			"openapi.json is checked once the answers above are right",
		} {
			if !strings.Contains(got, line) {
				t.Errorf("output has no line %q:\n%s", line, got)
			}
		}
		if strings.Contains(got, "does not say so yet") {
			t.Errorf("output reports the document before the answers are right:\n%s", got)
		}
	})
}
