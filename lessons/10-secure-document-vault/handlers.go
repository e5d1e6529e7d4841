package main

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"apicourse/shared/web"
)

// maxFormBytes caps the body of POST /token.
const maxFormBytes = 16 << 10

var (
	errLogin          = web.Errorf(http.StatusBadRequest, "Incorrect username or password")
	errDocNotFound    = web.Errorf(http.StatusNotFound, "Document not found")
	errClearanceLevel = web.Errorf(http.StatusForbidden, "Insufficient clearance level")
)

// handleToken is the OAuth2 password grant: a form with username and
// password (and optionally grant_type=password and scope) gets a token.
func handleToken(auth *Auth, vault *Vault, passwords *Passwords) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := web.ParseForm(w, r, maxFormBytes); err != nil {
			web.Error(w, r, err)
			return
		}
		username, password, err := loginForm(r)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		user, known := vault.User(username)
		match, err := passwords.Check(r.Context(), username, password)
		if err != nil {
			web.Error(w, r, err) // 503: too many logins at once
			return
		}
		if !match || !known {
			web.Error(w, r, errLogin)
			return
		}
		token, granted, err := auth.Issue(user, strings.Fields(r.PostForm.Get("scope")))
		if err != nil {
			web.Error(w, r, err)
			return
		}
		// A token is a credential: no cache may keep it (RFC 6749 §5.1).
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Pragma", "no-cache")
		web.JSON(w, http.StatusOK, map[string]any{
			"access_token": token,
			"token_type":   "bearer",
			"expires_in":   int(tokenLifetime.Seconds()),
			"scope":        strings.Join(granted, " "),
		})
	})
}

// loginForm reads the form of POST /token, reporting every problem at once.
func loginForm(r *http.Request) (username, password string, err error) {
	var p web.Problems
	for _, name := range []string{"username", "password"} {
		if !r.PostForm.Has(name) {
			p.Missing("form", name)
		}
	}
	if r.PostForm.Has("grant_type") && r.PostForm.Get("grant_type") != "password" {
		p.Add("string_pattern_mismatch", "String should match pattern '^password$'", "form", "grant_type")
	}
	return r.PostForm.Get("username"), r.PostForm.Get("password"), p.Err()
}

func handleMe() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.JSON(w, http.StatusOK, userFrom(r.Context()))
	})
}

func handleListDocuments(vault *Vault) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.JSON(w, http.StatusOK, vault.Readable(userFrom(r.Context()).ClearanceLevel))
	})
}

// handleGetDocument answers 404 alike for a document that does not exist
// and for one above the user's clearance: its existence is a secret too.
func handleGetDocument(vault *Vault) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "document_id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		doc, ok := vault.Document(id, userFrom(r.Context()).ClearanceLevel)
		if !ok {
			web.Error(w, r, errDocNotFound)
			return
		}
		web.JSON(w, http.StatusOK, doc)
	})
}

func handleCreateDocument(vault *Vault) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in Document
		var level int64
		err := web.DecodeJSON(w, r,
			web.Field("title", &in.Title, web.Length(1, 200)),
			web.Field("content", &in.Content, web.Length(1, 100_000)),
			web.Field("secret_level", &level, web.Range(1, 5)),
		)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		user := userFrom(r.Context())
		if int(level) > user.ClearanceLevel {
			web.Error(w, r, errClearanceLevel)
			return
		}
		in.SecretLevel, in.Owner = int(level), user.Username
		doc, err := vault.Add(in)
		switch {
		case errors.Is(err, ErrFull):
			web.Error(w, r, web.ErrStorageFull) // 507 {"detail":"Storage limit reached"}
			return
		case err != nil:
			web.Error(w, r, err)
			return
		}
		web.Created(w, "/documents/"+strconv.FormatInt(doc.ID, 10), doc)
	})
}

func handleListUsers(vault *Vault) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.JSON(w, http.StatusOK, vault.Users())
	})
}
