package main

import (
	_ "embed"
	"net/http"

	"apicourse/shared/apidoc"
	"apicourse/shared/web"
)

// openapiJSON describes every route below; the tests hold it to them.
//
//go:embed openapi.json
var openapiJSON []byte

// addRoutes is the lesson's whole URL surface, on one screen. Each API
// version is its own router, mounted at its prefix, as FastAPI's
// APIRouter(prefix="/v1") is; the routers share one catalogue.
func addRoutes(mux web.Mux, catalog []Item) {
	v1 := http.NewServeMux()
	addRoutesV1(v1, catalog)
	mux.Handle("/v1/", http.StripPrefix("/v1", deprecated(v1)))

	v2 := http.NewServeMux()
	addRoutesV2(v2, catalog)
	mux.Handle("/v2/", http.StripPrefix("/v2", v2))

	apidoc.Register(mux, openapiJSON) // GET /openapi.json and GET /docs
}

// addRoutesV1 registers v1's routes, relative to its prefix. v1 is
// deprecated and frozen: it gets no new routes.
func addRoutesV1(mux web.Mux, catalog []Item) {
	mux.Handle("GET /items", handleListItemsV1(catalog))
}

// addRoutesV2 registers v2's routes, relative to its prefix.
func addRoutesV2(mux web.Mux, catalog []Item) {
	mux.Handle("GET /items", handleListItemsV2(catalog))
}
