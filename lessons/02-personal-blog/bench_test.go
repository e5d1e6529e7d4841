package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkCreatePost measures POST /posts through the whole handler stack
// into a SQLite file (WAL, synchronous=NORMAL).
func BenchmarkCreatePost(b *testing.B) {
	h := newHandler(b)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		body := fmt.Sprintf(`{"title":"Post number %d","content":"Some content for the post."}`, i)
		r := httptest.NewRequest("POST", "/posts", strings.NewReader(body))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusCreated {
			b.Fatalf("POST /posts status = %d: %s", w.Code, w.Body)
		}
	}
}

// BenchmarkGetPost measures GET /posts/{slug} through the whole stack.
func BenchmarkGetPost(b *testing.B) {
	h := newHandler(b)
	create(b, h, `{"title":"Hello World","content":"`+strings.Repeat("text ", 200)+`"}`)
	r := httptest.NewRequest("GET", "/posts/hello-world", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("GET /posts/hello-world status = %d", w.Code)
		}
	}
}
