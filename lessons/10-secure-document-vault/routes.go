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

// addRoutes is the lesson's whole URL surface, on one screen: each route
// names the scope it needs, as FastAPI's Security(scopes=[...]) does.
func addRoutes(mux web.Mux, auth *Auth, vault *Vault, passwords *Passwords) {
	mux.Handle("POST /token", handleToken(auth, vault, passwords))
	mux.Handle("GET /users/me", auth.Require("vault:read", handleMe()))
	mux.Handle("GET /documents", auth.Require("vault:read", handleListDocuments(vault)))
	mux.Handle("GET /documents/{document_id}", auth.Require("vault:read", handleGetDocument(vault)))
	mux.Handle("POST /documents", auth.Require("vault:write", handleCreateDocument(vault)))
	mux.Handle("GET /admin/users", auth.Require("admin", handleListUsers(vault)))
	apidoc.Register(mux, openapiJSON) // GET /openapi.json and GET /docs
}
