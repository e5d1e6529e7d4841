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
func addRoutes(mux web.Mux, store *Store) {
	mux.Handle("POST /posts", handleCreatePost(store))
	mux.Handle("GET /posts", handleListPosts(store))
	mux.Handle("GET /posts/{slug}", handleGetPost(store))
	apidoc.Register(mux, openapiJSON) // GET /openapi.json and GET /docs
}
