package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux *http.ServeMux, store *Store, notifier *Notifier) {
	mux.Handle("POST /tasks", handleCreateTask(store))
	mux.Handle("GET /tasks", handleListTasks(store))
	mux.Handle("GET /tasks/{task_id}", handleGetTask(store))
	mux.Handle("POST /tasks/{task_id}/complete", handleCompleteTask(store, notifier))
}
