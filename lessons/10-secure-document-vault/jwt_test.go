package main

import (
	"encoding/base64"
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

// FuzzVerifyToken checks that no input panics VerifyToken and that nothing
// but a token signed with the secret is accepted.
func FuzzVerifyToken(f *testing.F) {
	f.Add(mint(f, "alice", "vault:read"))
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add("a.b.c")
	f.Add("...")
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
