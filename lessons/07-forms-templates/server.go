package main

import (
	"log/slog"
	"net/http"

	"apicourse/shared/web"
)

// NewServer builds the whole HTTP surface of the lesson from its
// dependencies: the routes, behind cross-origin protection (a form posted
// from another site is refused with 403), with request logging.
func NewServer(logger *slog.Logger, pages *Pages, store *Store) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, pages, store)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages.Error(w, http.StatusForbidden, "Forms may only be sent from this site.")
	}))
	return web.Log(logger, csrf.Handler(mux))
}
