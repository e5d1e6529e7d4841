package main

import (
	_ "embed"
	"net/http"
)

// chatPage is the browser client, built into the binary.
//
//go:embed page.html
var chatPage []byte

func handlePage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(chatPage)
	})
}
