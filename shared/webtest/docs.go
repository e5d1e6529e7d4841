package webtest

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// WantDocs fails the test unless h serves the lesson's document at
// /openapi.json, byte for byte, and the /docs page with its script and
// style, each under a Content-Security-Policy that allows only its own
// origin.
func WantDocs(t testing.TB, h http.Handler, openapiJSON []byte) {
	t.Helper()
	tests := []struct{ path, contentType string }{
		{"/openapi.json", "application/json"},
		{"/docs", "text/html; charset=utf-8"},
		{"/docs/page.js", "text/javascript; charset=utf-8"},
		{"/docs/page.css", "text/css; charset=utf-8"},
	}
	for _, tt := range tests {
		w := Send(t, h, "GET", tt.path, "")
		w.WantStatus(t, http.StatusOK)
		if got := w.Header().Get("Content-Type"); got != tt.contentType {
			t.Errorf("GET %s Content-Type = %q, want %q", tt.path, got, tt.contentType)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("GET %s Content-Security-Policy = %q, want one that starts from default-src 'none'", tt.path, csp)
		}
		if tt.path == "/openapi.json" && !bytes.Equal(w.Body.Bytes(), openapiJSON) {
			t.Errorf("GET /openapi.json is not the lesson's openapi.json as written")
		}
	}
}
