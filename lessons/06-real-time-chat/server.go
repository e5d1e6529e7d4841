package main

import (
	"log/slog"
	"net/http"

	"apicourse/shared/web"
)

// NewServer builds the whole HTTP surface of the lesson from its
// dependencies: the routes, wrapped in request logging and JSON errors.
func NewServer(logger *slog.Logger, hub *Hub) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, hub)
	return web.Log(logger, mux)
}
