package web

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestErrorWritesStatusErrorsWithTheirRetryAfter(t *testing.T) {
	tests := []struct {
		name           string
		err            error
		wantStatus     int
		wantRetryAfter string
		wantBody       string
	}{
		{"a busy server, rounded up to whole seconds", Busy("Weather service busy", 1500*time.Millisecond),
			503, "2", `{"detail":"Weather service busy"}`},
		{"a busy server asking for less than a second", Busy("Too many login attempts, try again later", time.Millisecond),
			503, "1", `{"detail":"Too many login attempts, try again later"}`},
		{"a full store", ErrStorageFull, 507, "", `{"detail":"Storage limit reached"}`},
		{"a full store with a cause", errors.Join(ErrStorageFull, errors.New("10000 todos")), 507, "", `{"detail":"Storage limit reached"}`},
		{"a plain status error", Errorf(404, "Todo not found"), 404, "", `{"detail":"Todo not found"}`},
	}
	for _, tt := range tests {
		t.Run("writes "+tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			Error(w, httptest.NewRequest("GET", "/", nil), tt.err)
			if w.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", w.Code, tt.wantStatus)
			}
			if got := w.Header().Get("Retry-After"); got != tt.wantRetryAfter {
				t.Errorf("Retry-After = %q, want %q", got, tt.wantRetryAfter)
			}
			if got := strings.TrimSpace(w.Body.String()); got != tt.wantBody {
				t.Errorf("body = %s, want %s", got, tt.wantBody)
			}
		})
	}
	if !errors.Is(errors.Join(ErrStorageFull, errors.New("x")), ErrStorageFull) {
		t.Error("errors.Is does not find ErrStorageFull in a joined error")
	}
}

func TestJSONArrayWritesWhatJSONWould(t *testing.T) {
	type item struct {
		ID   int     `json:"id"`
		Text string  `json:"text"`
		Note *string `json:"note"`
	}
	// Escaping that differs between encoders: HTML, non-ASCII, U+2028.
	text := "<b>x</b> & \u00e9\u20ac \"quoted\"\n\u2028 " + strings.Repeat("long ", 2000)
	for _, n := range []int{0, 1, 2, 50} {
		items := make([]item, n)
		for i := range items {
			items[i] = item{ID: i, Text: text}
		}
		got, want := httptest.NewRecorder(), httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		JSONArray(got, r, 200, items)
		JSON(want, r, 200, items)
		if got.Body.String() != want.Body.String() || got.Header().Get("Content-Type") != "application/json" {
			t.Errorf("JSONArray of %d items differs from JSON (%d bytes, want %d)", n, got.Body.Len(), want.Body.Len())
		}
	}
	empty := httptest.NewRecorder()
	JSONArray[item](empty, httptest.NewRequest("GET", "/", nil), 200, nil)
	if got := strings.TrimSpace(empty.Body.String()); got != "[]" {
		t.Errorf("JSONArray of nil = %s, want []", got)
	}
}

type benchItem struct {
	ID          int64   `json:"id"`
	Title       string  `json:"title"`
	Description *string `json:"description"`
	Completed   bool    `json:"completed"`
}

func BenchmarkJSONArray100(b *testing.B) {
	items := make([]benchItem, 100)
	for i := range items {
		items[i] = benchItem{ID: int64(i), Title: "Buy groceries and more"}
	}
	r := httptest.NewRequest("GET", "/", nil)
	b.ReportAllocs()
	for b.Loop() {
		JSONArray(httptest.NewRecorder(), r, 200, items)
	}
}

func BenchmarkJSON100(b *testing.B) {
	items := make([]benchItem, 100)
	for i := range items {
		items[i] = benchItem{ID: int64(i), Title: "Buy groceries and more"}
	}
	r := httptest.NewRequest("GET", "/", nil)
	b.ReportAllocs()
	for b.Loop() {
		JSON(httptest.NewRecorder(), r, 200, items)
	}
}

func TestHEADGetsTheHeadersWithoutEncodingABody(t *testing.T) {
	r := httptest.NewRequest("HEAD", "/todos", nil)
	for name, write := range map[string]func(w *httptest.ResponseRecorder){
		"JSON":      func(w *httptest.ResponseRecorder) { JSON(w, r, 200, map[string]any{"f": func() {}}) },
		"JSONArray": func(w *httptest.ResponseRecorder) { JSONArray(w, r, 200, []func(){func() {}}) },
	} {
		w := httptest.NewRecorder()
		write(w) // a value that cannot be encoded: any encoding would make it a 500
		if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Type") != "application/json" {
			t.Errorf("HEAD through %s = %d, %d bytes, %q; want 200, no body, application/json", name, w.Code, w.Body.Len(), w.Header().Get("Content-Type"))
		}
	}
}
