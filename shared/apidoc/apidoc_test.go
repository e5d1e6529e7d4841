package apidoc

import (
	"bytes"
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

func TestThePolicyStaysStrict(t *testing.T) {
	want := "default-src 'none'; script-src 'self'; style-src 'self'; " +
		"connect-src 'self'; img-src 'self' blob: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
	if contentSecurityPolicy != want {
		t.Errorf("contentSecurityPolicy = %q, want %q", contentSecurityPolicy, want)
	}
}

// The page's own hooks, beside the contract's: the browser check drives them.
func TestThePageCarriesItsOwnHooks(t *testing.T) {
	hooks := []string{
		`"data-include"`, `"data-filter"`, `"data-models"`, `"data-model"`, `"data-curl"`, `"data-secret"`,
		`"data-action": "send-anyway"`, `"data-action": "reset"`, `"data-action", "copy-token"`,
	}
	for _, hook := range hooks {
		if !strings.Contains(string(pageJS), hook) {
			t.Errorf("page.js never sets %s", hook)
		}
	}
}

// Each case is a promise of issue 20 that can be read from the files.
func TestThePageKeepsItsPromises(t *testing.T) {
	tests := []struct {
		name, file string
		body       []byte
		want       string
	}{
		{"a path parameter is a text field, so abc reaches the server", "page.js", pageJS, `type: /password|secret/i.test(f.name) ? "password" : "text"`},
		{"required values are checked before sending, with a way past", "page.js", pageJS, `"Send anyway"`},
		{"required fields are announced as required", "page.js", pageJS, `"aria-required"`},
		{"an optional example is inserted with one click", "page.js", pageJS, `"Use example"`},
		{"the Schemas section is named as on FastAPI's page", "page.js", pageJS, `el("h2", { text: "Schemas" })`},
		{"a schema name links to its entry", "page.js", pageJS, `href: "#schema-" + name`},
		{"an operation has its own address", "page.js", pageJS, `id: method + "-" + path`},
		{"an empty header is sent by curl as curl spells it", "page.js", pageJS, `k + ";"`},
		{"Send is disabled while a request is in flight", "page.js", pageJS, `sendBtn.disabled = true`},
		{"the token can be copied", "page.js", pageJS, `"Copy token"`},
		{"the token's expiry is shown", "page.js", pageJS, `" · expires at "`},
		{"the dialog has a name", "page.js", pageJS, `"aria-labelledby": headingID`},
		{"a scroll area can be reached by keyboard", "page.js", pageJS, `tabindex: "0"`},
		{"answers are announced", "page.html", pageHTML, `role="status" aria-live="polite"`},
		{"a keyboard user can skip to the operations", "page.html", pageHTML, `href="#main"`},
		{"the colours follow the system's dark setting", "page.css", pageCSS, `@media (prefers-color-scheme: dark)`},
		{"the sidebar folds on narrow screens", "page.css", pageCSS, `@media (max-width: 63.99rem)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(tt.body, []byte(tt.want)) {
				t.Errorf("%s lacks %s", tt.file, tt.want)
			}
		})
	}
}

func TestThePageNeverRefusesATypedValue(t *testing.T) {
	for _, refusing := range []string{`type: "number"`, `"type", "number"`, `el("select", { [`} {
		if strings.Contains(string(pageJS), refusing) {
			t.Errorf("page.js has %s: a learner must be able to type what the server rejects", refusing)
		}
	}
}
