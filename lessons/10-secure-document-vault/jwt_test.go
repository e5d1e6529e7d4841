package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var (
	testSecret = []byte("test-secret-that-is-32-bytes-long")
	testNow    = time.Unix(1_764_000_000, 0) // 2025-11-24T16:00:00Z
)

// mint signs claims for sub with the test secret, issued at testNow.
func mint(t testing.TB, sub string, scopes ...string) string {
	t.Helper()
	token, err := SignToken(testSecret, Claims{Sub: sub, Scopes: scopes, IAT: testNow.Unix(), EXP: testNow.Add(tokenLifetime).Unix()})
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// segment encodes s as one base64url token segment.
func segment(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestSignTokenRoundTrips(t *testing.T) {
	token := mint(t, "alice", "vault:read", "vault:write")
	if !strings.HasPrefix(token, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.") {
		t.Errorf("token %s does not start with the header {\"alg\":\"HS256\",\"typ\":\"JWT\"}", token)
	}
	c, err := VerifyToken(testSecret, token, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if c.Sub != "alice" || strings.Join(c.Scopes, " ") != "vault:read vault:write" || c.EXP-c.IAT != 1800 {
		t.Errorf("claims = %+v, want alice with both scopes, 30 minutes", c)
	}
}

func TestVerifyTokenInteroperates(t *testing.T) {
	t.Run("accepts a token made by PyJWT 2.6", func(t *testing.T) {
		// jwt.encode({"sub":"alice","scopes":["vault:read"],"iat":1764000000,"exp":1764001800},
		//            "pyjwt-interop-secret-32-bytes-long!", algorithm="HS256")
		const pyjwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsInNjb3BlcyI6WyJ2YXVsdDpyZWFkIl0sImlhdCI6MTc2NDAwMDAwMCwiZXhwIjoxNzY0MDAxODAwfQ.Y1HeBy3DgkDX-3GbyUVZ-kDFPilIvE7jAqfYcZimIxs"
		c, err := VerifyToken([]byte("pyjwt-interop-secret-32-bytes-long!"), pyjwt, testNow)
		if err != nil || c.Sub != "alice" || len(c.Scopes) != 1 {
			t.Errorf("VerifyToken(PyJWT token) = %+v, %v; want alice with vault:read", c, err)
		}
	})
	t.Run("makes the same signature as jwt.io's HS256 example", func(t *testing.T) {
		const jwtio = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
		// The signature holds; the token has no exp, so it is refused after that check.
		if _, err := VerifyToken([]byte("your-256-bit-secret"), jwtio, testNow); !errors.Is(err, errTokenClaims) {
			t.Errorf("VerifyToken(jwt.io example) error = %v, want %v (signature good, exp missing)", err, errTokenClaims)
		}
		if _, err := VerifyToken([]byte("another-secret"), jwtio, testNow); !errors.Is(err, errTokenSignature) {
			t.Errorf("VerifyToken(jwt.io example, wrong secret) error = %v, want %v", err, errTokenSignature)
		}
	})
	t.Run("makes the same signature as RFC 7515 appendix A.1", func(t *testing.T) {
		key, _ := base64.RawURLEncoding.DecodeString("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
		const input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
		if got := base64.RawURLEncoding.EncodeToString(mac(key, input)); got != "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" {
			t.Errorf("HMAC of the RFC 7515 example = %s, want dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", got)
		}
	})
}

func TestVerifyTokenRefuses(t *testing.T) {
	good := mint(t, "alice", "vault:read")
	parts := strings.Split(good, ".")
	// resign makes a correctly signed token from a header and a payload.
	resign := func(header, payload string) string {
		input := segment(header) + "." + segment(payload)
		return input + "." + base64.RawURLEncoding.EncodeToString(mac(testSecret, input))
	}
	claims := `{"sub":"alice","scopes":["vault:read"],"iat":1764000000,"exp":1764001800}`
	tests := []struct {
		name  string
		token string
		now   time.Time
		want  error
	}{
		{"alg none with no signature", segment(`{"alg":"none","typ":"JWT"}`) + "." + parts[1] + ".", testNow, errTokenAlg},
		{"alg none, signed", resign(`{"alg":"none"}`, claims), testNow, errTokenAlg},
		{"alg HS512", resign(`{"alg":"HS512","typ":"JWT"}`, claims), testNow, errTokenAlg},
		{"alg RS256", resign(`{"alg":"RS256","typ":"JWT"}`, claims), testNow, errTokenAlg},
		{"a typ that is not JWT", resign(`{"alg":"HS256","typ":"JOSE+JSON"}`, claims), testNow, errTokenAlg},
		{"a crit header", resign(`{"alg":"HS256","crit":["exp"]}`, claims), testNow, errTokenAlg},
		{"a header that is not JSON", resign(`alg=HS256`, claims), testNow, errTokenAlg},
		{"a signature from another secret", strings.Join(parts[:2], ".") + "." + segment(strings.Repeat("x", 32)), testNow, errTokenSignature},
		{"a changed payload", parts[0] + "." + segment(strings.Replace(claims, "vault:read", "admin", 1)) + "." + parts[2], testNow, errTokenSignature},
		{"two segments", parts[0] + "." + parts[1], testNow, errTokenMalformed},
		{"four segments", good + "." + parts[2], testNow, errTokenMalformed},
		{"a padded segment", parts[0] + "=." + parts[1] + "." + parts[2], testNow, errTokenMalformed},
		{"standard base64 characters", parts[0] + "." + parts[1] + "." + strings.NewReplacer("-", "+", "_", "/").Replace(parts[2]) + "+", testNow, errTokenMalformed},
		{"a line break inside", parts[0] + ".\n" + parts[1] + "." + parts[2], testNow, errTokenMalformed},
		{"a truncated signature", good[:len(good)-2], testNow, errTokenMalformed},
		{"a signature of the wrong length", good + "AAAA", testNow, errTokenSignature},
		{"an empty token", "", testNow, errTokenMalformed},
		{"a token over 8 KiB", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"pad":"`+strings.Repeat("a", 8<<10)+`"}`), testNow, errTokenMalformed},
		{"no exp", resign(`{"alg":"HS256"}`, `{"sub":"alice","iat":1764000000}`), testNow, errTokenClaims},
		{"no sub", resign(`{"alg":"HS256"}`, `{"exp":1764001800}`), testNow, errTokenClaims},
		{"an exp that is a string", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":"1764001800"}`), testNow, errTokenClaims},
		{"an expired token, past the leeway", good, testNow.Add(tokenLifetime + leeway + time.Second), errTokenExpired},
		{"an iat in the future, past the leeway", good, testNow.Add(-leeway - time.Second), errTokenIssuedAt},

		// Member names are case-sensitive (RFC 7515 §4, RFC 7519 §4): PyJWT sees no alg, sub or exp here.
		{"a header that spells ALG in capitals", resign(`{"ALG":"HS256","typ":"JWT"}`, claims), testNow, errTokenAlg},
		{"a header that spells Alg with a capital", resign(`{"Alg":"HS256"}`, claims), testNow, errTokenAlg},
		{"a payload that spells SUB in capitals", resign(`{"alg":"HS256"}`, `{"SUB":"admin","exp":1764001800}`), testNow, errTokenClaims},
		{"a payload that spells EXP in capitals", resign(`{"alg":"HS256"}`, `{"sub":"alice","EXP":1764001800}`), testNow, errTokenClaims},
		{"a payload that spells Exp with a capital", resign(`{"alg":"HS256"}`, `{"sub":"alice","Exp":1764001800}`), testNow, errTokenClaims},

		// A name given twice: libraries disagree on which one counts, so none does.
		{"a header with alg twice, none last", resign(`{"alg":"HS256","alg":"none"}`, claims), testNow, errTokenDuplicate},
		{"a header with alg twice, HS256 last", resign(`{"alg":"none","alg":"HS256"}`, claims), testNow, errTokenDuplicate},
		{"a payload with sub twice", resign(`{"alg":"HS256"}`, `{"sub":"alice","sub":"admin","exp":1764001800}`), testNow, errTokenDuplicate},
		{"a payload with exp twice", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"exp":9999999999}`), testNow, errTokenDuplicate},
		{"a payload with sub twice, once escaped", resign(`{"alg":"HS256"}`, `{"sub":"alice","\u0073ub":"admin","exp":1764001800}`), testNow, errTokenDuplicate},

		// NumericDates are JSON numbers of seconds; nbf is honoured.
		{"an nbf in the future, past the leeway", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"nbf":1764000031}`), testNow, errTokenNotYet},
		{"a fractional nbf just past the leeway", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"nbf":1764000030.5}`), testNow, errTokenNotYet},
		{"a fractional exp just past the leeway", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1763999969.5}`), testNow, errTokenExpired},
		{"a fractional iat just past the leeway", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"iat":1764000030.25}`), testNow, errTokenIssuedAt},
		{"an exp of null", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":null}`), testNow, errTokenClaims},
		{"an exp too large for any clock", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1e400}`), testNow, errTokenClaims},
		{"an nbf that is a string", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"nbf":"0"}`), testNow, errTokenClaims},
		{"an iat that is a boolean", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"iat":true}`), testNow, errTokenClaims},
		{"a sub that is a number", resign(`{"alg":"HS256"}`, `{"sub":1,"exp":1764001800}`), testNow, errTokenClaims},
		{"scopes that are a string", resign(`{"alg":"HS256"}`, `{"sub":"alice","scopes":"admin","exp":1764001800}`), testNow, errTokenClaims},

		// The member reader walks JSON itself: names are compared after their escapes are read,
		// a long list of names is still checked for repeats, and members of nested objects are not claims.
		{"a payload with sub twice, escaped two ways", resign(`{"alg":"HS256"}`, `{"\u0073ub":"alice","s\u0075b":"admin","exp":1764001800}`), testNow, errTokenDuplicate},
		{"a header with alg twice, once escaped", resign(`{"alg":"HS256","\u0061lg":"none"}`, claims), testNow, errTokenDuplicate},
		{"a header with alg again after sixteen other names", resign(`{"alg":"HS256","a":0,"b":0,"c":0,"d":0,"e":0,"f":0,"g":0,"h":0,"i":0,"j":0,"k":0,"l":0,"m":0,"n":0,"o":0,"p":0,"alg":"none"}`, claims), testNow, errTokenDuplicate},
		{"a payload that repeats its twentieth name", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"a":0,"b":0,"c":0,"d":0,"e":0,"f":0,"g":0,"h":0,"i":0,"j":0,"k":0,"l":0,"m":0,"n":0,"o":0,"p":0,"q":0,"r":0,"r":1}`), testNow, errTokenDuplicate},
		{"a payload whose only sub is inside another member", resign(`{"alg":"HS256"}`, `{"act":{"sub":"admin"},"exp":1764001800}`), testNow, errTokenClaims},
		{"a header whose only alg is inside another member", resign(`{"jwk":{"alg":"HS256"}}`, claims), testNow, errTokenAlg},
		{"a crit of null", resign(`{"alg":"HS256","crit":null}`, claims), testNow, errTokenAlg},
		{"a typ of null", resign(`{"alg":"HS256","typ":null}`, claims), testNow, errTokenAlg},
		{"an exp of 2^63 seconds", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":9223372036854775808}`), testNow, errTokenClaims},
		{"an exp written with 400 digits", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1`+strings.Repeat("0", 400)+`}`), testNow, errTokenClaims},
		{"an iat too far in the past for any clock", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"iat":-1e19}`), testNow, errTokenClaims},
		{"an empty sub", resign(`{"alg":"HS256"}`, `{"sub":"","exp":1764001800}`), testNow, errTokenClaims},
		{"scopes holding a number", resign(`{"alg":"HS256"}`, `{"sub":"alice","scopes":["vault:read",1],"exp":1764001800}`), testNow, errTokenClaims},
		{"scopes that are an object", resign(`{"alg":"HS256"}`, `{"sub":"alice","scopes":{"vault:read":true},"exp":1764001800}`), testNow, errTokenClaims},
		{"a payload that starts with a byte order mark", resign(`{"alg":"HS256"}`, "\uFEFF"+`{"sub":"alice","exp":1764001800}`), testNow, errTokenClaims},

		// Exactly one JSON object, in UTF-8.
		{"a payload that is an array", resign(`{"alg":"HS256"}`, `[{"sub":"alice","exp":1764001800}]`), testNow, errTokenClaims},
		{"a payload with a second object after it", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800}{"sub":"admin"}`), testNow, errTokenClaims},
		{"a header with data after it", resign(`{"alg":"HS256"} x`, claims), testNow, errTokenAlg},
		{"a payload that is not UTF-8", resign(`{"alg":"HS256"}`, "{\"sub\":\"alice\xff\",\"exp\":1764001800}"), testNow, errTokenClaims},
		{"a payload cut short", resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800`), testNow, errTokenClaims},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			if _, err := VerifyToken(testSecret, tt.token, tt.now); !errors.Is(err, tt.want) {
				t.Errorf("VerifyToken error = %v, want %v", err, tt.want)
			}
		})
	}
	t.Run("accepts a token expired within the leeway", func(t *testing.T) {
		if _, err := VerifyToken(testSecret, good, testNow.Add(tokenLifetime+leeway-time.Second)); err != nil {
			t.Errorf("VerifyToken 29 s after exp: %v, want accepted", err)
		}
	})
}

