package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux *http.ServeMux, pages *Pages, store *Store) {
	mux.Handle("GET /{$}", handleForm(pages))
	mux.Handle("POST /subscribe", handleSubscribe(pages, store))
	mux.Handle("GET /subscriptions/{id}", handleSubscription(pages, store))
}
