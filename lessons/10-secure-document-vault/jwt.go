package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Claims are what a token says: who it is for, what it may do, and when
// it was issued and expires (Unix seconds). The tags are for SignToken
// only: VerifyToken reads members by their exact names (see members).
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
	errTokenNotYet    = errors.New("token is not valid yet (nbf)")
	errTokenDuplicate = errors.New("token repeats a member name")
	errNotObject      = errors.New("not one JSON object")
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
// token says), signature (constant time), then the claims: sub and exp are
// required, exp may not be past, iat and nbf may not be in the future,
// each with leeway.
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
	h, err := members(raw)
	switch {
	case errors.Is(err, errTokenDuplicate):
		return err
	case err != nil:
		return errTokenAlg
	}
	alg, ok := stringMember(h, "alg")
	if !ok || alg != "HS256" {
		return errTokenAlg
	}
	if _, has := h["typ"]; has {
		if typ, ok := stringMember(h, "typ"); !ok || typ != "JWT" {
			return errTokenAlg
		}
	}
	if _, has := h["crit"]; has {
		return errTokenAlg
	}
	return nil
}

// checkClaims reads the payload and checks sub, exp, iat and nbf against
// now. The returned IAT and EXP are whole seconds, rounded outwards (iat
// down, exp up) from the NumericDates checked here.
func checkClaims(segment string, now time.Time) (Claims, error) {
	raw, err := b64.DecodeString(segment)
	if err != nil {
		return Claims{}, errTokenMalformed
	}
	c, err := members(raw)
	switch {
	case errors.Is(err, errTokenDuplicate):
		return Claims{}, err
	case err != nil:
		return Claims{}, errTokenClaims
	}
	sub, ok := stringMember(c, "sub")
	if !ok || sub == "" {
		return Claims{}, errTokenClaims
	}
	var scopes []string
	if raw, has := c["scopes"]; has && json.Unmarshal(raw, &scopes) != nil {
		return Claims{}, errTokenClaims
	}
	exp, hasExp, expErr := numericDate(c, "exp")
	iat, hasIAT, iatErr := numericDate(c, "iat")
	nbf, hasNBF, nbfErr := numericDate(c, "nbf")
	if !hasExp || expErr != nil || iatErr != nil || nbfErr != nil {
		return Claims{}, errTokenClaims
	}
	t, slack := unixSeconds(now), leeway.Seconds()
	switch {
	case t > exp+slack:
		return Claims{}, errTokenExpired
	case hasIAT && iat > t+slack:
		return Claims{}, errTokenIssuedAt
	case hasNBF && nbf > t+slack:
		return Claims{}, errTokenNotYet
	}
	return Claims{Sub: sub, Scopes: scopes, IAT: int64(math.Floor(iat)), EXP: int64(math.Ceil(exp))}, nil
}

// members reads one JSON object and returns its members by their exact
// names. json.Unmarshal into a struct would not do: it matches names
// regardless of case ("SUB" fills the field tagged "sub") and lets a
// repeated name overwrite the first, so we would check claims that other
// JWT libraries do not see. Here "SUB" stays "SUB", and a name given twice
// is refused. The object must be valid UTF-8 with nothing after it.
func members(raw []byte) (map[string]json.RawMessage, error) {
	if !utf8.Valid(raw) {
		return nil, errNotObject
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errNotObject
	}
	obj := map[string]json.RawMessage{}
	for dec.More() {
		t, err := dec.Token()
		name, isName := t.(string)
		if err != nil || !isName {
			return nil, errNotObject
		}
		if _, seen := obj[name]; seen {
			return nil, errTokenDuplicate
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, errNotObject
		}
		obj[name] = value
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, errNotObject
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errNotObject // trailing data
	}
	return obj, nil
}

// stringMember returns member name of obj if it is there and a JSON string.
func stringMember(obj map[string]json.RawMessage, name string) (string, bool) {
	raw := obj[name]
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// numericDate returns member name of obj, an RFC 7519 NumericDate: a JSON
// number of seconds since 1970, which may have a fraction (PyJWT writes
// exp=time.time()+600 as 1764000599.8312345). present is false when the
// member is absent; a string, null or a number beyond int64 seconds is an
// error.
func numericDate(obj map[string]json.RawMessage, name string) (secs float64, present bool, err error) {
	raw, present := obj[name]
	if !present {
		return 0, false, nil
	}
	if len(raw) == 0 || raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return 0, true, errTokenClaims // not a number: a string, null, ...
	}
	secs, err = strconv.ParseFloat(string(raw), 64)
	if err != nil || math.Abs(secs) >= 1<<63 {
		return 0, true, errTokenClaims
	}
	return secs, true, nil
}

// unixSeconds is t as a NumericDate.
func unixSeconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
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
