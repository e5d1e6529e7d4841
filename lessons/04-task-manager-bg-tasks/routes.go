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
func addRoutes(mux web.Mux, store *Store, notifier *Notifier) {
	mux.Handle("POST /tasks", handleCreateTask(store))
	mux.Handle("GET /tasks", handleListTasks(store))
	mux.Handle("GET /tasks/{task_id}", handleGetTask(store))
	mux.Handle("POST /tasks/{task_id}/complete", handleCompleteTask(store, notifier))
	apidoc.Register(mux, openapiJSON) // GET /openapi.json and GET /docs
}
