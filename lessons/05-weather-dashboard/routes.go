package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux *http.ServeMux, cache *Cache) {
	mux.Handle("GET /weather", handleWeather(cache))
}
