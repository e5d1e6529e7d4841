//go:build exercises

package main

import (
	"net/http"
	"strconv"
	"testing"

	"apicourse/shared/webtest"
)

// Exercise 1: POST /logout with a valid token (scope vault:read) answers
// 204, and from then on that token is 401 {"detail":"Could not validate
// credentials"}; the user's other tokens still work.
func TestExercise1RevokeTokens(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	a := newApp(t)
	first := mint(t, "alice", "vault:read")
	second := mint(t, "alice", "vault:read", "vault:write")

	w := a.as(first, "POST", "/logout", "")
	w.WantStatus(t, http.StatusNoContent)
	w = a.as(first, "GET", "/users/me", "")
	w.WantStatus(t, http.StatusUnauthorized)
	w.WantJSON(t, `{"detail":"Could not validate credentials"}`)
	a.as(second, "GET", "/users/me", "").WantStatus(t, http.StatusOK)
	a.as("", "POST", "/logout", "").WantStatus(t, http.StatusUnauthorized)
	t.Run("openapi.json documents every answer above", docs.Want)
}

// Exercise 2: DELETE /documents/{document_id} (scope vault:write) removes a
// document: 204 for its owner or a user with the admin scope; 403
// {"detail":"Only the owner can delete this document"} for anyone else;
// 404 for a document the user cannot see.
func TestExercise2DeleteDocument(t *testing.T) {
	docs := webtest.DocsLast(t)
	a := newApp(t)
	alice := mint(t, "alice", "vault:read", "vault:write")
	admin := mint(t, "admin", "vault:read", "vault:write", "admin")
	bob := mint(t, "bob", "vault:read", "vault:write") // bob does not hold vault:write: 403 by scope

	created := webtest.Decode[Document](t, a.as(alice, "POST", "/documents", `{"title":"Mine","content":"c","secret_level":1}`))
	path := "/documents/" + strconv.FormatInt(created.ID, 10)

	w := a.as(bob, "DELETE", path, "")
	w.WantStatus(t, http.StatusForbidden)
	w = a.as(alice, "DELETE", "/documents/1", "")
	w.WantStatus(t, http.StatusForbidden)
	w.WantJSON(t, `{"detail":"Only the owner can delete this document"}`)
	a.as(alice, "DELETE", "/documents/5", "").WantStatus(t, http.StatusNotFound)

	a.as(alice, "DELETE", path, "").WantStatus(t, http.StatusNoContent)
	a.as(alice, "GET", path, "").WantStatus(t, http.StatusNotFound)
	a.as(admin, "DELETE", "/documents/2", "").WantStatus(t, http.StatusNoContent)
	t.Run("openapi.json documents every answer above", docs.Want)
}