func TestVerifyTokenReadsMembersAsOtherLibrariesDo(t *testing.T) {
	// resign makes a correctly signed token from a header and a payload.
	resign := func(header, payload string) string {
		input := segment(header) + "." + segment(payload)
		return input + "." + base64.RawURLEncoding.EncodeToString(mac(testSecret, input))
	}
	tests := []struct {
		name     string
		token    string
		secret   string
		now      time.Time
		wantIAT  int64
		wantEXP  int64
		wantSubj string
	}{
		{
			// jwt.encode({"sub":"alice","scopes":["vault:read"],"iat":now,"exp":now+600},
			//            "pyjwt-interop-secret-32-bytes-long!", algorithm="HS256")
			// with now = time.time() = 1763999999.8312345 (PyJWT 2.6 keeps the float).
			name:     "a PyJWT token made with exp=time.time()+600",
			token:    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsInNjb3BlcyI6WyJ2YXVsdDpyZWFkIl0sImlhdCI6MTc2Mzk5OTk5OS44MzEyMzQ1LCJleHAiOjE3NjQwMDA1OTkuODMxMjM0NX0.y5IY7hSN2FVYnrODtTVvkqFMUbV11bF3I6CdO7JDZb0",
			secret:   "pyjwt-interop-secret-32-bytes-long!",
			now:      testNow,
			wantIAT:  1763999999, // rounded down
			wantEXP:  1764000600, // rounded up
			wantSubj: "alice",
		},
		{
			// The same with "nbf": now (1764000000.25), as PyJWT writes it.
			name:     "a PyJWT token with a fractional nbf that has just passed",
			token:    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsInNjb3BlcyI6WyJ2YXVsdDpyZWFkIl0sImlhdCI6MTc2NDAwMDAwMC4yNSwiZXhwIjoxNzY0MDAwNjAwLjI1LCJuYmYiOjE3NjQwMDAwMDAuMjV9.UvrX9FAuGrpr-5gLhXNlLvIfKCFjTX_ffjJkbWDNLFs",
			secret:   "pyjwt-interop-secret-32-bytes-long!",
			now:      testNow.Add(time.Second),
			wantIAT:  1764000000,
			wantEXP:  1764000601,
			wantSubj: "alice",
		},
		{
			name:     "an nbf in the future but within the leeway",
			token:    resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1764001800,"nbf":1764000029.5}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
		{
			name:     "a fractional exp passed by less than the leeway",
			token:    resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1763999970.5}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1763999971,
			wantSubj: "alice",
		},
		{
			name:     "an exp written with an exponent",
			token:    resign(`{"alg":"HS256"}`, `{"sub":"alice","exp":1.7640018e9}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
		{
			name:     "a member name written with a JSON escape",
			token:    resign(`{"\u0061lg":"HS256"}`, `{"\u0073ub":"alice","exp":1764001800}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
		{
			name:     "white space between the members and header members we do not use",
			token:    resign("{ \"alg\" : \"HS256\",\n \"kid\": \"k1\" }", "{\"sub\": \"alice\", \"exp\": 1764001800, \"jti\": \"x\"}\n"),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
		{
			name:     "a claim whose name differs from sub only in case, beside sub",
			token:    resign(`{"alg":"HS256"}`, `{"SUB":"admin","sub":"alice","exp":1764001800}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
		{
			name:     "unknown members holding objects, arrays and strings of braces, quotes and backslashes",
			token:    resign(`{"alg":"HS256","kid":{"alg":"none","x":["}"]}}`, `{"act":{"sub":"admin","exp":1},"x":[{"sub":"admin"},"]}\",\"sub\":\"admin",[[]]],"y":"a\\","sub":"alice","exp":1764001800}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
		{
			name:     "a number too large for a float64 in a claim we do not read",
			token:    resign(`{"alg":"HS256"}`, `{"big":1`+strings.Repeat("0", 400)+`,"huge":1e999999,"sub":"alice","exp":1764001800}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
		{
			name:     "twenty members, each once",
			token:    resign(`{"alg":"HS256"}`, `{"a":0,"b":0,"c":0,"d":0,"e":0,"f":0,"g":0,"h":0,"i":0,"j":0,"k":0,"l":0,"m":0,"n":0,"o":0,"p":0,"q":0,"r":0,"sub":"alice","exp":1764001800}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
		{
			name:     "scopes of null, as PyJWT writes scopes=None",
			token:    resign(`{"alg":"HS256"}`, `{"sub":"alice","scopes":null,"exp":1764001800}`),
			secret:   string(testSecret),
			now:      testNow,
			wantEXP:  1764001800,
			wantSubj: "alice",
		},
	}
	for _, tt := range tests {
		t.Run("accepts "+tt.name, func(t *testing.T) {
			c, err := VerifyToken([]byte(tt.secret), tt.token, tt.now)
			if err != nil {
				t.Fatalf("VerifyToken error = %v, want accepted", err)
			}
			if c.Sub != tt.wantSubj || c.IAT != tt.wantIAT || c.EXP != tt.wantEXP {
				t.Errorf("claims = %+v, want sub %s, iat %d, exp %d", c, tt.wantSubj, tt.wantIAT, tt.wantEXP)
			}
		})
	}
}

// FuzzVerifyToken checks that no input panics VerifyToken and that nothing
// but a token signed with the secret is accepted.
func FuzzVerifyToken(f *testing.F) {
	f.Add(mint(f, "alice", "vault:read"))
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add("a.b.c")
	f.Add("...")
	f.Add(segment(`{"ALG":"HS256"}`) + "." + segment(`{"SUB":"admin","exp":1764001800}`) + ".")
	f.Add(segment(`{"alg":"none","alg":"HS256"}`) + "." + segment(`{"sub":"alice","exp":1764001800.5,"nbf":1764000000.25}`) + ".")
	f.Fuzz(func(t *testing.T, token string) {
		c, err := VerifyToken(testSecret, token, testNow)
		if err != nil {
			return
		}
		parts := strings.Split(token, ".")
		if got := base64.RawURLEncoding.EncodeToString(mac(testSecret, parts[0]+"."+parts[1])); got != parts[2] || c.Sub == "" {
			t.Fatalf("VerifyToken accepted %q (claims %+v) without a valid signature", token, c)
		}
	})
}

// FuzzVerifyClaims signs any payload with the test secret, so that the
// claims reader is what the fuzzer explores, and checks that an accepted
// payload means what encoding/json's exact map decoding says it means:
// the sub we return is the payload's "sub" (not "SUB", not a first of
// two), and its exp is a number that has not passed.
func FuzzVerifyClaims(f *testing.F) {
	f.Add(`{"sub":"alice","scopes":["vault:read"],"iat":1764000000,"exp":1764001800}`)
	f.Add(`{"sub":"alice","iat":1763999999.8312345,"exp":1764000599.8312345,"nbf":1764000000.25}`)
	f.Add(`{"SUB":"admin","sub":"alice","exp":1764001800}`)
	f.Add(`{"sub":"alice","sub":"admin","exp":1764001800}`)
	f.Add(`{"sub":"alice","\u0073ub":"admin","exp":1764001800}`)
	f.Add(`{"sub":"alice","exp":1e400}`)
	f.Add(`{"sub":"alice","exp":"1764001800"}`)
	f.Fuzz(func(t *testing.T, payload string) {
		input := segment(`{"alg":"HS256","typ":"JWT"}`) + "." + segment(payload)
		token := input + "." + base64.RawURLEncoding.EncodeToString(mac(testSecret, input))
		c, err := VerifyToken(testSecret, token, testNow)
		if err != nil {
			return
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(payload), &m); err != nil {
			t.Fatalf("VerifyToken accepted %q, which is not a JSON object: %v", payload, err)
		}
		exp, isNumber := m["exp"].(float64)
		if m["sub"] != c.Sub || c.Sub == "" || !isNumber || float64(testNow.Unix())-exp > leeway.Seconds() {
			t.Fatalf("VerifyToken accepted %q as %+v; an exact reading gives sub %v, exp %v", payload, c, m["sub"], m["exp"])
		}
	})
}
