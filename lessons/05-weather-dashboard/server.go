package main

import (
	"log/slog"
	"net/http"

	"apicourse/shared/web"
)

// NewServer builds the whole HTTP surface of the lesson from its
// dependencies: the routes, wrapped in the middleware a request passes
// through, innermost first.
func NewServer(logger *slog.Logger, cache *Cache) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, cache)
	h := web.MuxErrors(mux, web.WriteJSONError) // the mux's 404 and 405, as JSON
	h = web.Recover(h, web.WriteJSONError)      // a panic is a 500, not a dropped connection
	h = web.RefuseCrossSite(h)                  // a page of another site may not write here
	return web.LogRequests(logger, h)           // one line per request, with the cause of a 500
}
