package apidoc

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	Register(mux, []byte(`{"openapi":"3.1.0"}`))
	return mux
}

func TestRegisterServesEveryPatternItReports(t *testing.T) {
	mux := newMux()
	for _, p := range Patterns() {
		method, path, _ := strings.Cut(p, " ")
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(method, path, nil))
		if w.Code != http.StatusOK || w.Body.Len() == 0 {
			t.Errorf("%s status = %d with %d bytes, want 200 with a body", p, w.Code, w.Body.Len())
		}
		if got := w.Header().Get("Content-Security-Policy"); got != contentSecurityPolicy {
			t.Errorf("%s Content-Security-Policy = %q, want %q", p, got, contentSecurityPolicy)
		}
		if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s X-Content-Type-Options = %q, want nosniff", p, got)
		}
	}
}

func TestTheDocumentIsServedAsWritten(t *testing.T) {
	w := httptest.NewRecorder()
	newMux().ServeHTTP(w, httptest.NewRequest("GET", "/openapi.json", nil))
	if got := w.Body.String(); got != `{"openapi":"3.1.0"}` {
		t.Errorf("GET /openapi.json body = %q, want the bytes given to Register", got)
	}
}

func TestThePageLoadsNothingFromAnotherOrigin(t *testing.T) {
	absolute := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	for name, body := range map[string][]byte{"page.html": pageHTML, "page.js": pageJS, "page.css": pageCSS} {
		if m := absolute.Find(body); m != nil {
			t.Errorf("%s refers to %q: the page must work offline, from its own origin only", name, m)
		}
	}
	if m := regexp.MustCompile(`@import|url\(`).Find(pageCSS); m != nil {
		t.Errorf("page.css loads %q: the style must be self-contained", m)
	}
	for _, ref := range []string{`src="/docs/page.js"`, `href="/docs/page.css"`} {
		if !strings.Contains(string(pageHTML), ref) {
			t.Errorf("page.html does not load %s", ref)
		}
	}
	if strings.Contains(string(pageHTML), "<script>") || strings.Contains(string(pageHTML), "style=") {
		t.Error("page.html has inline script or style, which the Content-Security-Policy refuses")
	}
}

// The hooks are the contract with tests that drive the page in a browser.
func TestThePageCarriesTheContractsHooks(t *testing.T) {
	hooks := []string{
		`"data-operation"`, `"data-tag"`, `"data-param"`, `"data-body"`, `"data-field"`,
		`"data-response-status"`, `"data-response-body"`,
		`"data-action": "send"`, `"data-action": "authorize"`, `"data-action": "login"`, `"data-action": "logout"`,
		`"data-auth": "username"`, `"data-auth": "password"`, `"data-auth": "scope"`,
	}
	for _, hook := range hooks {
		if !strings.Contains(string(pageJS), hook) {
			t.Errorf("page.js never sets %s", hook)
		}
	}
}

func TestThePageSetsTextNeverHTML(t *testing.T) {
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(string(pageJS), sink) {
			t.Errorf("page.js uses %s: text from the document or a response could become markup", sink)
		}
	}
}
