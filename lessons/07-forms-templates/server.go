package main

import (
	"log/slog"
	"net/http"

	"apicourse/shared/web"
)

// NewServer builds the whole HTTP surface of the lesson from its
// dependencies: the routes, behind cross-origin protection (a form posted
// from another site is refused with 403), then the middleware a request
// passes through, innermost first. Every error is an HTML page.
func NewServer(logger *slog.Logger, pages *Pages, store *Store) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, pages, store)
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages.Error(w, r, web.Errorf(http.StatusForbidden, "Forms may only be sent from this site."))
	}))
	h := web.MuxErrors(csrf.Handler(mux), pages.ErrorPage) // the mux's 404 and 405, as pages
	h = web.Recover(h, pages.ErrorPage)                    // a panic is a 500 page, not a dropped connection
	return web.LogRequests(logger, h)                      // one line per request, with the cause of a 500
}
