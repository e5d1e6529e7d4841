package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux *http.ServeMux, store *Store) {
	mux.Handle("POST /todos", handleCreateTodo(store))
	mux.Handle("GET /todos", handleListTodos(store))
	mux.Handle("GET /todos/{todo_id}", handleGetTodo(store))
	mux.Handle("PUT /todos/{todo_id}", handleUpdateTodo(store))
	mux.Handle("DELETE /todos/{todo_id}", handleDeleteTodo(store))
}
