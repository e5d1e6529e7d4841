package main

import "net/http"

// addRoutes is the lesson's whole URL surface, on one screen.
func addRoutes(mux *http.ServeMux, profiles *Profiles, uploads *Uploads) {
	mux.Handle("GET /profiles/{username}", handleGetProfile(profiles))
	mux.Handle("PATCH /profiles/{username}", handleUpdateBio(profiles))
	mux.Handle("POST /profiles/{username}/upload-image", handleUploadImage(profiles, uploads))
	mux.Handle("GET /static/", handleStatic(uploads))
}
