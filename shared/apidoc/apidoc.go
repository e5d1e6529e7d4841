// Package apidoc serves a lesson's OpenAPI document and the page that lets
// a learner read it and send every operation from the browser: the Go
// course's answer to FastAPI's generated /docs, written by hand and working
// offline.
package apidoc

import (
	_ "embed"
	"net/http"

	"apicourse/shared/web"
)

// The page is plain HTML, CSS and JavaScript: no framework, nothing from
// another origin.
var (
	//go:embed page.html
	pageHTML []byte
	//go:embed page.css
	pageCSS []byte
	//go:embed page.js
	pageJS []byte
)

// contentSecurityPolicy lets the page load its own script and style and
// talk to its own origin, and nothing else.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"connect-src 'self'; img-src 'self' blob: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

// Patterns returns the routes Register adds, so that a test comparing a
// lesson's routes with its document can leave them out.
func Patterns() []string {
	return []string{"GET /openapi.json", "GET /docs", "GET /docs/page.js", "GET /docs/page.css"}
}

// Register adds GET /openapi.json (the document, as written) and GET /docs
// (the page, with its script and style under /docs/) to mux.
func Register(mux web.Mux, openapiJSON []byte) {
	mux.Handle("GET /openapi.json", file("application/json", openapiJSON))
	mux.Handle("GET /docs", file("text/html; charset=utf-8", pageHTML))
	mux.Handle("GET /docs/page.js", file("text/javascript; charset=utf-8", pageJS))
	mux.Handle("GET /docs/page.css", file("text/css; charset=utf-8", pageCSS))
}

// file serves one embedded file with its type and the page's policy.
func file(contentType string, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		_, _ = w.Write(body)
	})
}
