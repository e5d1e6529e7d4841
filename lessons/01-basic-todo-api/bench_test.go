package main

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkListTodos measures GET /todos with 100 todos through the whole
// handler stack (logging middleware, mux, JSON encoding).
func BenchmarkListTodos(b *testing.B) {
	h := newHandler(b)
	for i := range 100 {
		create(b, h, fmt.Sprintf(`{"title":"Todo %d","description":"Description %d"}`, i+1, i+1))
	}
	r := httptest.NewRequest("GET", "/todos", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("GET /todos status = %d", w.Code)
		}
	}
}

// BenchmarkCreateTodo measures POST /todos through the whole handler stack,
// into a store without a practical limit: it measures creating, not the 507.
func BenchmarkCreateTodo(b *testing.B) {
	h := newHandlerOver(b, NewStore(math.MaxInt))
	const body = `{"title":"Buy groceries","description":"Milk, eggs, bread"}`
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/todos", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusCreated {
			b.Fatalf("POST /todos status = %d", w.Code)
		}
	}
}
