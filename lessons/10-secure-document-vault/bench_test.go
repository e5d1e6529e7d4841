package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSignToken measures making one access token.
func BenchmarkSignToken(b *testing.B) {
	c := Claims{Sub: "alice", Scopes: []string{"vault:read", "vault:write"}, IAT: testNow.Unix(), EXP: testNow.Add(tokenLifetime).Unix()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SignToken(testSecret, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyToken measures checking one access token.
func BenchmarkVerifyToken(b *testing.B) {
	token := mint(b, "alice", "vault:read", "vault:write")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := VerifyToken(testSecret, token, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListDocuments measures an authenticated GET /documents through
// the whole stack: token check, scope, clearance filter, JSON.
func BenchmarkListDocuments(b *testing.B) {
	a := newApp(b)
	r := httptest.NewRequest("GET", "/documents", nil)
	r.Header.Set("Authorization", "Bearer "+mint(b, "admin", "vault:read"))
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		a.h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("GET /documents status = %d", w.Code)
		}
	}
}
