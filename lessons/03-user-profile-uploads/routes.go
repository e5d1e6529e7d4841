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
func addRoutes(mux web.Mux, profiles *Profiles, uploads *Uploads) {
	mux.Handle("GET /profiles/{username}", handleGetProfile(profiles))
	mux.Handle("PATCH /profiles/{username}", handleUpdateBio(profiles))
	mux.Handle("POST /profiles/{username}/upload-image", handleUploadImage(profiles, uploads))
	mux.Handle("GET /static/", handleStatic(uploads)) // openapi.json: GET /static/uploads/{name}
	apidoc.Register(mux, openapiJSON)                 // GET /openapi.json and GET /docs
}
