package web

import "net/http"

// Mux is what a lesson's addRoutes registers its routes on: an
// *http.ServeMux when the program runs, a recorder when a test holds the
// routes to the lesson's openapi.json.
type Mux interface {
	Handle(pattern string, handler http.Handler)
}
