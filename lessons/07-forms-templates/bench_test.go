package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// BenchmarkRenderForm measures GET / through the whole stack: routing,
// cross-origin check, template execution into a buffer.
func BenchmarkRenderForm(b *testing.B) {
	h, _ := newHandler(b)
	r := httptest.NewRequest("GET", "/", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("GET / status = %d", w.Code)
		}
	}
}

// BenchmarkRejectForm measures an invalid POST /subscribe: parse, validate
// and re-render with errors and escaped values.
func BenchmarkRejectForm(b *testing.B) {
	h, _ := newHandler(b)
	body := url.Values{"name": {"A"}, "email": {"<script>"}}.Encode()
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/subscribe", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusUnprocessableEntity {
			b.Fatalf("POST /subscribe status = %d", w.Code)
		}
	}
}
