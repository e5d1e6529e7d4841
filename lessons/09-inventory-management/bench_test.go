package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchmarkGet measures one GET through the whole handler stack.
func benchmarkGet(b *testing.B, path string) {
	h := newHandler(b)
	r := httptest.NewRequest("GET", path, nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s status = %d", path, w.Code)
		}
	}
}

// BenchmarkV2Page measures a full v2 page of 100 items with its metadata
// and next link.
func BenchmarkV2Page(b *testing.B) { benchmarkGet(b, "/v2/items?offset=100&limit=100") }

// BenchmarkV2Category measures a filtered v2 page.
func BenchmarkV2Category(b *testing.B) { benchmarkGet(b, "/v2/items?category=books&limit=20") }

// BenchmarkV1Page measures a v1 page of 10 items with the deprecation headers.
func BenchmarkV1Page(b *testing.B) { benchmarkGet(b, "/v1/items?offset=20&limit=10") }
