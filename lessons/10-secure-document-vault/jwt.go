package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
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
	if len(token) > maxTokenBytes || !base64urlOrDots(token) || strings.Count(token, ".") != 2 {
		return Claims{}, errTokenMalformed
	}
	header, rest, _ := strings.Cut(token, ".")
	payload, signature, _ := strings.Cut(rest, ".")
	if err := checkHeader(header); err != nil {
		return Claims{}, err
	}
	var sigBytes [sha256.Size]byte // a right signature fits here, on the stack
	sig, err := b64.AppendDecode(sigBytes[:0], []byte(signature))
	if err != nil {
		return Claims{}, errTokenMalformed
	}
	if !hmac.Equal(sig, mac(secret, token[:len(header)+1+len(payload)])) {
		return Claims{}, errTokenSignature
	}
	return checkClaims(payload, now)
}

// checkHeader accepts only {"alg":"HS256"} with an optional "typ":"JWT"
// and no "crit" extensions we would have to understand. The header we
// issue, which PyJWT issues too, is accepted without decoding it.
func checkHeader(segment string) error {
	if segment == jwtHeader {
		return nil
	}
	raw, err := b64.DecodeString(segment)
	if err != nil {
		return errTokenMalformed
	}
	algOK, typOK, crit := false, true, false
	err = members(raw, func(name, value []byte) {
		switch string(name) {
		case "alg":
			alg, ok := stringValue(value)
			algOK = ok && string(alg) == "HS256"
		case "typ":
			typ, ok := stringValue(value)
			typOK = ok && string(typ) == "JWT"
		case "crit":
			crit = true
		}
	})
	switch {
	case errors.Is(err, errTokenDuplicate):
		return err
	case err != nil || !algOK || !typOK || crit:
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
	var (
		c                      Claims
		exp, iat, nbf          float64
		hasExp, hasIAT, hasNBF bool
		typesOK                = true
	)
	err = members(raw, func(name, value []byte) {
		ok := true
		switch string(name) {
		case "sub":
			var sub []byte
			sub, ok = stringValue(value)
			c.Sub = string(sub)
		case "scopes":
			c.Scopes, ok = stringArray(value)
		case "exp":
			exp, ok = numericDate(value)
			hasExp = true
		case "iat":
			iat, ok = numericDate(value)
			hasIAT = true
		case "nbf":
			nbf, ok = numericDate(value)
			hasNBF = true
		}
		typesOK = typesOK && ok
	})
	switch {
	case errors.Is(err, errTokenDuplicate):
		return Claims{}, err
	case err != nil || !typesOK || c.Sub == "" || !hasExp:
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
	c.IAT, c.EXP = int64(math.Floor(iat)), int64(math.Ceil(exp))
	return c, nil
}

// members reads raw, which must be one JSON object in UTF-8 with nothing
// after it, and calls member with each member's exact name and its value
// as raw JSON, in order. json.Unmarshal into a struct would not do: it
// matches names regardless of case ("SUB" fills the field tagged "sub")
// and lets a repeated name overwrite the first, so we would check claims
// that other JWT libraries do not see. Here "SUB" stays "SUB", and a name
// given twice is refused with errTokenDuplicate. json.Valid checks the
// syntax first, so the walk below only has to find where things end.
func members(raw []byte, member func(name, value []byte)) error {
	if !utf8.Valid(raw) || !json.Valid(raw) {
		return errNotObject
	}
	i := skipSpace(raw, 0)
	if raw[i] != '{' {
		return errNotObject
	}
	var seen nameSet
	for i = skipSpace(raw, i+1); raw[i] != '}'; {
		end := stringEnd(raw, i)
		name, _ := stringValue(raw[i:end])
		if seen.has(name) {
			return errTokenDuplicate
		}
		i = skipSpace(raw, skipSpace(raw, end)+1) // past the colon
		end = valueEnd(raw, i)
		member(name, raw[i:end])
		if i = skipSpace(raw, end); raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return nil
}

// nameSet remembers member names to find one given twice: a short list
// holds the few names of a usual token, and a map takes over past that
// so that thousands of names cannot make us compare each with all others.
type nameSet struct {
	list  [16][]byte
	n     int
	names map[string]bool
}

// has reports whether name was seen before, and remembers it.
func (s *nameSet) has(name []byte) bool {
	if s.n < len(s.list) {
		for _, seen := range s.list[:s.n] {
			if bytes.Equal(seen, name) {
				return true
			}
		}
		s.list[s.n] = name
		s.n++
		return false
	}
	if s.names == nil {
		s.names = make(map[string]bool)
		for _, seen := range s.list {
			s.names[string(seen)] = true
		}
	}
	if s.names[string(name)] {
		return true
	}
	s.names[string(name)] = true
	return false
}

// stringValue returns the text of value if it is a JSON string. The
// usual string has no escapes and is its own bytes between the quotes.
func stringValue(value []byte) ([]byte, bool) {
	if len(value) < 2 || value[0] != '"' {
		return nil, false
	}
	if bytes.IndexByte(value, '\\') < 0 {
		return value[1 : len(value)-1], true
	}
	var s string
	if json.Unmarshal(value, &s) != nil {
		return nil, false
	}
	return []byte(s), true
}

// stringArray reads value, a JSON array of strings, as json.Unmarshal
// into a []string does: null is no array, and a null element is "".
func stringArray(value []byte) ([]string, bool) {
	if string(value) == "null" {
		return nil, true
	}
	if value[0] != '[' {
		return nil, false
	}
	// Each element but the last ends with a comma, so this is room enough.
	list := make([]string, 0, bytes.Count(value, []byte(","))+1)
	for i := skipSpace(value, 1); value[i] != ']'; {
		end := valueEnd(value, i)
		s, ok := stringValue(value[i:end])
		if !ok && string(value[i:end]) != "null" {
			return nil, false
		}
		list = append(list, string(s))
		if i = skipSpace(value, end); value[i] == ',' {
			i = skipSpace(value, i+1)
		}
	}
	return list, true
}

// numericDate reads value, an RFC 7519 NumericDate: a JSON number of
// seconds since 1970, which may have a fraction (PyJWT writes
// exp=time.time()+600 as 1764000599.8312345). A string, null or a number
// beyond int64 seconds is refused.
func numericDate(value []byte) (secs float64, ok bool) {
	if value[0] != '-' && (value[0] < '0' || value[0] > '9') {
		return 0, false // not a number: a string, null, ...
	}
	secs, err := strconv.ParseFloat(string(value), 64)
	if err != nil || math.Abs(secs) >= 1<<63 {
		return 0, false
	}
	return secs, true
}

// The three functions below walk JSON that json.Valid has accepted, so
// they only look for where a piece ends.

// skipSpace returns the index of the first byte from i on that is not
// JSON white space.
func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the JSON string that starts at i.
func stringEnd(data []byte, i int) int {
	for i++; data[i] != '"'; i++ {
		if data[i] == '\\' {
			i++ // the escaped byte cannot end the string
		}
	}
	return i + 1
}

// valueEnd returns the index just past the JSON value that starts at i,
// which may hold arrays and objects to any depth.
func valueEnd(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = stringEnd(data, i) - 1
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // the end of the object or array around the value
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return i
			}
		}
	}
	return i
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
