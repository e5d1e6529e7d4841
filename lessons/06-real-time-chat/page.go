package main

import (
	_ "embed"
	"net/http"
)

// chatPage is the browser client, built into the binary.
//
//go:embed page.html
var chatPage []byte

// handlePage serves the chat page. No other site may show it in a frame:
// a page that framed it, invisible, could lure a visitor into typing and
// clicking Send in the visitor's own chat (clickjacking).
// frame-ancestors is the standard; X-Frame-Options is for older browsers.
func handlePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "frame-ancestors 'none'")
		w.Header().Set("X-Frame-Options", "DENY")
		_, _ = w.Write(chatPage)
	})
}
