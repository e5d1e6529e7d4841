package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// Claims are what a token says: who it is for, what it may do, and when
// it was issued and expires (Unix seconds).
type Claims struct {
	Sub    string   `json:"sub"`
	Scopes []string `json:"scopes"`
	IAT    int64    `json:"iat"`
	EXP    int64    `json:"exp"`
}

const (
	// maxTokenBytes bounds the work an attacker can make us do per request.
	maxTokenBytes = 8 << 10
	// leeway forgives small clock differences between servers.
	leeway = 30 * time.Second
)

var (
	errTokenMalformed = errors.New("token is not three base64url segments")
	errTokenAlg       = errors.New("token header is not HS256")
	errTokenSignature = errors.New("token signature is wrong")
	errTokenClaims    = errors.New("token claims are malformed")
	errTokenExpired   = errors.New("token has expired")
	errTokenIssuedAt  = errors.New("token is issued in the future")
)

// b64 is base64url without padding, refusing non-canonical encodings.
var b64 = base64.RawURLEncoding.Strict()

// jwtHeader is the only header we issue, encoded once.
var jwtHeader = b64.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))

// SignToken returns the HS256 JWT of c under secret.
func SignToken(secret []byte, c Claims) (string, error) {
	payload, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	input := jwtHeader + "." + b64.EncodeToString(payload)
	return input + "." + b64.EncodeToString(mac(secret, input)), nil
}

// VerifyToken checks token and returns its claims. In order: size, shape,
// header (alg must be HS256: "none" and others are refused, whatever the
// token says), signature (constant time), then the claims, whose exp is
// required and iat may not be in the future, each with leeway.
func VerifyToken(secret []byte, token string, now time.Time) (Claims, error) {
	if len(token) > maxTokenBytes || !base64urlOrDots(token) {
		return Claims{}, errTokenMalformed
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return Claims{}, errTokenMalformed
	}
	if err := checkHeader(parts[0]); err != nil {
		return Claims{}, err
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return Claims{}, errTokenMalformed
	}
	if !hmac.Equal(sig, mac(secret, parts[0]+"."+parts[1])) {
		return Claims{}, errTokenSignature
	}
	return checkClaims(parts[1], now)
}

// checkHeader accepts only {"alg":"HS256"} with an optional "typ":"JWT"
// and no "crit" extensions we would have to understand.
func checkHeader(segment string) error {
	raw, err := b64.DecodeString(segment)
	if err != nil {
		return errTokenMalformed
	}
	var h struct {
		Alg  string          `json:"alg"`
		Typ  *string         `json:"typ"`
		Crit json.RawMessage `json:"crit"`
	}
	if json.Unmarshal(raw, &h) != nil || h.Alg != "HS256" || (h.Typ != nil && *h.Typ != "JWT") || h.Crit != nil {
		return errTokenAlg
	}
	return nil
}

// checkClaims decodes the payload and checks sub, exp and iat against now.
func checkClaims(segment string, now time.Time) (Claims, error) {
	raw, err := b64.DecodeString(segment)
	if err != nil {
		return Claims{}, errTokenMalformed
	}
	var c struct {
		Sub    string   `json:"sub"`
		Scopes []string `json:"scopes"`
		IAT    *int64   `json:"iat"`
		EXP    *int64   `json:"exp"`
	}
	if json.Unmarshal(raw, &c) != nil || c.Sub == "" || c.EXP == nil {
		return Claims{}, errTokenClaims
	}
	if now.After(time.Unix(*c.EXP, 0).Add(leeway)) {
		return Claims{}, errTokenExpired
	}
	claims := Claims{Sub: c.Sub, Scopes: c.Scopes, EXP: *c.EXP}
	if c.IAT != nil {
		if time.Unix(*c.IAT, 0).After(now.Add(leeway)) {
			return Claims{}, errTokenIssuedAt
		}
		claims.IAT = *c.IAT
	}
	return claims, nil
}

// base64urlOrDots reports whether s has only base64url characters and
// dots. The decoder would silently skip CR and LF; we refuse them.
func base64urlOrDots(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func mac(secret []byte, input string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(input))
	return m.Sum(nil)
}
