package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen. Each API
// version is its own router, mounted at its prefix, as FastAPI's
// APIRouter(prefix="/v1") is; the routers share one catalogue.
func addRoutes(mux *http.ServeMux, catalog []Item) {
	v1 := http.NewServeMux()
	v1.Handle("GET /items", handleListItemsV1(catalog))
	mux.Handle("/v1/", http.StripPrefix("/v1", deprecated(v1)))

	v2 := http.NewServeMux()
	v2.Handle("GET /items", handleListItemsV2(catalog))
	mux.Handle("/v2/", http.StripPrefix("/v2", v2))
}
