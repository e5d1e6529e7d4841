package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkCachedWeather measures GET /weather answered from the cache,
// through the whole handler stack.
func BenchmarkCachedWeather(b *testing.B) {
	a := newApp(b, newFakeAPI(b, nil), time.Second, 100)
	r := httptest.NewRequest("GET", "/weather?latitude=52.52&longitude=13.41&city_name=Berlin", nil)
	a.h.ServeHTTP(httptest.NewRecorder(), r) // fill the cache
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		a.h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("GET /weather status = %d", w.Code)
		}
	}
}
