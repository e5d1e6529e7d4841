package main

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"apicourse/shared/web"
)

// maxFormBytes caps the body of POST /token.
const maxFormBytes = 16 << 10

// errLogin is the one answer to a wrong username or password: which of the
// two was wrong is not the client's to know.
var errLogin = web.Errorf(http.StatusBadRequest, "Incorrect username or password")

// answer turns the vault's errors into what a client sees: the one place
// that maps them. Anything else stays an error, which web.Error answers
// with a 500 and logs.
func answer(err error) error {
	switch {
	case errors.Is(err, ErrNotFound):
		return web.Errorf(http.StatusNotFound, "Document not found")
	case errors.Is(err, ErrAboveClearance):
		return web.Errorf(http.StatusForbidden, "Insufficient clearance level")
	case errors.Is(err, ErrFull):
		return web.ErrStorageFull // 507 {"detail":"Storage limit reached"}
	}
	return err
}

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
		requested := strings.Fields(r.PostForm.Get("scope"))
		if unknown := unknownScope(requested); unknown != "" {
			// RFC 6749 §5.2's error member, beside the course's detail,
			// before any bcrypt: the request is wrong whoever sends it.
			w.Header().Set("Cache-Control", "no-store")
			web.JSON(w, r, http.StatusBadRequest, map[string]string{"error": "invalid_scope", "detail": "Unknown scope: " + unknown})
			return
		}
		user, known := vault.User(username)
		match, err := passwords.Check(r.Context(), web.ClientIP(r), username, password)
		if err != nil {
			web.Error(w, r, err) // 429: too many failures; 503: too many logins at once
			return
		}
		if !match || !known {
			web.Error(w, r, errLogin)
			return
		}
		token, granted, err := auth.Issue(user, requested)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		// A token is a credential: no cache may keep it (RFC 6749 §5.1).
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Pragma", "no-cache")
		web.JSON(w, r, http.StatusOK, map[string]any{
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

// scopes are the scopes a token can carry, as openapi.json's OAuth2 scheme
// lists them.
var scopes = []string{"vault:read", "vault:write", "admin"}

// unknownScope returns the first requested scope that is none of scopes,
// "" when there is none. A scope the user does not hold is not unknown: it
// is left out of the token (asked for ∩ held).
func unknownScope(requested []string) string {
	for _, s := range requested {
		if !slices.Contains(scopes, s) {
			return s
		}
	}
	return ""
}

func handleMe() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.JSON(w, r, http.StatusOK, userFrom(r.Context()))
	})
}

// The bounds of a page of GET /documents: limit is 1..100, 20 when absent.
const (
	defaultPageLimit = 20
	maxPageLimit     = 100
)

// handleListDocuments answers one page, newest first, streamed a piece at
// a time: a page of 100 documents of 100 KB is never encoded whole, and a
// client that does not read holds one piece of it.
func handleListDocuments(vault *Vault) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := web.Query(r) // r.URL.Query, but a malformed pair is kept: a 422, not the default
		pg, err := web.ParsePage(q, defaultPageLimit, maxPageLimit)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		docs, more := vault.Readable(userFrom(r.Context()).ClearanceLevel, pg.Offset, pg.Limit)
		if more {
			w.Header().Add("Link", pg.NextLink("/documents", q, len(docs)))
		}
		web.JSONArray(w, r, http.StatusOK, docs)
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
		doc, err := vault.Document(id, userFrom(r.Context()).ClearanceLevel)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		web.JSON(w, r, http.StatusOK, doc)
	})
}

// documentCreate is the body of POST /documents: the id and the owner are
// the server's, so a client that sends them gets extra_forbidden.
type documentCreate struct {
	Title       string `json:"title"`
	Content     string `json:"content"`
	SecretLevel int64  `json:"secret_level"`
}

// Valid checks what the types cannot, as FastAPI's Field(...) does.
func (in *documentCreate) Valid(p *web.Problems) {
	p.NotBlank(in.Title, "title")
	p.MaxLength(in.Title, 200, "title")
	p.NotBlank(in.Content, "content")
	p.MaxLength(in.Content, 100_000, "content")
	p.Between(in.SecretLevel, 1, 5, "secret_level")
}

func handleCreateDocument(vault *Vault) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in, err := web.Decode[documentCreate](w, r)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		user := userFrom(r.Context())
		doc := Document{Title: in.Title, Content: in.Content, SecretLevel: int(in.SecretLevel), Owner: user.Username}
		doc, err = vault.Add(doc, user.ClearanceLevel)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		w.Header().Set("Location", "/documents/"+strconv.FormatInt(doc.ID, 10))
		web.JSON(w, r, http.StatusCreated, doc)
	})
}

func handleListUsers(vault *Vault) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.JSON(w, r, http.StatusOK, vault.Users())
	})
}
