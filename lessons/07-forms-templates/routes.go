package main

import (
	_ "embed"

	"apicourse/shared/apidoc"
	"apicourse/shared/web"
)

// openapiJSON describes every route below; the tests hold it to them.
//
//go:embed openapi.json
var openapiJSON []byte

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux web.Mux, pages *Pages, store *Store) {
	mux.Handle("GET /{$}", handleForm(pages))
	mux.Handle("POST /subscribe", handleSubscribe(pages, store))
	mux.Handle("GET /subscriptions/{token}", handleSubscription(pages, store))
	apidoc.Register(mux, openapiJSON) // GET /openapi.json and GET /docs
}
