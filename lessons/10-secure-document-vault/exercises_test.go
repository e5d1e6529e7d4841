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
	a := newApp(t)
	first := mint(t, "alice", "vault:read")
	second := mint(t, "alice", "vault:read", "vault:write")

	w := a.as(first, "POST", "/logout", "")
	webtest.WantStatus(t, w, "POST /logout", http.StatusNoContent)
	w = a.as(first, "GET", "/users/me", "")
	webtest.WantStatus(t, w, "GET /users/me with the revoked token", http.StatusUnauthorized)
	webtest.WantJSON(t, w, "GET /users/me with the revoked token", `{"detail":"Could not validate credentials"}`)
	webtest.WantStatus(t, a.as(second, "GET", "/users/me", ""), "GET /users/me with another token", http.StatusOK)
	webtest.WantStatus(t, a.as("", "POST", "/logout", ""), "POST /logout without a token", http.StatusUnauthorized)
}

// Exercise 2: DELETE /documents/{document_id} (scope vault:write) removes a
// document: 204 for its owner or a user with the admin scope; 403
// {"detail":"Only the owner can delete this document"} for anyone else;
// 404 for a document the user cannot see.
func TestExercise2DeleteDocument(t *testing.T) {
	a := newApp(t)
	alice := mint(t, "alice", "vault:read", "vault:write")
	admin := mint(t, "admin", "vault:read", "vault:write", "admin")
	bob := mint(t, "bob", "vault:read", "vault:write") // bob does not hold vault:write: 403 by scope

	created := webtest.Decode[Document](t, a.as(alice, "POST", "/documents", `{"title":"Mine","content":"c","secret_level":1}`))
	path := "/documents/" + strconv.FormatInt(created.ID, 10)

	w := a.as(bob, "DELETE", path, "")
	webtest.WantStatus(t, w, "DELETE as bob", http.StatusForbidden)
	w = a.as(alice, "DELETE", "/documents/1", "")
	webtest.WantStatus(t, w, "DELETE admin's document as alice", http.StatusForbidden)
	webtest.WantJSON(t, w, "DELETE admin's document as alice", `{"detail":"Only the owner can delete this document"}`)
	webtest.WantStatus(t, a.as(alice, "DELETE", "/documents/5", ""), "DELETE a level-5 document as alice", http.StatusNotFound)

	webtest.WantStatus(t, a.as(alice, "DELETE", path, ""), "DELETE "+path+" as its owner", http.StatusNoContent)
	webtest.WantStatus(t, a.as(alice, "GET", path, ""), "GET "+path+" after DELETE", http.StatusNotFound)
	webtest.WantStatus(t, a.as(admin, "DELETE", "/documents/2", ""), "DELETE /documents/2 as admin", http.StatusNoContent)
}
