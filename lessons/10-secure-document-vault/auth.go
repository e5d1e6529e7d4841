package main

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"apicourse/shared/web"
)

// tokenLifetime is how long an access token is valid.
const tokenLifetime = 30 * time.Minute

// Auth issues and checks access tokens.
type Auth struct {
	secret []byte
	vault  *Vault
	now    func() time.Time
}

// NewAuth signs tokens with secret for the vault's users; now is the clock.
func NewAuth(secret []byte, vault *Vault, now func() time.Time) *Auth {
	return &Auth{secret: secret, vault: vault, now: now}
}

// Issue returns a token for user with the requested scopes the user holds
// (all of them when none are requested), and the scopes granted.
func (a *Auth) Issue(user User, requested []string) (string, []string, error) {
	granted := user.Scopes
	if len(requested) > 0 {
		granted = slices.DeleteFunc(slices.Clone(user.Scopes), func(s string) bool { return !slices.Contains(requested, s) })
	}
	now := a.now()
	token, err := SignToken(a.secret, Claims{Sub: user.Username, Scopes: granted, IAT: now.Unix(), EXP: now.Add(tokenLifetime).Unix()})
	return token, granted, err
}

// The 401 and 403 answers, with the WWW-Authenticate forms of RFC 6750.
var (
	errNotAuthenticated = web.Errorf(http.StatusUnauthorized, "Not authenticated")
	errBadCredentials   = web.Errorf(http.StatusUnauthorized, "Could not validate credentials")
	errNoPermission     = web.Errorf(http.StatusForbidden, "Not enough permissions")
)

type userKey struct{}

// Require wraps next so that it runs only for a request with a valid
// bearer token that grants scope; next finds the user with userFrom.
func (a *Auth) Require(scope string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearerToken(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", "Bearer")
			web.Error(w, r, errNotAuthenticated)
			return
		}
		user, scopes, ok := a.check(token)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			web.Error(w, r, errBadCredentials)
			return
		}
		if !slices.Contains(scopes, scope) {
			w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope", scope="`+scope+`"`)
			web.Error(w, r, errNoPermission)
			return
		}
		// What a token opens is the user's alone: no cache may keep it.
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, user)))
	})
}

// check verifies token and returns its user and the scopes it grants that
// the user still holds.
func (a *Auth) check(token string) (User, []string, bool) {
	claims, err := VerifyToken(a.secret, token, a.now())
	if err != nil {
		return User{}, nil, false
	}
	user, ok := a.vault.User(claims.Sub)
	if !ok {
		return User{}, nil, false
	}
	scopes := slices.DeleteFunc(claims.Scopes, func(s string) bool { return !slices.Contains(user.Scopes, s) })
	return user, scopes, true
}

// bearerToken returns the token of an "Authorization: Bearer <token>"
// header; the scheme name is case-insensitive (RFC 7235).
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	return token, ok && strings.EqualFold(scheme, "Bearer") && token != ""
}

// userFrom returns the user Require put in the request's context. A
// handler mounted without Require finds none: that is a mistake in
// routes.go, not a request to answer as a nameless user of clearance 0, so
// userFrom panics, and web.Recover makes it a 500 with this message on the
// request's log line.
func userFrom(ctx context.Context) User {
	u, ok := ctx.Value(userKey{}).(User)
	if !ok {
		panic("userFrom: no user in the request's context: mount this handler with auth.Require in routes.go")
	}
	return u
}
