package web

import (
	"bytes"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func newTestMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) {
		JSON(w, r, 200, map[string]string{"id": r.PathValue("id")})
	})
	mux.HandleFunc("POST /fail", func(w http.ResponseWriter, r *http.Request) {
		Error(w, r, errors.New("secret database path /var/db"))
	})
	mux.HandleFunc("GET /upstream", func(w http.ResponseWriter, r *http.Request) {
		Error(w, r, &StatusError{Status: 502, Msg: "Upstream unavailable", Err: errors.New("dial tcp 10.0.0.7:443: refused")})
	})
	mux.HandleFunc("POST /unencodable", func(w http.ResponseWriter, r *http.Request) {
		JSON(w, r, http.StatusCreated, map[string]any{"f": func() {}})
	})
	mux.HandleFunc("GET /unencodable-list", func(w http.ResponseWriter, r *http.Request) {
		JSONArray(w, r, http.StatusOK, []float64{1, math.NaN()})
	})
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) {
		panic("boom")
	})
	return mux
}

// stack composes the middleware as every JSON lesson's NewServer does.
func stack(logger *slog.Logger, mux http.Handler, write ErrorWriter) http.Handler {
	h := MuxErrors(mux, write)
	h = Recover(h, write)
	return LogRequests(logger, h)
}

func TestTheMiddlewareAnswersErrorsAsJSONAndLogsTheirCauses(t *testing.T) {
	var logs bytes.Buffer
	h := stack(slog.New(slog.NewTextHandler(&logs, nil)), newTestMux(), WriteJSONError)
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantBody           string
		wantAllow          string
	}{
		{"an unknown path is a JSON 404", "GET", "/nope", 404, `{"detail":"Not Found"}`, ""},
		{"a wrong method is a JSON 405 with Allow", "DELETE", "/things/1", 405, `{"detail":"Method Not Allowed"}`, "GET, HEAD"},
		{"a known route still answers", "GET", "/things/7", 200, `{"id":"7"}`, ""},
		{"a server error hides its cause", "POST", "/fail", 500, `{"detail":"Internal Server Error"}`, ""},
		{"a panic becomes a 500, not a dropped connection", "GET", "/panic", 500, `{"detail":"Internal Server Error"}`, ""},
		{"a status error wrapping a cause shows only its detail", "GET", "/upstream", 502, `{"detail":"Upstream unavailable"}`, ""},
		{"a value JSON cannot encode is a 500, never a 201 with an empty body", "POST", "/unencodable", 500, `{"detail":"Internal Server Error"}`, ""},
		{"a list JSONArray cannot encode is a 500 too", "GET", "/unencodable-list", 500, `{"detail":"Internal Server Error"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.path, nil))
			if w.Code != tt.wantStatus {
				t.Errorf("%s %s status = %d, want %d", tt.method, tt.path, w.Code, tt.wantStatus)
			}
			if got := strings.TrimSpace(w.Body.String()); got != tt.wantBody {
				t.Errorf("%s %s body = %s, want %s", tt.method, tt.path, got, tt.wantBody)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("%s %s Content-Type = %q, want application/json", tt.method, tt.path, ct)
			}
			if got := w.Header().Get("Allow"); got != tt.wantAllow {
				t.Errorf("%s %s Allow = %q, want %q", tt.method, tt.path, got, tt.wantAllow)
			}
		})
	}
	t.Run("each request has one log line with method, path, status and duration", func(t *testing.T) {
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
		if len(lines) != len(tests) {
			t.Fatalf("got %d log lines, want %d:\n%s", len(lines), len(tests), logs.String())
		}
		for _, want := range []string{"method=GET", "path=/nope", "status=404", "duration="} {
			if !strings.Contains(lines[0], want) {
				t.Errorf("log line %q lacks %q", lines[0], want)
			}
		}
	})
	t.Run("the cause of a 500 is logged", func(t *testing.T) {
		for _, cause := range []string{"secret database path", "panic: boom", "10.0.0.7:443", "encode the 201 answer: json: unsupported type: func()", "encode the 200 answer: json: unsupported value: NaN"} {
			if !strings.Contains(logs.String(), cause) {
				t.Errorf("logs lack the cause %q:\n%s", cause, logs.String())
			}
		}
	})
}

func TestMuxErrorsUsesTheSitesOwnPage(t *testing.T) {
	htmlPage := func(w http.ResponseWriter, _ *http.Request, status int) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte("<h1>" + http.StatusText(status) + "</h1>"))
	}
	h := stack(slog.New(slog.DiscardHandler), newTestMux(), htmlPage)
	tests := []struct {
		method, path, wantBody, wantAllow string
		wantStatus                        int
	}{
		{"GET", "/nope", "<h1>Not Found</h1>", "", 404},
		{"DELETE", "/things/1", "<h1>Method Not Allowed</h1>", "GET, HEAD", 405},
		{"GET", "/panic", "<h1>Internal Server Error</h1>", "", 500},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.path, nil))
		if w.Code != tt.wantStatus || w.Body.String() != tt.wantBody || w.Header().Get("Allow") != tt.wantAllow {
			t.Errorf("%s %s = %d %q (Allow %q), want %d %q (Allow %q)", tt.method, tt.path,
				w.Code, w.Body, w.Header().Get("Allow"), tt.wantStatus, tt.wantBody, tt.wantAllow)
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s %s Content-Type = %q, want the page's text/html", tt.method, tt.path, ct)
		}
	}
}

func TestACauseWithoutLogRequestsIsNotLoggedAnywhereElse(t *testing.T) {
	// No global logger: without LogRequests, Error still answers, quietly.
	w := httptest.NewRecorder()
	Error(w, httptest.NewRequest("GET", "/", nil), errors.New("disk on fire"))
	if w.Code != 500 || strings.Contains(w.Body.String(), "disk") {
		t.Errorf("Error = %d %s, want a 500 that hides its cause", w.Code, w.Body)
	}
}

func TestRefuseCrossSiteRefusesOnlyABrowsersWriteFromAnotherSite(t *testing.T) {
	tests := []struct {
		name, method string
		header       map[string]string
		wantStatus   int
	}{
		{"curl, which says nothing, writes", "POST", nil, 201},
		{"the lesson's own page writes", "POST", map[string]string{"Sec-Fetch-Site": "same-origin"}, 201},
		{"a page of another site may not write", "POST", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"nor delete", "DELETE", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"an older browser's Origin of another host is refused too", "PUT", map[string]string{"Origin": "http://evil.example"}, 403},
		{"a page of another site may still read", "GET", map[string]string{"Sec-Fetch-Site": "cross-site"}, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored := false
			h := RefuseCrossSite(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				stored = true
				w.WriteHeader(201)
			}))
			r := httptest.NewRequest(tt.method, "http://127.0.0.1:8000/todos", nil)
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.wantStatus || stored != (tt.wantStatus == 201) {
				t.Errorf("%s with %v = %d (handler ran: %v), want %d", tt.method, tt.header, w.Code, stored, tt.wantStatus)
			}
			if tt.wantStatus == 403 && strings.TrimSpace(w.Body.String()) != `{"detail":"Cross-site request refused"}` {
				t.Errorf("body = %s, want the JSON detail", w.Body)
			}
		})
	}
}
