package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux *http.ServeMux, secret []byte, seen *Deliveries, process ProcessFunc) {
	mux.Handle("POST /webhook", handleWebhook(secret, seen, process))
}
