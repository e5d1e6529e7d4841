package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux *http.ServeMux, hub *Hub) {
	mux.Handle("GET /{$}", handlePage())
	mux.Handle("GET /ws/{client_id}", handleChat(hub))
}
