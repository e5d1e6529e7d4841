package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux *http.ServeMux, store *Store) {
	mux.Handle("POST /posts", handleCreatePost(store))
	mux.Handle("GET /posts", handleListPosts(store))
	mux.Handle("GET /posts/{slug}", handleGetPost(store))
}
