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
	mux.Handle("POST /todos", handleCreateTodo(store))
	mux.Handle("GET /todos", handleListTodos(store))
	mux.Handle("GET /todos/{todo_id}", handleGetTodo(store))
	mux.Handle("PUT /todos/{todo_id}", handleUpdateTodo(store))
	mux.Handle("DELETE /todos/{todo_id}", handleDeleteTodo(store))
	apidoc.Register(mux, openapiJSON) // GET /openapi.json and GET /docs
}
